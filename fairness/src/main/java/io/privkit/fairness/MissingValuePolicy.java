package io.privkit.fairness;

/**
 * What an assessment does with a row whose sensitive or control attribute is missing (an empty
 * field, or NaN for a numeric attribute). One policy applies to every attribute and every metric,
 * and the report states it with the number of rows affected per attribute.
 */
public enum MissingValuePolicy {
    /** Refuse the data, naming the row and column (the default: nothing is dropped silently). */
    REJECT,
    /** Put the row in its own group, labelled {@value GroupKey#MISSING}, reported like any other group. */
    OWN_GROUP,
    /** Leave the row out of every group and of the overall figures, and count it in the report. */
    DROP_ROW
}
