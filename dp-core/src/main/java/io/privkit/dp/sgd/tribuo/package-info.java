/**
 * DP-SGD for Tribuo: {@link io.privkit.dp.sgd.tribuo.DpSgdLogisticRegressionTrainer} and
 * {@link io.privkit.dp.sgd.tribuo.DpSgdLinearRegressionTrainer} are Tribuo {@code Trainer}s that
 * own the DP-SGD loop (Tribuo's SGD sums gradients before its optimiser sees them) and produce
 * Tribuo's own linear models, whose provenance records the DP parameters and the privacy spent.
 *
 * <p>Needs {@code org.tribuo:tribuo-classification-sgd} or {@code tribuo-regression-sgd} on the class
 * path; dp-core declares them optional.
 */
package io.privkit.dp.sgd.tribuo;
