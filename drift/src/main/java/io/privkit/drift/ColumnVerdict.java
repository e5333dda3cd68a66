package io.privkit.drift;

/** A column's verdict. */
public enum ColumnVerdict {
    /** The column drifted under the policy. */
    DRIFT,
    /** It did not. */
    NO_DRIFT,
    /** The data cannot tell (e.g. a sketch-bounded p-value straddles alpha). */
    INCONCLUSIVE,
    /** It could not be checked (e.g. every value missing); the run went on. */
    ERROR
}
