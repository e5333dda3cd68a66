package io.privkit.dp.noise;

import io.privkit.common.Randomness;
import java.math.BigInteger;

/**
 * Exact Bernoulli sampling with rational parameters, the building block of the samplers of
 * C. Canonne, G. Kamath and T. Steinke, "The Discrete Gaussian for Differential Privacy",
 * NeurIPS 2020 (arXiv:2004.00010), Section 5.
 *
 * <ul>
 *   <li>Bernoulli(n/d): a uniform integer in [0, d) is below n.</li>
 *   <li>Bernoulli(exp(-γ)) for rational γ in [0, 1] (their Algorithm 1): draw A<sub>k</sub> ~
 *       Bernoulli(γ/k) for k = 1, 2, ... until the first A<sub>k</sub> = 0; return 1 exactly when
 *       that k is odd. P(return 1) = Σ<sub>k odd</sub> (γ<sup>k-1</sup>/(k-1)! − γ<sup>k</sup>/k!) =
 *       e<sup>−γ</sup>.</li>
 *   <li>For γ &gt; 1: ⌊γ⌋ independent Bernoulli(exp(-1)) draws must all be 1, then one
 *       Bernoulli(exp(-(γ − ⌊γ⌋))).</li>
 * </ul>
 *
 * <p>Only integer arithmetic is used (longs, with {@link BigInteger} when a product would
 * overflow), so no floating-point rounding can shape the distribution. The number of random draws
 * is random (expected O(1 + γ)); the running time therefore depends weakly on the outcome, the
 * residual timing channel Jin et al. (IEEE S&amp;P 2022) describe for rejection samplers.
 *
 * <p>Stateless; thread-safe if the {@link Randomness} is.
 */
final class ExactSampling {
    private static final long LONG_LIMIT = 1L << 62;

    private ExactSampling() {
    }

    /** A uniform integer in [0, bound), exactly. */
    static BigInteger uniformBelow(BigInteger bound, Randomness random) {
        if (bound.signum() <= 0) {
            throw new IllegalArgumentException("bound must be > 0; got " + bound);
        }
        if (bound.bitLength() <= 62) {
            return BigInteger.valueOf(random.nextLong(bound.longValue()));
        }
        int bits = bound.bitLength();
        byte[] buf = new byte[(bits + 7) / 8];
        int excess = buf.length * 8 - bits;
        while (true) {
            random.nextBytes(buf);
            buf[0] &= (byte) (0xFF >>> excess);
            BigInteger v = new BigInteger(1, buf);
            if (v.compareTo(bound) < 0) {
                return v;
            }
        }
    }

    /** Bernoulli(numerator / denominator) for 0 ≤ numerator ≤ denominator. */
    static boolean bernoulli(long numerator, long denominator, Randomness random) {
        return random.nextLong(denominator) < numerator;
    }

    /** Bernoulli(numerator / denominator) for 0 ≤ numerator ≤ denominator. */
    static boolean bernoulli(BigInteger numerator, BigInteger denominator, Randomness random) {
        return uniformBelow(denominator, random).compareTo(numerator) < 0;
    }

    /** Bernoulli(exp(-numerator/denominator)) for numerator ≥ 0, denominator &gt; 0. */
    static boolean bernoulliExp(long numerator, long denominator, Randomness random) {
        if (numerator <= denominator) {
            return bernoulliExpAtMostOne(numerator, denominator, random);
        }
        long whole = numerator / denominator;
        for (long i = 0; i < whole; i++) {
            if (!bernoulliExpAtMostOne(1, 1, random)) {
                return false;
            }
        }
        return bernoulliExpAtMostOne(numerator - whole * denominator, denominator, random);
    }

    /** Bernoulli(exp(-numerator/denominator)) for numerator ≥ 0, denominator &gt; 0. */
    static boolean bernoulliExp(BigInteger numerator, BigInteger denominator, Randomness random) {
        if (numerator.bitLength() < 62 && denominator.bitLength() < 62) {
            return bernoulliExp(numerator.longValue(), denominator.longValue(), random);
        }
        if (numerator.compareTo(denominator) <= 0) {
            return bernoulliExpAtMostOne(numerator, denominator, random);
        }
        BigInteger[] qr = numerator.divideAndRemainder(denominator);
        for (BigInteger i = BigInteger.ZERO; i.compareTo(qr[0]) < 0; i = i.add(BigInteger.ONE)) {
            if (!bernoulliExpAtMostOne(1, 1, random)) {
                return false;
            }
        }
        return bernoulliExpAtMostOne(qr[1], denominator, random);
    }

    private static boolean bernoulliExpAtMostOne(long n, long d, Randomness random) {
        long k = 1;
        while (true) {
            long dk = d * k;
            if (d >= LONG_LIMIT / k) {
                return bernoulliExpAtMostOneFrom(BigInteger.valueOf(n), BigInteger.valueOf(d), k, random);
            }
            if (!bernoulli(n, dk, random)) {
                return (k & 1) == 1;
            }
            k++;
        }
    }

    private static boolean bernoulliExpAtMostOne(BigInteger n, BigInteger d, Randomness random) {
        return bernoulliExpAtMostOneFrom(n, d, 1, random);
    }

    private static boolean bernoulliExpAtMostOneFrom(BigInteger n, BigInteger d, long firstK, Randomness random) {
        long k = firstK;
        while (true) {
            if (!bernoulli(n, d.multiply(BigInteger.valueOf(k)), random)) {
                return (k & 1) == 1;
            }
            k++;
        }
    }
}
