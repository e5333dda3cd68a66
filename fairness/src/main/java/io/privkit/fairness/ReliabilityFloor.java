package io.privkit.fairness;

import io.privkit.common.Checks;

/**
 * The smallest groups whose comparisons can decide a verdict. A comparison involving a group with
 * fewer than {@code minGroupSize} people, or a conditional rate whose denominator (actual
 * positives for TPR and FNR, actual negatives for FPR and TNR, predicted positives for precision,
 * and so on) is below {@code minConditionalCount}, is reported but cannot pass or fail: it makes
 * its criterion inconclusive. A minimum total size says nothing about a TPR's denominator, hence
 * the second number.
 *
 * <p>Immutable and thread-safe.
 *
 * @param minGroupSize        people per group, at least 1
 * @param minConditionalCount people in a conditional rate's denominator, at least 1
 */
public record ReliabilityFloor(int minGroupSize, int minConditionalCount) {
    /** 30 people per group and 10 in each conditional denominator. */
    public static final ReliabilityFloor DEFAULT = new ReliabilityFloor(30, 10);

    public ReliabilityFloor {
        Checks.requirePositive(minGroupSize, "reliabilityFloor.minGroupSize");
        Checks.requirePositive(minConditionalCount, "reliabilityFloor.minConditionalCount");
    }

    /** A floor of {@code minGroupSize} people per group and {@code minConditionalCount} per conditional denominator. */
    public static ReliabilityFloor of(int minGroupSize, int minConditionalCount) {
        return new ReliabilityFloor(minGroupSize, minConditionalCount);
    }

    /** Why a group's value of {@code metric} is below the floor, or null when it is not. */
    String shortfall(io.privkit.fairness.metrics.Metric metric, io.privkit.fairness.metrics.ConfusionCounts counts) {
        if (counts.n() < minGroupSize) {
            return counts.n() + " people, below the reliability floor of " + minGroupSize;
        }
        if (metric.conditional() && metric.conditioningCount(counts) < minConditionalCount) {
            return metric.conditioningCount(counts) + " in the " + metric.id() + " denominator, below the floor of " + minConditionalCount;
        }
        return null;
    }
}
