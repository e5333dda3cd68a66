package io.privkit.fairness.mitigation;

/** What group-specific thresholds equalise. */
public enum ThresholdTarget {
    /** Selection rates (demographic parity). */
    SELECTION_RATE,
    /** True positive rates (equal opportunity). */
    TRUE_POSITIVE_RATE
}
