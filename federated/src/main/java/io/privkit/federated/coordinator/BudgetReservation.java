package io.privkit.federated.coordinator;

import io.privkit.dp.accounting.DpEvent;

/**
 * Reserves the privacy cost of a release, durably, before the release happens: the coordinator calls
 * it with each round's {@link DpEvent} after the noisy aggregate is computed and before the new
 * model is published or checkpointed. A refusal (an {@link IllegalStateException}, such as the
 * ledger's budget-exceeded exception) stops the run: that round's model is never released.
 *
 * <p>Wire dp-core's privacy ledger in with {@code (label, event) -> ledger.reserve(label, event).id()}.
 */
@FunctionalInterface
public interface BudgetReservation {

    /**
     * Reserves {@code event} under {@code label}; returns the reservation's id.
     *
     * @throws IllegalStateException when the budget would be exceeded (nothing is reserved then)
     */
    String reserve(String label, DpEvent event);

    /** No ledger: nothing is reserved (the run's epsilon is still accounted and reported). */
    static BudgetReservation none() {
        return (label, event) -> "";
    }
}
