package io.privkit.evidence;

/**
 * How a confidence interval was computed. The method is always stated, because intervals of the
 * same level from different methods have different coverage at small n.
 */
public enum IntervalMethod {
    /** Wilson score interval for a proportion (Wilson 1927). */
    WILSON,
    /** Clopper-Pearson "exact" interval for a proportion (Clopper and Pearson 1934). */
    CLOPPER_PEARSON,
    /** Jeffreys interval for a proportion: Beta(1/2, 1/2) posterior quantiles (Brown, Cai, DasGupta 2001). */
    JEFFREYS,
    /** Newcombe's hybrid score interval for a difference of proportions (Newcombe 1998, method 10). */
    NEWCOMBE,
    /** Katz log interval for a ratio of proportions (Katz et al. 1978). */
    KATZ_LOG,
    /** Normal (Wald) approximation. */
    NORMAL,
    /** DeLong's variance for a ROC AUC (DeLong, DeLong, Clarke-Pearson 1988). */
    DELONG,
    /** Percentile bootstrap (Efron and Tibshirani 1993), with the seed recorded. */
    BOOTSTRAP_PERCENTILE,
    /** Bias-corrected and accelerated bootstrap (Efron 1987), with the seed recorded. */
    BOOTSTRAP_BCA
}
