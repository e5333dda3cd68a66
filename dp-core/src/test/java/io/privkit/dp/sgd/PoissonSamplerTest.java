package io.privkit.dp.sgd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Poisson sampling: the implemented rate, and the statistics of the batches.
 *
 * <p>The statistical check {@link #poissonProblems} tests three consequences of independent
 * Bernoulli(q) inclusion over {@code steps} batches of {@code n} examples, each at five standard
 * deviations (two-sided false-rejection probability 5.7e-7 per check under a normal
 * approximation, which is accurate here as every count is a sum of at least 10^5 Bernoullis or
 * 10^3 batch sizes):
 * <ol>
 *   <li>the total count, Binomial(n steps, q): mean n steps q, sd sqrt(n steps q (1-q));</li>
 *   <li>per-example uniformity: sum_i (c_i - steps q)^2 / (steps q (1-q)) over the n examples is
 *       approximately chi-square with n degrees of freedom (mean n, sd sqrt(2n));</li>
 *   <li>the batch-size variance: sizes are Binomial(n, q) with variance v = n q (1-q); the sample
 *       variance has sd about v sqrt(2 / (steps - 1)) (its excess kurtosis is negligible here).</li>
 * </ol>
 * Sibling tests show the same check rejects fixed-size batches and a 5% wrong rate.
 */
class PoissonSamplerTest {
    private static final int N = 1000;
    private static final double Q = 0.05;
    private static final int STEPS = 2000;

    static List<String> poissonProblems(List<int[]> batches, int n, double q) {
        List<String> problems = new ArrayList<>();
        int steps = batches.size();
        long total = 0;
        long[] perExample = new long[n];
        double sum = 0;
        double sumSq = 0;
        for (int[] b : batches) {
            total += b.length;
            sum += b.length;
            sumSq += (double) b.length * b.length;
            for (int i : b) {
                perExample[i]++;
            }
        }
        double mean = (double) n * steps * q;
        double sd = Math.sqrt(mean * (1 - q));
        if (Math.abs(total - mean) > 5 * sd) {
            problems.add("total " + total + " vs " + mean + " +- " + 5 * sd);
        }
        double mu = steps * q;
        double chi2 = 0;
        for (long c : perExample) {
            chi2 += (c - mu) * (c - mu) / (mu * (1 - q));
        }
        if (Math.abs(chi2 - n) > 5 * Math.sqrt(2.0 * n)) {
            problems.add("per-example chi-square " + chi2 + " vs " + n + " +- " + 5 * Math.sqrt(2.0 * n));
        }
        double sampleVar = (sumSq - sum * sum / steps) / (steps - 1);
        double v = n * q * (1 - q);
        double sdVar = v * Math.sqrt(2.0 / (steps - 1));
        if (Math.abs(sampleVar - v) > 5 * sdVar) {
            problems.add("batch-size variance " + sampleVar + " vs " + v + " +- " + 5 * sdVar);
        }
        return problems;
    }

    private static List<int[]> draw(Function<Randomness, int[]> sampler, long seed) {
        Randomness r = Randomness.insecureSeeded(seed);
        List<int[]> out = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            out.add(sampler.apply(r));
        }
        return out;
    }

    @Test
    void next_seeded_batchesAreIndependentBernoulli() {
        PoissonSampler sampler = PoissonSampler.of(N, Q);
        List<int[]> batches = draw(sampler::next, 11);
        assertEquals(List.of(), poissonProblems(batches, N, sampler.samplingRate()));
        for (int[] b : batches) {
            for (int i = 1; i < b.length; i++) {
                assertTrue(b[i] > b[i - 1], "indices increase");
            }
        }
    }

    @Test
    void poissonProblems_fixedSizeBatches_rejected() {
        ShuffledBatches shuffled = ShuffledBatches.of(N, (int) (N * Q));
        assertFalse(poissonProblems(draw(shuffled::next, 12), N, Q).isEmpty());
    }

    @Test
    void poissonProblems_rateFivePercentOff_rejected() {
        PoissonSampler wrong = PoissonSampler.of(N, Q * 1.05);
        assertFalse(poissonProblems(draw(wrong::next, 13), N, Q).isEmpty());
    }

    @Test
    void samplingRate_roundsUpToTwoToTheMinus32() {
        double q = 1.0 / 3;
        double implemented = PoissonSampler.of(10, q).samplingRate();
        assertTrue(implemented >= q);
        assertTrue(implemented - q <= 0x1p-32);
        assertEquals(0.25, PoissonSampler.of(10, 0.25).samplingRate(), 0.0, "dyadic rates are exact");
        assertEquals(implemented, PoissonSampler.implementedRate(q), 0.0);
        assertEquals(1.0, PoissonSampler.of(10, 1.0).samplingRate(), 0.0);
    }

    @Test
    void next_rateOne_includesEveryExample() {
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, PoissonSampler.of(5, 1.0).next(Randomness.insecureSeeded(1)));
    }

    @Test
    void next_tinyRate_returnsEmptyBatches() {
        PoissonSampler sampler = PoissonSampler.of(3, 1e-9);
        Randomness r = Randomness.insecureSeeded(2);
        for (int i = 0; i < 100; i++) {
            assertEquals(0, sampler.next(r).length);
        }
    }

    @Test
    void next_sameSeed_sameBatches() {
        PoissonSampler sampler = PoissonSampler.of(200, 0.1);
        Randomness a = Randomness.insecureSeeded(3);
        Randomness b = Randomness.insecureSeeded(3);
        for (int i = 0; i < 20; i++) {
            assertArrayEquals(sampler.next(a), sampler.next(b));
        }
    }

    @Test
    void of_invalidRate_rejectedWithFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PoissonSampler.of(10, 0.0));
        assertTrue(e.getMessage().startsWith("samplingRate must be in (0, 1]; got 0.0."), e.getMessage());
    }

    @Test
    void shuffledBatches_eachEpochVisitsEveryExampleAtMostOnce() {
        ShuffledBatches s = ShuffledBatches.of(10, 3);
        Randomness r = Randomness.insecureSeeded(4);
        assertEquals(3, s.batchesPerEpoch());
        boolean[] seen = new boolean[10];
        for (int k = 0; k < 3; k++) {
            int[] b = s.next(r);
            assertEquals(3, b.length);
            for (int i : b) {
                assertFalse(seen[i], "example " + i + " twice in one epoch");
                seen[i] = true;
            }
        }
    }
}
