package io.privkit.dp.sgd;

import io.privkit.dp.accounting.DpEvent;

/**
 * Where a DP-SGD run records each step's privacy spend before the step's noisy update is applied:
 * a durable budget ledger, which refuses a step that would exceed the budget.
 *
 * <p>Implementations are thread-safe or used by one run at a time.
 */
public interface PrivacyGate {

    /**
     * Records the spend of step {@code stepIndex} (0-based) of run {@code runId} durably, or refuses it.
     *
     * @throws IllegalStateException (a budget-exceeded exception) when the budget would be
     *                               exceeded; nothing is recorded then
     */
    void reserve(String runId, DpEvent stepEvent, long stepIndex);

    /**
     * How many steps of run {@code runId} this gate has recorded, or -1 when it does not keep
     * count. A resumed run accounts for every recorded step, including steps whose update was lost
     * in a crash after the reservation (counting them errs towards more privacy loss).
     */
    default long recordedSteps(String runId) {
        return -1;
    }

    /**
     * Checks, before any training, that the whole plan fits in the remaining budget (for a resumed
     * run, the steps it has left).
     *
     * @param plan  the run's plan
     * @param runId the run's id when resuming, or {@code null} for a new run
     * @throws io.privkit.common.InvalidArgumentsException when the plan would overspend the budget
     */
    default void check(DpSgdPlan plan, String runId) {
    }

    /** A gate that records nothing (no ledger). */
    static PrivacyGate none() {
        return (runId, step, index) -> { };
    }
}
