package io.privkit.dp.ledger;

import java.util.List;

/**
 * The result of {@link PrivacyLedger#verify()}.
 *
 * @param intact         whether every check passed
 * @param entriesChecked how many entries were checked
 * @param problems       what is wrong, one line each, naming the entry
 */
public record LedgerVerification(boolean intact, long entriesChecked, List<String> problems) {
    public LedgerVerification {
        problems = List.copyOf(problems);
    }
}
