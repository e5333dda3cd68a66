package io.privkit.dp.accounting;

import java.util.Arrays;

/**
 * A discrete privacy loss distribution on the grid h·ℤ: mass p<sub>i</sub> at loss
 * (offset + i)·h and mass at +∞. Its privacy profile is
 * δ(ε) = ω<sub>∞</sub> + Σ<sub>i</sub> p<sub>i</sub>(1 − e<sup>ε−l<sub>i</sub></sup>)<sub>+</sub> (Meiser and
 * Mohammadi, CCS 2018; Koskela, Jälkö and Honkela, AISTATS 2020). Composition convolves the finite
 * parts (by FFT) and combines the infinite masses as 1 − Π(1 − ω<sub>∞</sub>).
 *
 * <p>Immutable once built; queries are O(log n) after a one-time O(n) pass.
 */
final class Pld {
    /** Mass allowed above the window of a self-composition; added to ω∞. */
    static final double TAIL = 1e-18;
    /**
     * Mass allowed below the window of a self-composition. It wraps around into the window at
     * higher losses (pessimistic), so it can raise δ by at most this much, never lower it.
     */
    static final double LOWER_TAIL = 1e-14;
    /** Largest grid size, beyond which the accountant coarsens the grid. */
    static final int MAX_POINTS = 1 << 23;

    final double h;
    final long offset;
    final double[] pmf;
    final double infinity;
    private volatile Queries queries;

    Pld(double h, long offset, double[] pmf, double infinity) {
        this.h = h;
        this.offset = offset;
        this.pmf = pmf;
        this.infinity = Math.min(1, Math.max(0, infinity));
    }

    static Pld identity(double h) {
        return new Pld(h, 0, new double[] {1}, 0);
    }

    static Pld nonPrivate(double h) {
        return new Pld(h, 0, new double[] {0}, 1);
    }

    // ------------------------------------------------------------------ construction

    /** One direction of one mechanism: its exact hockey-stick divergence and loss range. */
    interface Monotone {
        /** δ(ε) of this (upper, lower) pair, exact up to floating-point error. */
        double delta(double epsilon);

        /** A loss below which the upper distribution has mass at most {@link #TAIL}, or the exact minimum. */
        double lossLower();

        /** A loss above which δ is at most 1e-25 (or zero, at the exact maximum). */
        double lossUpper();
    }

    /** Raised when a grid would exceed {@link #MAX_POINTS}; the accountant coarsens and retries. */
    static final class GridTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GridTooLarge() {
            super(null, null, false, false);
        }
    }

    /**
     * The connect-the-dots discretisation (V. Doroshenko, B. Ghazi, P. Kamath, R. Kumar and
     * P. Manurangsi, "Connect the Dots: Tighter Discrete Approximations of Privacy Loss
     * Distributions", PoPETs 2022): with D<sub>k</sub> = δ(kh) at the grid points k<sub>lo</sub>..k<sub>hi</sub>,
     * put mass ω<sub>k</sub> = [(D<sub>k−1</sub> − D<sub>k</sub>) − e<sup>−h</sup>(D<sub>k</sub> − D<sub>k+1</sub>)]/(1 − e<sup>−h</sup>)
     * on kh (D<sub>k<sub>hi</sub>+1</sub> := D<sub>k<sub>hi</sub></sub>), ω<sub>∞</sub> = D<sub>k<sub>hi</sub></sub>, and the rest on
     * k<sub>lo</sub>h. Its profile passes through every (kh, D<sub>k</sub>) and is linear in e<sup>ε</sup> between
     * them, while the true profile is convex in e<sup>ε</sup>: it lies above the truth everywhere
     * (pessimistic), and the error does not grow with the number of compositions the way rounding
     * each loss up does. Negative masses from floating-point error are clamped to zero (which only
     * raises δ).
     */
    static Pld connectTheDots(Monotone m, double h) {
        double lo = m.lossLower();
        double hi = m.lossUpper();
        long kLo = (long) Math.floor(lo / h);
        long kHi = (long) Math.ceil(hi / h);
        if (kHi < kLo) {
            kHi = kLo;
        }
        long n = kHi - kLo + 1;
        if (n > MAX_POINTS) {
            throw new GridTooLarge();
        }
        int size = (int) n;
        double[] d = new double[size];
        for (int i = 0; i < size; i++) {
            d[i] = Math.min(1, Math.max(0, m.delta((kLo + i) * h)));
        }
        // The true profile is non-increasing; enforce it against rounding (raising values only).
        for (int i = size - 2; i >= 0; i--) {
            d[i] = Math.max(d[i], d[i + 1]);
        }
        double eh = Math.exp(-h);
        double denom = -Math.expm1(-h);
        double[] p = new double[size];
        double infinity = d[size - 1];
        double sum = 0;
        for (int i = size - 1; i >= 1; i--) {
            double next = i == size - 1 ? d[i] : d[i + 1];
            double w = ((d[i - 1] - d[i]) - eh * (d[i] - next)) / denom;
            p[i] = Math.max(0, w);
            sum += p[i];
        }
        p[0] = Math.max(0, 1 - infinity - sum);
        return new Pld(h, kLo, p, infinity);
    }

    /**
     * A PLD from atoms: each finite loss is rounded up to the grid (pessimistic: raising a loss
     * raises δ(ε) at every ε).
     */
    static Pld fromAtoms(double h, double[] losses, double[] masses, double infinity) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long[] idx = new long[losses.length];
        for (int i = 0; i < losses.length; i++) {
            idx[i] = (long) Math.ceil(losses[i] / h);
            min = Math.min(min, idx[i]);
            max = Math.max(max, idx[i]);
        }
        double[] p = new double[(int) (max - min + 1)];
        for (int i = 0; i < losses.length; i++) {
            p[(int) (idx[i] - min)] += masses[i];
        }
        return new Pld(h, min, p, infinity);
    }

    /**
     * The dominating pair of any (ε, δ)-DP mechanism (Kairouz, Oh and Viswanath 2015): loss ε with
     * mass (1−δ)e<sup>ε</sup>/(1+e<sup>ε</sup>), −ε with mass (1−δ)/(1+e<sup>ε</sup>), +∞ with mass δ.
     */
    static Pld epsilonDelta(double h, double epsilon, double delta) {
        if (epsilon == 0) {
            return new Pld(h, 0, new double[] {1 - delta}, delta);
        }
        double pHigh = (1 - delta) / (1 + Math.exp(-epsilon));
        double pLow = (1 - delta) / (1 + Math.exp(epsilon));
        return fromAtoms(h, new double[] {epsilon, -epsilon}, new double[] {pHigh, pLow}, delta);
    }

    // ------------------------------------------------------------------ composition

    /** The composition of this and another PLD on the same grid. */
    Pld compose(Pld o) {
        if (o.h != h) {
            throw new IllegalArgumentException("grids differ: " + h + " and " + o.h);
        }
        int n = pmf.length + o.pmf.length - 1;
        double[] out;
        if ((long) pmf.length * o.pmf.length <= 4_000_000L) {
            out = new double[n];
            for (int i = 0; i < pmf.length; i++) {
                double a = pmf[i];
                if (a == 0) {
                    continue;
                }
                for (int j = 0; j < o.pmf.length; j++) {
                    out[i + j] += a * o.pmf[j];
                }
            }
        } else {
            int size = Math.max(4, Integer.highestOneBit(Math.max(1, n - 1)) << 1);
            RealFft fft = new RealFft(size);
            int m = size / 2 + 1;
            double[] ar = new double[m];
            double[] ai = new double[m];
            double[] br = new double[m];
            double[] bi = new double[m];
            fft.forward(Arrays.copyOf(pmf, size), ar, ai);
            fft.forward(Arrays.copyOf(o.pmf, size), br, bi);
            for (int k = 0; k < m; k++) {
                double r = ar[k] * br[k] - ai[k] * bi[k];
                double i = ar[k] * bi[k] + ai[k] * br[k];
                ar[k] = r;
                ai[k] = i;
            }
            double[] full = new double[size];
            fft.inverse(ar, ai, full);
            out = Arrays.copyOf(full, n);
        }
        double inf = 1 - (1 - infinity) * (1 - o.infinity);
        return cleaned(offset + o.offset, out, inf, 0);
    }

    /**
     * The T-fold composition, by raising the discrete Fourier transform to the T-th power (in
     * polar form) over a window [x<sub>lo</sub>, x<sub>hi</sub>] that Chernoff bounds
     * P(S ≥ x) ≤ e<sup>−tx</sup>M(t)<sup>T</sup> certify to hold all but {@link #TAIL} of the mass on
     * each side. Mass outside the window wraps around (circular convolution): from below it lands
     * at higher losses (pessimistic); from above it may land lower, so {@link #TAIL} is added to the
     * mass at infinity.
     */
    Pld selfCompose(long count) {
        if (count == 1) {
            return this;
        }
        double inf = -Math.expm1(count * Math.log1p(-infinity));
        double finiteMass = 0;
        for (double x : pmf) {
            finiteMass += x;
        }
        if (finiteMass == 0) {
            return new Pld(h, 0, new double[] {0}, 1);
        }
        int first = 0;
        int last = pmf.length - 1;
        while (first < last && pmf[first] == 0) {
            first++;
        }
        while (last > first && pmf[last] == 0) {
            last--;
        }
        double[] base = Arrays.copyOfRange(pmf, first, last + 1);
        long baseOffset = offset + first;
        int n = base.length;
        // Chernoff window, in units of grid steps relative to count * baseOffset.
        double logTail = Math.log(TAIL);
        double logLowerTail = Math.log(LOWER_TAIL);
        double upper = count * (double) (n - 1);
        double lower = 0;
        double[] logBase = new double[n];
        for (int i = 0; i < n; i++) {
            logBase[i] = base[i] > 0 ? Math.log(base[i]) : Double.NEGATIVE_INFINITY;
        }
        for (double t : chernoffParameters(n)) {
            double logM = logMgf(logBase, t);
            double up = (count * logM - logTail) / t;
            upper = Math.min(upper, up);
            double logMn = logMgf(logBase, -t);
            double low = (logLowerTail - count * logMn) / t;
            lower = Math.max(lower, low);
        }
        long jLo = (long) Math.max(0, Math.floor(lower) - 1);
        long jHi = (long) Math.min(count * (double) (n - 1), Math.ceil(upper) + 1);
        long width = Math.max(jHi - jLo + 1, n);
        if (width > MAX_POINTS) {
            throw new GridTooLarge();
        }
        int size = Math.max(4, Integer.highestOneBit((int) Math.max(1, width - 1)) << 1);
        RealFft fft = new RealFft(size);
        int spectrum = size / 2 + 1;
        double[] re = new double[spectrum];
        double[] im = new double[spectrum];
        fft.forward(Arrays.copyOf(base, size), re, im);
        // Raise each coefficient to the power count by repeated squaring (relative rounding error
        // about count * 2^-53, as for the polar form, at a fraction of the cost).
        for (int k = 0; k < spectrum; k++) {
            double br = re[k];
            double bi = im[k];
            double rr = 1;
            double ri = 0;
            long e = count;
            while (true) {
                if ((e & 1) != 0) {
                    double t = rr * br - ri * bi;
                    ri = rr * bi + ri * br;
                    rr = t;
                }
                e >>>= 1;
                if (e == 0) {
                    break;
                }
                double t = br * br - bi * bi;
                bi = 2 * br * bi;
                br = t;
            }
            re[k] = rr;
            im[k] = ri;
        }
        double[] cyclic = new double[size];
        fft.inverse(re, im, cyclic);
        double[] out = new double[size];
        long jLoMod = Math.floorMod(jLo, size);
        for (int k = 0; k < size; k++) {
            out[k] = cyclic[(int) ((jLoMod + k) % size)];
        }
        return cleaned(count * baseOffset + jLo, out, inf, TAIL);
    }

    /**
     * The slow, obviously correct T-fold composition: exponentiation by squaring with direct
     * O(n·m) convolution. After each convolution the ends are trimmed pessimistically: at most
     * 10<sup>−16</sup> of mass from the low end is moved up onto the first kept point, at most
     * 10<sup>−20</sup> from the high end is moved to infinity. The reference path for
     * {@link #selfCompose(long)}.
     */
    Pld selfComposeDirect(long count) {
        Pld result = null;
        Pld base = this;
        long e = count;
        while (e > 0) {
            if ((e & 1) != 0) {
                result = result == null ? base : result.composeDirect(base);
            }
            e >>>= 1;
            if (e > 0) {
                base = base.composeDirect(base);
            }
        }
        return result;
    }

    private Pld composeDirect(Pld o) {
        double[] out = new double[pmf.length + o.pmf.length - 1];
        for (int i = 0; i < pmf.length; i++) {
            double a = pmf[i];
            if (a == 0) {
                continue;
            }
            for (int j = 0; j < o.pmf.length; j++) {
                out[i + j] += a * o.pmf[j];
            }
        }
        double inf = 1 - (1 - infinity) * (1 - o.infinity);
        int first = 0;
        double low = 0;
        while (first < out.length - 1 && low + out[first] <= 1e-16) {
            low += out[first];
            first++;
        }
        int last = out.length - 1;
        double high = 0;
        while (last > first && high + out[last] <= 1e-20) {
            high += out[last];
            last--;
        }
        double[] kept = Arrays.copyOfRange(out, first, last + 1);
        kept[0] += low;
        return new Pld(h, offset + o.offset + first, kept, inf + high);
    }

    private static double[] chernoffParameters(int n) {
        // Losses are grid indices here; t ranges over scales from one step to the whole range.
        double[] ts = new double[14];
        double t = 1.0 / Math.max(1, n) / 8;
        for (int i = 0; i < ts.length; i++) {
            ts[i] = t;
            t *= 3;
        }
        return ts;
    }

    /** log Σ p_i e^{t·i} over the finite part (indices relative to the first), from log p_i. */
    private static double logMgf(double[] logP, double t) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logP.length; i++) {
            max = Math.max(max, logP[i] + t * i);
        }
        double s = 0;
        for (int i = 0; i < logP.length; i++) {
            double v = logP[i] + t * i - max;
            if (v > -745) {
                s += Math.exp(v);
            }
        }
        return max + Math.log(s);
    }

    /**
     * Clamps floating-point noise: negative masses become zero and their total magnitude, a
     * measure of the transform's rounding error, is added to the infinite mass together with the
     * truncated tail; masses below 10<sup>−300</sup> at the ends are trimmed (low end: moved up onto
     * the first kept point; high end: to infinity).
     */
    private Pld cleaned(long newOffset, double[] values, double inf, double tail) {
        double negative = 0;
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] > 0)) {
                negative += Double.isNaN(values[i]) ? 0 : -values[i];
                values[i] = 0;
            }
        }
        double cut = 1e-300;
        int first = 0;
        double lowMass = 0;
        while (first < values.length - 1 && values[first] < cut) {
            lowMass += values[first];
            first++;
        }
        int last = values.length - 1;
        double highMass = 0;
        while (last > first && values[last] < cut) {
            highMass += values[last];
            last--;
        }
        double[] kept = Arrays.copyOfRange(values, first, last + 1);
        kept[0] += lowMass;
        return new Pld(h, newOffset + first, kept, inf + highMass + tail + 2 * negative);
    }

    // ------------------------------------------------------------------ queries

    /** Suffix sums for O(log n) queries. */
    private static final class Queries {
        final double[] tailMass;   // A_j = inf + sum_{i > j} p_i, for j = -1..n-1 stored at j + 1
        final double[] tailExp;    // S_j = sum_{i > j} p_i e^{-(l_i - l_{j+1})}, stored at j + 1
        final double[] gridDelta;  // D_j = A_j - e^{-h} S_j, the profile at l_j, stored at j + 1 (j >= 0)

        Queries(Pld d) {
            int n = d.pmf.length;
            tailMass = new double[n + 1];
            tailExp = new double[n + 1];
            gridDelta = new double[n + 1];
            double eh = Math.exp(-d.h);
            tailMass[n] = d.infinity;
            tailExp[n] = 0;
            for (int j = n - 2; j >= -1; j--) {
                tailMass[j + 1] = tailMass[j + 2] + d.pmf[j + 1];
                tailExp[j + 1] = d.pmf[j + 1] + eh * tailExp[j + 2];
            }
            for (int j = 0; j < n; j++) {
                gridDelta[j + 1] = Math.max(0, tailMass[j + 1] - eh * tailExp[j + 1]);
            }
            gridDelta[0] = 1;
        }
    }

    private Queries queries() {
        Queries q = queries;
        if (q == null) {
            q = new Queries(this);
            queries = q;
        }
        return q;
    }

    /** δ(ε), an upper bound (the pmf dominates). */
    double delta(double epsilon) {
        Queries q = queries();
        int n = pmf.length;
        // j = largest index with l_j <= epsilon, in [-1, n-1].
        double pos = epsilon / h - offset;
        long jl = (long) Math.floor(pos);
        int j = (int) Math.max(-1, Math.min(n - 1, jl));
        if (j == n - 1) {
            return infinity;
        }
        double lNext = (offset + j + 1) * h;
        double d = q.tailMass[j + 1] - Math.exp(epsilon - lNext) * q.tailExp[j + 1];
        return Math.min(1, Math.max(0, d));
    }

    /** The smallest ε ≥ 0 with δ(ε) ≤ target; +∞ when target &lt; the mass at infinity. */
    double epsilon(double target) {
        if (target < infinity) {
            return Double.POSITIVE_INFINITY;
        }
        Queries q = queries();
        int n = pmf.length;
        // Find the segment: the first grid index k (0..n-1) with D_k <= target.
        int loIdx = 0;
        int hiIdx = n - 1;
        if (q.gridDelta[n] > target) {
            return Double.POSITIVE_INFINITY;   // not reachable: D_{n-1} = infinity mass <= target
        }
        while (loIdx < hiIdx) {
            int mid = (loIdx + hiIdx) >>> 1;
            if (q.gridDelta[mid + 1] <= target) {
                hiIdx = mid;
            } else {
                loIdx = mid + 1;
            }
        }
        int k = loIdx;            // D_k <= target, and D_{k-1} > target (or k == 0)
        int j = k - 1;            // epsilon lies in [l_j, l_k]
        double a = q.tailMass[j + 1];
        double s = q.tailExp[j + 1];
        double lk = (offset + k) * h;
        double eps;
        if (s <= 0 || a - target <= 0) {
            eps = lk;
        } else {
            eps = lk + Math.log((a - target) / s);
            eps = Math.min(eps, lk);
        }
        return Math.max(0, eps);
    }
}
