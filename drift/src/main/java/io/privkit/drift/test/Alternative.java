package io.privkit.drift.test;

/**
 * The alternative hypothesis of a two-sample test of reference F against current G. For
 * Kolmogorov-Smirnov the one-sided statistics follow SciPy's convention: {@code GREATER} uses
 * D+ = max(F - G) and {@code LESS} uses D- = max(G - F), with F the reference ECDF.
 */
public enum Alternative {
    /** F differs from G. */
    TWO_SIDED,
    /** The reference CDF lies below the current CDF somewhere (D- = max(G - F)). */
    LESS,
    /** The reference CDF lies above the current CDF somewhere (D+ = max(F - G)). */
    GREATER
}
