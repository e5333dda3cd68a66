package io.privkit.dp.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.dp.accounting.DpEvent;
import java.util.function.LongToDoubleFunction;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class VectorGaussianNoiseTest {

    private static AesCtrBits bits(long seed) {
        return new AesCtrBits(Randomness.insecureSeeded(seed));
    }

    private static double[] pmfTable(double s, int half) {
        return DiscreteSamplersTest.gaussianPmfTable(s, half);
    }

    private static GoodnessOfFit.Result fitSmall(long[] samples, double s) {
        int half = (int) Math.ceil(7 * s) + 2;
        double[] p = pmfTable(s, half);
        LongToDoubleFunction pmf = k -> p[(int) k + half];
        return GoodnessOfFit.test(samples, -half, half, pmf, 0, 0);
    }

    /** Two-sample chi-square test of equal distributions over the given bins (equal sample sizes). */
    private static boolean twoSampleRejects(long[] a, long[] b, long lo, long hi) {
        int n = (int) (hi - lo + 3);
        long[] ca = new long[n];
        long[] cb = new long[n];
        for (long v : a) {
            ca[(int) (Math.max(lo - 1, Math.min(hi + 1, v)) - lo + 1)]++;
        }
        for (long v : b) {
            cb[(int) (Math.max(lo - 1, Math.min(hi + 1, v)) - lo + 1)]++;
        }
        double stat = 0;
        int df = -1;
        long accA = 0;
        long accB = 0;
        for (int i = 0; i < n; i++) {
            accA += ca[i];
            accB += cb[i];
            if (accA + accB >= 40 || i == n - 1) {
                if (accA + accB > 0) {
                    stat += (double) (accA - accB) * (accA - accB) / (accA + accB);
                    df++;
                }
                accA = 0;
                accB = 0;
            }
        }
        double critical = org.apache.commons.statistics.distribution.ChiSquaredDistribution.of(df)
                .inverseSurvivalProbability(GoodnessOfFit.ALPHA);
        return stat > critical;
    }

    @Test
    void blockedSampler_smallScales_fitDiscreteGaussianPmf() {
        for (double s : new double[] {1.0, 3.7, 700.0}) {
            BlockedDiscreteGaussian g = new BlockedDiscreteGaussian(s);
            AesCtrBits b = bits(41);
            long[] x = new long[200_000];
            for (int i = 0; i < x.length; i++) {
                x[i] = g.sample(b);
            }
            GoodnessOfFit.Result fit = fitSmall(x, s);
            assertFalse(fit.rejects(), "s = " + s + ": " + fit);
        }
    }

    @Test
    void blockedSampler_wrongScale_rejectedBySameCheck() {
        BlockedDiscreteGaussian g = new BlockedDiscreteGaussian(3.7);
        AesCtrBits b = bits(42);
        long[] x = new long[200_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = g.sample(b);
        }
        assertTrue(fitSmall(x, 3.7 * 1.03).rejects(), "a 3% wrong scale must be detected");
    }

    @Test
    void blockedSampler_agreesWithExactReferenceSampler() {
        // The slow, obviously correct path: Canonne-Kamath-Steinke's exact sampler, same s.
        double s = 40.5;   // blocks of M = 1 would be trivial; here exercise the exact path against the table path
        BlockedDiscreteGaussian fast = new BlockedDiscreteGaussian(s);
        DiscreteGaussianSampler exact = DiscreteGaussianSampler.withSigma(s);
        AesCtrBits b = bits(43);
        Randomness r = Randomness.insecureSeeded(44);
        long[] a = new long[150_000];
        long[] c = new long[150_000];
        for (int i = 0; i < a.length; i++) {
            a[i] = fast.sample(b);
            c[i] = exact.sample(r);
        }
        assertFalse(twoSampleRejects(a, c, -200, 200), "fast and exact samplers differ");
        assertFalse(fitSmall(a, s).rejects());
        assertFalse(fitSmall(c, s).rejects());
    }

    @Test
    void blockedSampler_largeScale_blocksOf65536_fitNormalBins() {
        double s = 0x1.3p24;
        BlockedDiscreteGaussian g = new BlockedDiscreteGaussian(s);
        AesCtrBits b = bits(45);
        int bins = 60;
        NormalDistribution n = NormalDistribution.of(0, s);
        double[] edges = new double[bins - 1];
        for (int i = 1; i < bins; i++) {
            edges[i - 1] = n.inverseCumulativeProbability((double) i / bins);
        }
        long[] counts = new long[bins];
        int total = 300_000;
        for (int i = 0; i < total; i++) {
            int idx = java.util.Arrays.binarySearch(edges, g.sample(b));
            counts[idx >= 0 ? idx + 1 : -idx - 1]++;
        }
        double[] p = new double[bins];
        java.util.Arrays.fill(p, 1.0 / bins);   // the discrete law differs from the normal by ~1/s^2 per bin
        assertFalse(GoodnessOfFit.binned(counts, p, total).rejects());
        // Bounds of the closeness statement for this scale.
        assertTrue(g.maxLogRatio() < 5e-14, "eta " + g.maxLogRatio());
        assertTrue(g.tailProbability() < 1e-19, "tau " + g.tailProbability());
        assertTrue(g.goodLimit() >= 9 * s);
    }

    @Test
    void vector_noiseHasRequestedSpreadOnTheGrid_andWrongSpreadIsRejected() {
        int d = 100_000;
        VectorGaussianNoise noise = VectorGaussianNoise.create(1.1, 2.0, d, Randomness.insecureSeeded(46));
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = (i % 7) * 0.25;   // values on a coarse grid, exactly representable
        }
        double[] original = v.clone();
        noise.addNoise(v);
        double sd = noise.standardDeviation();
        assertTrue(sd >= 2.2 && sd <= 2.2 * (1 + 1e-4), "standard deviation " + sd);
        double g = noise.granularity();
        int bins = 50;
        NormalDistribution n = NormalDistribution.of(0, sd);
        NormalDistribution wrong = NormalDistribution.of(0, sd * 1.05);
        long[] counts = new long[bins];
        long[] countsWrong = new long[bins];
        for (int i = 0; i < d; i++) {
            double k = v[i] / g;
            assertEquals(Math.rint(k), k, "output off the grid at " + i);
            double e = v[i] - original[i];
            counts[Math.min(bins - 1, (int) (n.cumulativeProbability(e) * bins))]++;
            countsWrong[Math.min(bins - 1, (int) (wrong.cumulativeProbability(e) * bins))]++;
        }
        double[] p = new double[bins];
        java.util.Arrays.fill(p, 1.0 / bins);
        assertFalse(GoodnessOfFit.binned(counts, p, d).rejects());
        assertTrue(GoodnessOfFit.binned(countsWrong, p, d).rejects(), "a 5% wrong sigma must be detected");
    }

    @Test
    void vector_floats_andSeededReplay_areDeterministic() {
        float[] a = new float[1000];
        float[] b = new float[1000];
        VectorGaussianNoise.create(1.0, 1.0, 1000, Randomness.insecureSeeded(47)).addNoise(a);
        VectorGaussianNoise.create(1.0, 1.0, 1000, Randomness.insecureSeeded(47)).addNoise(b);
        assertArrayEquals(a, b);
        float[] c = new float[1000];
        VectorGaussianNoise.create(1.0, 1.0, 1000, Randomness.insecureSeeded(48)).addNoise(c);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void vector_badInput_rejectedAndArrayUnchanged() {
        VectorGaussianNoise noise = VectorGaussianNoise.create(1.0, 1.0, 4, Randomness.insecureSeeded(49));
        double[] v = {1, 2, Double.NaN, 4};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> noise.addNoise(v));
        assertTrue(e.getMessage().startsWith("values[2] must be finite and below 2^62 grid steps"), e.getMessage());
        assertArrayEquals(new double[] {1, 2, Double.NaN, 4}, v);
        e = assertThrows(IllegalArgumentException.class, () -> noise.addNoise(new double[3]));
        assertTrue(e.getMessage().startsWith("values.length must be the dimension 4; got 3."), e.getMessage());
    }

    @Test
    void vector_event_isGaussianWithSlackLinearInDimension() {
        VectorGaussianNoise small = VectorGaussianNoise.create(1.1, 1.0, 1000, Randomness.insecureSeeded(50));
        VectorGaussianNoise big = VectorGaussianNoise.create(1.1, 1.0, 200_000, Randomness.insecureSeeded(50));
        DpEvent.SamplerSlack e = big.eventPerRelease();
        assertEquals(new DpEvent.Gaussian(1.1), e.event());
        assertTrue(e.maxLogRatio() > 0 && e.maxLogRatio() < 200_000 * 1e-13, e.toString());
        assertTrue(e.probability() > 0 && e.probability() < 200_000 * 1e-19, e.toString());
        double ratio = e.maxLogRatio() / small.eventPerRelease().maxLogRatio();
        assertTrue(ratio > 150 && ratio < 250, "slack grows with d: " + ratio);
        DpEvent.SamplerSlack step = big.eventForPoissonStep(0.01);
        assertEquals(new DpEvent.PoissonSampled(0.01, new DpEvent.Gaussian(1.1)), step.event());
    }
}
