/**
 * Fairness metrics: confusion counts and every rate derived from them, score metrics (ROC AUC with
 * ties, Brier, calibration error and reliability tables), regression metrics, Fairlearn's
 * aggregates over groups, AIF360's privileged/unprivileged metrics, generalised entropy indices
 * and smoothed differential fairness.
 */
package io.privkit.fairness.metrics;
