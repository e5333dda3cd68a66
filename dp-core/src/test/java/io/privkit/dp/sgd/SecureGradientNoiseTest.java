package io.privkit.dp.sgd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import org.junit.jupiter.api.Test;

/**
 * The noise a step adds has standard deviation sigma * C.
 *
 * <p>For d i.i.d. N(0, s^2) draws, the sample standard deviation has standard error about
 * s / sqrt(2 d) and the sample mean s / sqrt(d). With d = 200 000 we accept |sd / (sigma C) - 1|
 * below 5 / sqrt(2 d) = 0.79% and |mean| below 5 s / sqrt(d): false rejection about 5.7e-7 each.
 * The grid rounding adds at most a relative sqrt(d) g / C, about 1e-5 here. A sibling check shows
 * a scale 2% off is rejected.
 */
class SecureGradientNoiseTest {
    private static final int D = 200_000;

    static boolean scaleMatches(double[] draws, double expectedSd) {
        double mean = 0;
        for (double v : draws) {
            mean += v;
        }
        mean /= draws.length;
        double ss = 0;
        for (double v : draws) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (draws.length - 1));
        return Math.abs(sd / expectedSd - 1) < 5 / Math.sqrt(2.0 * draws.length)
                && Math.abs(mean) < 5 * expectedSd / Math.sqrt(draws.length);
    }

    private static double[] noiseOnZeros(double sigma, double clip, long seed) {
        DpSgdPlan plan = DpSgdConfig.builder().noiseMultiplier(sigma).delta(1e-5).clippingNorm(clip).expectedBatchSize(10)
                .steps(1).build().plan(100, new DpSgdRunTest.RecordingModel(D), new TestAccounting());
        SecureGradientNoise noise = SecureGradientNoise.create(plan, Randomness.insecureSeeded(seed));
        double[] v = new double[D];
        noise.addNoise(v);
        assertTrue(Math.abs(noise.standardDeviation() / (sigma * clip) - 1) < 1e-4, "declared sd " + noise.standardDeviation());
        return v;
    }

    @Test
    void addNoise_empiricalScale_matchesSigmaTimesClippingNorm() {
        assertTrue(scaleMatches(noiseOnZeros(1.1, 0.5, 1), 1.1 * 0.5));
        assertTrue(scaleMatches(noiseOnZeros(3.0, 2.0, 2), 6.0));
    }

    @Test
    void scaleMatches_scaleTwoPercentOff_rejected() {
        assertFalse(scaleMatches(noiseOnZeros(1.1, 0.5, 3), 1.1 * 0.5 * 1.02));
    }
}
