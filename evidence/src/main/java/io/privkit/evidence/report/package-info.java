/**
 * Signed DPIA evidence bundles: the pre-registered acceptance policy
 * ({@link io.privkit.evidence.report.AcceptancePolicy}), the {@code dpia-evidence-bundle} document
 * that is the bundle's source of truth ({@link io.privkit.evidence.report.DpiaEvidenceBundle}), the
 * measures table and CI gate judged against the policy with uncertainty taken into account,
 * building and signing ({@link io.privkit.evidence.report.ReportBundle}), verification
 * ({@link io.privkit.evidence.report.BundleVerifier}), comparison
 * ({@link io.privkit.evidence.report.BundleDiff}) and the openssl-only verification appendix
 * ({@link io.privkit.evidence.report.VerifyAppendix}).
 */
package io.privkit.evidence.report;
