package io.privkit.drift.test;

import io.privkit.common.Checks;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The pooled two-proportion z-test: with k1 of n1 reference values and k2 of n2 current values equal
 * to the tracked level, p = (k1 + k2)/(n1 + n2) and z = (k2/n2 - k1/n1) / sqrt(p (1 - p) (1/n1 + 1/n2));
 * two-sided p-value 2 (1 - Phi(|z|)) (e.g. A. Agresti, Categorical Data Analysis, 3rd ed., 2013,
 * section 3.1). Used for binary columns and for missing-rate drift. When both samples hold a single
 * level the difference is 0 and p = 1. Stateless and thread-safe.
 */
public final class TwoProportionZ {
    private static final NormalDistribution STD_NORMAL = NormalDistribution.of(0, 1);

    private TwoProportionZ() {
    }

    /** Counts of one sample: successes out of trials. */
    public record Counts(long successes, long trials) {
        public Counts {
            Checks.requirePositive(trials, "trials");
            Checks.requireNonNegative(successes, "successes");
            if (successes > trials) {
                throw Checks.argument("successes").mustBe("<= trials (" + trials + ")").got(successes).noFix().exception();
            }
        }

        /** The proportion. */
        public double proportion() {
            return (double) successes / trials;
        }
    }

    /** The two-sided test; the statistic is z (positive when the current proportion is larger). */
    public static Outcome test(Counts reference, Counts current) {
        Checks.requireNonNull(reference, "reference");
        Checks.requireNonNull(current, "current");
        double p = (double) (reference.successes() + current.successes()) / (reference.trials() + current.trials());
        double diff = current.proportion() - reference.proportion();
        double var = p * (1 - p) * (1.0 / reference.trials() + 1.0 / current.trials());
        if (var == 0) {
            return Outcome.test(TestId.Z, "z", 0.0, 1.0, Method.ASYMPTOTIC).withNote("a single level in both samples");
        }
        double z = diff / Math.sqrt(var);
        return Outcome.test(TestId.Z, "z", z, 2 * STD_NORMAL.survivalProbability(Math.abs(z)), Method.ASYMPTOTIC);
    }
}
