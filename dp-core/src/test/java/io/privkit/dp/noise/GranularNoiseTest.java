package io.privkit.dp.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.dp.accounting.DpEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class GranularNoiseTest {
    private static final int N = 100_000;
    private static final int BINS = 40;

    /** The integer noise k with output = (round(x/g) + k)·g; fails if the output is off the grid. */
    private static long gridNoise(double output, double x, double g) {
        BigDecimal q = new BigDecimal(output).divide(new BigDecimal(g));
        BigInteger k = q.toBigIntegerExact();   // throws if the output is not a multiple of g
        return k.subtract(Grid.roundToGrid(x, g, "x")).longValueExact();
    }

    /** Equal-probability bins of a continuous cdf; checks integer noise scaled by its unit. */
    private static GoodnessOfFit.Result fitBinned(long[] noise, double unit, DoubleUnaryOperator cdf, DoubleUnaryOperator quantile) {
        double[] edges = new double[BINS - 1];
        for (int i = 1; i < BINS; i++) {
            edges[i - 1] = quantile.applyAsDouble((double) i / BINS);
        }
        long[] counts = new long[BINS];
        for (long k : noise) {
            double v = k * unit;
            int b = java.util.Arrays.binarySearch(edges, v);
            counts[b >= 0 ? b + 1 : -b - 1]++;
        }
        double[] p = new double[BINS];
        double prev = 0;
        for (int i = 0; i < BINS; i++) {
            double c = i == BINS - 1 ? 1 : cdf.applyAsDouble(edges[i]);
            p[i] = c - prev;
            prev = c;
        }
        return GoodnessOfFit.binned(counts, p, noise.length);
    }

    private static double laplaceCdf(double v, double b) {
        return v < 0 ? 0.5 * Math.exp(v / b) : 1 - 0.5 * Math.exp(-v / b);
    }

    private static double laplaceQuantile(double p, double b) {
        return p < 0.5 ? b * Math.log(2 * p) : -b * Math.log(2 - 2 * p);
    }

    // The noise is discrete on a grid of 2^-40 noise scales; its law differs from the continuous
    // Laplace (or Gaussian) by O(2^-40) per bin, far below the test's resolution (about 1e-3).

    @Test
    void laplace_outputsOnGrid_andNoiseFitsLaplaceOfCalibratedScale() {
        LaplaceNoise noise = LaplaceNoise.forEpsilon(2.0, 0.5);
        Randomness r = Randomness.insecureSeeded(31);
        double x = 1234.5678;
        long[] k = new long[N];
        for (int i = 0; i < N; i++) {
            k[i] = gridNoise(noise.addNoise(x, r), x, noise.granularity());
        }
        double b = noise.scale();
        assertEquals(4.0, b, 4.0 * 1e-11, "scale ~ sensitivity / epsilon");
        GoodnessOfFit.Result fit = fitBinned(k, noise.granularity(), v -> laplaceCdf(v, b), p -> laplaceQuantile(p, b));
        assertFalse(fit.rejects(), fit.toString());
        GoodnessOfFit.Result wrong = fitBinned(k, noise.granularity(), v -> laplaceCdf(v, b * 1.05), p -> laplaceQuantile(p, b * 1.05));
        assertTrue(wrong.rejects(), "a 5% wrong scale must be detected: " + wrong);
    }

    @Test
    void laplace_neighbouringInputs_shareTheOutputGrid() {
        // Porosity check (Mironov 2012): outputs for x and x + sensitivity lie on the same grid.
        LaplaceNoise noise = LaplaceNoise.forEpsilon(1.0, 1.0);
        Randomness r = Randomness.insecureSeeded(32);
        double g = noise.granularity();
        for (double x : new double[] {0.1, 0.1 + 1.0, Math.PI, Math.PI + 1}) {
            for (int i = 0; i < 1000; i++) {
                BigDecimal q = new BigDecimal(noise.addNoise(x, r)).divide(new BigDecimal(g));
                assertEquals(0, q.signum() == 0 ? 0 : q.stripTrailingZeros().scale() > 0 ? 1 : 0, "output off the grid");
            }
        }
        assertEquals(0x1p-40, g, "grid = smallest power of two >= (sensitivity/epsilon)·2^-40");
    }

    @Test
    void laplace_event_isExactlyAtMostRequestedEpsilon() {
        for (double eps : new double[] {0.1, 0.5, 1.0, 3.0, Math.E}) {
            for (double sens : new double[] {1.0, 0.3, 1e-6, 1e6}) {
                LaplaceNoise noise = LaplaceNoise.forEpsilon(sens, eps);
                DpEvent.DiscreteLaplace e = noise.event();
                assertTrue(e.epsilon() <= eps, "epsilon " + e.epsilon() + " > " + eps);
                // Rounding costs at most a factor Δ/(Δ + g) of the epsilon (Δ_g >= Δ/g).
                double g = noise.granularity();
                assertTrue(e.epsilon() >= eps * (1 - g / sens), "epsilon " + e.epsilon() + " far below " + eps);
                assertTrue(g / sens <= 0x1p-39 / eps, "grid relative to the noise scale");
            }
        }
    }

    @Test
    void laplace_nonFiniteValue_rejectedWithFix() {
        LaplaceNoise noise = LaplaceNoise.forEpsilon(1.0, 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> noise.addNoise(Double.NaN, Randomness.insecureSeeded(1)));
        assertTrue(e.getMessage().startsWith("value must be a finite number; got NaN. Remove or impute"), e.getMessage());
    }

    @Test
    void gaussian_noiseFitsNormalOfRequestedSigma_andWrongSigmaRejected() {
        GaussianNoise noise = GaussianNoise.withStandardDeviation(1.5, 3.0);
        Randomness r = Randomness.insecureSeeded(33);
        double x = -42.125;
        long[] k = new long[N / 2];
        for (int i = 0; i < k.length; i++) {
            k[i] = gridNoise(noise.addNoise(x, r), x, noise.granularity());
        }
        double sigma = noise.event().sigma() * noise.granularity();
        assertTrue(sigma >= 3.0 && sigma <= 3.0 * (1 + 0x1p-28), "sigma " + sigma);
        NormalDistribution n = NormalDistribution.of(0, sigma);
        GoodnessOfFit.Result fit = fitBinned(k, noise.granularity(), n::cumulativeProbability, n::inverseCumulativeProbability);
        assertFalse(fit.rejects(), fit.toString());
        NormalDistribution wrongN = NormalDistribution.of(0, sigma * 1.05);
        GoodnessOfFit.Result wrong = fitBinned(k, noise.granularity(), wrongN::cumulativeProbability,
                wrongN::inverseCumulativeProbability);
        assertTrue(wrong.rejects(), "a 5% wrong sigma must be detected: " + wrong);
    }

    @Test
    void gaussian_event_keepsRequestedNoiseMultiplier() {
        GaussianNoise noise = GaussianNoise.withStandardDeviation(2.0, 2.2);
        assertTrue(noise.noiseMultiplier() >= 1.1, "noise multiplier " + noise.noiseMultiplier());
        assertTrue(noise.noiseMultiplier() <= 1.1 * (1 + 0x1p-28));
        assertTrue(noise.event().sensitivity() >= (1L << 29), "fine grid: " + noise.event());
    }
}
