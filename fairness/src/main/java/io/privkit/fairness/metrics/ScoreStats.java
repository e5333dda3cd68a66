package io.privkit.fairness.metrics;

import io.privkit.common.Checks;
import io.privkit.evidence.ConfidenceInterval;
import io.privkit.evidence.Estimate;
import io.privkit.evidence.IntervalMethod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Score-based metrics of one group, accumulated from (score, label) pairs: ROC AUC, Brier score,
 * expected calibration error, mean score and the reliability tables. Mergeable: two accumulators
 * over disjoint rows {@link #merge merge} into the accumulator over their union.
 *
 * <ul>
 *   <li><b>ROC AUC</b>: the Mann-Whitney statistic {@code P(S+ > S-) + P(S+ = S-)/2} from a
 *       histogram of distinct scores (ties count one half, as scikit-learn's {@code roc_auc_score});
 *       undefined when the group has only one class. Interval: E. R. DeLong, D. M. DeLong and
 *       D. L. Clarke-Pearson, "Comparing the areas under two or more correlated receiver operating
 *       characteristic curves: a nonparametric approach", Biometrics 44 (1988): with structural
 *       components {@code V10} (per positive) and {@code V01} (per negative),
 *       {@code Var = S10/m + S01/n}; normal interval clipped to [0, 1]; none with fewer than two
 *       of either class.</li>
 *   <li><b>Brier score</b>: {@code (1/n) sum (s - y)^2} (G. W. Brier, Monthly Weather Review 78,
 *       1950), with a normal interval for a mean.</li>
 *   <li><b>ECE</b>: {@code sum_b (n_b/n) |mean y_b - mean s_b|} over non-empty uniform bins on
 *       [0, 1] (M. P. Naeini, G. Cooper and M. Hauskrecht, AAAI 2015); undefined when a score lies
 *       outside [0, 1].</li>
 * </ul>
 *
 * <p>Memory is the number of distinct (rounded) scores plus the bins: see {@link ScoreSettings}.
 * Not thread-safe.
 */
public final class ScoreStats {
    private final ScoreSettings settings;
    private final double[] edges;
    private final Map<Double, long[]> histogram = new HashMap<>();
    private boolean frozen;
    private long n;
    private long positives;
    private double sumScore;
    private double sumSquaredError;
    private double sumFourthError;
    private long outsideUnit;
    private final long[] binN;
    private final long[] binPositives;
    private final double[] binScore;

    /** An empty accumulator. */
    public ScoreStats(ScoreSettings settings) {
        this.settings = Checks.requireNonNull(settings, "settings");
        int k = settings.calibrationBins();
        this.edges = new double[k - 1];
        double step = 1.0 / k;
        for (int i = 1; i < k; i++) {
            edges[i - 1] = i * step;   // NumPy linspace(0, 1, k + 1)[1:-1], bit for bit
        }
        this.binN = new long[k];
        this.binPositives = new long[k];
        this.binScore = new double[k];
    }

    /** The settings. */
    public ScoreSettings settings() {
        return settings;
    }

    /**
     * Adds one (score, label) pair.
     *
     * @throws IllegalArgumentException if the score is not finite
     */
    public void add(double score, boolean label) {
        requireMutable();
        if (!Double.isFinite(score)) {
            throw Checks.argument("score").mustBe("a finite number").got(score)
                    .fix("Drop or impute non-finite scores before the assessment, or choose the drop policy for them.").exception();
        }
        double key = settings.resolution() == 0 ? score : Math.round(score / settings.resolution()) * settings.resolution();
        if (key == 0.0) {
            key = 0.0;   // -0.0 and 0.0 are one score
        }
        long[] cell = histogram.computeIfAbsent(key, x -> new long[2]);
        cell[label ? 1 : 0]++;
        n++;
        positives += label ? 1 : 0;
        sumScore += score;
        double e = score - (label ? 1 : 0);
        sumSquaredError += e * e;
        sumFourthError += e * e * e * e;
        if (score < 0 || score > 1) {
            outsideUnit++;
        } else {
            int b = Arrays.binarySearch(edges, score);
            int bin = b >= 0 ? b : -b - 1;   // searchsorted(edges, score, side="left")
            binN[bin]++;
            binPositives[bin] += label ? 1 : 0;
            binScore[bin] += score;
        }
    }

    /**
     * Adds another accumulator's observations to this one.
     *
     * @throws IllegalArgumentException if the settings differ
     */
    public void merge(ScoreStats other) {
        requireMutable();
        Checks.requireNonNull(other, "other");
        if (!other.settings.equals(settings)) {
            throw Checks.argument("other.settings").mustBe("equal to " + settings).got(other.settings.toString())
                    .fix("Accumulate every chunk with the same score settings.").exception();
        }
        for (Map.Entry<Double, long[]> e : other.histogram.entrySet()) {
            long[] cell = histogram.computeIfAbsent(e.getKey(), x -> new long[2]);
            cell[0] += e.getValue()[0];
            cell[1] += e.getValue()[1];
        }
        n += other.n;
        positives += other.positives;
        sumScore += other.sumScore;
        sumSquaredError += other.sumSquaredError;
        sumFourthError += other.sumFourthError;
        outsideUnit += other.outsideUnit;
        for (int i = 0; i < binN.length; i++) {
            binN[i] += other.binN[i];
            binPositives[i] += other.binPositives[i];
            binScore[i] += other.binScore[i];
        }
    }

    /** A mutable copy. */
    public ScoreStats copy() {
        ScoreStats c = new ScoreStats(settings);
        c.merge(this);
        return c;
    }

    /** An immutable copy: {@link #add} and {@link #merge} on it throw {@link IllegalStateException}. */
    public ScoreStats frozenCopy() {
        ScoreStats c = copy();
        c.frozen = true;
        return c;
    }

    private void requireMutable() {
        if (frozen) {
            throw new IllegalStateException("These score statistics belong to a snapshot and cannot change; take copy() first.");
        }
    }

    /** Observations. */
    public long n() {
        return n;
    }

    /** Observations labelled positive. */
    public long positives() {
        return positives;
    }

    /** Distinct (rounded) scores held. */
    public int distinctScores() {
        return histogram.size();
    }

    /** The ROC AUC with its DeLong interval, or undefined when the group has one class. */
    public Estimate auc(double level, double z) {
        long m = positives;
        long k = n - positives;
        if (m == 0 || k == 0) {
            return Estimate.undefined(Metric.ROC_AUC.id(), n == 0 ? "group is empty" : "group has one class only");
        }
        double[] keys = sortedKeys();
        double negBelow = 0;
        double sum = 0;
        for (double key : keys) {
            long[] c = histogram.get(key);
            sum += c[1] * (negBelow + 0.5 * c[0]);
            negBelow += c[0];
        }
        double auc = sum / ((double) m * k);
        ConfidenceInterval ci = null;
        if (m >= 2 && k >= 2) {
            // Structural components (DeLong et al. 1988).
            double s10 = 0;
            double s01 = 0;
            double below = 0;
            double above = m;
            for (double key : keys) {
                long[] c = histogram.get(key);
                above -= c[1];
                double v10 = (below + 0.5 * c[0]) / k;
                double v01 = (above + 0.5 * c[1]) / m;
                s10 += c[1] * (v10 - auc) * (v10 - auc);
                s01 += c[0] * (v01 - auc) * (v01 - auc);
                below += c[0];
            }
            s10 /= (m - 1);
            s01 /= (k - 1);
            double se = Math.sqrt(s10 / m + s01 / k);
            ci = new ConfidenceInterval(Math.max(0, auc - z * se), Math.min(1, auc + z * se), level, IntervalMethod.DELONG);
        }
        return Estimate.of(Metric.ROC_AUC.id(), auc, ci);
    }

    /** The Brier score with a normal interval for a mean. */
    public Estimate brier(double level, double z) {
        if (n == 0) {
            return Estimate.undefined(Metric.BRIER.id(), Metric.BRIER.undefinedReason());
        }
        double mean = sumSquaredError / n;
        return Estimate.of(Metric.BRIER.id(), mean, meanInterval(mean, sumFourthError, level, z, 0, outsideUnit > 0 ? Double.POSITIVE_INFINITY : 1));
    }

    /** The expected calibration error over the uniform bins; undefined when a score is outside [0, 1]. */
    public Estimate ece() {
        if (n == 0) {
            return Estimate.undefined(Metric.ECE.id(), Metric.ECE.undefinedReason());
        }
        if (outsideUnit > 0) {
            return Estimate.undefined(Metric.ECE.id(), outsideUnit + " scores outside [0, 1]; calibration needs probabilities");
        }
        double ece = 0;
        for (int b = 0; b < binN.length; b++) {
            if (binN[b] > 0) {
                ece += (double) binN[b] / n * Math.abs((double) binPositives[b] / binN[b] - binScore[b] / binN[b]);
            }
        }
        return Estimate.of(Metric.ECE.id(), ece, null);
    }

    /** The mean score. */
    public Estimate meanScore() {
        if (n == 0) {
            return Estimate.undefined(Metric.MEAN_SCORE.id(), Metric.MEAN_SCORE.undefinedReason());
        }
        return Estimate.of(Metric.MEAN_SCORE.id(), sumScore / n, null);
    }

    /** The reliability table over the uniform bins (every bin, empty ones included). */
    public List<ReliabilityBin> reliabilityByBin() {
        List<ReliabilityBin> out = new ArrayList<>();
        for (int b = 0; b < binN.length; b++) {
            double lower = b == 0 ? 0.0 : edges[b - 1];
            double upper = b == binN.length - 1 ? 1.0 : edges[b];
            out.add(new ReliabilityBin(lower, upper, binN[b], binPositives[b], binN[b] == 0 ? Double.NaN : binScore[b] / binN[b]));
        }
        return out;
    }

    /** The reliability table per distinct (rounded) score, ascending (e.g. per decile of a risk score). */
    public List<ReliabilityBin> reliabilityByValue() {
        List<ReliabilityBin> out = new ArrayList<>();
        for (double key : sortedKeys()) {
            long[] c = histogram.get(key);
            out.add(new ReliabilityBin(key, key, c[0] + c[1], c[1], key));
        }
        return out;
    }

    private double[] sortedKeys() {
        double[] keys = new double[histogram.size()];
        int i = 0;
        for (Double d : histogram.keySet()) {
            keys[i++] = d;
        }
        Arrays.sort(keys);
        return keys;
    }

    /** Normal interval for the mean of x with {@code sum x^2 = sumSquares}, clipped to [lo, hi]. */
    private ConfidenceInterval meanInterval(double mean, double sumSquares, double level, double z, double lo, double hi) {
        if (n < 2) {
            return null;
        }
        double variance = Math.max(0, (sumSquares - n * mean * mean) / (n - 1));
        double h = z * Math.sqrt(variance / n);
        return new ConfidenceInterval(Math.max(lo, mean - h), Math.min(hi, mean + h), level, IntervalMethod.NORMAL);
    }
}
