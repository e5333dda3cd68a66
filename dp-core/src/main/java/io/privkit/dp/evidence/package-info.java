/**
 * Evidence for DPIAs from differential-privacy accounting:
 * {@link io.privkit.dp.evidence.PrivacyBudgetReport} fills a
 * {@link io.privkit.evidence.PrivacyBudgetEvidence} record from a guarantee, the noise used and the
 * ledger's account of the spend.
 */
package io.privkit.dp.evidence;
