package io.privkit.dp.noise;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Exact Bernoulli draws for mechanisms that need them (the exponential mechanism, randomized
 * response): only integer arithmetic, so no floating-point rounding shapes the probabilities
 * (Canonne, Kamath and Steinke, NeurIPS 2020, Section 5.1). Stateless; thread-safe if the
 * {@link Randomness} is.
 */
public final class ExactBernoulli {
    private ExactBernoulli() {
    }

    /** true with probability numerator/denominator exactly (0 ≤ numerator ≤ denominator, denominator &gt; 0). */
    public static boolean withProbability(long numerator, long denominator, Randomness random) {
        Checks.requirePositive(denominator, "denominator");
        if (numerator < 0 || numerator > denominator) {
            throw Checks.argument("numerator").mustBe("in [0, denominator]").got(numerator).noFix().exception();
        }
        return ExactSampling.bernoulli(numerator, denominator, Checks.requireNonNull(random, "random"));
    }

    /**
     * true with probability exp(−numerator/denominator) exactly, for decimal numbers
     * numerator ≥ 0 and denominator &gt; 0 (every double is one, exactly: {@code new BigDecimal(x)}).
     */
    public static boolean expMinusRatio(BigDecimal numerator, BigDecimal denominator, Randomness random) {
        Checks.requireNonNull(numerator, "numerator");
        Checks.requireNonNull(denominator, "denominator");
        if (numerator.signum() < 0 || denominator.signum() <= 0) {
            throw Checks.argument("numerator / denominator").mustBe(">= 0 with a positive denominator")
                    .got(numerator + "/" + denominator).noFix().exception();
        }
        int scale = Math.max(numerator.scale(), denominator.scale());
        BigInteger n = numerator.setScale(scale).unscaledValue();
        BigInteger d = denominator.setScale(scale).unscaledValue();
        BigInteger g = n.gcd(d);
        if (g.signum() > 0 && !g.equals(BigInteger.ONE)) {
            n = n.divide(g);
            d = d.divide(g);
        }
        return ExactSampling.bernoulliExp(n, d, Checks.requireNonNull(random, "random"));
    }
}
