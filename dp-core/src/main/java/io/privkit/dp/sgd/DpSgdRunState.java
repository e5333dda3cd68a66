package io.privkit.dp.sgd;

import io.privkit.common.Checks;

/**
 * The privacy state of a DP-SGD run, saved with each checkpoint so that a restarted run continues
 * the same privacy account instead of starting a new one.
 *
 * @param runId           the run's identifier (also the ledger label of its spends)
 * @param planFingerprint SHA-256 of the plan's numbers, so a checkpoint cannot be resumed under
 *                        another plan
 * @param stepsReserved   steps whose privacy spend was recorded
 * @param stepsApplied    steps whose noisy update the saved model contains
 */
public record DpSgdRunState(String runId, String planFingerprint, long stepsReserved, long stepsApplied) {
    public DpSgdRunState {
        Checks.requireNonBlank(runId, "runId");
        Checks.requireNonBlank(planFingerprint, "planFingerprint");
        Checks.requireNonNegative(stepsApplied, "stepsApplied");
        if (stepsReserved < stepsApplied) {
            throw Checks.argument("stepsReserved").mustBe("at least stepsApplied (" + stepsApplied + ")").got(stepsReserved)
                    .fix("Every applied step must have been reserved first; the checkpoint is damaged.").exception();
        }
    }
}
