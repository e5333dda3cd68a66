package io.privkit.fairness.metrics;

import io.privkit.common.Checks;
import io.privkit.evidence.ConfidenceInterval;
import io.privkit.evidence.Estimate;
import io.privkit.evidence.IntervalMethod;
import io.privkit.fairness.FavourableOutcome;
import io.privkit.fairness.stats.ConfidenceLevel;
import io.privkit.fairness.stats.Proportion;
import io.privkit.fairness.stats.ProportionMethod;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns confusion counts into {@link Estimate}s: each rate with its numerator, denominator and
 * interval, or undefined with the reason (never zero).
 *
 * <p>Plain rates get the chosen {@link ProportionMethod} interval. Balanced accuracy, the mean of
 * two independent proportions (TPR over the actual positives, TNR over the actual negatives), gets
 * the square-and-add interval of G. Y. Zou and A. Donner, "Construction of confidence limits about
 * effect measures: a general approach", Statistics in Medicine 27 (2008):
 * {@code L = (t1 + t2 - sqrt((t1-l1)^2 + (t2-l2)^2)) / 2}, {@code U} likewise with the upper limits
 * (the construction of Newcombe's method 10, applied to a sum; recorded as {@code NEWCOMBE}). F1
 * is not a binomial proportion and has no closed-form interval here (use the bootstrap).
 *
 * <p>Immutable and thread-safe.
 */
public final class RateEstimator {
    private final ProportionMethod method;
    private final ConfidenceLevel level;
    private final double z;
    private final FavourableOutcome favourable;

    /** An estimator with the given interval method, level and favourable outcome. */
    public RateEstimator(ProportionMethod method, ConfidenceLevel level, FavourableOutcome favourable) {
        this.method = Checks.requireNonNull(method, "method");
        this.level = Checks.requireNonNull(level, "level");
        this.favourable = Checks.requireNonNull(favourable, "favourable");
        this.z = level.z();
    }

    /** The interval method. */
    public ProportionMethod method() {
        return method;
    }

    /** The level. */
    public ConfidenceLevel level() {
        return level;
    }

    /** The favourable outcome. */
    public FavourableOutcome favourable() {
        return favourable;
    }

    /** Every count metric of {@code counts}, in {@link Metric#countMetrics()} order. */
    public Map<Metric, Estimate> all(ConfusionCounts counts) {
        Map<Metric, Estimate> out = new EnumMap<>(Metric.class);
        for (Metric m : Metric.countMetrics()) {
            out.put(m, estimate(m, counts));
        }
        return out;
    }

    /** The given metrics of {@code counts}. */
    public Map<Metric, Estimate> of(ConfusionCounts counts, List<Metric> metrics) {
        Map<Metric, Estimate> out = new EnumMap<>(Metric.class);
        for (Metric m : metrics) {
            out.put(m, estimate(m, counts));
        }
        return out;
    }

    /** One count metric of {@code counts}. */
    public Estimate estimate(Metric metric, ConfusionCounts counts) {
        Checks.requireNonNull(metric, "metric");
        Checks.requireNonNull(counts, "counts");
        return switch (metric) {
            case BALANCED_ACCURACY -> balancedAccuracy(counts);
            case F1 -> {
                long d = 2 * counts.tp() + counts.fp() + counts.fn();
                yield d == 0 ? Estimate.undefined(metric.id(), metric.undefinedReason())
                        : Estimate.of(metric.id(), 2.0 * counts.tp() / d, null);
            }
            default -> {
                if (metric.kind() != Metric.Kind.RATE) {
                    throw Checks.argument("metric").mustBe("a metric of the confusion counts").got(metric.id()).noFix().exception();
                }
                Proportion p = metric.proportion(counts, favourable);
                yield p.undefined() ? new Estimate(metric.id(), null, metric.undefinedReason(), p.successes(), p.trials(), null)
                        : new Estimate(metric.id(), p.value(), null, p.successes(), p.trials(), method.interval(p, level));
            }
        };
    }

    private Estimate balancedAccuracy(ConfusionCounts c) {
        Metric m = Metric.BALANCED_ACCURACY;
        if (c.actualPositives() == 0 || c.actualNegatives() == 0) {
            return Estimate.undefined(m.id(), m.undefinedReason());
        }
        Proportion tpr = Proportion.of(c.tp(), c.actualPositives());
        Proportion tnr = Proportion.of(c.tn(), c.actualNegatives());
        double t1 = tpr.value();
        double t2 = tnr.value();
        ConfidenceInterval i1 = method.interval(tpr, level);
        ConfidenceInterval i2 = method.interval(tnr, level);
        double lower = (t1 + t2 - Math.sqrt(sq(t1 - i1.lower()) + sq(t2 - i2.lower()))) / 2;
        double upper = (t1 + t2 + Math.sqrt(sq(i1.upper() - t1) + sq(i2.upper() - t2))) / 2;
        return Estimate.of(m.id(), (t1 + t2) / 2,
                new ConfidenceInterval(Math.max(0, lower), Math.min(1, upper), level.value(), IntervalMethod.NEWCOMBE));
    }

    private static double sq(double x) {
        return x * x;
    }

    double z() {
        return z;
    }
}
