package io.privkit.drift;

import io.privkit.common.Checks;
import io.privkit.evidence.MultipleTesting.Correction;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Adjusted p-values for a family of m tests; a test is rejected at level alpha exactly when its
 * adjusted p-value is below alpha.
 * <ul>
 *   <li>Bonferroni: min(1, m p_i) (family-wise error rate);</li>
 *   <li>Holm: p_(i) adjusted to max_{j&lt;=i} min(1, (m - j + 1) p_(j)) over the ascending order
 *       (S. Holm, "A Simple Sequentially Rejective Multiple Test Procedure", Scandinavian Journal of
 *       Statistics 6(2), 65-70, 1979; family-wise error rate, uniformly more powerful than Bonferroni);</li>
 *   <li>Benjamini-Hochberg: p_(i) adjusted to min_{j&gt;=i} min(1, m p_(j) / j) (Y. Benjamini and
 *       Y. Hochberg, "Controlling the False Discovery Rate", JRSS B 57(1), 289-300, 1995; false
 *       discovery rate under independence or positive dependence).</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class Corrections {
    private Corrections() {
    }

    /** The adjusted p-values, in the input order. */
    public static double[] adjust(double[] p, Correction correction) {
        Checks.requireNonNull(p, "p");
        Checks.requireNonNull(correction, "correction");
        for (double v : p) {
            Checks.requireProbability(v, "p-value");
        }
        int m = p.length;
        double[] out = new double[m];
        switch (correction) {
            case NONE -> System.arraycopy(p, 0, out, 0, m);
            case BONFERRONI -> {
                for (int i = 0; i < m; i++) {
                    out[i] = Math.min(1.0, m * p[i]);
                }
            }
            case HOLM -> {
                Integer[] order = ascending(p);
                double running = 0;
                for (int r = 0; r < m; r++) {
                    int i = order[r];
                    running = Math.max(running, Math.min(1.0, (m - r) * p[i]));
                    out[i] = running;
                }
            }
            case BENJAMINI_HOCHBERG -> {
                Integer[] order = ascending(p);
                double running = 1.0;
                for (int r = m - 1; r >= 0; r--) {
                    int i = order[r];
                    running = Math.min(running, Math.min(1.0, (double) m * p[i] / (r + 1)));
                    out[i] = running;
                }
            }
            default -> throw new IllegalStateException("unknown correction " + correction);
        }
        return out;
    }

    private static Integer[] ascending(double[] p) {
        Integer[] idx = IntStream.range(0, p.length).boxed().toArray(Integer[]::new);
        Arrays.sort(idx, Comparator.comparingDouble(i -> p[i]));
        return idx;
    }
}
