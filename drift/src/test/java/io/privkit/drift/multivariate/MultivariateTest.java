package io.privkit.drift.multivariate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.drift.test.KolmogorovSmirnov;
import io.privkit.drift.test.SortedSample;
import org.junit.jupiter.api.Test;

class MultivariateTest {

    static double gauss(Randomness r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** Rows of (a, b, c): b correlated with a by rho; c independent noise shifted by shiftC. */
    static double[][] rows(int n, double rho, double shiftC, Randomness r) {
        double[][] out = new double[n][3];
        for (int i = 0; i < n; i++) {
            double a = gauss(r);
            double b = rho * a + Math.sqrt(1 - rho * rho) * gauss(r);
            out[i] = new double[] {a, b, gauss(r) + shiftC};
        }
        return out;
    }

    @Test
    void mmd_unbiasedStatistic_matchesDirectSumsOnTinyData() {
        double[][] k = {{1, 0.5, 0.2, 0.1}, {0.5, 1, 0.3, 0.4}, {0.2, 0.3, 1, 0.6}, {0.1, 0.4, 0.6, 1}};
        // x = rows 0,1; y = rows 2,3: kxx = 0.5, kyy = 0.6, kxy mean = (0.2+0.1+0.3+0.4)/4 = 0.25
        assertEquals(0.5 + 0.6 - 2 * 0.25, Mmd.statistic(k, new int[] {0, 0, 1, 1}, 2), 1e-15);
    }

    /**
     * Null: 200 tests at n = 60 per side with B = 99; P(p <= 0.05) <= 0.05 exactly for (1+k)/(1+B) p-values, so the
     * rejection count is at most Binomial(200, 0.05): mean 10, sd 3.1; more than 23 rejections has probability below 1e-4.
     */
    @Test
    void mmd_nullSamples_rejectAtMostAlpha() {
        Randomness r = Randomness.insecureSeeded(1);
        int rejected = 0;
        for (int t = 0; t < 200; t++) {
            Mmd.Result res = Mmd.test(rows(60, 0.5, 0, r), rows(60, 0.5, 0, r), new Mmd.Options(99, 1000), r.derive("t" + t));
            assertTrue(res.pValue() >= 1.0 / 100);
            if (res.pValue() <= 0.05) {
                rejected++;
            }
        }
        assertTrue(rejected <= 23, "rejected " + rejected);
    }

    @Test
    void mmd_correlationBroken_rejects() {
        Randomness r = Randomness.insecureSeeded(2);
        Mmd.Result res = Mmd.test(rows(300, 0.9, 0, r), rows(300, -0.9, 0, r), new Mmd.Options(199, 1000), r.derive("p"));
        assertEquals(1.0 / 200, res.pValue(), 1e-12, "every permutation below the observed statistic");
        assertTrue(res.outcome().note().contains("(1+k)/(1+B)"));
    }

    @Test
    void domainClassifier_shiftInOneFeature_highAucAndFeatureRankedFirst() {
        Randomness r = Randomness.insecureSeeded(3);
        DomainClassifier.Result res = DomainClassifier.test(rows(600, 0.5, 0, r), rows(600, 0.5, 0.8, r), new String[] {"a", "b", "c"}, 5,
                r.derive("folds"));
        assertTrue(res.auc() > 0.65, "auc " + res.auc());
        assertTrue(res.pValue() < 1e-6, "p " + res.pValue());
        assertEquals("c", res.featureRanking().get(0));
    }

    /**
     * Null: AUC near 1/2. The one-sided p-value is uniform under the null (approximately); over 20 seeds the count below
     * 0.01 is at most Binomial(20, 0.01)-like: 3 or more has probability below 0.001.
     */
    @Test
    void domainClassifier_sameLaw_aucNearHalf() {
        int small = 0;
        for (int s = 0; s < 20; s++) {
            Randomness r = Randomness.insecureSeeded(100 + s);
            DomainClassifier.Result res = DomainClassifier.test(rows(200, 0.5, 0, r), rows(200, 0.5, 0, r), new String[] {"a", "b", "c"}, 4,
                    r.derive("folds"));
            assertTrue(Math.abs(res.auc() - 0.5) < 0.12, "auc " + res.auc());
            if (res.pValue() < 0.01) {
                small++;
            }
        }
        assertTrue(small < 3, "small p-values " + small);
    }

    @Test
    void pca_brokenCorrelationSameMarginals_flaggedWhileKsIsNot() {
        Randomness r = Randomness.insecureSeeded(4);
        double[][] ref = rows(4000, 0.9, 0, r);
        double[][] cur = rows(400, -0.9, 0, r);
        PcaReconstruction.Result res = PcaReconstruction.test(ref, cur, 0.65, r.derive("pca"));
        assertTrue(res.drift(), res.toString());
        assertEquals(2, res.components()); // eigenvalues about 1.9, 1.0, 0.1: the first explains 63% < 65%
        assertTrue(res.varianceExplained() >= 0.65);
        // each marginal is N(0,1) in both: KS at n=400 does not see it (p > 0.01 for both a and b)
        for (int j = 0; j < 2; j++) {
            double[] a = new double[ref.length];
            double[] b = new double[cur.length];
            for (int i = 0; i < ref.length; i++) {
                a[i] = ref[i][j];
            }
            for (int i = 0; i < cur.length; i++) {
                b[i] = cur[i][j];
            }
            assertTrue(KolmogorovSmirnov.test(SortedSample.of(a), SortedSample.of(b)).pValue() > 0.01);
        }
        PcaReconstruction.Result same = PcaReconstruction.test(ref, rows(400, 0.9, 0, r), 0.65, r.derive("pca2"));
        assertFalse(same.drift(), same.toString());
    }
}
