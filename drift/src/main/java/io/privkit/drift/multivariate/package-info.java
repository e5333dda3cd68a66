/**
 * Multivariate drift: changes in the joint distribution that per-column tests can miss.
 * {@link io.privkit.drift.multivariate.Mmd} (kernel two-sample test with a permutation p-value),
 * {@link io.privkit.drift.multivariate.DomainClassifier} (can a classifier tell current rows from
 * reference rows? out-of-fold AUC with a rank test, and which features it used) and
 * {@link io.privkit.drift.multivariate.PcaReconstruction} (reconstruction error of a PCA fitted on
 * the reference, with a threshold from held-out reference chunks). Inputs are row matrices
 * ({@code double[rows][features]}) of finite values.
 */
package io.privkit.drift.multivariate;
