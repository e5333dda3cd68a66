/**
 * Drift monitoring: the batch check ({@link io.privkit.drift.DriftCheck}) that compares a current
 * table with a reference under a stated {@link io.privkit.drift.DriftPolicy} (a p-value and an
 * effect size per column type, a multiple-testing correction, a dataset rule; presets reproduce
 * Evidently's and Alibi Detect's defaults), its {@link io.privkit.drift.DriftReport} with every
 * statistic computed, the machine-readable {@link io.privkit.drift.ReportJson}, and the
 * {@link io.privkit.evidence.DriftEvidence} record a DPIA cites ({@link io.privkit.drift.DriftEvidences}).
 *
 * <p>Sub-packages: {@code test} (two-sample tests and distances), {@code table} (CSV and Parquet
 * input, schemas), {@code profile} (mergeable column profiles and KLL sketches with bounded KS),
 * {@code stream} (sequential detectors calibrated to a false-alarm rate), {@code multivariate}
 * (MMD, domain classifier, PCA reconstruction) and {@code history} (runs stored in SQLite).
 */
package io.privkit.drift;
