/**
 * Statistics for fairness reports: intervals for proportions (Wilson, Clopper-Pearson, Jeffreys,
 * Wald), Newcombe's interval for differences and Katz's for ratios, Fisher's exact, pooled z and
 * chi-squared tests, Holm and Benjamini-Hochberg adjustments, exact binomial and multinomial draws
 * for count bootstraps, and type-7 quantiles. Each class cites its source and formula.
 */
package io.privkit.fairness.stats;
