package io.privkit.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.InvalidArgumentsException;
import io.privkit.evidence.measure.MeasureId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rules that records enforce on construction, so an invalid record cannot be written at all. */
class RecordValidationTest {

    @Test
    void header_claimOfCompliance_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SampleRecords.header(MeasureId.BIAS_AUDIT, "x")
                .claim("The model is GDPR compliant.").build());
        assertTrue(e.getMessage().startsWith("header.claims[1] must be worded as support for a measure, not as compliance"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SampleRecords.header(MeasureId.BIAS_AUDIT, "x")
                .claim("Training complies with Art. 25.").build());
    }

    @Test
    void headerBuilder_nothingSet_reportsEveryMissingFieldAtOnce() {
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, () -> EvidenceHeader.builder().build());
        assertEquals(List.of("subject", "supports", "verdict"), e.problems().stream().map(p -> p.input()).toList());
    }

    @Test
    void header_unknownRisk_refusedWithKnownRisks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SampleRecords.header(MeasureId.BIAS_AUDIT, "x").supports(MeasureId.DP_TRAINING, "alien-invasion"));
        assertTrue(e.getMessage().startsWith("riskId must be a risk of the measure catalogue; got \"alien-invasion\"."), e.getMessage());
    }

    @Test
    void sampling_accountedForOtherSchemeThanImplemented_refused() {
        assertThrows(IllegalArgumentException.class, () -> new PrivacyBudgetEvidence.Sampling(
                PrivacyBudgetEvidence.SamplingScheme.SHUFFLE, PrivacyBudgetEvidence.SamplingScheme.POISSON, 0.01, 100L, 10, null));
        // The conservative no-amplification accounting is valid for any sampling.
        var ok = new PrivacyBudgetEvidence.Sampling(PrivacyBudgetEvidence.SamplingScheme.SHUFFLE,
                PrivacyBudgetEvidence.SamplingScheme.NO_AMPLIFICATION, null, 100L, 10, 1.0);
        assertEquals(PrivacyBudgetEvidence.SamplingScheme.NO_AMPLIFICATION, ok.accountedAs());
    }

    @Test
    void privacyBudget_pureWithDelta_refused() {
        var b = sampleBuilder().dpVariant(PrivacyBudgetEvidence.DpVariant.PURE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().startsWith("delta must be 0 for pure differential privacy"), e.getMessage());
    }

    @Test
    void privacyBudget_fixedSeedNotStamped_refused() {
        var b = sampleBuilder().header(SampleRecords.header(MeasureId.DP_TRAINING, "pb").build()); // secure stamp missing: no randomness
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().startsWith("implementationHygiene.fixedSeed must be true exactly when header.randomness is insecure-seeded"),
                e.getMessage());
    }

    @Test
    void privacyBudget_builderMissingFields_allReported() {
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, () -> PrivacyBudgetEvidence.builder().build());
        assertEquals(19, e.problems().size());
    }

    @Test
    void estimate_valueWithZeroDenominator_refused_undefinedNeedsReason() {
        assertThrows(IllegalArgumentException.class, () -> new Estimate("tpr", 0.0, null, 0L, 0L, null));
        assertThrows(IllegalArgumentException.class, () -> new Estimate("tpr", null, null, 0L, 0L, null));
        Estimate undefined = Estimate.proportion("tpr", 0, 0, null, "no actual positives in group");
        assertEquals(null, undefined.value());
        assertEquals("no actual positives in group", undefined.undefinedReason());
    }

    @Test
    void fairness_referenceGroupNotAmongGroups_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            FairnessEvidence f = SampleRecords.fairness();
            new FairnessEvidence(f.header(), f.evaluationData(), f.decisionRule(), f.decisionPolarity(), f.favourableOutcome(),
                    f.sensitiveAttributes(), f.groups(), f.minCellSize(), f.reliabilityFloor(), f.minConditionalCount(),
                    f.suppressedCells(), f.overall(), f.perGroupMetrics(), f.uncertainty(), new FairnessEvidence.ReferenceGroup("sex=Q", "x"),
                    f.disparities(), f.aggregates(), f.criteria(), f.verdicts(), f.multipleTesting(), f.screening(), f.mitigation(),
                    f.tradeOffs(), f.oversightRecordId());
        });
        assertTrue(e.getMessage().startsWith("referenceGroup.label must be one of the groups"), e.getMessage());
    }

    @Test
    void federatedRound_reasonsNotSummingToRejected_refused() {
        assertThrows(IllegalArgumentException.class,
                () -> new FederatedTrainingEvidence.RoundSummary(1, 5, 3, 0, 2, Map.of("nan", 1)));
    }

    @Test
    void headlines_sayTheKeyFigure() {
        assertTrue(SampleRecords.privacyBudget().headline().startsWith("epsilon = 2.914 at delta = 0.00001 (approximate DP, add-remove, per record"));
        assertTrue(SampleRecords.drift().headline().contains("1 of 1 features drifted (age)"));
        assertTrue(SampleRecords.fairness().headline().contains("demographic-parity inconclusive"));
        assertTrue(SampleRecords.oversight().headline().startsWith("1200 decisions: 95.8% reviewed, 2% overridden"),
                SampleRecords.oversight().headline());
    }

    private static PrivacyBudgetEvidence.Builder sampleBuilder() {
        PrivacyBudgetEvidence s = SampleRecords.privacyBudget();
        var b = PrivacyBudgetEvidence.builder().header(s.header()).statement(s.statement()).dpVariant(s.dpVariant())
                .neighbouringRelation(s.neighbouringRelation()).privacyUnit(s.privacyUnit()).contributionBound(s.contributionBound())
                .deploymentModel(s.deploymentModel()).trustAssumptions(s.trustAssumptions()).mechanism(s.mechanism())
                .sampling(s.sampling()).accounting(s.accounting()).dpEventTree(s.dpEventTree()).epsilon(s.epsilon()).delta(s.delta())
                .attackBounds(s.attackBounds()).hyperparameterTuning(s.hyperparameterTuning())
                .implementationHygiene(s.implementationHygiene()).datasetSize(s.datasetSize());
        s.releasesCovered().forEach(b::releaseCovered);
        return b;
    }
}
