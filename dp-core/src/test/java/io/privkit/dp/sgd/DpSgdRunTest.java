package io.privkit.dp.sgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.dp.accounting.DpEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

/** The DP-SGD loop's mechanics on a recording model. */
public class DpSgdRunTest {

    /** Records what the engine asks of it; its "gradient" of example i is the unit vector e_(i mod d). */
    public static final class RecordingModel implements PrivateGradientModel {
        final int dimension;
        final List<String> calls = new ArrayList<>();
        final List<int[]> chunks = new ArrayList<>();
        double[] sum;
        double[] lastApplied;
        double lastNormaliser;

        RecordingModel(int dimension) {
            this.dimension = dimension;
        }

        @Override
        public int parameterCount() {
            return dimension;
        }

        @Override
        public void beginStep() {
            calls.add("begin");
            sum = new double[dimension];
        }

        @Override
        public void addClippedGradients(int[] examples, double clippingNorm) {
            calls.add("add " + examples.length);
            chunks.add(examples);
            for (int i : examples) {
                sum[i % dimension] += Math.min(1.0, clippingNorm);
            }
        }

        @Override
        public void applyNoisyStep(GradientNoise noise, double normaliser) {
            calls.add("apply");
            double[] v = sum.clone();
            noise.addNoise(v);
            lastApplied = v;
            lastNormaliser = normaliser;
        }
    }

    static DpSgdConfig.Builder config() {
        return DpSgdConfig.builder().noiseMultiplier(1.0).delta(1e-5).clippingNorm(1.0);
    }

    @Test
    void step_poisson_addsClippedChunksThenReservesThenApplies() {
        DpSgdPlan plan = config().samplingRate(1.0).steps(5).maxPhysicalBatchSize(3).build().plan(10, new DpSgdRunTest.RecordingModel(7), new TestAccounting());
        RecordingModel model = new RecordingModel(7);
        List<String> order = new ArrayList<>();
        PrivacyGate gate = (runId, event, index) -> {
            order.addAll(model.calls);
            order.add("reserve " + index);
            model.calls.clear();
        };
        DpSgdRun run = DpSgdRun.start(plan, Randomness.insecureSeeded(1), gate);
        run.step(model);
        order.addAll(model.calls);
        assertEquals(List.of("begin", "add 3", "add 3", "add 3", "add 1", "reserve 0", "apply"), order);
        assertEquals(10.0, model.lastNormaliser, 0.0, "normaliser is the expected batch size n q");
        assertEquals(1, run.stepsReserved());
        assertEquals(1, run.stepsApplied());
    }

    @Test
    void step_gateRefuses_updateNotAppliedAndStepNotCounted() {
        DpSgdPlan plan = config().expectedBatchSize(4).steps(5).build().plan(100, new DpSgdRunTest.RecordingModel(3), new TestAccounting());
        RecordingModel model = new RecordingModel(3);
        PrivacyGate refusing = (runId, event, index) -> {
            if (index == 2) {
                throw new IllegalStateException("budget exceeded");
            }
        };
        DpSgdRun run = DpSgdRun.start(plan, Randomness.insecureSeeded(2), refusing);
        run.step(model);
        run.step(model);
        model.calls.clear();
        assertThrows(IllegalStateException.class, () -> run.step(model));
        assertFalse(model.calls.contains("apply"), model.calls.toString());
        assertEquals(2, run.stepsReserved());
        assertEquals(2, run.stepsApplied());
    }

    @Test
    void step_tinySamplingRate_emptyBatchStillAddsNoise() {
        DpSgdPlan plan = config().samplingRate(1e-9).steps(5).build().plan(5, new DpSgdRunTest.RecordingModel(4), new TestAccounting());
        RecordingModel model = new RecordingModel(4);
        DpSgdRun run = DpSgdRun.start(plan, Randomness.insecureSeeded(3), PrivacyGate.none());
        run.step(model);
        assertEquals(List.of("begin", "apply"), model.calls);
        double moved = 0;
        for (double v : model.lastApplied) {
            moved += Math.abs(v);
        }
        assertTrue(moved > 0, "noise was added to the empty sum");
    }

    @Test
    void step_afterAllPlannedSteps_refused() {
        DpSgdPlan plan = config().expectedBatchSize(4).steps(2).build().plan(20, new DpSgdRunTest.RecordingModel(2), new TestAccounting());
        RecordingModel model = new RecordingModel(2);
        DpSgdRun run = DpSgdRun.start(plan, Randomness.insecureSeeded(4), PrivacyGate.none());
        run.step(model);
        run.step(model);
        assertTrue(run.finished());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run.step(model));
        assertTrue(e.getMessage().startsWith("the run has done all 2 planned steps"), e.getMessage());
    }

    @Test
    void resume_countsStepsTheGateRecordedBeyondTheCheckpoint() {
        DpSgdPlan plan = config().expectedBatchSize(4).steps(10).build().plan(50, new DpSgdRunTest.RecordingModel(3), new TestAccounting());
        RecordingModel model = new RecordingModel(3);
        DpSgdRun run = DpSgdRun.start(plan, Randomness.insecureSeeded(5), PrivacyGate.none());
        run.step(model);
        run.step(model);
        DpSgdRunState checkpoint = run.state();
        assertEquals(2, checkpoint.stepsApplied());
        // The crashed process reserved 3 more steps after the checkpoint; the ledger knows.
        PrivacyGate ledger = new PrivacyGate() {
            @Override
            public void reserve(String runId, DpEvent stepEvent, long stepIndex) {
            }

            @Override
            public long recordedSteps(String runId) {
                return runId.equals(checkpoint.runId()) ? 5 : 0;
            }
        };
        DpSgdRun resumed = DpSgdRun.resume(plan, checkpoint, Randomness.insecureSeeded(6), ledger);
        assertEquals(checkpoint.runId(), resumed.runId());
        assertEquals(5, resumed.stepsReserved(), "accounts the lost steps too");
        assertEquals(2, resumed.stepsApplied());
        int more = 0;
        while (!resumed.finished()) {
            resumed.step(model);
            more++;
        }
        assertEquals(5, more, "only the plan's remaining steps run");
    }

    @Test
    void resume_otherPlan_refused() {
        DpSgdPlan plan = config().expectedBatchSize(4).steps(5).build().plan(50, new DpSgdRunTest.RecordingModel(3), new TestAccounting());
        DpSgdPlan other = config().expectedBatchSize(4).steps(5).clippingNorm(2.0).build().plan(50, new DpSgdRunTest.RecordingModel(3), new TestAccounting());
        DpSgdRunState state = DpSgdRun.start(plan, Randomness.insecureSeeded(7), PrivacyGate.none()).state();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DpSgdRun.resume(other, state, Randomness.insecureSeeded(8), PrivacyGate.none()));
        assertTrue(e.getMessage().startsWith("checkpoint planFingerprint must be the plan's fingerprint"), e.getMessage());
    }

    @Test
    void step_shuffled_fixedSizeBatchesAndNormaliser() {
        DpSgdPlan plan = config().sampling(DpSgdConfig.BatchSampling.SHUFFLED).expectedBatchSize(4).steps(3).build()
                .plan(10, new DpSgdRunTest.RecordingModel(2), new TestAccounting());
        RecordingModel model = new RecordingModel(2);
        DpSgdRun run = DpSgdRun.start(plan, Randomness.insecureSeeded(9), PrivacyGate.none());
        for (int i = 0; i < 3; i++) {
            run.step(model);
        }
        assertTrue(model.chunks.stream().allMatch(c -> c.length == 4));
        assertEquals(4.0, model.lastNormaliser, 0.0);
    }
}
