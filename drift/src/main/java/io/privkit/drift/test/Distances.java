package io.privkit.drift.test;

/**
 * Distances between the empirical distributions F (reference) and G (current), computed by one
 * merge walk over the sorted samples (O(n + m)) as integrals of the ECDF difference:
 * <ul>
 *   <li><b>Wasserstein-1</b>: W1 = int |F(t) - G(t)| dt (for one dimension this equals the
 *       earth mover's distance; C. Villani, Optimal Transport, 2009, remark 2.19). Also reported
 *       divided by max(std_ref, 0.001), std with divisor n (Evidently's normalisation), so that the
 *       threshold is in units of the reference spread;</li>
 *   <li><b>energy distance</b> (G. J. Szekely and M. L. Rizzo, "Energy statistics: a class of
 *       statistics based on distances", J. Stat. Planning and Inference 143(8), 2013):
 *       E = (2 E|X - Y| - E|X - X'| - E|Y - Y'|)^{1/2} = (2 int (F - G)^2 dt)^{1/2}.</li>
 * </ul>
 * Reference paths for tests: {@link #naiveWasserstein} integrates |F^-1(u) - G^-1(u)| over u and
 * {@link #naiveEnergy} averages all pairwise distances, O(n m). Stateless and thread-safe.
 */
public final class Distances {
    private Distances() {
    }

    /** W1 and the energy distance in one walk: {W1, energy}. */
    public static double[] wassersteinAndEnergy(SortedSample reference, SortedSample current) {
        double[] a = reference.raw();
        double[] b = current.raw();
        int n = a.length;
        int m = b.length;
        int i = 0;
        int j = 0;
        double w1 = 0;
        double l2 = 0;
        double x = Math.min(a[0], b[0]);
        while (i < n || j < m) {
            while (i < n && a[i] == x) {
                i++;
            }
            while (j < m && b[j] == x) {
                j++;
            }
            double next;
            if (i < n && j < m) {
                next = Math.min(a[i], b[j]);
            } else if (i < n) {
                next = a[i];
            } else if (j < m) {
                next = b[j];
            } else {
                break;
            }
            double diff = Math.abs((double) i / n - (double) j / m);
            double width = next - x;
            w1 += diff * width;
            l2 += diff * diff * width;
            x = next;
        }
        return new double[] {w1, Math.sqrt(2 * l2)};
    }

    /** Wasserstein-1 (raw) and divided by max(std_ref, 0.001). */
    public static Outcome[] wasserstein(SortedSample reference, SortedSample current) {
        double w = wassersteinAndEnergy(reference, current)[0];
        double sd = Math.max(reference.stdPopulation(), 0.001);
        return new Outcome[] {
            Outcome.distance(TestId.WASSERSTEIN, "W1", w, Method.EMPIRICAL),
            Outcome.distance(TestId.WASSERSTEIN, "W1/std_ref", w / sd, Method.EMPIRICAL)
        };
    }

    /** The energy distance. */
    public static Outcome energy(SortedSample reference, SortedSample current) {
        return Outcome.distance(TestId.ENERGY, "energy", wassersteinAndEnergy(reference, current)[1], Method.EMPIRICAL);
    }

    /** Reference path: W1 = int_0^1 |F^-1(u) - G^-1(u)| du over the merged grid of ECDF levels. */
    public static double naiveWasserstein(double[] ref, double[] cur) {
        double[] a = ref.clone();
        double[] b = cur.clone();
        java.util.Arrays.sort(a);
        java.util.Arrays.sort(b);
        int n = a.length;
        int m = b.length;
        // levels k/n and l/m merged; on each piece the quantile functions are constant.
        double u = 0;
        int i = 0;
        int j = 0;
        double sum = 0;
        while (i < n && j < m) {
            double nextU = Math.min((i + 1.0) / n, (j + 1.0) / m);
            sum += Math.abs(a[i] - b[j]) * (nextU - u);
            u = nextU;
            if ((i + 1.0) / n <= nextU) {
                i++;
            }
            if ((j + 1.0) / m <= nextU) {
                j++;
            }
        }
        return sum;
    }

    /** Reference path: (2 E|X-Y| - E|X-X'| - E|Y-Y'|)^{1/2} by all pairs, O((n + m)^2). */
    public static double naiveEnergy(double[] ref, double[] cur) {
        double xy = 0;
        for (double x : ref) {
            for (double y : cur) {
                xy += Math.abs(x - y);
            }
        }
        xy /= (double) ref.length * cur.length;
        double xx = 0;
        for (double x : ref) {
            for (double y : ref) {
                xx += Math.abs(x - y);
            }
        }
        xx /= (double) ref.length * ref.length;
        double yy = 0;
        for (double x : cur) {
            for (double y : cur) {
                yy += Math.abs(x - y);
            }
        }
        yy /= (double) cur.length * cur.length;
        return Math.sqrt(Math.max(0, 2 * xy - xx - yy));
    }
}
