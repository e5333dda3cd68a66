package io.privkit.drift.test;

import io.privkit.common.Checks;
import java.util.Arrays;

/**
 * A non-empty sample of finite values, sorted ascending once so that every test can merge-walk it.
 * Immutable and thread-safe; the values are copied in and never exposed mutably.
 *
 * <p>Missing values are not allowed here: callers drop them first (and count them) under an
 * explicit missing-value policy, so a NaN can never silently change a statistic.
 */
public final class SortedSample {
    private final double[] values;

    private SortedSample(double[] sorted) {
        this.values = sorted;
    }

    /**
     * Copies, checks and sorts the values.
     *
     * @param values finite values, at least one
     * @return the sorted sample
     * @throws IllegalArgumentException if empty or a value is NaN or infinite (naming its index)
     */
    public static SortedSample of(double... values) {
        Checks.requireNonNull(values, "values");
        double[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            if (!Double.isFinite(copy[i])) {
                throw Checks.argument("values[" + i + "]").mustBe("finite").got(copy[i])
                        .fix("Drop missing values first and count them (the table readers do this per column).").exception();
            }
        }
        if (copy.length == 0) {
            throw Checks.argument("sample").mustBe("non-empty").got("0 values")
                    .fix("A column with no usable values cannot be tested; report it as a per-column error.").exception();
        }
        sortFinite(foldNegativeZero(copy));
        return new SortedSample(copy);
    }

    /** Radix sort for large samples, the JDK's dual-pivot quicksort for small ones. */
    private static void sortFinite(double[] a) {
        if (a.length >= RADIX_THRESHOLD) {
            RadixSort.sort(a);
        } else {
            Arrays.sort(a);
        }
    }

    private static final int RADIX_THRESHOLD = 1 << 16;

    /**
     * Sorts and adopts the caller's array without copying it (for large columns). The caller hands
     * the array over and must not read or write it afterwards.
     *
     * @throws IllegalArgumentException as {@link #of(double...)}
     */
    public static SortedSample adopt(double[] values) {
        Checks.requireNonNull(values, "values");
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw Checks.argument("values[" + i + "]").mustBe("finite").got(values[i])
                        .fix("Drop missing values first and count them.").exception();
            }
        }
        if (values.length == 0) {
            throw Checks.argument("sample").mustBe("non-empty").got("0 values")
                    .fix("A column with no usable values cannot be tested; report it as a per-column error.").exception();
        }
        sortFinite(foldNegativeZero(values));
        return new SortedSample(values);
    }

    /** Takes ownership of an array already known to be finite and sorted (package use: profiles, merges). */
    static SortedSample trusted(double[] sorted) {
        return new SortedSample(sorted);
    }

    /** -0.0 sorts before 0.0 in {@link Arrays#sort(double[])}; fold it so that the two are one tie. */
    private static double[] foldNegativeZero(double[] a) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == 0.0) {
                a[i] = 0.0;
            }
        }
        return a;
    }

    /** The number of values. */
    public int size() {
        return values.length;
    }

    /** The i-th smallest value (0-based). */
    public double get(int i) {
        return values[i];
    }

    /** A copy of the sorted values. */
    public double[] toArray() {
        return values.clone();
    }

    /** The backing array, for package-internal loops that never write to it. */
    double[] raw() {
        return values;
    }

    /** The arithmetic mean. */
    public double mean() {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }

    /** The population standard deviation (divisor n), two-pass. */
    public double stdPopulation() {
        double m = mean();
        double s = 0;
        for (double v : values) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / values.length);
    }

    /**
     * The p-quantile by linear interpolation between order statistics (Hyndman and Fan 1996, type 7;
     * NumPy's default): h = (n-1)p, value = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]).
     */
    public double quantile(double p) {
        Checks.requireProbability(p, "p");
        double h = (values.length - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= values.length - 1) {
            return values[values.length - 1];
        }
        double frac = h - lo;
        return values[lo] + frac * (values[lo + 1] - values[lo]);
    }

    /** Number of values {@code <= x} (binary search, O(log n)). */
    public int countAtMost(double x) {
        int lo = 0;
        int hi = values.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Number of values {@code < x}. */
    public int countBelow(double x) {
        int lo = 0;
        int hi = values.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public String toString() {
        return "SortedSample[n=" + values.length + "]";
    }
}
