/**
 * Outputs of fairness and oversight assessments: evidence records
 * ({@link io.privkit.evidence.FairnessEvidence}, {@link io.privkit.evidence.HumanOversightEvidence}),
 * JSON and text reports, and pre-registered policy files.
 */
package io.privkit.fairness.report;
