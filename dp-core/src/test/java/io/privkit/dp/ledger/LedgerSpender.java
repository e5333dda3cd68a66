package io.privkit.dp.ledger;

import io.privkit.dp.accounting.DpEvent;

/**
 * A child process for the crash and multi-process tests: opens a ledger and spends in a loop,
 * printing "ok SEQ" after each committed spend and "refused" after each refusal, flushing each line
 * so the parent knows exactly which spends were acknowledged.
 *
 * <p>Arguments: the ledger's JDBC URL, the number of spends (0 for until killed), and the Laplace
 * noise multiplier of each spend.
 */
public final class LedgerSpender {
    private LedgerSpender() {
    }

    public static void main(String[] args) {
        LedgerLocation location = LedgerLocation.parse(args[0]);
        long count = Long.parseLong(args[1]);
        double multiplier = Double.parseDouble(args[2]);
        try (PrivacyLedger ledger = PrivacyLedger.open(location)) {
            System.out.println("ready");
            System.out.flush();
            for (long i = 0; count == 0 || i < count; i++) {
                try {
                    LedgerEntry e = ledger.reserve("child spend " + i, DpEvent.laplace(multiplier));
                    System.out.println("ok " + e.seq());
                } catch (BudgetExceededException refused) {
                    System.out.println("refused");
                }
                System.out.flush();
            }
        }
    }
}
