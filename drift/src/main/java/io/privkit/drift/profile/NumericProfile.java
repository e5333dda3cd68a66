package io.privkit.drift.profile;

import io.privkit.common.Checks;
import io.privkit.drift.test.Binning;
import java.util.Arrays;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * A mergeable summary of a numeric column, on edges fixed by the reference:
 * <ul>
 *   <li><b>coarse counts</b> on the policy's reference-quantile bins (right-closed, open ends; see
 *       {@link Binning}): binned statistics are exact for these edges;</li>
 *   <li><b>fine counts</b> on B fine reference-quantile edges e_1 &lt; ... &lt; e_B, kept separately
 *       for each open interval (e_{j-1}, e_j) and for each edge value {e_j}. The ECDF is then known
 *       exactly at and just below every edge, which gives the deterministic KS bound
 *       D_E &lt;= D &lt;= max(D_E, max_j max(F(e_j-) - G(e_{j-1}), G(e_j-) - F(e_{j-1}))), with D_E the
 *       largest gap at and just below the edges (monotonicity of both ECDFs inside each open interval);
 *       data whose atoms are all edges give D exactly. The same interval bounds on |F - G| bound the
 *       Wasserstein-1 and energy integrals;</li>
 *   <li>count, mean and sum of squared deviations, merged with the pairwise update of T. F. Chan,
 *       G. H. Golub and R. J. LeVeque ("Updating formulae and a pairwise algorithm for computing sample
 *       variances", COMPSTAT 1982), and the minimum and maximum;</li>
 *   <li>missing and non-finite counts;</li>
 *   <li>optionally a KLL sketch (see {@link SketchKs}) for comparisons whose edges cannot be fixed.</li>
 * </ul>
 * Profiles merge by adding counts when their edges are equal (a merge of unequal edges is refused
 * and changes nothing). Not thread-safe: one profile per thread, then {@link #merge}.
 */
public final class NumericProfile {
    private final Binning coarse;
    private final double[] fineEdges;
    private final long[] coarseCounts;
    private final long[] fineCounts; // 2B+1: interval 0, atom 0, interval 1, ..., atom B-1, interval B
    private long n;
    private double mean;
    private double m2;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long missing;
    private long nonFinite;
    private KllDoublesSketch kll;
    private double[] scratch; // the finite values of the last addAll batch (reused)
    private final int[] guide; // guide[g] = #fine edges below the start of bucket g (a lookup table for the fine index)
    private final double guideScale;
    // coarse bin of each fine slot, when every coarse edge is a fine edge (true for reference-quantile edges whose
    // fine count is a multiple of the coarse count); null otherwise
    private final int[] coarseOfFine;
    private static final int GUIDE = 4096;

    /**
     * An empty profile on the given edges.
     *
     * @param coarse    the binning of binned statistics
     * @param fineEdges strictly increasing finite edges for the KS bound
     * @param kllK      KLL accuracy parameter (8..65535), or 0 for no sketch
     */
    public NumericProfile(Binning coarse, double[] fineEdges, int kllK) {
        this.coarse = Checks.requireNonNull(coarse, "coarse");
        this.fineEdges = Checks.requireNonNull(fineEdges, "fineEdges").clone();
        for (int i = 0; i < fineEdges.length; i++) {
            Checks.requireFinite(fineEdges[i], "fineEdges[" + i + "]");
            if (i > 0 && !(fineEdges[i] > fineEdges[i - 1])) {
                throw Checks.argument("fineEdges").mustBe("strictly increasing").got(fineEdges[i - 1] + " then " + fineEdges[i])
                        .noFix().exception();
            }
        }
        this.coarseCounts = new long[coarse.bins()];
        this.fineCounts = new long[2 * fineEdges.length + 1];
        if (this.fineEdges.length >= 2) {
            double lo = this.fineEdges[0];
            double span = this.fineEdges[this.fineEdges.length - 1] - lo;
            this.guideScale = GUIDE / span;
            this.guide = new int[GUIDE + 1];
            int j = 0;
            for (int g = 0; g <= GUIDE; g++) {
                double start = lo + g / guideScale;
                while (j < this.fineEdges.length && this.fineEdges[j] < start) {
                    j++;
                }
                this.guide[g] = j;
            }
        } else {
            this.guide = null;
            this.guideScale = 0;
        }
        this.coarseOfFine = coarseOfFine(coarse.edges(), this.fineEdges);
        if (kllK != 0) {
            if (kllK < 8 || kllK > 65535) {
                throw Checks.argument("kllK").mustBe("0 (no sketch) or in [8, 65535]").got(kllK).fix("Use e.g. 200 or 1024.").exception();
            }
            this.kll = KllDoublesSketch.newHeapInstance(kllK);
        }
    }

    private static int[] coarseOfFine(double[] coarseEdges, double[] fine) {
        for (double c : coarseEdges) {
            if (java.util.Arrays.binarySearch(fine, c) < 0) {
                return null;
            }
        }
        int b = fine.length;
        int[] map = new int[2 * b + 1];
        int k = 0; // coarse edges strictly below the current position
        for (int j = 0; j <= b; j++) {
            // open interval (e_{j-1}, e_j): no coarse edge strictly inside, so #coarse edges < x = #coarse edges <= e_{j-1}
            map[2 * j] = k;
            if (j < b) {
                // the atom e_j: #coarse edges < e_j
                map[2 * j + 1] = k;
                if (k < coarseEdges.length && coarseEdges[k] == fine[j]) {
                    k++;
                }
            }
        }
        return map;
    }

    /** An empty profile with the same edges and sketch size. */
    public NumericProfile emptyLike() {
        return new NumericProfile(coarse, fineEdges, kll == null ? 0 : kll.getK());
    }

    /** Adds one value: finite values are counted, NaN is missing, infinities are missing and non-finite. */
    public void add(double x) {
        if (Double.isNaN(x)) {
            missing++;
            return;
        }
        if (Double.isInfinite(x)) {
            missing++;
            nonFinite++;
            return;
        }
        if (x == 0.0) {
            x = 0.0; // fold -0.0
        }
        coarseCounts[coarse.binOf(x)]++;
        fineCounts[fineIndex(x)]++;
        n++;
        double d = x - mean;
        mean += d / n;
        m2 += d * (x - mean);
        if (x < min) {
            min = x;
        }
        if (x > max) {
            max = x;
        }
        if (kll != null) {
            kll.update(x);
        }
    }

    /** Counts a missing value. */
    public void addMissing() {
        missing++;
    }

    private int fineIndex(double x) {
        int lo;
        int b = fineEdges.length;
        if (guide != null && x > fineEdges[0] && x <= fineEdges[b - 1]) {
            // start from the guide table's lower bound on #{edges < x}, then scan (a few steps at most)
            int g = (int) ((x - fineEdges[0]) * guideScale);
            lo = guide[Math.min(g, GUIDE)];
            if (lo > 0 && fineEdges[lo - 1] >= x) {
                lo = lowerBound(x); // rounding at a bucket boundary: fall back
            }
            while (lo < b && fineEdges[lo] < x) {
                lo++;
            }
        } else {
            lo = lowerBound(x);
        }
        return lo < b && fineEdges[lo] == x ? 2 * lo + 1 : 2 * lo;
    }

    private int lowerBound(double x) {
        int lo = 0;
        int hi = fineEdges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (fineEdges[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Adds the first {@code count} values of an array (the batch path: counts, then the batch's
     * moments in two passes merged by Chan et al.'s update, then one sketch update call). Equivalent
     * to calling {@link #add(double)} on each value, up to floating-point rounding of the moments.
     */
    public void addAll(double[] values, int count) {
        Checks.requireNonNull(values, "values");
        if (count < 0 || count > values.length) {
            throw Checks.argument("count").mustBe("in [0, " + values.length + "]").got(count).noFix().exception();
        }
        if (scratch == null || scratch.length < count) {
            scratch = new double[count];
        }
        double[] finite = scratch;
        int m = 0;
        double sum = 0;
        double bmin = Double.POSITIVE_INFINITY;
        double bmax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            double x = values[i];
            if (Double.isNaN(x)) {
                missing++;
                continue;
            }
            if (Double.isInfinite(x)) {
                missing++;
                nonFinite++;
                continue;
            }
            if (x == 0.0) {
                x = 0.0;
            }
            int fi = fineIndex(x);
            fineCounts[fi]++;
            coarseCounts[coarseOfFine != null ? coarseOfFine[fi] : coarse.binOf(x)]++;
            finite[m++] = x;
            sum += x;
            if (x < bmin) {
                bmin = x;
            }
            if (x > bmax) {
                bmax = x;
            }
        }
        if (m == 0) {
            return;
        }
        double bmean = sum / m;
        double bm2 = 0;
        for (int i = 0; i < m; i++) {
            double d = finite[i] - bmean;
            bm2 += d * d;
        }
        long total = n + m;
        double delta = bmean - mean;
        m2 = m2 + bm2 + delta * delta * ((double) n * m / total);
        mean = mean + delta * m / total;
        n = total;
        min = Math.min(min, bmin);
        max = Math.max(max, bmax);
        if (kll != null) {
            kll.update(finite, 0, m);
        }
    }

    /**
     * Adds another profile's counts (same edges). Check then commit: on unequal edges nothing changes.
     */
    public void merge(NumericProfile other) {
        Checks.requireNonNull(other, "other");
        if (!coarse.equals(other.coarse) || !Arrays.equals(fineEdges, other.fineEdges)) {
            throw Checks.argument("profile to merge").mustBe("built on the same reference edges").got("different edges")
                    .fix("Profile every chunk against the same stored reference profile.").exception();
        }
        if ((kll == null) != (other.kll == null) || (kll != null && kll.getK() != other.kll.getK())) {
            throw Checks.argument("profile to merge").mustBe("built with the same sketch size").got("a different KLL k")
                    .noFix().exception();
        }
        for (int i = 0; i < coarseCounts.length; i++) {
            coarseCounts[i] += other.coarseCounts[i];
        }
        for (int i = 0; i < fineCounts.length; i++) {
            fineCounts[i] += other.fineCounts[i];
        }
        if (n == 0) {
            // into an empty profile: take the moments as they are (no rounding through the update)
            mean = other.mean;
            m2 = other.m2;
            n = other.n;
        } else if (other.n > 0) {
            long total = n + other.n;
            double delta = other.mean - mean;
            m2 = m2 + other.m2 + delta * delta * ((double) n * other.n / total);
            mean = mean + delta * other.n / total;
            n = total;
        }
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        missing += other.missing;
        nonFinite += other.nonFinite;
        if (kll != null) {
            kll.merge(other.kll);
        }
    }

    /** The coarse binning. */
    public Binning coarse() {
        return coarse;
    }

    /** A copy of the fine edges. */
    public double[] fineEdges() {
        return fineEdges.clone();
    }

    /** A copy of the coarse counts. */
    public long[] coarseCounts() {
        return coarseCounts.clone();
    }

    /** A copy of the fine counts (interval, atom, interval, ..., interval). */
    public long[] fineCounts() {
        return fineCounts.clone();
    }

    /** Finite values counted. */
    public long count() {
        return n;
    }

    /** Missing values (NaN, empty, infinite). */
    public long missing() {
        return missing;
    }

    /** Infinite values (within missing). */
    public long nonFinite() {
        return nonFinite;
    }

    /** The mean, NaN when empty. */
    public double mean() {
        return n == 0 ? Double.NaN : mean;
    }

    /** The population standard deviation (divisor n), NaN when empty. */
    public double stdPopulation() {
        return n == 0 ? Double.NaN : Math.sqrt(Math.max(0, m2 / n));
    }

    /** The sum of squared deviations from the mean. */
    public double m2() {
        return m2;
    }

    /** The smallest value, +inf when empty. */
    public double min() {
        return min;
    }

    /** The largest value, -inf when empty. */
    public double max() {
        return max;
    }

    /** The KLL sketch (read only), or null when none is kept. */
    public KllDoublesSketch sketch() {
        return kll;
    }

    /** Restores a profile from its parts (used by {@link ProfileJson}). */
    static NumericProfile restore(Binning coarse, double[] fineEdges, long[] coarseCounts, long[] fineCounts, long n, double mean,
                                  double m2, double min, double max, long missing, long nonFinite, byte[] kllBytes) {
        NumericProfile p = new NumericProfile(coarse, fineEdges, 0);
        if (coarseCounts.length != p.coarseCounts.length || fineCounts.length != p.fineCounts.length) {
            throw Checks.argument("stored profile").mustBe("consistent (counts match edges)").got(coarseCounts.length + " coarse, "
                    + fineCounts.length + " fine counts").fix("Rebuild the profile with 'privkit drift profile'.").exception();
        }
        long sc = 0;
        long sf = 0;
        for (long c : coarseCounts) {
            sc += Checks.requireNonNegative(c, "count");
        }
        for (long c : fineCounts) {
            sf += Checks.requireNonNegative(c, "count");
        }
        if (sc != n || sf != n) {
            throw Checks.argument("stored profile").mustBe("consistent (counts sum to n)").got("n=" + n + ", sums " + sc + "/" + sf)
                    .fix("Rebuild the profile with 'privkit drift profile'.").exception();
        }
        System.arraycopy(coarseCounts, 0, p.coarseCounts, 0, coarseCounts.length);
        System.arraycopy(fineCounts, 0, p.fineCounts, 0, fineCounts.length);
        p.n = n;
        p.mean = mean;
        p.m2 = m2;
        p.min = min;
        p.max = max;
        p.missing = missing;
        p.nonFinite = nonFinite;
        p.kll = kllBytes == null ? null : KllDoublesSketch.heapify(Memory.wrap(kllBytes));
        return p;
    }

    /**
     * Bounds on the KS statistic, Wasserstein-1 and energy distance between this profile (reference)
     * and another on the same fine edges.
     *
     * @return {D_lo, D_hi, W_lo, W_hi, E_lo, E_hi, D+ at edges, D- at edges}
     */
    public double[] bounds(NumericProfile cur) {
        if (!Arrays.equals(fineEdges, cur.fineEdges)) {
            throw Checks.argument("current profile").mustBe("on the reference's fine edges").got("different edges").noFix().exception();
        }
        int b = fineEdges.length;
        double nf = n;
        double ng = cur.n;
        double lo = 0;
        double dPlus = 0;
        double dMinus = 0;
        // cumulative before each position
        double[] fAt = new double[b];
        double[] fLeft = new double[b];
        double[] gAt = new double[b];
        double[] gLeft = new double[b];
        long cf = 0;
        long cg = 0;
        for (int j = 0; j < b; j++) {
            cf += fineCounts[2 * j];
            cg += cur.fineCounts[2 * j];
            fLeft[j] = cf / nf;
            gLeft[j] = cg / ng;
            cf += fineCounts[2 * j + 1];
            cg += cur.fineCounts[2 * j + 1];
            fAt[j] = cf / nf;
            gAt[j] = cg / ng;
            for (double d : new double[] {fLeft[j] - gLeft[j], fAt[j] - gAt[j]}) {
                dPlus = Math.max(dPlus, d);
                dMinus = Math.max(dMinus, -d);
            }
        }
        lo = Math.max(dPlus, dMinus);
        double hi = lo;
        double wLo = 0;
        double wHi = 0;
        double eLo = 0;
        double eHi = 0;
        double globalMin = Math.min(min, cur.min);
        double globalMax = Math.max(max, cur.max);
        for (int j = 0; j <= b; j++) {
            double fa = j == 0 ? 0 : fAt[j - 1];
            double ga = j == 0 ? 0 : gAt[j - 1];
            double fb = j == b ? 1 : fLeft[j];
            double gb = j == b ? 1 : gLeft[j];
            double upper = Math.max(0, Math.max(fb - ga, gb - fa));
            double lower = Math.max(0, Math.max(fa - gb, ga - fb));
            boolean empty = fineCounts[2 * j] == 0 && cur.fineCounts[2 * j] == 0;
            if (!empty) {
                hi = Math.max(hi, upper);
            }
            double a = j == 0 ? globalMin : fineEdges[j - 1];
            double z = j == b ? globalMax : fineEdges[j];
            double width = Math.max(0, z - a);
            if (empty) {
                // both ECDFs are constant on this interval: the gap is exact
                double gap = Math.abs(fb - gb);
                wLo += width * gap;
                wHi += width * gap;
                eLo += width * gap * gap;
                eHi += width * gap * gap;
            } else {
                wLo += width * lower;
                wHi += width * upper;
                eLo += width * lower * lower;
                eHi += width * upper * upper;
            }
        }
        return new double[] {lo, Math.min(1, hi), wLo, wHi, Math.sqrt(2 * eLo), Math.sqrt(2 * eHi), dPlus, dMinus};
    }
}
