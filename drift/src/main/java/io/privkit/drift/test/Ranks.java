package io.privkit.drift.test;

/**
 * Midranks of two sorted samples in their pooled sample, and the tie correction term
 * sum (t^3 - t) over groups of tied values. Package-private helper; O(n + m).
 */
final class Ranks {
    final double[] rankA;
    final double[] rankB;
    final double tieTerm;
    final boolean ties;

    private Ranks(double[] rankA, double[] rankB, double tieTerm, boolean ties) {
        this.rankA = rankA;
        this.rankB = rankB;
        this.tieTerm = tieTerm;
        this.ties = ties;
    }

    static Ranks of(SortedSample sa, SortedSample sb) {
        double[] a = sa.raw();
        double[] b = sb.raw();
        double[] ra = new double[a.length];
        double[] rb = new double[b.length];
        int i = 0;
        int j = 0;
        long pos = 0; // number of pooled values already ranked
        double tieTerm = 0;
        boolean ties = false;
        while (i < a.length || j < b.length) {
            double x;
            if (j >= b.length || (i < a.length && a[i] <= b[j])) {
                x = a[i];
            } else {
                x = b[j];
            }
            int i0 = i;
            int j0 = j;
            while (i < a.length && a[i] == x) {
                i++;
            }
            while (j < b.length && b[j] == x) {
                j++;
            }
            long t = (i - i0) + (j - j0);
            double mid = pos + (t + 1) / 2.0;
            for (int k = i0; k < i; k++) {
                ra[k] = mid;
            }
            for (int k = j0; k < j; k++) {
                rb[k] = mid;
            }
            if (t > 1) {
                ties = true;
                tieTerm += (double) t * t * t - t;
            }
            pos += t;
        }
        return new Ranks(ra, rb, tieTerm, ties);
    }
}
