/**
 * Fairness assessment for Privkit. This module will hold per-group confusion counts and every rate
 * derived from them with confidence intervals (undefined rates stay undefined, never zero),
 * disparities against a named reference group, pre-registered criteria with pass, fail or
 * inconclusive verdicts, mitigation with before and after figures, human-oversight metrics, and
 * the {@link io.privkit.evidence.FairnessEvidence} and
 * {@link io.privkit.evidence.HumanOversightEvidence} records.
 */
package io.privkit.fairness;
