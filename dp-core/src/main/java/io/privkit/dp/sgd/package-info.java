/**
 * DP-SGD (Abadi et al., "Deep Learning with Differential Privacy", CCS 2016), independent of the
 * training framework: {@link io.privkit.dp.sgd.DpSgdConfig} (what to spend), its
 * {@link io.privkit.dp.sgd.DpSgdPlan} for a dataset (sampling rate, steps, noise calibrated to a
 * target epsilon, never overshooting), the loop {@link io.privkit.dp.sgd.DpSgdRun} (Poisson sampling
 * from secure randomness, per-example clipping in physical batches, a ledger reservation before each
 * update, one draw of dp-core's secure vector Gaussian per step, restartable privacy state), the
 * ledger gate, the result and its {@code PrivacyBudgetEvidence} record.
 *
 * <p>Frameworks plug in through {@link io.privkit.dp.sgd.PrivateGradientModel}: the DL4J adapter
 * ({@code io.privkit.dp.sgd.dl4j}) and the Tribuo adapter ({@code io.privkit.dp.sgd.tribuo}). This
 * package never refers to them, so it needs neither DL4J, ND4J nor Tribuo on the class path.
 */
package io.privkit.dp.sgd;
