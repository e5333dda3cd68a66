package io.privkit.fairness;

import io.privkit.common.Checks;
import io.privkit.fairness.metrics.Metric;
import java.util.List;

/**
 * A fairness criterion fixed before the evaluation: which metrics must agree across groups, how
 * closely ({@link Tolerance}), how the groups are compared, and why this criterion and tolerance
 * were chosen. The verdict comes from where the intervals lie against the tolerance (see
 * {@link FairnessAssessment}).
 *
 * <ul>
 *   <li>{@link #demographicParity}: selection rates (M. Feldman et al., KDD 2015; C. Dwork et al.,
 *       ITCS 2012).</li>
 *   <li>{@link #equalOpportunity}: true positive rates (M. Hardt, E. Price and N. Srebro,
 *       "Equality of opportunity in supervised learning", NeurIPS 2016).</li>
 *   <li>{@link #equalizedOdds}: true and false positive rates (Hardt et al. 2016), worst case (each
 *       rate separately) or mean ({@code (|dTPR| + |dFPR|) / 2}).</li>
 *   <li>{@link #predictiveParity}: precision (A. Chouldechova, "Fair prediction with disparate
 *       impact", Big Data 5, 2017).</li>
 *   <li>{@link #impactRatio}: the favourable rate as a ratio, the shape of the four-fifths rule
 *       (29 CFR 1607.4(D)); a policy band, never a legal verdict.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param name        the criterion's name, e.g. {@code demographic-parity}
 * @param metrics     the metrics constrained
 * @param tolerance   the band
 * @param comparison  each group against the reference, or the spread between groups
 * @param aggregation for several metrics: every metric within the band, or their mean
 * @param rationale   why this criterion and tolerance
 */
public record Criterion(String name, List<Metric> metrics, Tolerance tolerance, Comparison comparison, Aggregation aggregation,
                        String rationale) {

    /** How groups are compared. */
    public enum Comparison {
        /** Each group against the reference group, with exact intervals (the default). */
        VS_REFERENCE,
        /** The largest minus the smallest group value (or smallest over largest), with a bootstrap interval. */
        BETWEEN_GROUPS
    }

    /** How several metrics of one criterion combine. */
    public enum Aggregation {
        /** Each metric must be within the band (Fairlearn's worst_case). */
        WORST_CASE,
        /** The mean of the metrics' absolute differences must be within the band (Fairlearn's mean). */
        MEAN
    }

    public Criterion {
        Checks.requireNonBlank(name, "criterion.name");
        metrics = List.copyOf(Checks.requireNonEmpty(metrics, "criterion.metrics"));
        Checks.requireNonNull(tolerance, "criterion.tolerance");
        Checks.requireNonNull(comparison, "criterion.comparison");
        Checks.requireNonNull(aggregation, "criterion.aggregation");
        Checks.requireNonBlank(rationale, "criterion.rationale");
        for (Metric m : metrics) {
            if (m.kind() != Metric.Kind.RATE) {
                throw Checks.argument("criterion " + name + " metric").mustBe("a rate of the confusion counts (selection-rate, tpr, ...)")
                        .got(m.id()).fix("Criteria need exact intervals; use a rate such as " + Metric.SELECTION_RATE.id() + ".").exception();
            }
        }
        if (aggregation == Aggregation.MEAN && tolerance.scale() != Tolerance.Scale.DIFFERENCE) {
            throw Checks.argument("criterion " + name + " aggregation").mustBe("worst-case for a ratio tolerance").got("mean")
                    .fix("Use a difference tolerance with the mean aggregation.").exception();
        }
    }

    /** Selection rates within {@code tolerance} of the reference's. */
    public static Criterion demographicParity(Tolerance tolerance, String rationale) {
        return new Criterion("demographic-parity", List.of(Metric.SELECTION_RATE), tolerance, Comparison.VS_REFERENCE,
                Aggregation.WORST_CASE, rationale);
    }

    /** True positive rates within {@code tolerance} of the reference's. */
    public static Criterion equalOpportunity(Tolerance tolerance, String rationale) {
        return new Criterion("equal-opportunity", List.of(Metric.TPR), tolerance, Comparison.VS_REFERENCE, Aggregation.WORST_CASE,
                rationale);
    }

    /** True and false positive rates within {@code tolerance} of the reference's. */
    public static Criterion equalizedOdds(Tolerance tolerance, Aggregation aggregation, String rationale) {
        return new Criterion("equalized-odds", List.of(Metric.TPR, Metric.FPR), tolerance, Comparison.VS_REFERENCE, aggregation,
                rationale);
    }

    /** Precision within {@code tolerance} of the reference's. */
    public static Criterion predictiveParity(Tolerance tolerance, String rationale) {
        return new Criterion("predictive-parity", List.of(Metric.PRECISION), tolerance, Comparison.VS_REFERENCE,
                Aggregation.WORST_CASE, rationale);
    }

    /** Favourable rates in the ratio band {@code [bound, 1/bound]} of the reference's. */
    public static Criterion impactRatio(double bound, String rationale) {
        return new Criterion("impact-ratio", List.of(Metric.FAVOURABLE_RATE), Tolerance.ratio(bound), Comparison.VS_REFERENCE,
                Aggregation.WORST_CASE, rationale);
    }

    /** A criterion on any rate. */
    public static Criterion of(String name, Metric metric, Tolerance tolerance, String rationale) {
        return new Criterion(name, List.of(metric), tolerance, Comparison.VS_REFERENCE, Aggregation.WORST_CASE, rationale);
    }

    /** A copy comparing the spread between groups (needs a bootstrap). */
    public Criterion betweenGroups() {
        return new Criterion(name, metrics, tolerance, Comparison.BETWEEN_GROUPS, aggregation, rationale);
    }

    /** How the groups' disparities are aggregated, in words for the evidence, e.g. {@code max-difference}. */
    public String aggregationId() {
        String scale = tolerance.scale() == Tolerance.Scale.DIFFERENCE ? "difference" : "ratio";
        String agg = aggregation == Aggregation.MEAN ? "mean-abs-" : "worst-";
        String cmp = comparison == Comparison.VS_REFERENCE ? "vs-reference" : "between-groups";
        return agg + scale + "-" + cmp;
    }
}
