/**
 * Drift monitoring for Privkit. This module will hold two-sample tests and distances (KS,
 * Anderson-Darling, Cramer-von Mises, chi-square, PSI, Jensen-Shannon and more) with effect sizes,
 * multivariate and streaming detectors, mergeable column profiles and quantile sketches, CSV and
 * Parquet input, a run history, and the {@link io.privkit.evidence.DriftEvidence} record of a run.
 */
package io.privkit.drift;
