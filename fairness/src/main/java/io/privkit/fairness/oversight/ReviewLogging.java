package io.privkit.fairness.oversight;

/** Whether the log says which decisions a human reviewed. */
public enum ReviewLogging {
    /** Each entry names its reviewer, or none when nobody reviewed it: coverage is measured. */
    LOGGED,
    /** The log does not say: every entry is treated as reviewed and coverage is reported as not measured. */
    NOT_LOGGED
}
