package io.privkit.evidence.report;

import io.privkit.evidence.measure.MeasureId;
import io.privkit.evidence.report.AcceptancePolicy.Comparison;
import io.privkit.evidence.report.AcceptancePolicy.Criterion;
import io.privkit.evidence.report.AcceptancePolicy.MeasurePolicy;
import io.privkit.evidence.report.AcceptancePolicy.Requirement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A policy for {@link io.privkit.evidence.SampleRecords}: approved before them, with one criterion that fails (drift). */
public final class SamplePolicy {
    public static final Instant APPROVED = Instant.parse("2026-11-01T00:00:00Z");
    public static final Instant BUILD = Instant.parse("2026-11-23T10:00:00Z");

    private SamplePolicy() {
    }

    public static AcceptancePolicy policy() {
        return policy(APPROVED);
    }

    public static AcceptancePolicy policy(Instant approvedAt) {
        return new AcceptancePolicy("loan-approvals-acceptance", "3", "Acceptance criteria for the loan-approval model",
                new AcceptancePolicy.Processing("Loan approvals", "RoPA entry 12", "Example Bank SA", "dpo@example.org"),
                new AcceptancePolicy.DpiaRef(AcceptancePolicy.DpiaSystem.CNIL_PIA, "DPIA-2026-07", "2", null),
                "DPO, Example Bank", approvedAt, Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2027-11-01T00:00:00Z"),
                List.of("the model is retrained", "a drift alert on a monitored feature", "a new sensitive attribute is processed"),
                List.of(new MeasurePolicy(MeasureId.DP_TRAINING, Requirement.REQUIRED, List.of(
                                new Criterion("dp-epsilon-cap", Metric.EPSILON, Comparison.AT_MOST, 3.0, "budget approved in the DPIA"),
                                new Criterion("dp-delta-n", Metric.DELTA_TIMES_N, Comparison.AT_MOST, 0.1, "delta well below 1/n"))),
                        new MeasurePolicy(MeasureId.BIAS_AUDIT, Requirement.REQUIRED, List.of(
                                new Criterion("fairness-verdict", Metric.RECORD_VERDICT, Comparison.IS_PASS, null, "the audit's own criteria"),
                                new Criterion("fairness-max-gap", Metric.MAX_ABS_DISPARITY, Comparison.AT_MOST, 0.1, "10 points at most"))),
                        new MeasurePolicy(MeasureId.DRIFT_MONITORING, Requirement.REQUIRED, List.of(
                                new Criterion("drift-share", Metric.DRIFTED_SHARE, Comparison.AT_MOST, 0.5, "half the features at most"))),
                        new MeasurePolicy(MeasureId.FEDERATED_LEARNING, Requirement.OPTIONAL, List.of(
                                new Criterion("fl-client-epsilon", Metric.CLIENT_EPSILON, Comparison.AT_MOST, 5.0, "client-level budget"),
                                new Criterion("fl-min-clients", Metric.MIN_CLIENTS_PER_ROUND, Comparison.AT_LEAST, 3.0, "hide individual updates"))),
                        new MeasurePolicy(MeasureId.HUMAN_OVERSIGHT, Requirement.OPTIONAL, List.of(
                                new Criterion("review-coverage", Metric.REVIEW_COVERAGE, Comparison.AT_LEAST, 0.9, "nine in ten reviewed")))),
                new AcceptancePolicy.Retention(LocalDate.parse("2032-11-01"), "kept with the DPIA for five years after the system is retired"));
    }

    public static PolicyFile file() {
        return PolicyFile.of(policy());
    }
}
