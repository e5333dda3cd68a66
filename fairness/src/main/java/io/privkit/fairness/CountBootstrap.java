package io.privkit.fairness;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.evidence.ConfidenceInterval;
import io.privkit.evidence.IntervalMethod;
import io.privkit.fairness.metrics.Aggregates;
import io.privkit.fairness.metrics.ConfusionCounts;
import io.privkit.fairness.metrics.Metric;
import io.privkit.fairness.stats.Multinomial;
import io.privkit.fairness.stats.Quantiles;
import java.util.Arrays;
import java.util.List;

/**
 * The bootstrap distribution of per-group count metrics and their aggregates, drawn from the
 * groups' confusion counts ({@link BootstrapSettings}): each resample is a multinomial draw of the
 * rows over the cells (group x outcome), for all rows at once or within each group, so the work
 * and memory depend on the number of groups and resamples, never on the rows. Values undefined in
 * a resample (a group with no actual positives, say) are NaN there and left out of that
 * resample's aggregates, as in the assessment itself.
 *
 * <p>Immutable once run, and thread-safe.
 */
public final class CountBootstrap {
    private final List<Metric> metrics;
    private final int groups;
    private final int resamples;
    private final double[][][] groupValues;   // [metric][group][resample]
    private final double[][] overallValues;   // [metric][resample]

    private CountBootstrap(List<Metric> metrics, int groups, int resamples) {
        this.metrics = List.copyOf(metrics);
        this.groups = groups;
        this.resamples = resamples;
        this.groupValues = new double[metrics.size()][groups][resamples];
        this.overallValues = new double[metrics.size()][resamples];
    }

    /**
     * Runs the bootstrap.
     *
     * @param groupCounts the groups' counts (a partition of the rows)
     * @param metrics     the count metrics to follow
     * @param favourable  the favourable outcome (for the favourable rate)
     * @param settings    resamples and scheme
     * @param randomness  the resampling stream (seeded for replay)
     */
    public static CountBootstrap run(List<ConfusionCounts> groupCounts, List<Metric> metrics, FavourableOutcome favourable,
                                     BootstrapSettings settings, Randomness randomness) {
        Checks.requireNoNullElements(groupCounts, "groupCounts");
        Checks.requireNonEmpty(metrics, "metrics");
        Checks.requireNonNull(favourable, "favourable");
        Checks.requireNonNull(settings, "settings");
        Checks.requireNonNull(randomness, "randomness");
        for (Metric m : metrics) {
            if (!m.fromCounts()) {
                throw Checks.argument("metric").mustBe("a metric of the confusion counts").got(m.id()).noFix().exception();
            }
        }
        int g = groupCounts.size();
        CountBootstrap b = new CountBootstrap(metrics, g, settings.resamples());
        long[] cells = new long[4 * g];
        long total = 0;
        for (int i = 0; i < g; i++) {
            ConfusionCounts c = groupCounts.get(i);
            cells[4 * i] = c.tp();
            cells[4 * i + 1] = c.fp();
            cells[4 * i + 2] = c.tn();
            cells[4 * i + 3] = c.fn();
            total += c.n();
        }
        ConfusionCounts[] resampled = new ConfusionCounts[g];
        for (int r = 0; r < settings.resamples(); r++) {
            long[] drawn;
            if (settings.resampling() == BootstrapSettings.Resampling.WHOLE_DATA) {
                drawn = total == 0 ? new long[cells.length] : Multinomial.draw(randomness, total, cells);
            } else {
                drawn = new long[cells.length];
                for (int i = 0; i < g; i++) {
                    long[] own = Arrays.copyOfRange(cells, 4 * i, 4 * i + 4);
                    long n = own[0] + own[1] + own[2] + own[3];
                    if (n > 0) {
                        System.arraycopy(Multinomial.draw(randomness, n, own), 0, drawn, 4 * i, 4);
                    }
                }
            }
            ConfusionCounts everyone = ConfusionCounts.EMPTY;
            for (int i = 0; i < g; i++) {
                resampled[i] = new ConfusionCounts(drawn[4 * i], drawn[4 * i + 1], drawn[4 * i + 2], drawn[4 * i + 3]);
                everyone = everyone.plus(resampled[i]);
            }
            for (int m = 0; m < metrics.size(); m++) {
                Metric metric = metrics.get(m);
                for (int i = 0; i < g; i++) {
                    b.groupValues[m][i][r] = metric.value(resampled[i], favourable);
                }
                b.overallValues[m][r] = metric.value(everyone, favourable);
            }
        }
        return b;
    }

    /** Resamples drawn. */
    public int resamples() {
        return resamples;
    }

    /** The bootstrap values of {@code metric} in group {@code group} (NaN where undefined), as a copy. */
    public double[] groupValues(Metric metric, int group) {
        Checks.requireIn(group, "group", io.privkit.common.Interval.closedOpen(0, groups));
        return groupValues[index(metric)][group].clone();
    }

    /**
     * The bootstrap values of an aggregate of {@code metric} over the groups with
     * {@code include[g]} true (all when null); NaN where undefined.
     */
    public double[] aggregate(Metric metric, Aggregates.Kind kind, boolean[] include) {
        int m = index(metric);
        double[] out = new double[resamples];
        double[] buffer = new double[groups];
        for (int r = 0; r < resamples; r++) {
            int k = 0;
            for (int i = 0; i < groups; i++) {
                double v = groupValues[m][i][r];
                if ((include == null || include[i]) && !Double.isNaN(v)) {
                    buffer[k++] = v;
                }
            }
            out[r] = Aggregates.compute(kind, Arrays.copyOf(buffer, k), overallValues[m][r]);
        }
        return out;
    }

    /**
     * The percentile interval of bootstrap values at {@code level} (type-7 quantiles at
     * {@code (1-level)/2} and {@code (1+level)/2}), over the defined values; null when fewer than
     * half of the resamples are defined.
     */
    public static ConfidenceInterval percentile(double[] values, double level) {
        double[] defined = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (defined.length == 0 || defined.length * 2 < values.length) {
            return null;
        }
        double lo = Quantiles.linear(defined, (1 - level) / 2);
        double hi = Quantiles.linear(defined, (1 + level) / 2);
        return new ConfidenceInterval(lo, Math.max(lo, hi), level, IntervalMethod.BOOTSTRAP_PERCENTILE);
    }

    private int index(Metric metric) {
        int i = metrics.indexOf(metric);
        if (i < 0) {
            throw Checks.argument("metric").mustBe("one of " + metrics).got(metric.id()).noFix().exception();
        }
        return i;
    }
}
