package io.privkit.dp.sgd;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.common.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * The DP-SGD loop (Abadi et al., "Deep Learning with Differential Privacy", CCS 2016, Algorithm 1)
 * over any {@link PrivateGradientModel}. Each {@link #step}:
 * <ol>
 *   <li>draws the batch: Poisson sampling from the run's secure randomness (variable size,
 *       possibly empty) or the next shuffled fixed-size batch;</li>
 *   <li>has the model add the clipped per-example gradients, in physical batches of at most
 *       {@code maxPhysicalBatchSize} examples whose sums add up (virtual batches);</li>
 *   <li>records the step's privacy spend with the {@link PrivacyGate} (the durable ledger), which
 *       may refuse it: then nothing is applied;</li>
 *   <li>has the model add one Gaussian noise draw to the clipped sum, divide by the public
 *       expected batch size and apply its optimiser.</li>
 * </ol>
 * The noise is dp-core's secure vector Gaussian ({@link SecureGradientNoise}), created once per run
 * and keyed from the run's randomness.
 *
 * <p><b>Restarts.</b> {@link #state()} is the privacy state to save with each model checkpoint;
 * {@link #resume} continues the same run (same run id, same plan) from it. A resumed run counts
 * every step the gate recorded, even one whose update was lost in a crash, so its epsilon never
 * falls below the truth; it runs only the steps the plan has left.
 *
 * <p>Not thread-safe: one run drives one model.
 */
public final class DpSgdRun {
    private final DpSgdPlan plan;
    private final String runId;
    private final Randomness samplingRandomness;
    private final Randomness noiseRandomness;
    private final PrivacyGate gate;
    private final PoissonSampler poisson;
    private final ShuffledBatches shuffled;
    private SecureGradientNoise noise;
    private long stepsReserved;
    private long stepsApplied;

    private DpSgdRun(DpSgdPlan plan, String runId, Randomness randomness, PrivacyGate gate, long stepsReserved,
                     long stepsApplied) {
        this.plan = plan;
        this.runId = runId;
        this.samplingRandomness = randomness.derive("dp-sgd/sampling/" + runId + "/" + stepsReserved);
        this.noiseRandomness = randomness.derive("dp-sgd/noise/" + runId + "/" + stepsReserved);
        this.gate = gate;
        if (plan.sampling() == DpSgdConfig.BatchSampling.POISSON) {
            this.poisson = PoissonSampler.of(plan.datasetSize(), plan.samplingRate());
            this.shuffled = null;
        } else {
            this.poisson = null;
            this.shuffled = ShuffledBatches.of(plan.datasetSize(), (int) plan.expectedBatchSize());
        }
        this.stepsReserved = stepsReserved;
        this.stepsApplied = stepsApplied;
    }

    /**
     * A new run of {@code plan}.
     *
     * @param randomness sampling and noise randomness: {@link Randomness#secure()} in production
     * @param gate       the ledger, or {@link PrivacyGate#none()}
     */
    public static DpSgdRun start(DpSgdPlan plan, Randomness randomness, PrivacyGate gate) {
        Checks.requireNonNull(plan, "plan");
        Checks.requireNonNull(randomness, "randomness");
        Checks.requireNonNull(gate, "gate");
        String runId = randomness.isInsecure()
                ? new UUID(randomness.derive("dp-sgd/run-id").nextLong(), randomness.derive("dp-sgd/run-id-2").nextLong()).toString()
                : UUID.randomUUID().toString();
        return new DpSgdRun(plan, runId, randomness, gate, 0, 0);
    }

    /**
     * Continues a run from a checkpoint's privacy state.
     *
     * @throws IllegalArgumentException when the state belongs to another plan
     */
    public static DpSgdRun resume(DpSgdPlan plan, DpSgdRunState state, Randomness randomness, PrivacyGate gate) {
        Checks.requireNonNull(plan, "plan");
        Checks.requireNonNull(state, "state");
        Checks.requireNonNull(randomness, "randomness");
        Checks.requireNonNull(gate, "gate");
        String fingerprint = fingerprint(plan);
        if (!fingerprint.equals(state.planFingerprint())) {
            throw Checks.argument("checkpoint planFingerprint").mustBe("the plan's fingerprint " + fingerprint)
                    .got(state.planFingerprint())
                    .fix("Resume with the same DpSgdConfig and the same training data size as the checkpointed run.").exception();
        }
        long recorded = Math.max(state.stepsReserved(), gate.recordedSteps(state.runId()));
        return new DpSgdRun(plan, state.runId(), randomness, gate, recorded, state.stepsApplied());
    }

    /** The plan this run follows. */
    public DpSgdPlan plan() {
        return plan;
    }

    /** The run's identifier (the ledger label of its spends). */
    public String runId() {
        return runId;
    }

    /** Steps whose privacy spend was recorded (what the run's epsilon accounts for). */
    public long stepsReserved() {
        return stepsReserved;
    }

    /** Steps whose update was applied to the model since the run started or was resumed, plus those before. */
    public long stepsApplied() {
        return stepsApplied;
    }

    /** Whether every planned step has been reserved. */
    public boolean finished() {
        return stepsReserved >= plan.steps();
    }

    /** The privacy state to save with a model checkpoint. */
    public DpSgdRunState state() {
        return new DpSgdRunState(runId, fingerprint(plan), stepsReserved, stepsApplied);
    }

    /** The noise actually added per coordinate, once the first step has run; NaN before. */
    public double noiseStandardDeviation() {
        return noise == null ? Double.NaN : noise.standardDeviation();
    }

    /**
     * Runs one step on {@code model}.
     *
     * @throws IllegalStateException when the run is finished, or the gate refused the step (then
     *                               the model's parameters are unchanged)
     */
    public void step(PrivateGradientModel model) {
        Checks.requireNonNull(model, "model");
        if (finished()) {
            throw new IllegalStateException("the run has done all " + plan.steps() + " planned steps; "
                    + "plan a new run to train further (it spends more privacy)");
        }
        if (model.parameterCount() != plan.dimension()) {
            throw Checks.argument("model parameterCount").mustBe("the plan's dimension " + plan.dimension())
                    .got(model.parameterCount()).fix("Plan the run for this model.").exception();
        }
        if (noise == null) {
            noise = SecureGradientNoise.create(plan, noiseRandomness);
        }
        int[] batch = poisson != null ? poisson.next(samplingRandomness) : shuffled.next(samplingRandomness);
        model.beginStep();
        int physical = plan.config().maxPhysicalBatchSize();
        for (int from = 0; from < batch.length; from += physical) {
            model.addClippedGradients(Arrays.copyOfRange(batch, from, Math.min(batch.length, from + physical)), plan.clippingNorm());
        }
        gate.reserve(runId, plan.stepEvent(), stepsReserved);
        stepsReserved++;
        model.applyNoisyStep(noise, plan.expectedBatchSize());
        stepsApplied++;
    }

    /** The SHA-256 of the plan's numbers that fix the privacy account. */
    static String fingerprint(DpSgdPlan plan) {
        String s = "dp-sgd-plan/v1;n=" + plan.datasetSize() + ";sigma=" + Double.toHexString(plan.noiseMultiplier())
                + ";C=" + Double.toHexString(plan.clippingNorm()) + ";q=" + Double.toHexString(plan.samplingRate())
                + ";steps=" + plan.steps() + ";delta=" + Double.toHexString(plan.delta()) + ";sampling=" + plan.sampling()
                + ";batch=" + Double.toHexString(plan.expectedBatchSize()) + ";d=" + plan.dimension();
        return Sha256.of(s.getBytes(StandardCharsets.UTF_8)).hex();
    }
}
