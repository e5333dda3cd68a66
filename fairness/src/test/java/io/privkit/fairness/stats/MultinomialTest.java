package io.privkit.fairness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

class MultinomialTest {
    private static final int DRAWS = 20_000;

    /**
     * Pearson goodness of fit of DRAWS binomial draws against the binomial pmf, on cells with
     * expected count >= 5 (tails pooled). The test rejects at p < 1e-4, so a correct sampler fails
     * this test with probability 1e-4 for a random seed; with the fixed seed it is deterministic.
     */
    private static double gofPValue(long trials, double p, double sampledP, long seed) {
        Randomness r = Randomness.insecureSeeded(seed);
        BinomialDistribution truth = BinomialDistribution.of((int) trials, p);
        long[] observed = new long[(int) trials + 1];
        for (int i = 0; i < DRAWS; i++) {
            observed[(int) Multinomial.binomial(r, trials, sampledP)]++;
        }
        double chi = 0;
        int cells = 0;
        double pooledExpected = 0;
        long pooledObserved = 0;
        for (int x = 0; x <= trials; x++) {
            double e = DRAWS * truth.probability(x);
            if (e >= 5) {
                chi += (observed[x] - e) * (observed[x] - e) / e;
                cells++;
            } else {
                pooledExpected += e;
                pooledObserved += observed[x];
            }
        }
        if (pooledExpected > 0) {
            chi += (pooledObserved - pooledExpected) * (pooledObserved - pooledExpected) / pooledExpected;
            cells++;
        }
        return ChiSquaredDistribution.of(cells - 1).survivalProbability(chi);
    }

    @Test
    void binomial_fixedSeed_fitsTheBinomialPmf() {
        assertTrue(gofPValue(40, 0.3, 0.3, 11) > 1e-4);
        assertTrue(gofPValue(2000, 0.71, 0.71, 12) > 1e-4);
        assertTrue(gofPValue(7, 0.05, 0.05, 13) > 1e-4);
    }

    @Test
    void binomial_wrongProbability_isRejectedBySameCheck() {
        // The sibling: draws with p = 0.32 tested against p = 0.3 must fail the same check.
        assertTrue(gofPValue(2000, 0.30, 0.32, 12) < 1e-4);
    }

    @Test
    void draw_multinomial_preservesTotalAndIsReplayable() {
        long[] weights = {3175, 31, 2103, 509, 11, 343};
        long[] a = Multinomial.draw(Randomness.insecureSeeded(5), 6172, weights);
        long[] b = Multinomial.draw(Randomness.insecureSeeded(5), 6172, weights);
        assertEquals(6172, java.util.Arrays.stream(a).sum());
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b);
        assertEquals(0, Multinomial.binomial(Randomness.insecureSeeded(1), 10, 0));
        assertEquals(10, Multinomial.binomial(Randomness.insecureSeeded(1), 10, 1));
    }

    @Test
    void draw_marginalMeans_matchProbabilities() {
        // Mean of category 0 over 4000 draws of n = 1000 with p0 = 0.2: sd of the mean
        // sqrt(1000 * 0.2 * 0.8 / 4000) = 0.2; |error| < 1.0 is a 5-sigma bound (false failure ~6e-7).
        Randomness r = Randomness.insecureSeeded(99);
        double sum = 0;
        for (int i = 0; i < 4000; i++) {
            sum += Multinomial.draw(r, 1000, new long[] {2, 5, 3})[0];
        }
        assertEquals(200.0, sum / 4000, 1.0);
    }
}
