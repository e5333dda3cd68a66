package io.privkit.dp.sgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.ArgumentProblem;
import io.privkit.common.InvalidArgumentsException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DpSgdConfigTest {

    private static List<String> inputs(InvalidArgumentsException e) {
        return e.problems().stream().map(ArgumentProblem::input).toList();
    }

    @Test
    void build_manyProblems_reportsEveryOneAtOnce() {
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class,
                () -> DpSgdConfig.builder().clippingNorm(0.0).delta(2.0).build());
        assertEquals(List.of("noise", "delta", "clippingNorm", "batch", "length"), inputs(e));
        assertTrue(e.getMessage().startsWith("DpSgdConfig has 5 problems:"), e.getMessage());
        assertTrue(e.getMessage().contains("clippingNorm must be a finite number > 0; got 0.0. Pick the per-example L2 bound C"),
                e.getMessage());
    }

    @Test
    void build_invalidValuesInSetters_reportedWithTheRest() {
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class,
                () -> DpSgdConfig.builder().noiseMultiplier(-1).expectedBatchSize(0).epochs(0).clippingNorm(1).build());
        assertEquals(List.of("noiseMultiplier", "expectedBatchSize", "epochs", "delta"), inputs(e));
    }

    @Test
    void build_noiseMultiplierAndTargetEpsilon_refused() {
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class,
                () -> DpSgdConfig.builder().noiseMultiplier(1.0).targetEpsilon(3.0).delta(1e-5).clippingNorm(1)
                        .expectedBatchSize(10).steps(10).build());
        assertEquals("noise must be set once; got \"noiseMultiplier 1.0 and targetEpsilon 3.0\". "
                + "Give either a noise multiplier or a target epsilon, not both.", e.getMessage());
    }

    @Test
    void build_clippingNormInfinite_refused() {
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class,
                () -> DpSgdConfig.builder().noiseMultiplier(1.0).delta(1e-5).clippingNorm(Double.POSITIVE_INFINITY)
                        .expectedBatchSize(10).steps(10).build());
        assertEquals(List.of("clippingNorm"), inputs(e));
    }

    @Test
    void plan_epochs_stepsFromNominalRate() {
        DpSgdPlan plan = DpSgdConfig.builder().noiseMultiplier(1.0).delta(1e-5).clippingNorm(1).expectedBatchSize(256)
                .epochs(3).build().plan(60_000, new DpSgdRunTest.RecordingModel(10), new TestAccounting());
        assertEquals((long) Math.ceil(3 * 60_000 / 256.0), plan.steps());
        assertTrue(plan.samplingRate() >= 256.0 / 60_000);
        assertEquals(60_000 * plan.samplingRate(), plan.expectedBatchSize(), 0.0);
        assertEquals(DpSgdPlan.NoiseOrigin.GIVEN, plan.noiseOrigin());
    }

    @Test
    void plan_batchLargerThanDataAndUnreachableTarget_reported() {
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class,
                () -> DpSgdConfig.builder().noiseMultiplier(1.0).delta(1e-5).clippingNorm(1).expectedBatchSize(500).steps(10)
                        .build().plan(100, new DpSgdRunTest.RecordingModel(10), new TestAccounting()));
        assertEquals("expectedBatchSize must be at most the number of examples (100); got 500. Use a smaller batch, or more data.",
                e.getMessage());
        InvalidArgumentsException t = assertThrows(InvalidArgumentsException.class,
                () -> DpSgdConfig.builder().targetEpsilon(1e-6).delta(1e-5).clippingNorm(1).expectedBatchSize(10).steps(10)
                        .build().plan(100, new DpSgdRunTest.RecordingModel(10), new TestAccounting()));
        assertTrue(t.getMessage().startsWith("targetEpsilon must be reachable with 10 steps at sampling rate "), t.getMessage());
    }

    @Test
    void plan_targetEpsilon_calibratedNeverAboveTarget() {
        DpSgdPlan plan = DpSgdConfig.builder().targetEpsilon(2.0).delta(1e-5).clippingNorm(1).expectedBatchSize(10).steps(50)
                .build().plan(1000, new DpSgdRunTest.RecordingModel(10), new TestAccounting());
        assertEquals(DpSgdPlan.NoiseOrigin.CALIBRATED, plan.noiseOrigin());
        assertTrue(plan.plannedEpsilon() <= 2.0, "planned " + plan.plannedEpsilon());
    }
}
