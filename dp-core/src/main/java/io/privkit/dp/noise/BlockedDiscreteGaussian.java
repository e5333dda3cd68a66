package io.privkit.dp.noise;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A fast sampler of the discrete Gaussian N<sub>ℤ</sub>(0, s²) for one fixed s, with a proven
 * bound on how far its output distribution Q is from the exact one D, for {@link VectorGaussianNoise}.
 *
 * <p><b>Method.</b> Write k = ±m with m ≥ 0 and m = a·M + b, M = 2<sup>β</sup> ≤ s/2<sup>8</sup>
 * (block a, offset b). Rejection sampling with a block-constant envelope:
 * <ol>
 *   <li>draw the block a with probability ∝ w(aM), w(x) = exp(−x²/(2s²)), from a cumulative table
 *       of 128-bit fixed-point thresholds computed once with 60-digit decimal arithmetic (64 random
 *       bits, 64 more only on a tie with a table entry), blocks covering m &lt; 14s;</li>
 *   <li>draw b uniform in [0, M) and a sign from the next 64-bit word;</li>
 *   <li>accept with probability w(m)/w(aM) = exp(−(m − aM)(m + aM)/(2s²)) (≥ 0.94), halved for
 *       m = 0 (which both signs reach), by comparing 47 random bits with the acceptance
 *       probability; a per-block lower bound accepts most draws without evaluating exp.</li>
 * </ol>
 * With exact arithmetic the accepted k has law D restricted to |k| &lt; 14s.
 *
 * <p><b>Closeness bound</b>, computed at construction ({@link #maxLogRatio()},
 * {@link #tailProbability()}): on the good set |k| ≤ 10s, |log Q(k)/D(k)| ≤ η where η collects the
 * table's rounding (each threshold is within 2<sup>−128</sup> of the exact cumulative sum, and every
 * good block has mass far above 2<sup>−128</sup>), the acceptance test's resolution
 * (2<sup>−47</sup> against probabilities ≥ 0.94) and the double-precision exp (within a few ulps,
 * Java's {@code Math.exp} is accurate to 1 ulp), and the renormalisation over the bad set; the bad
 * set has probability at most τ under both Q and D. About η ≈ 2·10<sup>−14</sup> and
 * τ ≈ 10<sup>−22</sup> per coordinate for s ≈ 2<sup>24</sup>.
 *
 * <p>Cost per sample: two 64-bit words, a table search, and exp for a few percent of draws. Not
 * thread-safe only through the bit source; the table itself is immutable.
 */
final class BlockedDiscreteGaussian {
    static final double RANGE = 14.0;
    static final double GOOD = 10.0;
    private static final int MAX_BLOCK_BITS = 16;
    private static final int GUIDE_BITS = 12;
    private static final int U_BITS = 47;
    private static final double U_SCALE = 0x1p47;
    private static final MathContext MC = new MathContext(60, RoundingMode.HALF_EVEN);

    private final double s;
    private final int blockBits;
    private final long blockMask;
    private final int blocks;
    private final long[] hi;
    private final long[] lo;
    private final int[] guide;
    private final long[] squeeze;
    private final double negInvTwoS2;
    private final double maxLogRatio;
    private final double tailProbability;
    private final long goodLimit;

    BlockedDiscreteGaussian(double s) {
        if (!(s >= 1) || s >= 0x1p25) {
            throw new IllegalArgumentException("s must be in [1, 2^25); got " + s);
        }
        this.s = s;
        this.blockBits = Math.max(0, Math.min(MAX_BLOCK_BITS, Math.getExponent(s) - 8));
        long m = 1L << blockBits;
        this.blockMask = m - 1;
        this.blocks = (int) Math.ceil(RANGE * s / m) + 1;
        this.negInvTwoS2 = -1.0 / (2.0 * s * s);

        // Block weights w_a = exp(-(aM)^2/(2 s^2)) = E^(a^2), E = exp(-M^2/(2 s^2)), by a recurrence.
        BigDecimal sBig = new BigDecimal(s);
        BigDecimal c = new BigDecimal(m).pow(2).divide(sBig.pow(2).multiply(BigDecimal.valueOf(2)), MC);
        BigDecimal e = HighPrecision.exp(c.negate(), MC);
        BigDecimal e2 = e.multiply(e, MC);
        BigDecimal[] w = new BigDecimal[blocks];
        BigDecimal q = e;
        w[0] = BigDecimal.ONE;
        for (int a = 1; a < blocks; a++) {
            w[a] = w[a - 1].multiply(q, MC);
            q = q.multiply(e2, MC);
        }
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal x : w) {
            total = total.add(x, MC);
        }
        BigDecimal two128 = new BigDecimal(BigInteger.ONE.shiftLeft(128));
        BigInteger[] thresholds = new BigInteger[blocks];
        BigDecimal cumulative = BigDecimal.ZERO;
        this.hi = new long[blocks];
        this.lo = new long[blocks];
        for (int a = 0; a < blocks; a++) {
            cumulative = cumulative.add(w[a], MC);
            BigInteger t = a == blocks - 1 ? BigInteger.ONE.shiftLeft(128)
                    : cumulative.divide(total, MC).multiply(two128).setScale(0, RoundingMode.FLOOR).toBigInteger();
            thresholds[a] = t;
            BigInteger clipped = t.min(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE));
            hi[a] = clipped.shiftRight(64).longValue();
            lo[a] = clipped.longValue();
        }
        this.guide = new int[(1 << GUIDE_BITS) + 1];
        int a = 0;
        for (int j = 0; j <= 1 << GUIDE_BITS; j++) {
            long start = j == 1 << GUIDE_BITS ? -1L : ((long) j) << (64 - GUIDE_BITS);
            while (a < blocks - 1 && Long.compareUnsigned(hi[a], start) < 0) {
                a++;
            }
            guide[j] = a;
        }

        // Squeeze: a lower bound on the acceptance probability over each block.
        this.squeeze = new long[blocks];
        double accMin = 1;
        for (int b = 0; b < blocks; b++) {
            long base = (long) b << blockBits;
            double worst = (double) ((m - 1) * (2 * base + m - 1)) * negInvTwoS2;
            double low = Math.exp(worst) * (1 - 0x1p-40);
            accMin = Math.min(accMin, low);
            squeeze[b] = (long) (low * U_SCALE);
        }

        // The closeness bound (see the class comment).
        long good = (long) Math.floor(GOOD * s);
        int lastGood = (int) Math.min(blocks - 2, ((good + 1) >> blockBits) - 1);
        this.goodLimit = ((long) (lastGood + 1) << blockBits) - 1;
        BigDecimal tableError = BigDecimal.ZERO;
        BigInteger previous = BigInteger.ZERO;
        for (int b = 0; b <= lastGood; b++) {
            BigDecimal realised = new BigDecimal(thresholds[b].subtract(previous)).divide(two128, MC);
            BigDecimal exact = w[b].divide(total, MC);
            BigDecimal rel = realised.subtract(exact).abs().divide(exact, MC);
            tableError = tableError.max(rel);
            previous = thresholds[b];
        }
        BigDecimal badRealised = new BigDecimal(BigInteger.ONE.shiftLeft(128).subtract(thresholds[lastGood])).divide(two128, MC);
        BigDecimal badExact = BigDecimal.ZERO;
        for (int b = lastGood + 1; b < blocks; b++) {
            badExact = badExact.add(w[b], MC);
        }
        badExact = badExact.divide(total, MC);
        double eta1 = tableError.doubleValue() * 1.01 + 1e-40;
        double eta2 = (0x1p-47 + 4 * 0x1p-53) / accMin * 1.01 + 4 * 0x1p-53;
        double bad = (badRealised.doubleValue() + badExact.doubleValue()) / accMin * 1.01;
        // Q vs D restricted to the covered range: numerator and normaliser each within eta1 + eta2,
        // the normaliser also moved by the bad set; D restricted vs D: the mass beyond 14s (< e^-97).
        this.maxLogRatio = 2 * (eta1 + eta2) + 2 * bad + 1e-40;
        this.tailProbability = bad + 1e-40;
    }

    /** s, the scale in integer units. */
    double s() {
        return s;
    }

    /** η: |log Q(k)/D(k)| ≤ η for |k| ≤ {@link #goodLimit()}. */
    double maxLogRatio() {
        return maxLogRatio;
    }

    /** τ: the probability of |k| &gt; {@link #goodLimit()} under Q and under D, each at most τ. */
    double tailProbability() {
        return tailProbability;
    }

    /** The largest |k| in the good set; at least 10s − M. */
    long goodLimit() {
        return goodLimit;
    }

    /** Draws one value. */
    long sample(AesCtrBits bits) {
        while (true) {
            long r1 = bits.nextLong();
            int a = block(r1, bits);
            long r2 = bits.nextLong();
            long m = ((long) a << blockBits) + (r2 & blockMask);
            boolean negative = ((r2 >>> blockBits) & 1L) != 0;
            long u = r2 >>> (64 - U_BITS);
            if (m == 0) {
                if (bits.nextLong() < 0) {
                    continue;   // k = 0 is reached by both signs: accept it half the time
                }
                return 0;
            }
            if (u < squeeze[a]) {
                return negative ? -m : m;
            }
            long base = (long) a << blockBits;
            double arg = (double) ((m - base) * (m + base)) * negInvTwoS2;
            if (u < (long) (Math.exp(arg) * U_SCALE)) {
                return negative ? -m : m;
            }
        }
    }

    private int block(long r1, AesCtrBits bits) {
        int j = (int) (r1 >>> (64 - GUIDE_BITS));
        int lowIdx = guide[j];
        int highIdx = guide[j + 1];
        // First index in [lowIdx, highIdx] whose high word is >= r1 (unsigned).
        while (lowIdx < highIdx) {
            int mid = (lowIdx + highIdx) >>> 1;
            if (Long.compareUnsigned(hi[mid], r1) < 0) {
                lowIdx = mid + 1;
            } else {
                highIdx = mid;
            }
        }
        int a = lowIdx;
        long r2 = 0;
        boolean haveR2 = false;
        while (a < blocks - 1) {
            int cmp = Long.compareUnsigned(r1, hi[a]);
            if (cmp < 0) {
                return a;
            }
            if (cmp == 0) {
                if (!haveR2) {
                    r2 = bits.nextLong();
                    haveR2 = true;
                }
                if (Long.compareUnsigned(r2, lo[a]) < 0) {
                    return a;
                }
            }
            a++;
        }
        return blocks - 1;
    }
}
