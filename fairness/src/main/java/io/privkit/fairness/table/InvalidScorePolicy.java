package io.privkit.fairness.table;

/** What happens to a row whose score is empty, NaN, infinite or not a number. */
public enum InvalidScorePolicy {
    /** Refuse the data, naming the row (the default). */
    REJECT,
    /** Drop the row from every figure and count it in the report. */
    DROP_ROW
}
