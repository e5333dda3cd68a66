package io.privkit.dp.mechanism;

/** What an aggregation does with a NaN value. */
public enum NanPolicy {
    /** Refuse it with an {@link IllegalArgumentException} (the default): a NaN usually means a bug upstream. */
    REJECT,
    /** Drop the row and count it in the {@link ContributionReport}. */
    DROP
}
