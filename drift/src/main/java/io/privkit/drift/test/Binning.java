package io.privkit.drift.test;

import io.privkit.common.Checks;
import java.util.Arrays;

/**
 * Fixed bin edges for binned statistics, taken from the reference so that every later sample (and
 * every chunk or machine) counts into the same bins and counts merge by addition.
 *
 * <p>Rule: cut points are the reference quantiles at 1/B, ..., (B-1)/B (type-7 linear interpolation,
 * NumPy's default); duplicate cut points are dropped, so tied data get fewer bins (reported by
 * {@link #droppedDuplicates()}); bins are right-closed with open ends, (-inf, e_1], (e_1, e_2], ...,
 * (e_k, +inf); x falls in bin #{edges &lt; x}. Current values outside the reference range land in the
 * two outer bins. Immutable and thread-safe.
 *
 * @param edges              strictly increasing finite cut points (may be empty: one bin)
 * @param requestedBins      the number of bins asked for
 * @param droppedDuplicates  how many duplicate cut points were removed
 */
public record Binning(double[] edges, int requestedBins, int droppedDuplicates) {
    /** The default number of reference-quantile bins. */
    public static final int DEFAULT_BINS = 10;

    public Binning {
        Checks.requireNonNull(edges, "edges");
        edges = edges.clone();
        for (int i = 0; i < edges.length; i++) {
            Checks.requireFinite(edges[i], "edges[" + i + "]");
            if (i > 0 && !(edges[i] > edges[i - 1])) {
                throw Checks.argument("edges").mustBe("strictly increasing").got(Arrays.toString(edges)).noFix().exception();
            }
        }
        Checks.requirePositive(requestedBins, "requestedBins");
        Checks.requireNonNegative(droppedDuplicates, "droppedDuplicates");
    }

    /** Equal-frequency edges from the reference quantiles. */
    public static Binning referenceQuantiles(SortedSample reference, int bins) {
        Checks.requirePositive(bins, "bins");
        double[] cuts = new double[bins - 1];
        for (int k = 1; k < bins; k++) {
            cuts[k - 1] = reference.quantile((double) k / bins);
        }
        return fromCuts(cuts, bins);
    }

    /** Edges from sorted cut points that may repeat. */
    public static Binning fromCuts(double[] sortedCuts, int bins) {
        double[] out = new double[sortedCuts.length];
        int k = 0;
        for (int i = 0; i < sortedCuts.length; i++) {
            if (k == 0 || sortedCuts[i] != out[k - 1]) {
                out[k++] = sortedCuts[i];
            }
        }
        return new Binning(Arrays.copyOf(out, k), bins, sortedCuts.length - k);
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    /** The number of bins (edges + 1). */
    public int bins() {
        return edges.length + 1;
    }

    /** The bin of x: #{edges &lt; x} (binary search). */
    public int binOf(double x) {
        int lo = 0;
        int hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Counts of a sorted sample per bin, by a merge walk. */
    public long[] count(SortedSample sample) {
        long[] c = new long[bins()];
        double[] v = sample.raw();
        int b = 0;
        for (double x : v) {
            while (b < edges.length && edges[b] < x) {
                b++;
            }
            c[b]++;
        }
        return c;
    }

    /** A description for reports. */
    public String describe() {
        return bins() + " reference-quantile bins (type-7 quantiles at k/" + requestedBins + ", right-closed, open ends"
                + (droppedDuplicates > 0 ? ", " + droppedDuplicates + " duplicate edges dropped" : "") + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Binning b && Arrays.equals(edges, b.edges) && requestedBins == b.requestedBins
                && droppedDuplicates == b.droppedDuplicates;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(edges) * 31 + requestedBins * 7 + droppedDuplicates;
    }

    @Override
    public String toString() {
        return "Binning" + Arrays.toString(edges);
    }
}
