package io.privkit.dp.noise;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Goodness of fit of the exact samplers against their probability mass functions (alpha = 1e-6). */
class DiscreteSamplersTest {
    private static final int N = 200_000;

    static double laplacePmf(long k, double scale) {
        double x = Math.exp(-1 / scale);
        return -Math.expm1(-1 / scale) / (1 + x) * Math.exp(-Math.abs(k) / scale);
    }

    /** P(X <= k) of the discrete Laplace. */
    static double laplaceCdf(long k, double scale) {
        double x = Math.exp(-1 / scale);
        return k >= 0 ? 1 - Math.exp(-(k + 1) / scale) / (1 + x) : Math.exp(k / scale) / (1 + x);
    }

    static double[] gaussianPmfTable(double sigma, int half) {
        double z = 0;
        for (int k = -40 * (int) Math.ceil(sigma) - 40; k <= 40 * (int) Math.ceil(sigma) + 40; k++) {
            z += Math.exp(-(double) k * k / (2 * sigma * sigma));
        }
        double[] p = new double[2 * half + 1];
        for (int k = -half; k <= half; k++) {
            p[k + half] = Math.exp(-(double) k * k / (2 * sigma * sigma)) / z;
        }
        return p;
    }

    private static long[] draw(java.util.function.LongSupplier s) {
        long[] out = new long[N];
        for (int i = 0; i < N; i++) {
            out[i] = s.getAsLong();
        }
        return out;
    }

    private static GoodnessOfFit.Result laplaceFit(long[] samples, double scale) {
        long half = (long) Math.ceil(8 * scale) + 2;
        return GoodnessOfFit.test(samples, -half, half, k -> laplacePmf(k, scale),
                laplaceCdf(-half - 1, scale), 1 - laplaceCdf(half, scale));
    }

    private static GoodnessOfFit.Result gaussianFit(long[] samples, double sigma) {
        int half = (int) Math.ceil(7 * sigma) + 2;
        double[] p = gaussianPmfTable(sigma, half);
        LongToDoubleFunction pmf = k -> p[(int) k + half];
        double tail = 0;   // beyond 7 sigma: below 3e-12, merged into the end bins
        return GoodnessOfFit.test(samples, -half, half, pmf, tail, tail);
    }

    @Test
    void discreteLaplace_severalScales_fitsPmf() {
        Randomness r = Randomness.insecureSeeded(11);
        for (double scale : new double[] {0.4, 1.0, 3.0, 25.5}) {
            DiscreteLaplaceSampler s = DiscreteLaplaceSampler.withScale(scale);
            GoodnessOfFit.Result fit = laplaceFit(draw(() -> s.sample(r)), scale);
            assertFalse(fit.rejects(), "scale " + scale + ": " + fit);
        }
    }

    @Test
    void discreteLaplace_wrongScale_rejectedBySameCheck() {
        Randomness r = Randomness.insecureSeeded(12);
        DiscreteLaplaceSampler s = DiscreteLaplaceSampler.withScale(3.0);
        long[] samples = draw(() -> s.sample(r));
        GoodnessOfFit.Result fit = laplaceFit(samples, 3.15);
        assertTrue(fit.rejects(), "5% too large a scale must be detected: " + fit);
    }

    @Test
    void discreteLaplace_rationalScaleWithLargeParts_fitsPmf() {
        Randomness r = Randomness.insecureSeeded(13);
        // 7/3 with a 70-bit numerator and denominator: exercises the BigInteger path.
        java.math.BigInteger big = java.math.BigInteger.ONE.shiftLeft(70);
        DiscreteLaplaceSampler s = DiscreteLaplaceSampler.withScale(
                new Rational(big.multiply(java.math.BigInteger.valueOf(7)).add(java.math.BigInteger.ONE),
                        big.multiply(java.math.BigInteger.valueOf(3))));
        GoodnessOfFit.Result fit = laplaceFit(draw(() -> s.sample(r)), 7.0 / 3);
        assertFalse(fit.rejects(), fit.toString());
    }

    @Test
    void discreteGaussian_severalSigmas_fitsPmf() {
        Randomness r = Randomness.insecureSeeded(21);
        for (double sigma : new double[] {0.5, 1.0, 2.7, 12.25}) {
            DiscreteGaussianSampler s = DiscreteGaussianSampler.withSigma(sigma);
            GoodnessOfFit.Result fit = gaussianFit(draw(() -> s.sample(r)), sigma);
            assertFalse(fit.rejects(), "sigma " + sigma + ": " + fit);
        }
    }

    @Test
    void discreteGaussian_rationalSigmaSquared_fitsPmf() {
        Randomness r = Randomness.insecureSeeded(22);
        DiscreteGaussianSampler s = DiscreteGaussianSampler.withSigmaSquared(50, 3);
        GoodnessOfFit.Result fit = gaussianFit(draw(() -> s.sample(r)), Math.sqrt(50.0 / 3));
        assertFalse(fit.rejects(), fit.toString());
    }

    @Test
    void discreteGaussian_wrongSigma_rejectedBySameCheck() {
        Randomness r = Randomness.insecureSeeded(23);
        DiscreteGaussianSampler s = DiscreteGaussianSampler.withSigma(2.7);
        GoodnessOfFit.Result fit = gaussianFit(draw(() -> s.sample(r)), 2.7 * 1.04);
        assertTrue(fit.rejects(), "4% too large a sigma must be detected: " + fit);
    }

    @Test
    void samplers_badParameters_clearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DiscreteLaplaceSampler.withScale(0));
        assertTrue(e.getMessage().startsWith("scale must be a finite number > 0; got 0.0."), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DiscreteGaussianSampler.withSigma(Double.NaN));
        assertTrue(e.getMessage().startsWith("sigma must be a finite number > 0; got NaN."), e.getMessage());
    }
}
