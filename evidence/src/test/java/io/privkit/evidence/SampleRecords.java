package io.privkit.evidence;

import io.privkit.common.Randomness;
import io.privkit.common.Sha256;
import io.privkit.evidence.measure.MeasureId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One fully filled, deterministic record of every type, for round-trip and schema tests. */
public final class SampleRecords {
    public static final Instant T0 = Instant.parse("2026-11-23T09:30:00Z");
    public static final Sha256 DATA = Sha256.of("training data".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    public static final Sha256 MODEL = Sha256.of("model".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private SampleRecords() {
    }

    public static List<EvidenceRecord> all() {
        return List.of(privacyBudget(), drift(), fairness(), federated(), oversight());
    }

    public static EvidenceHeader.Builder header(MeasureId measure, String seedId) {
        return EvidenceHeader.builder()
                .recordId(UUID.nameUUIDFromBytes(seedId.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .createdAt(T0)
                .generator(new Generator("Privkit", "0.1.0-test", null))
                .subject(new Subject("Loan approvals", "credit-risk", "3.1", List.of(MODEL)))
                .input(new InputRef("training-data", "applications-2026.csv", DATA, 123456, 5000L,
                        new TimeRange(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-06-30T23:59:59Z"))))
                .supports(measure)
                .verdict(Verdict.INFORMATIONAL)
                .claim("This record supports the measure with the figures below.")
                .limitation("Computed on one evaluation window.")
                .claimNotMade("This record does not show that the processing is lawful.");
    }

    public static PrivacyBudgetEvidence privacyBudget() {
        return PrivacyBudgetEvidence.builder()
                .header(header(MeasureId.DP_TRAINING, "pb").randomness(Randomness.insecureSeeded(42)).build())
                .statement("An attacker can tell whether a given person's record was used with at most 3.1% true-positive rate at 1% false positives.")
                .dpVariant(PrivacyBudgetEvidence.DpVariant.APPROXIMATE)
                .neighbouringRelation(PrivacyBudgetEvidence.NeighbouringRelation.ADD_REMOVE)
                .privacyUnit(new PrivacyBudgetEvidence.PrivacyUnit(PrivacyBudgetEvidence.UnitKind.RECORD, null))
                .contributionBound(new PrivacyBudgetEvidence.ContributionBound(1L, "one row per application"))
                .releaseCovered(PrivacyBudgetEvidence.Release.FINAL_MODEL)
                .releaseCovered(PrivacyBudgetEvidence.Release.ALL_CHECKPOINTS)
                .accessCovered("every noisy gradient step")
                .accessNotCovered("feature normalisation statistics computed on the training data")
                .unprotectedQuantity("number of training records")
                .deploymentModel(PrivacyBudgetEvidence.DeploymentModel.CENTRAL)
                .trustAssumptions("The training server sees raw data; only the model leaves it.")
                .mechanism(new PrivacyBudgetEvidence.Mechanism("dp-sgd", 1.1, 1.0, null, null, false, null))
                .sampling(new PrivacyBudgetEvidence.Sampling(PrivacyBudgetEvidence.SamplingScheme.POISSON,
                        PrivacyBudgetEvidence.SamplingScheme.POISSON, 0.01, 50L, 3000, 30.0))
                .accounting(new PrivacyBudgetEvidence.Accounting(PrivacyBudgetEvidence.AccountantKind.PLD,
                        Map.of("valueDiscretisationInterval", "1e-4"), "privkit-dp-core", "0.1.0",
                        "PLD epsilon(delta), pessimistic discretisation", PrivacyBudgetEvidence.Rounding.UP))
                .dpEventTree(new DpEventDescription("self-composed", Map.of("count", 3000.0), List.of(
                        new DpEventDescription("poisson-sampled", Map.of("samplingProbability", 0.01), List.of(
                                DpEventDescription.leaf("gaussian", Map.of("noiseMultiplier", 1.1)))))))
                .epsilon(2.9137)
                .delta(1e-5)
                .deltaTimesN(0.05)
                .profilePoint(new PrivacyBudgetEvidence.ProfilePoint(2.9137, 1e-5))
                .profilePoint(new PrivacyBudgetEvidence.ProfilePoint(Double.POSITIVE_INFINITY, 0))
                .gaussianDp(new PrivacyBudgetEvidence.GaussianDp(0.71, 0.02))
                .attackBounds(new PrivacyBudgetEvidence.AttackBounds(List.of(
                        new PrivacyBudgetEvidence.TprAtFpr(0.001, 0.0184),
                        new PrivacyBudgetEvidence.TprAtFpr(0.01, 0.031)), 0.27))
                .ledger(new PrivacyBudgetEvidence.LedgerSummary("loans-2026", 8, 1e-5, 3.0, 2.9137, 2.1, "PLD composition", false))
                .hyperparameterTuning(new PrivacyBudgetEvidence.Tuning(1, "none: fixed configuration", true, "no tuning on private data"))
                .implementationHygiene(new PrivacyBudgetEvidence.Hygiene("discrete Gaussian (Canonne, Kamath, Steinke 2020)",
                        "xoshiro256**/splitmix64 (seeded, test only)", "integer-grid noise", true))
                .datasetSize(new PrivacyBudgetEvidence.DatasetSize(5000L, true))
                .utility(new PrivacyBudgetEvidence.Utility("test-accuracy", 0.81, 0.85))
                .build();
    }

    public static DriftEvidence drift() {
        return DriftEvidence.builder()
                .header(header(MeasureId.DRIFT_MONITORING, "drift").verdict(Verdict.FAIL).build())
                .referenceWindow(new DriftEvidence.Window(DATA, null, 5000, "reference.csv"))
                .currentWindow(new DriftEvidence.Window(DATA, null, 4000, "current.csv"))
                .schedule(new DriftEvidence.Schedule("daily", "2026-11-23"))
                .policy(new DriftEvidence.DetectionPolicy("privkit-default", "KS p-value < 0.05 and normalised Wasserstein >= 0.1"))
                .featureMonitored(new DriftEvidence.Feature("age", DriftEvidence.FeatureType.NUMERIC, DriftEvidence.FeatureRole.FEATURE))
                .excluded(new DriftEvidence.Exclusion("id", "identifier"))
                .featureDrift(new DriftEvidence.FeatureDrift("age", DriftEvidence.FeatureType.NUMERIC, null,
                        "ks p-value and wasserstein-normalised", true, 1e-9,
                        List.of(new DriftEvidence.TestResult("ks", 0.21, 1e-12, "asymptotic", 0.05, true)),
                        new DriftEvidence.EffectSize("wasserstein-normalised", 0.3, 0.1), 5000, 4000, 0.0, 0.01,
                        List.of(), null, null))
                .multipleTesting(new MultipleTesting(MultipleTesting.Correction.HOLM, 0.05))
                .datasetRule(new DriftEvidence.DatasetRule(DriftEvidence.DatasetRuleKind.SHARE_OF_DRIFTED_FEATURES, 0.5))
                .datasetDrift(true)
                .driftedShare(1.0)
                .status(DriftEvidence.Status.ALERT)
                .privacyOfMonitoring(new DriftEvidence.MonitoringPrivacy(true, "10 reference-quantile bins", "none"))
                .build();
    }

    public static FairnessEvidence fairness() {
        ConfidenceInterval ci = new ConfidenceInterval(0.40, 0.50, 0.95, IntervalMethod.WILSON);
        return FairnessEvidence.builder()
                .header(header(MeasureId.BIAS_AUDIT, "fair").verdict(Verdict.INCONCLUSIVE).build())
                .evaluationData(new FairnessEvidence.EvaluationData(DATA, null, 5000, "repayment after 12 months", "recorded defaults"))
                .decisionRule(new FairnessEvidence.DecisionRule(0.5, "approve when score >= 0.5"))
                .decisionPolarity(FairnessEvidence.DecisionPolarity.ASSISTIVE)
                .favourableOutcome("approve")
                .sensitiveAttribute(new FairnessEvidence.SensitiveAttribute("sex", FairnessEvidence.ProtectedCharacteristic.SEX,
                        FairnessEvidence.AttributeSource.SELF_DECLARED,
                        3, "own group '(missing)'", null, "EU AI Act Art. 10(5)", LocalDate.parse("2027-06-30")))
                .group(new FairnessEvidence.Group("sex=F", Map.of("sex", "F"), 2400L, false, false))
                .group(new FairnessEvidence.Group("sex=M", Map.of("sex", "M"), 2597L, false, false))
                .group(new FairnessEvidence.Group("sex=X", Map.of("sex", "X"), null, true, false))
                .minCellSize(10)
                .reliabilityFloor(30)
                .minConditionalCount(10)
                .suppressedCell(new FairnessEvidence.SuppressedCell("sex=X", null, "fewer than 10 people"))
                .overall(new FairnessEvidence.GroupMetrics("overall", List.of(Estimate.proportion("selection-rate", 2250, 5000, ci, "empty"))))
                .groupMetrics(new FairnessEvidence.GroupMetrics("sex=F", List.of(
                        Estimate.proportion("selection-rate", 1000, 2400, ci, "empty"),
                        Estimate.proportion("tpr", 0, 0, null, "no actual positives in group"))))
                .uncertainty(new FairnessEvidence.Uncertainty(IntervalMethod.WILSON, 0.95, 2000, 7L))
                .referenceGroup(new FairnessEvidence.ReferenceGroup("sex=M", "largest group"))
                .disparity(new FairnessEvidence.Disparity("selection-rate", "sex=F", "sex=M", -0.05,
                        new ConfidenceInterval(-0.08, -0.02, 0.95, IntervalMethod.NEWCOMBE), 0.9,
                        new ConfidenceInterval(0.85, 0.96, 0.95, IntervalMethod.KATZ_LOG), "fisher-exact", 0.001, 0.002, null))
                .aggregate(new FairnessEvidence.AggregateFigure("sex", "selection-rate/difference-between-groups", 0.05,
                        null, new ConfidenceInterval(0.02, 0.08, 0.95, IntervalMethod.BOOTSTRAP_PERCENTILE), List.of("sex=X (suppressed)")))
                .criterion(new FairnessEvidence.Criterion("demographic-parity", "selection-rate", "max-difference", 0.1, "policy v3"))
                .verdict(new FairnessEvidence.CriterionVerdict("demographic-parity", Verdict.INCONCLUSIVE, "group sex=X below the reliability floor"))
                .multipleTesting(new MultipleTesting(MultipleTesting.Correction.HOLM, 0.05))
                .screening(new MultipleTesting(MultipleTesting.Correction.BENJAMINI_HOCHBERG, 0.05))
                .build();
    }

    public static FederatedTrainingEvidence federated() {
        return FederatedTrainingEvidence.builder()
                .header(header(MeasureId.FEDERATED_LEARNING, "fed").build())
                .federationId("hospitals-2026")
                .coordinator(new FederatedTrainingEvidence.Coordinator("Privkit", "0.1.0", MODEL))
                .participants(new FederatedTrainingEvidence.Participants(10, List.of(new FederatedTrainingEvidence.Party("site", "each hospital"))))
                .clientIdsMerkleRoot(DATA)
                .model(new FederatedTrainingEvidence.ModelDigests(DATA, MODEL))
                .rounds(new FederatedTrainingEvidence.Rounds(2, T0, T0.plusSeconds(60)))
                .round(new FederatedTrainingEvidence.RoundSummary(1, 5, 4, 1, 0, Map.of()))
                .round(new FederatedTrainingEvidence.RoundSummary(2, 5, 3, 1, 1, Map.of("non-finite", 1)))
                .minClientsPerRound(3)
                .clientSampling(new FederatedTrainingEvidence.ClientSampling("poisson", 0.5))
                .dataLocality(new FederatedTrainingEvidence.DataLocality(FederatedTrainingEvidence.TransmittedKind.DELTAS, 1000, 32000, false,
                        "the protocol has no message that carries examples"))
                .serverRetention(new FederatedTrainingEvidence.ServerRetention(false, null))
                .aggregation(new FederatedTrainingEvidence.Aggregation("fedavg", "by local examples, capped",
                        new FederatedTrainingEvidence.SecureAggregation("pairwise masks (Bonawitz et al. 2017)", 3), false))
                .dp(new FederatedTrainingEvidence.ClientDp(FederatedTrainingEvidence.DpPlacement.CENTRAL, 1.0, 1.2, false, 4.2, 1e-5, null))
                .robustness(new FederatedTrainingEvidence.Robustness(10.0, "clip", "shapes, finite values", 1, Map.of("non-finite", 1L)))
                .transport(new FederatedTrainingEvidence.Transport("grpc privkit.federated.v1", FederatedTrainingEvidence.TlsMode.MUTUAL_TLS, true))
                .incident(new FederatedTrainingEvidence.Incident(2, "client-dropped", "one client missed the deadline"))
                .build();
    }

    public static HumanOversightEvidence oversight() {
        return HumanOversightEvidence.builder()
                .header(header(MeasureId.HUMAN_OVERSIGHT, "hov").build())
                .decisionLog(new HumanOversightEvidence.DecisionLog(DATA, null, 1200))
                .reviewCoverage(Estimate.proportion("review-coverage", 1150, 1200,
                        new ConfidenceInterval(0.945, 0.968, 0.95, IntervalMethod.WILSON), "no decisions"))
                .overrideRate(new HumanOversightEvidence.OverrideRates(
                        Estimate.proportion("override-rate", 23, 1150, null, "no reviews"),
                        List.of(new HumanOversightEvidence.Breakdown("favourable-to-unfavourable", Estimate.proportion("override-rate", 20, 900, null, "x"))),
                        List.of(), List.of(), List.of()))
                .timeOnTask(new HumanOversightEvidence.TimeOnTask(41.5, 6.0))
                .modelErrorRate(Estimate.proportion("model-error-rate", 96, 800, null, "no outcomes"))
                .overrideByGroupP(0.31)
                .build();
    }
}
