package io.privkit.fairness.metrics;

import io.privkit.common.Checks;
import io.privkit.evidence.Estimate;
import io.privkit.fairness.FavourableOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AIF360's privileged/unprivileged view of one comparison (R. K. E. Bellamy et al., "AI Fairness
 * 360", IBM Journal of Research and Development 63, 2019): every rate is computed with the
 * <b>favourable</b> outcome as positive; differences are unprivileged minus privileged, ratios
 * unprivileged over privileged. Names follow AIF360's {@code ClassificationMetric}, so figures can
 * be checked against it:
 *
 * <ul>
 *   <li>{@code statistical_parity_difference} {@code SR_u - SR_p}; {@code disparate_impact}
 *       {@code SR_u / SR_p} (SR: favourable prediction rate);</li>
 *   <li>{@code equal_opportunity_difference} {@code TPR_u - TPR_p};
 *       {@code average_odds_difference} {@code ((FPR_u - FPR_p) + (TPR_u - TPR_p)) / 2};
 *       {@code average_abs_odds_difference} {@code (|dFPR| + |dTPR|) / 2};
 *       {@code equalized_odds_difference} {@code max(|dFPR|, |dTPR|)};</li>
 *   <li>FPR, FNR, FDR, FOR and error-rate differences, FPR, FNR and error-rate ratios;
 *       {@code average_predictive_value_difference} {@code ((PPV_u - PPV_p) + (FOR_u - FOR_p)) / 2};</li>
 *   <li>the inequality indices of {@link InequalityIndices} over both groups and between them;</li>
 *   <li>{@code dataset_statistical_parity_difference_of_labels} and
 *       {@code dataset_disparate_impact_of_labels}: the same on the labels.</li>
 * </ul>
 * A value whose denominator is zero is undefined with a reason (AIF360 returns NaN or, in its
 * scikit-learn API, 0 with a warning).
 *
 * <p>Immutable and thread-safe.
 *
 * @param unprivileged the group's label
 * @param privileged   the reference's label
 * @param metrics      every metric by AIF360 name, in a fixed order
 */
public record AifComparison(String unprivileged, String privileged, Map<String, Estimate> metrics) {

    public AifComparison {
        Checks.requireNonBlank(unprivileged, "unprivileged");
        Checks.requireNonBlank(privileged, "privileged");
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Checks.requireNoNullEntries(metrics, "metrics")));
    }

    /** The metric named {@code name}. */
    public Estimate get(String name) {
        Estimate e = metrics.get(name);
        if (e == null) {
            throw Checks.argument("name").mustBe("one of " + metrics.keySet()).got(name).noFix().exception();
        }
        return e;
    }

    /** The metrics as a list. */
    public List<Estimate> list() {
        return new ArrayList<>(metrics.values());
    }

    /**
     * The comparison of {@code unprivilegedCounts} with {@code privilegedCounts} (both coded with
     * the class 1 as positive), viewed with {@code favourable} as the positive outcome.
     */
    public static AifComparison of(String unprivileged, ConfusionCounts unprivilegedCounts, String privileged,
                                   ConfusionCounts privilegedCounts, FavourableOutcome favourable) {
        ConfusionCounts u = unprivilegedCounts.favourableView(favourable);
        ConfusionCounts p = privilegedCounts.favourableView(favourable);
        Map<String, Estimate> m = new LinkedHashMap<>();
        count(m, "num_instances_privileged", p.n());
        count(m, "num_instances_unprivileged", u.n());
        rate(m, "base_rate_privileged", p.actualPositives(), p.n(), "privileged group is empty");
        rate(m, "base_rate_unprivileged", u.actualPositives(), u.n(), "unprivileged group is empty");
        rate(m, "selection_rate_privileged", p.predictedPositives(), p.n(), "privileged group is empty");
        rate(m, "selection_rate_unprivileged", u.predictedPositives(), u.n(), "unprivileged group is empty");
        rate(m, "true_positive_rate_privileged", p.tp(), p.actualPositives(), "no favourable labels in privileged group");
        rate(m, "true_positive_rate_unprivileged", u.tp(), u.actualPositives(), "no favourable labels in unprivileged group");
        rate(m, "false_positive_rate_privileged", p.fp(), p.actualNegatives(), "no unfavourable labels in privileged group");
        rate(m, "false_positive_rate_unprivileged", u.fp(), u.actualNegatives(), "no unfavourable labels in unprivileged group");
        double sr = diff(u.predictedPositives(), u.n(), p.predictedPositives(), p.n());
        put(m, "statistical_parity_difference", sr, "a group is empty");
        put(m, "disparate_impact", ratio(u.predictedPositives(), u.n(), p.predictedPositives(), p.n()),
                "privileged favourable rate is 0 or a group is empty");
        double dTpr = diff(u.tp(), u.actualPositives(), p.tp(), p.actualPositives());
        double dFpr = diff(u.fp(), u.actualNegatives(), p.fp(), p.actualNegatives());
        put(m, "equal_opportunity_difference", dTpr, "a group has no favourable labels");
        put(m, "average_odds_difference", (dFpr + dTpr) / 2, "a group has no favourable or no unfavourable labels");
        put(m, "average_abs_odds_difference", (Math.abs(dFpr) + Math.abs(dTpr)) / 2,
                "a group has no favourable or no unfavourable labels");
        put(m, "equalized_odds_difference", Double.isNaN(dFpr) || Double.isNaN(dTpr) ? Double.NaN : Math.max(Math.abs(dFpr), Math.abs(dTpr)),
                "a group has no favourable or no unfavourable labels");
        put(m, "false_positive_rate_difference", dFpr, "a group has no unfavourable labels");
        put(m, "false_negative_rate_difference", diff(u.fn(), u.actualPositives(), p.fn(), p.actualPositives()),
                "a group has no favourable labels");
        put(m, "false_positive_rate_ratio", ratio(u.fp(), u.actualNegatives(), p.fp(), p.actualNegatives()),
                "privileged false positive rate is 0 or undefined");
        put(m, "false_negative_rate_ratio", ratio(u.fn(), u.actualPositives(), p.fn(), p.actualPositives()),
                "privileged false negative rate is 0 or undefined");
        double dFdr = diff(u.fp(), u.predictedPositives(), p.fp(), p.predictedPositives());
        double dFor = diff(u.fn(), u.predictedNegatives(), p.fn(), p.predictedNegatives());
        double dPpv = diff(u.tp(), u.predictedPositives(), p.tp(), p.predictedPositives());
        put(m, "false_discovery_rate_difference", dFdr, "a group has no favourable predictions");
        put(m, "false_omission_rate_difference", dFor, "a group has no unfavourable predictions");
        put(m, "average_predictive_value_difference", (dPpv + dFor) / 2,
                "a group has no favourable or no unfavourable predictions");
        put(m, "error_rate_difference", diff(u.fp() + u.fn(), u.n(), p.fp() + p.fn(), p.n()), "a group is empty");
        put(m, "error_rate_ratio", ratio(u.fp() + u.fn(), u.n(), p.fp() + p.fn(), p.n()), "privileged error rate is 0 or a group is empty");
        List<ConfusionCounts> both = List.of(u, p);
        Estimate ge2 = InequalityIndices.generalizedEntropy(both, 2);
        m.put("generalized_entropy_index_alpha2", rename(ge2, "generalized_entropy_index_alpha2"));
        m.put("theil_index", rename(InequalityIndices.theil(both), "theil_index"));
        m.put("coefficient_of_variation", rename(InequalityIndices.coefficientOfVariation(ge2), "coefficient_of_variation"));
        Estimate bge2 = InequalityIndices.betweenGroupGeneralizedEntropy(both, 2);
        m.put("between_group_generalized_entropy_index_alpha2", rename(bge2, "between_group_generalized_entropy_index_alpha2"));
        m.put("between_group_theil_index", rename(InequalityIndices.betweenGroupGeneralizedEntropy(both, 1), "between_group_theil_index"));
        m.put("between_group_coefficient_of_variation", rename(InequalityIndices.coefficientOfVariation(bge2),
                "between_group_coefficient_of_variation"));
        put(m, "dataset_statistical_parity_difference_of_labels", diff(u.actualPositives(), u.n(), p.actualPositives(), p.n()),
                "a group is empty");
        put(m, "dataset_disparate_impact_of_labels", ratio(u.actualPositives(), u.n(), p.actualPositives(), p.n()),
                "privileged favourable label rate is 0 or a group is empty");
        return new AifComparison(unprivileged, privileged, m);
    }

    private static double diff(long k1, long n1, long k2, long n2) {
        return n1 == 0 || n2 == 0 ? Double.NaN : (double) k1 / n1 - (double) k2 / n2;
    }

    private static double ratio(long k1, long n1, long k2, long n2) {
        return n1 == 0 || n2 == 0 || k2 == 0 ? Double.NaN : ((double) k1 / n1) / ((double) k2 / n2);
    }

    private static void rate(Map<String, Estimate> m, String name, long k, long n, String reason) {
        m.put(name, n == 0 ? Estimate.undefined(name, reason) : new Estimate(name, (double) k / n, null, k, n, null));
    }

    private static void put(Map<String, Estimate> m, String name, double value, String reason) {
        m.put(name, Double.isNaN(value) ? Estimate.undefined(name, reason) : Estimate.of(name, value, null));
    }

    private static void count(Map<String, Estimate> m, String name, long value) {
        m.put(name, Estimate.of(name, value, null));
    }

    private static Estimate rename(Estimate e, String name) {
        return new Estimate(name, e.value(), e.undefinedReason(), e.numerator(), e.denominator(), e.ci());
    }
}
