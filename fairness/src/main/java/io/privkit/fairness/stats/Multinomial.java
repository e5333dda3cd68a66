package io.privkit.fairness.stats;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import org.apache.commons.numbers.combinatorics.LogBinomialCoefficient;

/**
 * Exact binomial and multinomial draws, for resampling confusion counts without the rows: drawing
 * n rows with replacement from a table of category counts is a multinomial draw with the
 * categories' shares as probabilities, so a bootstrap over counts equals a bootstrap over rows and
 * needs memory independent of the number of rows.
 *
 * <p>Binomial draws use inversion in modal order (A. W. Kemp, "A modal method for generating
 * binomial variables", Communications in Statistics - Theory and Methods 15 (1986)): start at the
 * mode {@code m = floor((n+1)p)} with {@code P(m)} from log-binomial coefficients, then walk down
 * and up alternately with the exact ratios {@code P(x-1)/P(x) = x q / ((n-x+1) p)} and
 * {@code P(x+1)/P(x) = (n-x) p / ((x+1) q)}, subtracting each probability from one uniform until it
 * is used up. Any fixed order of the support gives an exact inversion; the modal order makes the
 * expected work about 1.6 standard deviations of steps. A multinomial draw is a chain of
 * conditional binomials: {@code X1 ~ Bin(n, p1)}, {@code X2 ~ Bin(n - X1, p2 / (1 - p1))}, and so on.
 *
 * <p>Deterministic for a seeded {@link Randomness}. Stateless and thread-safe (the randomness
 * serialises its callers).
 */
public final class Multinomial {
    private Multinomial() {
    }

    /**
     * A draw from {@code Binomial(trials, p)}.
     *
     * @throws IllegalArgumentException if {@code trials < 0} or p is not a probability
     */
    public static long binomial(Randomness randomness, long trials, double p) {
        Checks.requireNonNull(randomness, "randomness");
        Checks.requireNonNegative(trials, "trials");
        Checks.requireProbability(p, "p");
        if (trials == 0 || p == 0) {
            return 0;
        }
        if (p == 1) {
            return trials;
        }
        if (p > 0.5) {
            return trials - draw(randomness, trials, 1 - p);
        }
        return draw(randomness, trials, p);
    }

    private static long draw(Randomness randomness, long n, double p) {
        double q = 1 - p;
        long mode = (long) Math.floor((n + 1) * p);
        if (mode > n) {
            mode = n;
        }
        double pMode = Math.exp(LogBinomialCoefficient.value(Math.toIntExact(n), Math.toIntExact(mode))
                + mode * Math.log(p) + (n - mode) * Math.log1p(-p));
        double u = randomness.nextDouble() - pMode;
        if (u <= 0) {
            return mode;
        }
        long lo = mode;
        long hi = mode;
        double pLo = pMode;
        double pHi = pMode;
        double downFactor = q / p;
        double upFactor = p / q;
        while (lo > 0 || hi < n) {
            if (lo > 0) {
                pLo *= lo * downFactor / (n - lo + 1);
                lo--;
                u -= pLo;
                if (u <= 0) {
                    return lo;
                }
            }
            if (hi < n) {
                pHi *= (n - hi) * upFactor / (hi + 1);
                hi++;
                u -= pHi;
                if (u <= 0) {
                    return hi;
                }
            }
        }
        // The probabilities summed to 1 - u with u ~ 1e-13 left by rounding: return the mode.
        return mode;
    }

    /**
     * A multinomial draw of {@code trials} over categories with the given non-negative weights
     * (normalised to probabilities), as a new array of counts.
     *
     * @throws IllegalArgumentException if a weight is negative or all are zero while trials > 0
     */
    public static long[] draw(Randomness randomness, long trials, long[] weights) {
        Checks.requireNonNull(weights, "weights");
        Checks.requireNonNegative(trials, "trials");
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] < 0) {
                throw Checks.argument("weights[" + i + "]").mustBe(">= 0").got(weights[i]).noFix().exception();
            }
            total += weights[i];
        }
        long[] out = new long[weights.length];
        if (trials == 0) {
            return out;
        }
        if (total == 0) {
            throw Checks.argument("weights").mustBe("not all zero").got("all zero").noFix().exception();
        }
        long remaining = trials;
        double remainingWeight = total;
        for (int i = 0; i < weights.length && remaining > 0; i++) {
            if (weights[i] == 0) {
                continue;
            }
            double p = Math.min(1.0, weights[i] / remainingWeight);
            long x = binomial(randomness, remaining, p);
            out[i] = x;
            remaining -= x;
            remainingWeight -= weights[i];
        }
        return out;
    }
}
