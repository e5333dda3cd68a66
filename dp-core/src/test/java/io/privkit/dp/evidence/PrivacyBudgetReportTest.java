package io.privkit.dp.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.dp.accounting.DpEvent;
import io.privkit.dp.accounting.PrivacyAccountant;
import io.privkit.dp.accounting.PrivacyGuarantee;
import io.privkit.dp.ledger.LedgerConfig;
import io.privkit.dp.ledger.LedgerEntry;
import io.privkit.dp.ledger.LedgerLocation;
import io.privkit.dp.ledger.PrivacyLedger;
import io.privkit.dp.noise.LaplaceNoise;
import io.privkit.dp.noise.VectorGaussianNoise;
import io.privkit.evidence.EvidenceHeader;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.PrivacyBudgetEvidence;
import io.privkit.evidence.PrivacyBudgetEvidence.SamplingScheme;
import io.privkit.evidence.PrivacyBudgetEvidence.UnitKind;
import io.privkit.evidence.Subject;
import io.privkit.evidence.Verdict;
import io.privkit.evidence.measure.MeasureId;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivacyBudgetReportTest {
    @TempDir
    Path dir;

    private static EvidenceHeader.Builder header() {
        return EvidenceHeader.builder().subject(Subject.system("Loan approvals")).supports(MeasureId.DP_TRAINING)
                .verdict(Verdict.INFORMATIONAL);
    }

    @Test
    void dpSgdRun_fullRecord_validatesAgainstPublishedSchema_andCarriesEveryDpiaField() throws Exception {
        Randomness noise = Randomness.insecureSeeded(5);
        VectorGaussianNoise source = VectorGaussianNoise.create(1.1, 1.0, 50_000, noise);
        DpEvent run = source.eventForPoissonStep(0.01).selfComposed(3000);
        PrivacyGuarantee g = PrivacyAccountant.pld().account(run);
        LedgerEntry entry;
        try (PrivacyLedger ledger = PrivacyLedger.create(LedgerLocation.sqlite(dir.resolve("l.db")),
                LedgerConfig.builder().name("loans").epsilon(8).delta(1e-5).build())) {
            entry = ledger.reserve("training run", run);
            PrivacyBudgetEvidence record = PrivacyBudgetReport.builder()
                    .header(header())
                    .guarantee(g, 1e-5)
                    .implementedSampling(SamplingScheme.POISSON)
                    .batches(50L, 30.0)
                    .privacyUnit(UnitKind.RECORD, null)
                    .contributionBound(1L, "one row per application")
                    .release(PrivacyBudgetEvidence.Release.FINAL_MODEL)
                    .accessNotCovered("feature normalisation statistics")
                    .noise(source.describe(), noise)
                    .ledger(ledger, entry)
                    .datasetSize(5000L, true)
                    .groupPrivacy(3)
                    .build();
            PrivacyBudgetEvidence back = EvidenceJson.readAs(EvidenceJson.write(record), PrivacyBudgetEvidence.class);
            assertEquals(record, back);
            assertEquals(g.epsilon(1e-5), record.epsilon());
            assertEquals(SamplingScheme.POISSON, record.sampling().accountedAs());
            assertEquals(3000, record.sampling().steps());
            assertEquals(0.01, record.sampling().samplingRate());
            assertEquals(1.1, record.mechanism().noiseMultiplier());
            assertTrue(record.statement().startsWith("An attacker trying to tell whether a given record was used"));
            assertNotNull(record.gaussianDp());
            assertEquals(8, record.privacyProfile().size(), "the standard deltas, 1e-5 among them");
            assertTrue(record.implementationHygiene().fixedSeed(), "a seeded run is stamped as such");
            assertTrue(record.header().usedInsecureRandomness());
            assertEquals(entry.spentBefore(), record.ledger().spentBefore());
            assertTrue(record.ledger().adaptive());
            assertEquals(3 * record.epsilon(), record.userLevel().epsilon(), 1e-9);
            assertEquals(0.05, record.deltaTimesN(), 1e-12);
            assertEquals(run.describe(), record.dpEventTree());
        }
    }

    @Test
    void shuffledBatchesAccountedAsPoisson_refused() {
        PrivacyGuarantee g = PrivacyAccountant.rdp().account(DpEvent.gaussian(1.0).poissonSampled(0.01).selfComposed(100));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PrivacyBudgetReport.builder()
                .header(header()).guarantee(g, 1e-5).implementedSampling(SamplingScheme.SHUFFLE)
                .privacyUnit(UnitKind.RECORD, null).contributionBound(1L, "one row each")
                .release(PrivacyBudgetEvidence.Release.FINAL_MODEL)
                .noise(LaplaceNoise.forEpsilon(1, 1).describe(), Randomness.secure()).datasetSize(null, false).build());
        assertTrue(e.getMessage().startsWith("implementedSampling must be the sampling the event accounts for (POISSON); got \"SHUFFLE\"."),
                e.getMessage());
    }

    @Test
    void pureRelease_atDeltaZero_isPureVariant_withSecureRandomness() {
        LaplaceNoise laplace = LaplaceNoise.forEpsilon(1.0, 0.5);
        PrivacyBudgetEvidence r = PrivacyBudgetReport.builder()
                .header(header()).guarantee(PrivacyAccountant.pld().account(laplace.event()), 0)
                .implementedSampling(SamplingScheme.NOT_APPLICABLE).privacyUnit(UnitKind.USER, "customer_id")
                .contributionBound(1L, "one row per customer").release(PrivacyBudgetEvidence.Release.AGGREGATE_STATISTICS)
                .noise(laplace.describe(), Randomness.secure()).datasetSize(null, false).build();
        assertEquals(PrivacyBudgetEvidence.DpVariant.PURE, r.dpVariant());
        assertTrue(r.epsilon() <= 0.5);
        assertNull(r.deltaTimesN());
        assertTrue(r.statement().contains("whether a given person's data was used"), r.statement());
        assertTrue(!r.implementationHygiene().fixedSeed());
    }

    @Test
    void missingParts_allReportedAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PrivacyBudgetReport.builder().build());
        assertTrue(e.getMessage().startsWith("PrivacyBudgetReport has 8 problems:"), e.getMessage());
    }
}
