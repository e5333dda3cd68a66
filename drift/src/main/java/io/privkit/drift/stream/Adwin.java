package io.privkit.drift.stream;

import io.privkit.common.Checks;
import io.privkit.common.Interval;
import java.util.Map;
import java.util.TreeMap;

/**
 * ADWIN, the adaptive sliding window of A. Bifet and R. Gavalda, "Learning from Time-Changing Data
 * with Adaptive Windowing", SIAM International Conference on Data Mining (SDM), 2007.
 *
 * <p>The window W is kept compressed as an exponential histogram (their ADWIN2): buckets of 2^i
 * observations, at most M per size, each holding its sum and its sum of squared deviations; two
 * buckets of one size merge (with the variance update of Chan, Golub and LeVeque) when a size holds
 * M + 1. Every {@code clock} observations, every split of W into an older part W0 (n0 items) and a
 * newer part W1 (n1 items) at a bucket boundary is tested: the older part is dropped when
 * |mu0 - mu1| &gt;= eps_cut with the Bernstein-type bound of the paper's Section 4,
 * eps_cut = sqrt(2 m sigma_W^2 ln(2/delta')) + (2/3) m ln(2/delta'), m = 1/n0 + 1/n1,
 * delta' = delta / ln(|W|), sigma_W^2 the variance of W. A drop is a DRIFT signal. Both sub-windows
 * must hold at least {@code minSubWindow} items. Memory and time per update are O(M log(|W|/M)).
 *
 * <p>delta is the false-alarm parameter; {@link Calibration} can set it to a target ERT.
 * Not thread-safe.
 */
public final class Adwin implements ChangeDetector {
    private static final int M = 5;
    private final double delta;
    private final int clock;
    private final int minSubWindow;
    // levels[i] holds up to M+1 buckets of 2^i items, index 0 the newest
    private double[][] sums = new double[32][M + 1];
    private double[][] vars = new double[32][M + 1];
    private int[] counts = new int[32];
    private int levels;
    private long width;
    private double total;
    private double variance; // sum of squared deviations of W
    private long seen;

    private Adwin(double delta, int clock, int minSubWindow) {
        this.delta = delta;
        this.clock = clock;
        this.minSubWindow = minSubWindow;
    }

    /** ADWIN with delta = 0.002, checks every 32 items, sub-windows of at least 5 (the paper's and MOA's common defaults). */
    public static Adwin withDefaults() {
        return new Adwin(0.002, 32, 5);
    }

    /** A copy with another delta (smaller: fewer false alarms). */
    public Adwin withDelta(double d) {
        Checks.requireIn(d, "delta", Interval.open(0, 1), "Use e.g. 0.002, or calibrate it to a target ERT.");
        return new Adwin(d, clock, minSubWindow);
    }

    /** A copy checking for a cut every {@code n} observations. */
    public Adwin withClock(int n) {
        Checks.requirePositive(n, "clock");
        return new Adwin(delta, n, minSubWindow);
    }

    @Override
    public Signal update(double x) {
        Detectors.finite(x, "adwin");
        seen++;
        insert(x);
        if (seen % clock == 0 && width > 2L * minSubWindow && detectAndShrink()) {
            return Signal.DRIFT;
        }
        return Signal.STABLE;
    }

    private void insert(double x) {
        width++;
        if (width > 1) {
            double meanBefore = total / (width - 1);
            variance += (width - 1.0) / width * (x - meanBefore) * (x - meanBefore);
        }
        total += x;
        addBucket(0, x, 0.0);
        // compress
        for (int i = 0; i < levels; i++) {
            if (counts[i] <= M) {
                break;
            }
            // merge the two oldest buckets of level i into one of level i+1
            int a = counts[i] - 1;
            int b = counts[i] - 2;
            double n = 1L << i;
            double s1 = sums[i][a];
            double s2 = sums[i][b];
            double d = s1 / n - s2 / n;
            double v = vars[i][a] + vars[i][b] + n * n / (2 * n) * d * d;
            counts[i] -= 2;
            addBucket(i + 1, s1 + s2, v);
        }
    }

    private void addBucket(int level, double sum, double var) {
        if (level >= sums.length) {
            sums = java.util.Arrays.copyOf(sums, sums.length * 2);
            vars = java.util.Arrays.copyOf(vars, vars.length * 2);
            counts = java.util.Arrays.copyOf(counts, counts.length * 2);
            for (int i = 0; i < sums.length; i++) {
                if (sums[i] == null) {
                    sums[i] = new double[M + 1];
                    vars[i] = new double[M + 1];
                }
            }
        }
        if (level >= levels) {
            levels = level + 1;
        }
        // shift to keep index 0 the newest
        System.arraycopy(sums[level], 0, sums[level], 1, counts[level]);
        System.arraycopy(vars[level], 0, vars[level], 1, counts[level]);
        sums[level][0] = sum;
        vars[level][0] = var;
        counts[level]++;
    }

    /** Tests every split from the oldest bucket; drops the oldest bucket while a cut holds. */
    private boolean detectAndShrink() {
        boolean changed = false;
        boolean again = true;
        while (again && width > 2L * minSubWindow) {
            again = false;
            long n0 = 0;
            double s0 = 0;
            outer:
            for (int i = levels - 1; i >= 0; i--) {
                for (int k = counts[i] - 1; k >= 0; k--) {
                    n0 += 1L << i;
                    s0 += sums[i][k];
                    long n1 = width - n0;
                    if (n1 < minSubWindow) {
                        break outer;
                    }
                    if (n0 < minSubWindow) {
                        continue;
                    }
                    double mu0 = s0 / n0;
                    double mu1 = (total - s0) / n1;
                    if (Math.abs(mu0 - mu1) > epsCut(n0, n1)) {
                        dropOldest();
                        changed = true;
                        again = true;
                        break outer;
                    }
                }
            }
        }
        if (changed) {
            seen = 0;
        }
        return changed;
    }

    private double epsCut(long n0, long n1) {
        double m = 1.0 / n0 + 1.0 / n1;
        double dd = Math.log(2 * Math.log(width) / delta);
        double sigma2 = variance / width;
        return Math.sqrt(2 * m * sigma2 * dd) + 2.0 / 3.0 * m * dd;
    }

    private void dropOldest() {
        int i = levels - 1;
        int k = counts[i] - 1;
        long n = 1L << i;
        double s = sums[i][k];
        double v = vars[i][k];
        counts[i]--;
        if (counts[i] == 0) {
            levels--;
        }
        // remove the bucket's contribution to the window's variance (reverse of the merge update)
        double meanW = total / width;
        double meanB = s / n;
        long rest = width - n;
        total -= s;
        width = rest;
        if (rest > 0) {
            double meanRest = total / rest;
            variance -= v + (double) n * rest / (n + rest) * (meanB - meanRest) * (meanB - meanRest);
            variance = Math.max(0, variance);
        } else {
            variance = 0;
        }
        if (meanW != meanW) {
            throw new IllegalStateException("adwin: NaN mean");
        }
    }

    /** The current window length. */
    public long width() {
        return width;
    }

    /** The mean of the current window. */
    public double mean() {
        return width == 0 ? Double.NaN : total / width;
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(counts, 0);
        levels = 0;
        width = 0;
        total = 0;
        variance = 0;
        seen = 0;
    }

    @Override
    public String name() {
        return "adwin";
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> m = new TreeMap<>();
        m.put("delta", Detectors.num(delta));
        m.put("clock", Integer.toString(clock));
        m.put("maxBucketsPerSize", Integer.toString(M));
        m.put("minSubWindow", Integer.toString(minSubWindow));
        return m;
    }

    @Override
    public long observations() {
        return width;
    }
}
