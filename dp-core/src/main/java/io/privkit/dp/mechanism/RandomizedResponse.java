package io.privkit.dp.mechanism;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.dp.accounting.DpEvent;

/**
 * k-ary randomized response (S. Warner, JASA 1965; the ε-DP form of Kairouz, Oh and Viswanath,
 * ICML 2015): report the true category with probability p = e<sup>ε</sup>/(e<sup>ε</sup> + k − 1),
 * otherwise one of the other k − 1 uniformly. Each unit randomises its own answer (local model),
 * so the report is ε-DP for that unit whatever the collector does.
 *
 * <p>p is irrational; the implemented keep-probability p' is a multiple of 2<sup>−53</sup> rounded
 * below p, drawn exactly from 53 random bits, so the realised ε' = ln(p'(k−1)/(1−p')) ≤ ε. The
 * other category is drawn exactly uniformly.
 *
 * <p>Immutable and thread-safe (given a thread-safe {@link Randomness}).
 */
public final class RandomizedResponse {
    private static final long ONE = 1L << 53;
    private final double epsilon;
    private final int categories;
    private final long keepNumerator;

    private RandomizedResponse(double epsilon, int categories) {
        this.epsilon = epsilon;
        this.categories = categories;
        double p = 1 / (1 + (categories - 1) * Math.exp(-epsilon));
        // Round down, with a margin of 4 ulps for the error of exp and the division.
        long n = (long) Math.floor(p * ONE) - 4;
        this.keepNumerator = Math.max(0, Math.min(ONE - 1, n));
    }

    /** ε-DP randomized response over k ≥ 2 categories. */
    public static RandomizedResponse of(double epsilon, int categories) {
        Checks.requirePositive(epsilon, "epsilon", "Give the privacy parameter epsilon > 0, e.g. 1.0.");
        if (categories < 2) {
            throw Checks.argument("categories").mustBe("at least 2").got(categories)
                    .fix("Randomized response needs at least two possible answers.").exception();
        }
        return new RandomizedResponse(epsilon, categories);
    }

    /** The probability of reporting the true category, p' ≤ e^ε/(e^ε + k − 1). */
    public double keepProbability() {
        return (double) keepNumerator / ONE;
    }

    /** The privacy event of one report: pure ε-DP. */
    public DpEvent event() {
        return DpEvent.epsilonDelta(epsilon, 0);
    }

    /** Randomises one answer in [0, k). */
    public Release<Integer> respond(int trueCategory, Randomness random) {
        if (trueCategory < 0 || trueCategory >= categories) {
            throw Checks.argument("trueCategory").mustBe("in [0, " + categories + ")").got(trueCategory)
                    .fix("Encode the answer as a category index.").exception();
        }
        Checks.requireNonNull(random, "random");
        if ((random.nextLong() >>> 11) < keepNumerator) {
            return new Release<>(trueCategory, event());
        }
        int other = random.nextInt(categories - 1);
        return new Release<>(other >= trueCategory ? other + 1 : other, event());
    }

    /**
     * An unbiased estimate of the true frequency of each category from the reports' observed
     * frequencies: f = (observed − (1 − p')/(k − 1)) / (p' − (1 − p')/(k − 1)) (post-processing).
     */
    public double[] unbiasedFrequencies(long[] reportCounts) {
        Checks.requireNonNull(reportCounts, "reportCounts");
        if (reportCounts.length != categories) {
            throw Checks.argument("reportCounts.length").mustBe("the number of categories " + categories)
                    .got(reportCounts.length).noFix().exception();
        }
        long n = 0;
        for (long c : reportCounts) {
            n += c;
        }
        double p = keepProbability();
        double q = (1 - p) / (categories - 1);
        double[] f = new double[categories];
        for (int i = 0; i < categories; i++) {
            f[i] = n == 0 ? 0 : ((double) reportCounts[i] / n - q) / (p - q);
        }
        return f;
    }
}
