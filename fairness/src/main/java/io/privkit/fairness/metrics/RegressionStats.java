package io.privkit.fairness.metrics;

import io.privkit.common.Checks;
import io.privkit.evidence.ConfidenceInterval;
import io.privkit.evidence.Estimate;
import io.privkit.evidence.IntervalMethod;

/**
 * Regression metrics of one group, accumulated from (truth, prediction) pairs with residual
 * {@code r = prediction - truth}: mean absolute error {@code (1/n) sum |r|}, mean squared error
 * {@code (1/n) sum r^2}, mean residual {@code (1/n) sum r} (positive: over-prediction), and
 * {@code R^2 = 1 - sum r^2 / sum (y - mean y)^2} (undefined when the truth is constant in the
 * group, where scikit-learn would print 0 or 1).
 *
 * <p>MAE, MSE and the mean residual get normal intervals for a mean; R<sup>2</sup> none. The
 * truth's sum of squares is kept with the mergeable update of T. F. Chan, G. H. Golub and
 * R. J. LeVeque, "Algorithms for computing the sample variance", The American Statistician 37
 * (1983), so accumulators over disjoint rows {@link #merge merge} without loss of precision.
 *
 * <p>Not thread-safe.
 */
public final class RegressionStats {
    private boolean frozen;
    private long n;
    private double meanTruth;
    private double m2Truth;
    private double sumAbs;
    private double sumResidual;
    private double sumSquared;
    private double sumFourth;

    /** An empty accumulator. */
    public RegressionStats() {
    }

    /**
     * Adds one pair.
     *
     * @throws IllegalArgumentException if either value is not finite
     */
    public void add(double truth, double prediction) {
        requireMutable();
        Checks.requireFinite(truth, "truth", "Drop or impute non-finite targets before the assessment.");
        Checks.requireFinite(prediction, "prediction", "Drop or impute non-finite predictions before the assessment.");
        n++;
        double delta = truth - meanTruth;
        meanTruth += delta / n;
        m2Truth += delta * (truth - meanTruth);
        double r = prediction - truth;
        sumAbs += Math.abs(r);
        sumResidual += r;
        sumSquared += r * r;
        sumFourth += r * r * r * r;
    }

    /** Adds another accumulator's pairs to this one. */
    public void merge(RegressionStats other) {
        requireMutable();
        Checks.requireNonNull(other, "other");
        if (other.n == 0) {
            return;
        }
        long total = n + other.n;
        double delta = other.meanTruth - meanTruth;
        m2Truth += other.m2Truth + delta * delta * ((double) n * other.n / total);
        meanTruth += delta * other.n / total;
        n = total;
        sumAbs += other.sumAbs;
        sumResidual += other.sumResidual;
        sumSquared += other.sumSquared;
        sumFourth += other.sumFourth;
    }

    /** A mutable copy. */
    public RegressionStats copy() {
        RegressionStats c = new RegressionStats();
        c.merge(this);
        return c;
    }

    /** An immutable copy: {@link #add} and {@link #merge} on it throw {@link IllegalStateException}. */
    public RegressionStats frozenCopy() {
        RegressionStats c = copy();
        c.frozen = true;
        return c;
    }

    private void requireMutable() {
        if (frozen) {
            throw new IllegalStateException("These regression statistics belong to a snapshot and cannot change; take copy() first.");
        }
    }

    /** Pairs. */
    public long n() {
        return n;
    }

    /** Mean of the truth; NaN when empty. */
    public double meanTruth() {
        return n == 0 ? Double.NaN : meanTruth;
    }

    /** Mean absolute error with a normal interval. */
    public Estimate mae(double level, double z) {
        if (n == 0) {
            return Estimate.undefined(Metric.MAE.id(), Metric.MAE.undefinedReason());
        }
        double mean = sumAbs / n;
        return Estimate.of(Metric.MAE.id(), mean, interval(mean, sumSquared, level, z, 0));
    }

    /** Mean squared error with a normal interval. */
    public Estimate mse(double level, double z) {
        if (n == 0) {
            return Estimate.undefined(Metric.MSE.id(), Metric.MSE.undefinedReason());
        }
        double mean = sumSquared / n;
        return Estimate.of(Metric.MSE.id(), mean, interval(mean, sumFourth, level, z, 0));
    }

    /** Mean residual (prediction minus truth) with a normal interval. */
    public Estimate meanResidual(double level, double z) {
        if (n == 0) {
            return Estimate.undefined(Metric.MEAN_RESIDUAL.id(), Metric.MEAN_RESIDUAL.undefinedReason());
        }
        double mean = sumResidual / n;
        return Estimate.of(Metric.MEAN_RESIDUAL.id(), mean, interval(mean, sumSquared, level, z, Double.NEGATIVE_INFINITY));
    }

    /** The coefficient of determination; undefined when the truth is constant or the group empty. */
    public Estimate r2() {
        if (n == 0) {
            return Estimate.undefined(Metric.R2.id(), "group is empty");
        }
        if (m2Truth == 0) {
            return Estimate.undefined(Metric.R2.id(), Metric.R2.undefinedReason());
        }
        return Estimate.of(Metric.R2.id(), 1 - sumSquared / m2Truth, null);
    }

    private ConfidenceInterval interval(double mean, double sumSquares, double level, double z, double lo) {
        if (n < 2) {
            return null;
        }
        double variance = Math.max(0, (sumSquares - n * mean * mean) / (n - 1));
        double h = z * Math.sqrt(variance / n);
        return new ConfidenceInterval(Math.max(lo, mean - h), mean + h, level, IntervalMethod.NORMAL);
    }
}
