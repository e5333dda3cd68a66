package io.privkit.fairness.mitigation;

import io.privkit.common.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deterministic group-specific decision thresholds (post-processing), chosen on validation data to
 * bring one rate of every group to a common target: the selection rate (demographic parity) or
 * the true positive rate (equal opportunity). The target is the rate of everyone at the base
 * threshold, so the overall volume of positive decisions stays about the same. For each group the
 * threshold is the one among its distinct validation scores (or "select nobody") whose rate is
 * closest to the target; ties go to the higher accuracy in the group, then to the higher
 * threshold. A person with score {@code s} in group g gets a positive decision when
 * {@code s >= t_g}.
 *
 * <p>Unlike Fairlearn's {@code ThresholdOptimizer}, which randomises between two thresholds to hit
 * the target exactly (M. Hardt, E. Price and N. Srebro, NeurIPS 2016), these thresholds are
 * deterministic: the same person always gets the same decision, at the price of matching the
 * target only up to the granularity of the validation scores. Like every post-processing method,
 * the rule uses the sensitive attribute at decision time, which a DPIA must weigh.
 *
 * <p>Immutable and thread-safe.
 *
 * @param target        the rate equalised
 * @param baseThreshold the single threshold the target rate is taken at
 * @param targetRate    the target rate
 * @param thresholds    per group, its threshold ({@code +Infinity}: nobody selected)
 * @param achieved      per group, its rate on the validation data at its threshold
 */
public record GroupThresholds(ThresholdTarget target, double baseThreshold, double targetRate, Map<String, Double> thresholds,
                              Map<String, Double> achieved) {

    public GroupThresholds {
        Checks.requireNonNull(target, "target");
        Checks.requireFinite(baseThreshold, "baseThreshold");
        Checks.requireProbability(targetRate, "targetRate");
        thresholds = Collections.unmodifiableMap(new TreeMap<>(Checks.requireNoNullEntries(thresholds, "thresholds")));
        achieved = Collections.unmodifiableMap(new TreeMap<>(Checks.requireNoNullEntries(achieved, "achieved")));
    }

    /**
     * Chooses the thresholds on validation data.
     *
     * @param scores        the model's scores (finite)
     * @param labels        the true labels, 0 or 1
     * @param groups        each row's group
     * @param target        the rate to equalise
     * @param baseThreshold the single threshold the target is taken at
     * @throws IllegalArgumentException if the arrays differ in length, a score is not finite, or
     *                                  (for the true positive rate) a group has no positives
     */
    public static GroupThresholds fit(double[] scores, int[] labels, String[] groups, ThresholdTarget target, double baseThreshold) {
        Checks.requireNonNull(scores, "scores");
        Checks.requireNonNull(labels, "labels");
        Checks.requireNonNull(groups, "groups");
        Checks.requireNonNull(target, "target");
        Checks.requireFinite(baseThreshold, "baseThreshold");
        if (scores.length != labels.length || groups.length != labels.length || labels.length == 0) {
            throw Checks.argument("scores, labels, groups").mustBe("non-empty and of one length").got(scores.length + ", " + labels.length
                    + ", " + groups.length).noFix().exception();
        }
        Map<String, List<Integer>> rows = new TreeMap<>();
        long denominator = 0;
        long numerator = 0;
        for (int i = 0; i < labels.length; i++) {
            Checks.requireFinite(scores[i], "scores[" + i + "]");
            if (labels[i] != 0 && labels[i] != 1) {
                throw Checks.argument("labels[" + i + "]").mustBe("0 or 1").got(labels[i]).noFix().exception();
            }
            rows.computeIfAbsent(Checks.requireNonNull(groups[i], "groups[" + i + "]"), g -> new ArrayList<>()).add(i);
            if (target == ThresholdTarget.SELECTION_RATE || labels[i] == 1) {
                denominator++;
                numerator += scores[i] >= baseThreshold ? 1 : 0;
            }
        }
        if (denominator == 0) {
            throw Checks.argument("labels").mustBe("with at least one positive for the true positive rate").got("none").noFix().exception();
        }
        double targetRate = (double) numerator / denominator;
        Map<String, Double> thresholds = new TreeMap<>();
        Map<String, Double> achieved = new TreeMap<>();
        for (Map.Entry<String, List<Integer>> e : rows.entrySet()) {
            double[] best = choose(e.getKey(), e.getValue(), scores, labels, target, targetRate);
            thresholds.put(e.getKey(), best[0]);
            achieved.put(e.getKey(), best[1]);
        }
        return new GroupThresholds(target, baseThreshold, targetRate, thresholds, achieved);
    }

    private static double[] choose(String group, List<Integer> rows, double[] scores, int[] labels, ThresholdTarget target,
                                   double targetRate) {
        int n = rows.size();
        double[] s = new double[n];
        int[] y = new int[n];
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        for (int k = 0; k < n; k++) {
            s[k] = scores[rows.get(k)];
            y[k] = labels[rows.get(k)];
        }
        Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));   // descending
        long positives = Arrays.stream(y).filter(v -> v == 1).count();
        if (target == ThresholdTarget.TRUE_POSITIVE_RATE && positives == 0) {
            throw Checks.argument("group " + group).mustBe("with at least one positive label in the validation data").got("none")
                    .fix("Merge the group with another, or equalise selection rates instead.").exception();
        }
        long negatives = n - positives;
        // Candidate: select nobody.
        double bestThreshold = Double.POSITIVE_INFINITY;
        double bestRate = 0;
        double bestGap = Math.abs(targetRate);
        double bestAccuracy = (double) negatives / n;
        long selected = 0;
        long selectedPositives = 0;
        int k = 0;
        while (k < n) {
            double t = s[order[k]];
            while (k < n && s[order[k]] == t) {
                selected++;
                selectedPositives += y[order[k]];
                k++;
            }
            double rate = target == ThresholdTarget.SELECTION_RATE ? (double) selected / n : (double) selectedPositives / positives;
            double accuracy = (selectedPositives + (negatives - (selected - selectedPositives))) / (double) n;
            double gap = Math.abs(rate - targetRate);
            // Strictly better gap, or equal gap and strictly better accuracy (higher thresholds come first, so they win ties).
            if (gap < bestGap - 1e-15 || Math.abs(gap - bestGap) <= 1e-15 && accuracy > bestAccuracy + 1e-15) {
                bestThreshold = t;
                bestRate = rate;
                bestGap = gap;
                bestAccuracy = accuracy;
            }
        }
        return new double[] {bestThreshold, bestRate};
    }

    /**
     * The decision for a score in a group: 1 when {@code score >= threshold(group)}.
     *
     * @throws IllegalArgumentException for a group without a threshold
     */
    public int decide(double score, String group) {
        Double t = thresholds.get(group);
        if (t == null) {
            throw Checks.argument("group").mustBe("a group of the validation data " + thresholds.keySet()).got(group)
                    .fix("Fit the thresholds on validation data that includes every group.").exception();
        }
        return score >= t ? 1 : 0;
    }

    /** The decisions for arrays of scores and groups. */
    public int[] decide(double[] scores, String[] groups) {
        int[] out = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = decide(scores[i], groups[i]);
        }
        return out;
    }

    /** The thresholds as text parameters for the evidence. */
    public Map<String, String> parameters() {
        Map<String, String> p = new TreeMap<>();
        p.put("target", target.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        p.put("base-threshold", Double.toString(baseThreshold));
        p.put("target-rate", Double.toString(targetRate));
        thresholds.forEach((g, t) -> p.put("threshold[" + g + "]", Double.toString(t)));
        return p;
    }
}
