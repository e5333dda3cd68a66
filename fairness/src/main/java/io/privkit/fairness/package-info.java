/**
 * Fairness assessment for Privkit: per-group confusion counts (mergeable, memory independent of
 * rows), every rate with its interval (undefined with its reason when its denominator is zero,
 * never zero), disparities against a named reference group and against everyone, Fairlearn's
 * aggregates and named criteria, AIF360's metrics, pre-registered criteria with pass, fail or
 * inconclusive verdicts, and published reports with small cells withheld.
 *
 * <p>Start with {@link io.privkit.fairness.FairnessAssessment}: feed it a
 * {@link io.privkit.fairness.FairnessData} table or a {@link io.privkit.fairness.FairnessAccumulator}
 * snapshot; publish with {@link io.privkit.fairness.Disclosure}; turn the report into evidence with
 * {@link io.privkit.fairness.report.FairnessRecords}. Sub-packages: {@code stats} (intervals and
 * tests), {@code metrics} (rates, aggregates, indices), {@code table} (CSV input), {@code report}
 * (JSON, text, evidence, policy files), {@code oversight} (human-oversight measures) and
 * {@code mitigation} (reweighing, group thresholds, exponentiated-gradient reductions).
 */
package io.privkit.fairness;
