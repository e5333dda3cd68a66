package io.privkit.fairness.metrics;

import io.privkit.common.Checks;
import io.privkit.fairness.FavourableOutcome;
import io.privkit.fairness.stats.Proportion;
import java.util.Arrays;
import java.util.List;

/**
 * Every per-group statistic a fairness assessment reports, with its definition. The rates are
 * functions of the confusion counts with the class coded 1 as positive (n = TP + FP + TN + FN);
 * each is undefined, never zero, when its denominator is zero.
 *
 * <table>
 *   <caption>Rates from the confusion counts</caption>
 *   <tr><th>metric</th><th>formula</th><th>undefined when</th></tr>
 *   <tr><td>selection rate</td><td>(TP+FP)/n</td><td>n = 0</td></tr>
 *   <tr><td>base rate</td><td>(TP+FN)/n</td><td>n = 0</td></tr>
 *   <tr><td>TPR (recall)</td><td>TP/(TP+FN)</td><td>no actual positives</td></tr>
 *   <tr><td>FPR</td><td>FP/(FP+TN)</td><td>no actual negatives</td></tr>
 *   <tr><td>TNR</td><td>TN/(TN+FP)</td><td>no actual negatives</td></tr>
 *   <tr><td>FNR</td><td>FN/(FN+TP)</td><td>no actual positives</td></tr>
 *   <tr><td>precision (PPV)</td><td>TP/(TP+FP)</td><td>no predicted positives</td></tr>
 *   <tr><td>NPV</td><td>TN/(TN+FN)</td><td>no predicted negatives</td></tr>
 *   <tr><td>FDR</td><td>FP/(TP+FP)</td><td>no predicted positives</td></tr>
 *   <tr><td>FOR</td><td>FN/(TN+FN)</td><td>no predicted negatives</td></tr>
 *   <tr><td>accuracy</td><td>(TP+TN)/n</td><td>n = 0</td></tr>
 *   <tr><td>error rate</td><td>(FP+FN)/n</td><td>n = 0</td></tr>
 *   <tr><td>balanced accuracy</td><td>(TPR+TNR)/2</td><td>TPR or TNR undefined</td></tr>
 *   <tr><td>F1</td><td>2TP/(2TP+FP+FN)</td><td>TP+FP+FN = 0</td></tr>
 *   <tr><td>favourable rate</td><td>predicted favourable / n</td><td>n = 0</td></tr>
 * </table>
 *
 * <p>Score metrics (ROC AUC with ties counted one half, Brier score, expected calibration error,
 * mean score) and regression metrics (MAE, MSE, R<sup>2</sup>, mean residual = prediction minus
 * truth) are defined in {@link ScoreStats} and {@link RegressionStats}.
 */
public enum Metric {
    /** (TP+FP)/n. */
    SELECTION_RATE("selection-rate", Kind.RATE, "group is empty"),
    /** (TP+FN)/n. */
    BASE_RATE("base-rate", Kind.RATE, "group is empty"),
    /** TP/(TP+FN). */
    TPR("tpr", Kind.RATE, "no actual positives in group"),
    /** FP/(FP+TN). */
    FPR("fpr", Kind.RATE, "no actual negatives in group"),
    /** TN/(TN+FP). */
    TNR("tnr", Kind.RATE, "no actual negatives in group"),
    /** FN/(FN+TP). */
    FNR("fnr", Kind.RATE, "no actual positives in group"),
    /** TP/(TP+FP). */
    PRECISION("precision", Kind.RATE, "no predicted positives in group"),
    /** TN/(TN+FN). */
    NPV("npv", Kind.RATE, "no predicted negatives in group"),
    /** FP/(TP+FP). */
    FDR("fdr", Kind.RATE, "no predicted positives in group"),
    /** FN/(TN+FN). */
    FOR("for", Kind.RATE, "no predicted negatives in group"),
    /** (TP+TN)/n. */
    ACCURACY("accuracy", Kind.RATE, "group is empty"),
    /** (FP+FN)/n. */
    ERROR_RATE("error-rate", Kind.RATE, "group is empty"),
    /** (TPR+TNR)/2. */
    BALANCED_ACCURACY("balanced-accuracy", Kind.DERIVED_RATE, "no actual positives or no actual negatives in group"),
    /** 2TP/(2TP+FP+FN). */
    F1("f1", Kind.DERIVED_RATE, "no positives among labels or predictions in group"),
    /** Predicted favourable / n. */
    FAVOURABLE_RATE("favourable-rate", Kind.RATE, "group is empty"),
    /** ROC AUC (Mann-Whitney, ties count one half). */
    ROC_AUC("roc-auc", Kind.SCORE, "group has one class only"),
    /** Mean of (score - label)^2. */
    BRIER("brier", Kind.SCORE, "group is empty"),
    /** Expected calibration error over the reliability bins. */
    ECE("ece", Kind.SCORE, "group is empty"),
    /** Mean score. */
    MEAN_SCORE("mean-score", Kind.SCORE, "group is empty"),
    /** Mean absolute error. */
    MAE("mae", Kind.REGRESSION, "group is empty"),
    /** Mean squared error. */
    MSE("mse", Kind.REGRESSION, "group is empty"),
    /** Coefficient of determination, 1 - SS_res / SS_tot. */
    R2("r2", Kind.REGRESSION, "the target is constant in group"),
    /** Mean of prediction - truth. */
    MEAN_RESIDUAL("mean-residual", Kind.REGRESSION, "group is empty");

    /** What a metric is computed from. */
    public enum Kind {
        /** A proportion k/n of the confusion counts. */
        RATE,
        /** A function of several proportions of the confusion counts. */
        DERIVED_RATE,
        /** A function of the scores and labels. */
        SCORE,
        /** A function of a numeric target and prediction. */
        REGRESSION
    }

    private final String id;
    private final Kind kind;
    private final String undefinedReason;

    Metric(String id, Kind kind, String undefinedReason) {
        this.id = id;
        this.kind = kind;
        this.undefinedReason = undefinedReason;
    }

    /** The name used in reports and JSON, e.g. {@code selection-rate}. */
    public String id() {
        return id;
    }

    /** What the metric is computed from. */
    public Kind kind() {
        return kind;
    }

    /** Whether the metric is computed from the confusion counts. */
    public boolean fromCounts() {
        return kind == Kind.RATE || kind == Kind.DERIVED_RATE;
    }

    /** The reason the metric is undefined when its denominator is zero. */
    public String undefinedReason() {
        return undefinedReason;
    }

    /** The metrics computed from the confusion counts, in report order. */
    public static List<Metric> countMetrics() {
        return Arrays.stream(values()).filter(Metric::fromCounts).toList();
    }

    /** The metric with the given {@link #id()} (or enum name, any case). */
    public static Metric parse(String text) {
        Checks.requireNonBlank(text, "metric");
        for (Metric m : values()) {
            if (m.id.equalsIgnoreCase(text.trim()) || m.name().equalsIgnoreCase(text.trim().replace('-', '_'))) {
                return m;
            }
        }
        throw Checks.argument("metric").mustBe("one of " + Arrays.stream(values()).map(Metric::id).toList()).got(text)
                .fix("Use a metric name as listed.").exception();
    }

    /**
     * The proportion behind a {@link Kind#RATE} metric (numerator and denominator), for the given
     * counts.
     *
     * @throws IllegalArgumentException if the metric is not a plain rate
     */
    public Proportion proportion(ConfusionCounts c, FavourableOutcome favourable) {
        Checks.requireNonNull(c, "counts");
        return switch (this) {
            case SELECTION_RATE -> Proportion.of(c.predictedPositives(), c.n());
            case BASE_RATE -> Proportion.of(c.actualPositives(), c.n());
            case TPR -> Proportion.of(c.tp(), c.actualPositives());
            case FPR -> Proportion.of(c.fp(), c.actualNegatives());
            case TNR -> Proportion.of(c.tn(), c.actualNegatives());
            case FNR -> Proportion.of(c.fn(), c.actualPositives());
            case PRECISION -> Proportion.of(c.tp(), c.predictedPositives());
            case NPV -> Proportion.of(c.tn(), c.predictedNegatives());
            case FDR -> Proportion.of(c.fp(), c.predictedPositives());
            case FOR -> Proportion.of(c.fn(), c.predictedNegatives());
            case ACCURACY -> Proportion.of(c.tp() + c.tn(), c.n());
            case ERROR_RATE -> Proportion.of(c.fp() + c.fn(), c.n());
            case FAVOURABLE_RATE -> Proportion.of(
                    Checks.requireNonNull(favourable, "favourable") == FavourableOutcome.POSITIVE_CLASS
                            ? c.predictedPositives() : c.predictedNegatives(), c.n());
            default -> throw Checks.argument("metric").mustBe("a plain rate of the confusion counts").got(id).noFix().exception();
        };
    }

    /**
     * The point value of a count metric, or NaN when undefined; no interval. The fast path used in
     * resampling loops.
     */
    public double value(ConfusionCounts c, FavourableOutcome favourable) {
        return switch (this) {
            case BALANCED_ACCURACY -> c.actualPositives() == 0 || c.actualNegatives() == 0 ? Double.NaN
                    : ((double) c.tp() / c.actualPositives() + (double) c.tn() / c.actualNegatives()) / 2;
            case F1 -> {
                long d = 2 * c.tp() + c.fp() + c.fn();
                yield d == 0 ? Double.NaN : 2.0 * c.tp() / d;
            }
            default -> proportion(c, favourable).value();
        };
    }

    /** The denominator that conditions the rate (for the reliability floor): n for unconditional rates. */
    public long conditioningCount(ConfusionCounts c) {
        return switch (this) {
            case TPR, FNR -> c.actualPositives();
            case FPR, TNR -> c.actualNegatives();
            case PRECISION, FDR -> c.predictedPositives();
            case NPV, FOR -> c.predictedNegatives();
            case BALANCED_ACCURACY -> Math.min(c.actualPositives(), c.actualNegatives());
            case F1 -> c.tp() + c.fp() + c.fn();
            default -> c.n();
        };
    }

    /** Whether the rate is conditioned on a subgroup (so the per-label reliability floor applies). */
    public boolean conditional() {
        return switch (this) {
            case TPR, FNR, FPR, TNR, PRECISION, FDR, NPV, FOR, BALANCED_ACCURACY -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return id;
    }
}
