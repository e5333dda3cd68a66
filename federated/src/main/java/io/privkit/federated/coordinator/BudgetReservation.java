package io.privkit.federated.coordinator;

import io.privkit.common.Checks;
import io.privkit.dp.accounting.DpEvent;
import io.privkit.dp.ledger.LedgerEntry;
import io.privkit.dp.ledger.PrivacyLedger;

/**
 * Reserves the privacy cost of a release, durably, before the release happens: the coordinator calls
 * it with each round's {@link DpEvent} after the noisy aggregate is computed and before the new
 * model is published or checkpointed. A refusal (an {@link IllegalStateException}, such as the
 * ledger's budget-exceeded exception) stops the run: that round's model is never released.
 *
 * <p>{@link #ledger(PrivacyLedger)} reserves in dp-core's durable {@link PrivacyLedger}: the spend
 * is committed to the ledger's database before the coordinator publishes or checkpoints the round's
 * model, and {@code BudgetExceededException} (an {@link IllegalStateException}) refuses it.
 */
@FunctionalInterface
public interface BudgetReservation {

    /**
     * Reserves {@code event} under {@code label}; returns the reservation's id.
     *
     * @throws IllegalStateException when the budget would be exceeded (nothing is reserved then)
     */
    String reserve(String label, DpEvent event);

    /**
     * Reserves in a privacy ledger; the reservation id is {@code ledgerId#seq}. The ledger composes
     * the rounds with its own (filter) accountant, which may charge more than the run's reported
     * PLD epsilon: the price of allowing adaptively chosen spends.
     */
    static BudgetReservation ledger(PrivacyLedger ledger) {
        Checks.requireNonNull(ledger, "ledger");
        return (label, event) -> {
            LedgerEntry e = ledger.reserve(label, event);
            return ledger.ledgerId() + "#" + e.seq();
        };
    }

    /** No ledger: nothing is reserved (the run's epsilon is still accounted and reported). */
    static BudgetReservation none() {
        return (label, event) -> "";
    }
}
