package io.privkit.dp.ledger;

import io.privkit.common.Checks;
import io.privkit.dp.accounting.DpEvent;
import io.privkit.dp.accounting.RenyiCost;
import java.time.Instant;

/**
 * One recorded spend.
 *
 * @param seq         its place in the ledger, from 0
 * @param createdAt   when it was committed
 * @param label       what it was for
 * @param event       the privacy event, as stored (re-account it with any tool)
 * @param cost        its cost in the filter's terms, as stored
 * @param spentBefore the ledger's ε before it
 * @param spentAfter  the ledger's ε after it
 * @param entryHash   its hash in the chain (hex SHA-256)
 */
public record LedgerEntry(long seq, Instant createdAt, String label, DpEvent event, RenyiCost cost, double spentBefore,
                          double spentAfter, String entryHash) {
    public LedgerEntry {
        Checks.requireNonNegative(seq, "seq");
        Checks.requireNonNull(createdAt, "createdAt");
        Checks.requireNonNull(label, "label");
        Checks.requireNonNull(event, "event");
        Checks.requireNonNull(cost, "cost");
        Checks.requireNonBlank(entryHash, "entryHash");
    }
}
