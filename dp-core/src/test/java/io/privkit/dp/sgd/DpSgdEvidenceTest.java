package io.privkit.dp.sgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.InvalidArgumentsException;
import io.privkit.common.Randomness;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.PrivacyBudgetEvidence;
import io.privkit.evidence.PrivacyBudgetEvidence.SamplingScheme;
import io.privkit.evidence.Subject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Evidence records from DP-SGD runs, with dp-core's real PLD accountant. */
class DpSgdEvidenceTest {

    private static DpSgdResult run(DpSgdConfig config, int n, int dim, long seed) {
        DpSgdPlan plan = config.plan(n, new DpSgdRunTest.RecordingModel(dim), DpSgdAccounting.of(config.accountant()));
        DpSgdRunTest.RecordingModel model = new DpSgdRunTest.RecordingModel(dim);
        DpSgdRun run = DpSgdRun.start(plan, Randomness.insecureSeeded(seed), PrivacyGate.none());
        while (!run.finished()) {
            run.step(model);
        }
        return DpSgdResult.of(run, DpSgdAccounting.of(config.accountant()), Randomness.insecureSeeded(seed).describe(),
                "test model", List.of("test"));
    }

    @Test
    void build_poissonRun_recordsMechanismSamplingAndTheAccountantsEpsilon() {
        DpSgdConfig config = DpSgdConfig.builder().targetEpsilon(2.0).delta(1e-5).clippingNorm(0.5).expectedBatchSize(100)
                .epochs(2).build();
        DpSgdResult result = run(config, 10_000, 50, 1);
        assertTrue(result.epsilon() <= 2.0, "epsilon " + result.epsilon());
        PrivacyBudgetEvidence e = DpSgdEvidence.of(result).subject(Subject.system("Test system"))
                .utility("test-accuracy", 0.8).nonPrivateBaseline(0.9).build();
        assertEquals(result.epsilon(), e.epsilon(), 0.0);
        assertEquals(1e-5, e.delta(), 0.0);
        assertEquals(SamplingScheme.POISSON, e.sampling().implemented());
        assertEquals(SamplingScheme.POISSON, e.sampling().accountedAs());
        assertEquals(result.plan().samplingRate(), e.sampling().samplingRate(), 0.0);
        assertEquals(200, e.sampling().steps());
        assertEquals(result.plan().noiseMultiplier(), e.mechanism().noiseMultiplier(), 0.0);
        assertEquals(0.5, e.mechanism().clipNorm(), 0.0);
        assertTrue(e.implementationHygiene().fixedSeed(), "a seeded run says so");
        assertTrue(e.header().limitations().stream().anyMatch(l -> l.contains("gives no privacy")));
        assertEquals(PrivacyBudgetEvidence.AccountantKind.PLD, e.accounting().accountant());
        assertEquals("self-composed", e.dpEventTree().kind());
        assertTrue(e.privacyProfile().size() >= 5);
        assertEquals(0.9, e.utility().nonPrivateBaseline(), 0.0);
        // Round trip through the published schema.
        assertEquals(e, EvidenceJson.read(EvidenceJson.write(e)));
    }

    @Test
    void build_shuffledRun_accountedWithoutAmplification() {
        DpSgdConfig config = DpSgdConfig.builder().noiseMultiplier(20.0).delta(1e-5).clippingNorm(1.0).expectedBatchSize(100)
                .steps(10).sampling(DpSgdConfig.BatchSampling.SHUFFLED).build();
        DpSgdResult result = run(config, 1000, 10, 2);
        PrivacyBudgetEvidence e = DpSgdEvidence.of(result).subject(Subject.system("Test system")).build();
        assertEquals(SamplingScheme.SHUFFLE, e.sampling().implemented());
        assertEquals(SamplingScheme.NO_AMPLIFICATION, e.sampling().accountedAs());
        // Without amplification ten steps at sigma 20 cost more than ten Poisson steps at rate 0.1 would.
        DpSgdConfig poisson = DpSgdConfig.builder().noiseMultiplier(20.0).delta(1e-5).clippingNorm(1.0).expectedBatchSize(100)
                .steps(10).build();
        assertTrue(e.epsilon() > run(poisson, 1000, 10, 3).epsilon());
    }

    @Test
    void build_noSubject_refused() {
        DpSgdConfig config = DpSgdConfig.builder().noiseMultiplier(1.0).delta(1e-5).clippingNorm(1.0).expectedBatchSize(10)
                .steps(2).build();
        InvalidArgumentsException ex = assertThrows(InvalidArgumentsException.class, () -> DpSgdEvidence.of(run(config, 100, 5, 4)).build());
        assertTrue(ex.getMessage().startsWith("subject must be given"), ex.getMessage());
    }
}
