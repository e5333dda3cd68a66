package io.privkit.fairness.metrics;

import io.privkit.common.Checks;
import io.privkit.evidence.Estimate;
import java.util.List;

/**
 * The generalised entropy indices of T. Speicher, H. Heidari, N. Grgic-Hlaca, K. P. Gummadi,
 * A. Singla, A. Weller and M. B. Zafar, "A unified approach to quantifying algorithmic unfairness:
 * measuring individual and group unfairness via inequality indices", KDD 2018, as AIF360 defines
 * them: each person's benefit is {@code b = yhat - y + 1} with yhat and y indicators of the
 * favourable outcome (so b = 2 for an undeserved favourable decision, 0 for a deserved one denied,
 * 1 otherwise), {@code mu = mean b}, and
 * <ul>
 *   <li>{@code GE(alpha) = (1 / (n alpha (alpha - 1))) sum [(b/mu)^alpha - 1]} for alpha not 0 or 1;</li>
 *   <li>Theil, {@code GE(1) = (1/n) sum (b/mu) ln(b/mu)} with {@code 0 ln 0 = 0};</li>
 *   <li>{@code GE(0) = -(1/n) sum ln(b/mu)}, infinite (reported undefined) when some b = 0;</li>
 *   <li>coefficient of variation {@code sqrt(2 GE(2))}.</li>
 * </ul>
 * The between-group index replaces each b by the mean benefit of the person's group, so it is the
 * part of the inequality that lies between groups (the decomposition of A. F. Shorrocks,
 * Econometrica 48, 1980). The groups must partition the people assessed. These are
 * "individual-fairness-flavoured" summaries: they mix accuracy with fairness and say nothing about
 * which group is disadvantaged. (AIF360's code for alpha = 0 divides by mu once more than its
 * documented formula; the textbook formula is used here.)
 *
 * <p>Everything is computed from confusion counts viewed with the favourable outcome as positive
 * ({@link ConfusionCounts#favourableView}). Stateless and thread-safe.
 */
public final class InequalityIndices {
    private InequalityIndices() {
    }

    /** GE(alpha) over everyone in the given favourable-view counts (pooled). */
    public static Estimate generalizedEntropy(List<ConfusionCounts> favourableGroups, double alpha) {
        ConfusionCounts all = ConfusionCounts.EMPTY;
        for (ConfusionCounts c : favourableGroups) {
            all = all.plus(c);
        }
        String name = name("generalized-entropy", alpha, false);
        if (all.n() == 0) {
            return Estimate.undefined(name, "nobody assessed");
        }
        double n = all.n();
        double mu = (all.n() + all.fp() - all.fn()) / n;
        double[] b = {0, 1, 2};
        double[] w = {all.fn(), all.tp() + all.tn(), all.fp()};
        return index(name, alpha, b, w, mu, n);
    }

    /** Between-group GE(alpha): each person's benefit replaced by their group's mean benefit. */
    public static Estimate betweenGroupGeneralizedEntropy(List<ConfusionCounts> favourableGroups, double alpha) {
        String name = name("generalized-entropy", alpha, true);
        double n = 0;
        double total = 0;
        int k = favourableGroups.size();
        double[] b = new double[k];
        double[] w = new double[k];
        for (int i = 0; i < k; i++) {
            ConfusionCounts c = favourableGroups.get(i);
            n += c.n();
            total += c.n() + c.fp() - c.fn();
            w[i] = c.n();
            b[i] = c.n() == 0 ? 0 : (c.n() + c.fp() - c.fn()) / (double) c.n();
        }
        if (n == 0) {
            return Estimate.undefined(name, "nobody assessed");
        }
        return index(name, alpha, b, w, total / n, n);
    }

    /** Theil index, GE(1). */
    public static Estimate theil(List<ConfusionCounts> favourableGroups) {
        return generalizedEntropy(favourableGroups, 1);
    }

    /** Coefficient of variation, {@code sqrt(2 GE(2))}. */
    public static Estimate coefficientOfVariation(Estimate ge2) {
        Checks.requireNonNull(ge2, "ge2");
        String name = ge2.name().replace("generalized-entropy-alpha-2", "coefficient-of-variation");
        return ge2.defined() ? Estimate.of(name, Math.sqrt(2 * ge2.value()), null) : Estimate.undefined(name, ge2.undefinedReason());
    }

    private static Estimate index(String name, double alpha, double[] b, double[] w, double mu, double n) {
        if (mu == 0) {
            return Estimate.undefined(name, "mean benefit is 0");
        }
        double sum = 0;
        for (int i = 0; i < b.length; i++) {
            if (w[i] == 0) {
                continue;
            }
            double x = b[i] / mu;
            if (alpha == 1) {
                sum += w[i] * (x == 0 ? 0 : x * Math.log(x));
            } else if (alpha == 0) {
                if (x == 0) {
                    return Estimate.undefined(name, "infinite: someone's benefit is 0 and GE(0) takes its logarithm");
                }
                sum -= w[i] * Math.log(x);
            } else {
                sum += w[i] * (Math.pow(x, alpha) - 1);
            }
        }
        double value = alpha == 1 || alpha == 0 ? sum / n : sum / (n * alpha * (alpha - 1));
        return Estimate.of(name, value, null);
    }

    private static String name(String base, double alpha, boolean between) {
        String a = alpha == Math.rint(alpha) ? Long.toString((long) alpha) : Double.toString(alpha);
        String core = alpha == 1 ? "theil-index" : base + "-alpha-" + a;
        return between ? "between-group-" + core : core;
    }
}
