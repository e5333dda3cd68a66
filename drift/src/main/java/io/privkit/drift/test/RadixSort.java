package io.privkit.drift.test;

/**
 * Least-significant-digit radix sort of finite doubles (package-private), used for large samples
 * where it is about twice as fast as a comparison sort: each double is mapped to a 64-bit key whose
 * unsigned order is the numeric order (flip every bit of a negative number, only the sign bit of a
 * positive one; D. E. Knuth, The Art of Computer Programming vol. 3, section 5.2.5, and the
 * order-preserving IEEE 754 transform of P. M. Herf, "Radix Tricks", 2001), then sorted by six
 * stable counting passes on 11-bit digits; passes whose digit is the same for every key are skipped.
 * Time O(n), extra memory 2n longs. The caller has folded -0.0 into 0.0 (the transform orders -0.0
 * below 0.0, and so would {@link java.util.Arrays#sort(double[])}).
 */
final class RadixSort {
    private static final int BITS = 11;
    private static final int RADIX = 1 << BITS;
    private static final int PASSES = 6;

    private RadixSort() {
    }

    static void sort(double[] a) {
        int n = a.length;
        long[] keys = new long[n];
        long[] tmp = new long[n];
        int[][] counts = new int[PASSES][RADIX];
        for (int i = 0; i < n; i++) {
            long b = Double.doubleToRawLongBits(a[i]);
            long k = b ^ ((b >> 63) | Long.MIN_VALUE);
            keys[i] = k;
            for (int p = 0; p < PASSES; p++) {
                counts[p][(int) ((k >>> (p * BITS)) & (RADIX - 1))]++;
            }
        }
        long[] src = keys;
        long[] dst = tmp;
        for (int p = 0; p < PASSES; p++) {
            int[] c = counts[p];
            boolean trivial = false;
            for (int d = 0; d < RADIX; d++) {
                if (c[d] == n) {
                    trivial = true;
                    break;
                }
                if (c[d] != 0) {
                    break;
                }
            }
            if (trivial) {
                continue;
            }
            int sum = 0;
            for (int d = 0; d < RADIX; d++) {
                int t = c[d];
                c[d] = sum;
                sum += t;
            }
            int shift = p * BITS;
            for (int i = 0; i < n; i++) {
                long k = src[i];
                dst[c[(int) ((k >>> shift) & (RADIX - 1))]++] = k;
            }
            long[] t = src;
            src = dst;
            dst = t;
        }
        for (int i = 0; i < n; i++) {
            long k = src[i];
            long b = k ^ (((~k) >> 63) | Long.MIN_VALUE);
            a[i] = Double.longBitsToDouble(b);
        }
    }
}
