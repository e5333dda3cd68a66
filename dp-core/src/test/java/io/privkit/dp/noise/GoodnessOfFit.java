package io.privkit.dp.noise;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Pearson's chi-square goodness-of-fit test for integer samples against a probability mass
 * function, with bins merged until each expects at least 20 observations (so the chi-square
 * approximation holds). The critical value is the chi-square quantile at the stated
 * false-rejection probability, so a correct sampler fails a test with at most that probability.
 */
final class GoodnessOfFit {
    /** False-rejection probability of every goodness-of-fit check in these tests. */
    static final double ALPHA = 1e-6;

    private GoodnessOfFit() {
    }

    /** The outcome: statistic, degrees of freedom, critical value. */
    record Result(double statistic, int degreesOfFreedom, double critical) {
        boolean rejects() {
            return statistic > critical;
        }

        @Override
        public String toString() {
            return "chi2=" + statistic + " df=" + degreesOfFreedom + " critical=" + critical;
        }
    }

    /**
     * Tests samples in [lo, hi] against pmf; mass outside [lo, hi] forms two tail bins.
     *
     * @param samples the samples
     * @param lo      the lowest value with its own bin
     * @param hi      the highest value with its own bin
     * @param pmf     the hypothesised probability of each value
     * @param cdfBelowLo P(X &lt; lo)
     * @param sfAboveHi  P(X &gt; hi)
     */
    static Result test(long[] samples, long lo, long hi, LongToDoubleFunction pmf, double cdfBelowLo, double sfAboveHi) {
        int n = (int) (hi - lo + 1);
        long[] counts = new long[n + 2];
        for (long s : samples) {
            if (s < lo) {
                counts[0]++;
            } else if (s > hi) {
                counts[n + 1]++;
            } else {
                counts[(int) (s - lo) + 1]++;
            }
        }
        double[] p = new double[n + 2];
        p[0] = cdfBelowLo;
        p[n + 1] = sfAboveHi;
        for (int i = 0; i < n; i++) {
            p[i + 1] = pmf.applyAsDouble(lo + i);
        }
        return binned(counts, p, samples.length);
    }

    /** Tests bin counts against bin probabilities (which should sum to 1). */
    static Result binned(long[] counts, double[] p, long total) {
        List<double[]> merged = new ArrayList<>();
        double accP = 0;
        long accC = 0;
        for (int i = 0; i < counts.length; i++) {
            accP += p[i];
            accC += counts[i];
            if (accP * total >= 20) {
                merged.add(new double[] {accP, accC});
                accP = 0;
                accC = 0;
            }
        }
        if (!merged.isEmpty()) {
            double[] last = merged.get(merged.size() - 1);
            last[0] += accP;
            last[1] += accC;
        }
        double stat = 0;
        for (double[] b : merged) {
            double e = b[0] * total;
            stat += (b[1] - e) * (b[1] - e) / e;
        }
        int df = merged.size() - 1;
        double critical = ChiSquaredDistribution.of(df).inverseSurvivalProbability(ALPHA);
        return new Result(stat, df, critical);
    }
}
