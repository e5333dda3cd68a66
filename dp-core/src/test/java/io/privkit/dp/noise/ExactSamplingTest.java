package io.privkit.dp.noise;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ExactSamplingTest {
    // Binomial frequency checks: |k - n p| <= 5.5 sqrt(n p (1-p)) fails for a correct sampler with
    // probability below 4e-8 (normal approximation, n p (1 - p) > 1000 in every case).
    private static final double Z = 5.5;

    private static void assertFrequency(long hits, int n, double p, String what) {
        double sd = Math.sqrt(n * p * (1 - p));
        assertTrue(Math.abs(hits - n * p) <= Z * sd, what + ": " + hits + " hits in " + n + ", expected " + n * p);
    }

    private static void assertFrequencyRejects(long hits, int n, double p, String what) {
        double sd = Math.sqrt(n * p * (1 - p));
        assertTrue(Math.abs(hits - n * p) > Z * sd, what + ": a wrong probability must be detected");
    }

    @Test
    void bernoulliExp_fractionsAndWholeParts_matchExpMinusGamma() {
        Randomness r = Randomness.insecureSeeded(1);
        long[][] gammas = {{0, 1}, {3, 10}, {1, 1}, {5, 2}, {7, 3}};
        int n = 200_000;
        for (long[] g : gammas) {
            long hits = 0;
            for (int i = 0; i < n; i++) {
                if (ExactSampling.bernoulliExp(g[0], g[1], r)) {
                    hits++;
                }
            }
            double p = Math.exp(-(double) g[0] / g[1]);
            if (p == 1) {
                assertTrue(hits == n, "gamma = 0 always succeeds");
            } else {
                assertFrequency(hits, n, p, "exp(-" + g[0] + "/" + g[1] + ")");
            }
        }
    }

    @Test
    void bernoulliExp_bigIntegerPath_matchesExpMinusGamma() {
        Randomness r = Randomness.insecureSeeded(2);
        BigInteger den = BigInteger.ONE.shiftLeft(100);
        BigInteger num = den.multiply(BigInteger.valueOf(7)).divide(BigInteger.valueOf(4));   // gamma = 1.75
        int n = 100_000;
        long hits = 0;
        for (int i = 0; i < n; i++) {
            if (ExactSampling.bernoulliExp(num, den, r)) {
                hits++;
            }
        }
        assertFrequency(hits, n, Math.exp(-1.75), "exp(-1.75), 100-bit denominator");
        // The same check rejects the frequency of a wrong parameter (gamma = 1.6).
        assertFrequencyRejects(hits, n, Math.exp(-1.6), "exp(-1.6)");
    }

    @Test
    void uniformBelow_bigBound_isUniformOverQuarters() {
        Randomness r = Randomness.insecureSeeded(3);
        BigInteger bound = BigInteger.ONE.shiftLeft(90).add(BigInteger.valueOf(12345));
        BigInteger quarter = bound.shiftRight(2);
        long[] counts = new long[4];
        int n = 80_000;
        for (int i = 0; i < n; i++) {
            BigInteger v = ExactSampling.uniformBelow(bound, r);
            assertTrue(v.signum() >= 0 && v.compareTo(bound) < 0);
            counts[Math.min(3, v.divide(quarter).intValue())]++;
        }
        for (long c : counts) {
            assertFrequency(c, n, 0.25, "quarter");
        }
    }
}
