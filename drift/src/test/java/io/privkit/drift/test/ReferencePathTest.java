package io.privkit.drift.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import org.junit.jupiter.api.Test;

/** Fast paths against their slow, obviously-correct reference paths, and the null calibration of p-values. */
class ReferencePathTest {

    private static double[] draw(Randomness r, int n, double shift, boolean ties) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double g = gaussian(r) + shift;
            v[i] = ties ? Math.round(g * 2) / 2.0 : g;
        }
        return v;
    }

    static double gaussian(Randomness r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    @Test
    void ksStatistic_mergeWalk_equalsNaiveCounting() {
        Randomness r = Randomness.insecureSeeded(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + r.nextInt(60);
            int m = 1 + r.nextInt(60);
            boolean ties = trial % 2 == 0;
            double[] a = draw(r, n, 0, ties);
            double[] b = draw(r, m, trial % 3 == 0 ? 0.5 : 0, ties);
            KolmogorovSmirnov.Statistic s = KolmogorovSmirnov.statistic(SortedSample.of(a), SortedSample.of(b));
            double[] naive = KolmogorovSmirnov.naiveStatistic(a, b);
            assertEquals(naive[0], s.dPlus(), 1e-12);
            assertEquals(naive[1], s.dMinus(), 1e-12);
        }
    }

    @Test
    void distances_mergeWalk_equalQuantileAndPairwiseForms() {
        Randomness r = Randomness.insecureSeeded(12);
        for (int trial = 0; trial < 100; trial++) {
            double[] a = draw(r, 1 + r.nextInt(80), 0, trial % 2 == 0);
            double[] b = draw(r, 1 + r.nextInt(80), 0.3, trial % 2 == 0);
            double[] fast = Distances.wassersteinAndEnergy(SortedSample.of(a), SortedSample.of(b));
            assertEquals(Distances.naiveWasserstein(a, b), fast[0], 1e-10);
            assertEquals(Distances.naiveEnergy(a, b), fast[1], 1e-9);
        }
    }

    @Test
    void exactKs_pathProgramme_equalsClosedFormForEqualSizes() {
        // For n = m the lattice programme and Hodges' reflection formula must agree.
        for (int n : new int[] {5, 17, 40}) {
            for (int h = 1; h <= n; h++) {
                long scaled = (long) h * n; // n*n*D with D = h/n
                double closed = KolmogorovSmirnov.exactPValue(n, n, scaled, Alternative.TWO_SIDED);
                double viaPaths = pathsForEqual(n, h);
                assertEquals(closed, viaPaths, 1e-12 + 1e-10 * closed, "n=" + n + " h=" + h);
            }
        }
    }

    /** Brute force over all C(2n, n) paths for small n, or the DP with n != m trick: use n and n via enumeration. */
    private static double pathsForEqual(int n, int h) {
        // dynamic programme on counts (exact in doubles for n <= 40) of paths that never reach |i - j| >= h
        double[][] inside = new double[n + 1][n + 1];
        inside[0][0] = 1;
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= n; j++) {
                if (i == 0 && j == 0) {
                    continue;
                }
                if (Math.abs(i - j) >= h) {
                    inside[i][j] = 0;
                    continue;
                }
                inside[i][j] = (i > 0 ? inside[i - 1][j] : 0) + (j > 0 ? inside[i][j - 1] : 0);
            }
        }
        double total = 1;
        for (int k = 1; k <= n; k++) {
            total = total * (n + k) / k;
        }
        return 1 - inside[n][n] / total;
    }

    /**
     * Under the null, P(p <= 0.05) = 0.05 at most (exact p-values are valid). 2000 trials: the count of
     * rejections is Binomial(2000, <=0.05), mean <= 100, sd <= 9.7; the bound 100 + 4 sd = 139 is exceeded
     * with probability below 1e-4. The sibling test shows the same check fails on a shifted current sample.
     */
    @Test
    void exactKs_nullSamples_rejectAtMostAlpha() {
        assertTrue(rejections(0.0, 13) <= 139);
    }

    @Test
    void exactKs_shiftedSamples_rejectFarMoreThanAlpha() {
        // with a 1-sd shift at n=30 the power is about 0.96: far above the null bound of 139/2000.
        assertTrue(rejections(1.0, 14) > 139);
    }

    private static int rejections(double shift, long seed) {
        Randomness r = Randomness.insecureSeeded(seed);
        int rejected = 0;
        for (int t = 0; t < 2000; t++) {
            Outcome o = KolmogorovSmirnov.test(SortedSample.of(draw(r, 30, 0, false)), SortedSample.of(draw(r, 35, shift, false)));
            if (o.pValue() <= 0.05) {
                rejected++;
            }
        }
        return rejected;
    }

    @Test
    void sortedSample_nan_rejectedWithIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SortedSample.of(1, Double.NaN));
        assertTrue(e.getMessage().contains("values[1]"), e.getMessage());
    }

    @Test
    void testIdList_unknownName_namesTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestId.parseList("ks,foo"));
        assertTrue(e.getMessage().contains("ks,ad,cvm"), e.getMessage());
        assertEquals(TestId.values().length - 1, TestId.parseList("all").size());
    }

    @Test
    void radixSort_mixedSignsTiesExtremes_equalsArraysSort() {
        Randomness r = Randomness.insecureSeeded(21);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + r.nextInt(200_000);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = switch (r.nextInt(6)) {
                    case 0 -> gaussian(r) * 1e-300;
                    case 1 -> Math.round(gaussian(r) * 3);
                    case 2 -> (r.nextBoolean() ? 1 : -1) * Double.MAX_VALUE * r.nextDouble();
                    case 3 -> r.nextBoolean() ? Double.MIN_VALUE : -Double.MIN_VALUE;
                    case 4 -> 0.0;
                    default -> gaussian(r) * 1e6;
                };
            }
            double[] expected = v.clone();
            java.util.Arrays.sort(expected);
            double[] actual = v.clone();
            RadixSort.sort(actual);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, "trial " + trial);
        }
    }

    @Test
    void sortedSample_largeWithNegativeZero_sortedAndFolded() {
        double[] v = new double[100_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 3 == 0) ? -0.0 : (i % 3 == 1 ? 0.0 : v.length - i);
        }
        SortedSample s = SortedSample.of(v);
        for (int i = 1; i < s.size(); i++) {
            assertTrue(s.get(i - 1) <= s.get(i));
        }
        assertEquals(0L, Double.doubleToRawLongBits(s.get(0)), "-0.0 folded to +0.0");
    }
}
