package io.privkit.dp.sgd;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import java.nio.file.Path;

/**
 * How a DP-SGD run is carried out, beyond what it computes ({@link DpSgdConfig}): where its
 * randomness comes from, the ledger that records each step's spend, the accountant, checkpoints
 * and a progress callback. Start from {@link #withDefaults()} and add what you need:
 * <pre>{@code
 * DpSgdOptions.withDefaults().with(ledgerGate).with(DpSgdOptions.Checkpoints.every(500, dir))
 * }</pre>
 *
 * @param randomness  sampling and noise randomness; secure by default. A seeded source makes the
 *                    run reproducible and gives no privacy; the evidence says so
 * @param gate        the ledger that records each step's spend before it is applied; none by default
 * @param accounting  the accountant; {@code null} means the one the config names
 * @param checkpoints where and how often to save the model and the run's privacy state; may be null
 * @param listener    called after every step; may be null
 */
public record DpSgdOptions(Randomness randomness, PrivacyGate gate, DpSgdAccounting accounting, Checkpoints checkpoints,
                           StepListener listener) {

    public DpSgdOptions {
        Checks.requireNonNull(randomness, "randomness");
        Checks.requireNonNull(gate, "gate");
    }

    /** Secure randomness, no ledger, the config's accountant, no checkpoints, no listener. */
    public static DpSgdOptions withDefaults() {
        return new DpSgdOptions(Randomness.secure(), PrivacyGate.none(), null, null, null);
    }

    /** With this randomness. */
    public DpSgdOptions with(Randomness r) {
        return new DpSgdOptions(r, gate, accounting, checkpoints, listener);
    }

    /** With this ledger gate. */
    public DpSgdOptions with(PrivacyGate g) {
        return new DpSgdOptions(randomness, g, accounting, checkpoints, listener);
    }

    /** With this accountant. */
    public DpSgdOptions with(DpSgdAccounting a) {
        return new DpSgdOptions(randomness, gate, Checks.requireNonNull(a, "accounting"), checkpoints, listener);
    }

    /** With checkpoints. */
    public DpSgdOptions with(Checkpoints c) {
        return new DpSgdOptions(randomness, gate, accounting, Checks.requireNonNull(c, "checkpoints"), listener);
    }

    /** With a progress listener. */
    public DpSgdOptions with(StepListener l) {
        return new DpSgdOptions(randomness, gate, accounting, checkpoints, Checks.requireNonNull(l, "listener"));
    }

    /**
     * Where and how often to checkpoint.
     *
     * @param everySteps save after every this many steps (and at the end)
     * @param directory  the folder for the model and its privacy state (replaced atomically)
     */
    public record Checkpoints(long everySteps, Path directory) {
        public Checkpoints {
            Checks.requirePositive(everySteps, "checkpoints.everySteps");
            Checks.requireNonNull(directory, "checkpoints.directory");
        }

        /** A checkpoint every {@code steps} steps in {@code directory}. */
        public static Checkpoints every(long steps, Path directory) {
            return new Checkpoints(steps, directory);
        }
    }

    /** Called after each step, e.g. to evaluate on held-out data at epoch boundaries. */
    @FunctionalInterface
    public interface StepListener {
        /**
         * @param run the run, after its step; {@link DpSgdRun#stepsApplied()} counts steps so far
         */
        void afterStep(DpSgdRun run);
    }
}
