package io.privkit.cli.demo;

import io.privkit.evidence.measure.MeasureId;
import io.privkit.evidence.report.AcceptancePolicy;
import io.privkit.evidence.report.AcceptancePolicy.Comparison;
import io.privkit.evidence.report.AcceptancePolicy.Criterion;
import io.privkit.evidence.report.AcceptancePolicy.MeasurePolicy;
import io.privkit.evidence.report.AcceptancePolicy.Requirement;
import io.privkit.evidence.report.Metric;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The acceptance policy of {@code privkit demo}: thresholds fixed when the demo starts, before any
 * evidence is computed, as a real DPIA owner would fix them. Every measure is optional so a demo
 * without a module's step lists it as not measured instead of failing.
 */
public final class DemoPolicy {
    private DemoPolicy() {
    }

    /** The policy, approved at {@code start}, valid for a year. */
    public static AcceptancePolicy create(Instant start, String system) {
        return new AcceptancePolicy("privkit-demo-acceptance", "1", "Acceptance criteria of the Privkit demo (generated data)",
                new AcceptancePolicy.Processing(system, null, "Privkit demo (no real controller)", null), null,
                "privkit demo (stands in for the DPIA owner)", start, start, start.plus(Duration.ofDays(365)),
                List.of("the model is retrained or its features change", "a drift alert on a monitored feature",
                        "a fairness criterion fails or becomes inconclusive", "the privacy budget is raised"),
                List.of(new MeasurePolicy(MeasureId.DP_TRAINING, Requirement.OPTIONAL, List.of(
                                new Criterion("dp-epsilon-cap", Metric.EPSILON, Comparison.AT_MOST, 8.0, "the budget approved for one training run"),
                                new Criterion("dp-delta-n", Metric.DELTA_TIMES_N, Comparison.AT_MOST, 0.1, "delta well below 1/n"))),
                        new MeasurePolicy(MeasureId.FEDERATED_LEARNING, Requirement.OPTIONAL, List.of(
                                new Criterion("fl-min-clients", Metric.MIN_CLIENTS_PER_ROUND, Comparison.AT_LEAST, 2.0,
                                        "no round aggregates a single client's update"))),
                        new MeasurePolicy(MeasureId.BIAS_AUDIT, Requirement.OPTIONAL, List.of(
                                new Criterion("fairness-verdict", Metric.RECORD_VERDICT, Comparison.IS_PASS, null,
                                        "the audit's own pre-registered criteria"))),
                        new MeasurePolicy(MeasureId.DRIFT_MONITORING, Requirement.OPTIONAL, List.of(
                                new Criterion("drift-share", Metric.DRIFTED_SHARE, Comparison.AT_MOST, 0.3, "a third of the features at most"))),
                        new MeasurePolicy(MeasureId.HUMAN_OVERSIGHT, Requirement.OPTIONAL, List.of(
                                new Criterion("review-coverage", Metric.REVIEW_COVERAGE, Comparison.AT_LEAST, 0.9, "nine in ten decisions reviewed")))),
                new AcceptancePolicy.Retention(null, "demo output on generated data: delete when done"));
    }
}
