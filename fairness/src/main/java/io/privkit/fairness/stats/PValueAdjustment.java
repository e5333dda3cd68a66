package io.privkit.fairness.stats;

import io.privkit.common.Checks;
import io.privkit.evidence.MultipleTesting;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Adjusted p-values for a family of m tests, so that a report with many groups and metrics does
 * not mistake chance for a finding. Each adjusted p-value is compared with the family level
 * directly.
 *
 * <ul>
 *   <li>{@link #HOLM}: S. Holm, "A simple sequentially rejective multiple test procedure",
 *       Scandinavian Journal of Statistics 6 (1979). With sorted {@code p(1) <= ... <= p(m)},
 *       {@code adj(i) = max over j <= i of min(1, (m - j + 1) p(j))}. Controls the family-wise error
 *       rate under any dependence and is uniformly more powerful than Bonferroni: the default for
 *       verdicts.</li>
 *   <li>{@link #BENJAMINI_HOCHBERG}: Y. Benjamini and Y. Hochberg, "Controlling the false discovery
 *       rate", JRSS B 57 (1995). {@code adj(i) = min over j >= i of min(1, m p(j) / j)}. Controls the
 *       false-discovery rate under independence or positive dependence: for screening.</li>
 *   <li>{@link #BONFERRONI}: {@code min(1, m p)}.</li>
 *   <li>{@link #NONE}: the raw p-values.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public enum PValueAdjustment {
    /** No adjustment. */
    NONE(MultipleTesting.Correction.NONE),
    /** Bonferroni. */
    BONFERRONI(MultipleTesting.Correction.BONFERRONI),
    /** Holm's step-down procedure (family-wise error rate). */
    HOLM(MultipleTesting.Correction.HOLM),
    /** Benjamini-Hochberg step-up procedure (false-discovery rate). */
    BENJAMINI_HOCHBERG(MultipleTesting.Correction.BENJAMINI_HOCHBERG);

    private final MultipleTesting.Correction recorded;

    PValueAdjustment(MultipleTesting.Correction recorded) {
        this.recorded = recorded;
    }

    /** The correction as recorded in evidence. */
    public MultipleTesting.Correction recorded() {
        return recorded;
    }

    /**
     * The adjusted p-values, in the order given.
     *
     * @throws IllegalArgumentException if a p-value is not in [0, 1]
     */
    public double[] adjust(double[] pValues) {
        Checks.requireNonNull(pValues, "pValues");
        for (int i = 0; i < pValues.length; i++) {
            Checks.requireProbability(pValues[i], "pValues[" + i + "]");
        }
        int m = pValues.length;
        double[] adjusted = new double[m];
        if (m == 0) {
            return adjusted;
        }
        Integer[] order = IntStream.range(0, m).boxed().sorted(Comparator.comparingDouble(i -> pValues[i])).toArray(Integer[]::new);
        switch (this) {
            case NONE -> System.arraycopy(pValues, 0, adjusted, 0, m);
            case BONFERRONI -> {
                for (int i = 0; i < m; i++) {
                    adjusted[i] = Math.min(1.0, m * pValues[i]);
                }
            }
            case HOLM -> {
                double running = 0;
                for (int r = 0; r < m; r++) {
                    int i = order[r];
                    running = Math.max(running, Math.min(1.0, (m - r) * pValues[i]));
                    adjusted[i] = running;
                }
            }
            case BENJAMINI_HOCHBERG -> {
                double running = 1.0;
                for (int r = m - 1; r >= 0; r--) {
                    int i = order[r];
                    running = Math.min(running, Math.min(1.0, (double) m * pValues[i] / (r + 1)));
                    adjusted[i] = running;
                }
            }
            default -> throw new AssertionError(this);
        }
        return adjusted;
    }

    /** The adjusted p-values of a family, as a copy (convenience for lists). */
    public double[] adjust(java.util.List<Double> pValues) {
        return adjust(Checks.requireNoNullElements(pValues, "pValues").stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The name used in reports, e.g. {@code holm}, {@code benjamini-hochberg}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
