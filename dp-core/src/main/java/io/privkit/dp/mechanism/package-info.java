/**
 * Differentially private mechanisms, each release carrying the {@link io.privkit.dp.accounting.DpEvent}
 * it cost ({@link io.privkit.dp.mechanism.Release}).
 *
 * <ul>
 *   <li>{@link io.privkit.dp.mechanism.LaplaceMechanism} and
 *       {@link io.privkit.dp.mechanism.GaussianMechanism} (analytic calibration, Balle and Wang
 *       2018), on the floating-point-safe noise of {@link io.privkit.dp.noise};</li>
 *   <li>{@link io.privkit.dp.mechanism.ExponentialMechanism}, sampled exactly;</li>
 *   <li>{@link io.privkit.dp.mechanism.RandomizedResponse} for local differential privacy;</li>
 *   <li>bounded aggregations in the spirit of Google's differential-privacy building blocks:
 *       {@link io.privkit.dp.mechanism.BoundedCount}, {@link io.privkit.dp.mechanism.BoundedSum},
 *       {@link io.privkit.dp.mechanism.BoundedMean}, {@link io.privkit.dp.mechanism.BoundedVariance},
 *       {@link io.privkit.dp.mechanism.BoundedQuantiles}, with contribution bounding per privacy
 *       unit, clamping to public bounds, exact sums, and a single-use lifecycle.</li>
 * </ul>
 *
 * <p>To spend budget durably before a result is seen, release through a ledger:
 * {@code ledger.release("mean income", mean.event(), () -> mean.compute(Randomness.secure()))}.
 */
package io.privkit.dp.mechanism;
