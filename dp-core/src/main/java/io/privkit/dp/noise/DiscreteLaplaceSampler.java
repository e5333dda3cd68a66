package io.privkit.dp.noise;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import java.math.BigInteger;

/**
 * Exact sampler of the discrete Laplace (two-sided geometric) distribution on the integers,
 * P(x) = (1 − e<sup>−1/b</sup>)/(1 + e<sup>−1/b</sup>) · e<sup>−|x|/b</sup>, with a rational scale b.
 *
 * <p><b>Method.</b> Algorithm 2 of C. Canonne, G. Kamath and T. Steinke, "The Discrete Gaussian
 * for Differential Privacy", NeurIPS 2020 (arXiv:2004.00010), with b = t/s: draw U uniform in
 * {0, …, t−1} and accept it with probability e<sup>−U/t</sup>; draw V ~ Geometric(1 − e<sup>−1</sup>)
 * by counting Bernoulli(e<sup>−1</sup>) successes; set Y = ⌊(U + tV)/s⌋ and a fair sign B; reject
 * (B = 1, Y = 0) and return (1 − 2B)·Y. Only integer arithmetic is used, so the output distribution
 * is exactly the one above: there is no floating-point porosity for an attacker to exploit
 * (I. Mironov, "On Significance of the Least Significant Bits for Differential Privacy", CCS 2012).
 *
 * <p><b>Limits.</b> It is a rejection sampler: the expected number of iterations is O(1), but the
 * running time varies with the value drawn (J. Jin et al., "Are We There Yet? Timing and
 * Floating-Point Attacks on Differential Privacy Systems", IEEE S&amp;P 2022). The output must fit a
 * long, which fails with probability below 2<sup>−60</sup> for any scale under 2<sup>56</sup>.
 *
 * <p>Immutable; thread-safe if the {@link Randomness} passed in is.
 */
public final class DiscreteLaplaceSampler {
    private static final long LIMIT = 1L << 62;
    private final Rational scale;
    private final BigInteger s;
    private final BigInteger t;
    private final boolean small;
    private final long sL;
    private final long tL;

    private DiscreteLaplaceSampler(Rational scale) {
        this.scale = scale;
        this.t = scale.numerator();
        this.s = scale.denominator();
        this.small = t.bitLength() < 62 && s.bitLength() < 62;
        this.sL = small ? s.longValue() : 0;
        this.tL = small ? t.longValue() : 0;
    }

    /**
     * A sampler with the given scale b, taken exactly (a double is a dyadic rational).
     *
     * @param scale b &gt; 0, so that P(x) ∝ exp(−|x|/b)
     */
    public static DiscreteLaplaceSampler withScale(double scale) {
        Checks.requirePositive(scale, "scale", "Give the discrete Laplace scale b > 0, e.g. sensitivity / epsilon.");
        return new DiscreteLaplaceSampler(Rational.of(scale));
    }

    static DiscreteLaplaceSampler withScale(Rational scale) {
        if (scale.numerator().signum() <= 0) {
            throw Checks.argument("scale").mustBe("> 0").got(scale.toString()).noFix().exception();
        }
        return new DiscreteLaplaceSampler(scale);
    }

    /** The scale b as the nearest double. */
    public double scale() {
        return scale.toDoubleFloor();
    }

    Rational exactScale() {
        return scale;
    }

    /** Draws one value. */
    public long sample(Randomness random) {
        Checks.requireNonNull(random, "random");
        return small ? sampleLong(random) : sampleBig(random);
    }

    private long sampleLong(Randomness random) {
        while (true) {
            long u = random.nextLong(tL);
            if (!ExactSampling.bernoulliExp(u, tL, random)) {
                continue;
            }
            long v = geometric(random);
            long y;
            if (v < LIMIT / tL) {
                y = (u + tL * v) / sL;
            } else {
                y = BigInteger.valueOf(u).add(t.multiply(BigInteger.valueOf(v))).divide(s).longValueExact();
            }
            boolean negative = random.nextBoolean();
            if (negative && y == 0) {
                continue;
            }
            return negative ? -y : y;
        }
    }

    private long sampleBig(Randomness random) {
        while (true) {
            BigInteger u = ExactSampling.uniformBelow(t, random);
            if (!ExactSampling.bernoulliExp(u, t, random)) {
                continue;
            }
            long v = geometric(random);
            long y = u.add(t.multiply(BigInteger.valueOf(v))).divide(s).longValueExact();
            boolean negative = random.nextBoolean();
            if (negative && y == 0) {
                continue;
            }
            return negative ? -y : y;
        }
    }

    /** V ~ Geometric: the number of Bernoulli(e^-1) successes before the first failure. */
    private static long geometric(Randomness random) {
        long v = 0;
        while (ExactSampling.bernoulliExp(1, 1, random)) {
            v++;
        }
        return v;
    }

    @Override
    public String toString() {
        return "DiscreteLaplaceSampler[scale=" + scale + "]";
    }
}
