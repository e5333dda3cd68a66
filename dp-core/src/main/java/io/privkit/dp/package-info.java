/**
 * Differential privacy for Privkit. This module will hold:
 * <ul>
 *   <li>{@code io.privkit.dp.noise}: samplers safe against floating-point attacks (exact discrete
 *       Laplace and Gaussian, and continuous noise built on them) drawing from
 *       {@link io.privkit.common.Randomness#secure()};</li>
 *   <li>{@code io.privkit.dp.mechanism}: Laplace, Gaussian (analytic calibration), exponential,
 *       randomized response and bounded aggregations, each release carrying its {@code DpEvent};</li>
 *   <li>{@code io.privkit.dp.accounting}: the {@code DpEvent} family and the RDP and PLD
 *       accountants, epsilon and delta conversions, privacy profiles and attack bounds;</li>
 *   <li>{@code io.privkit.dp.ledger}: the durable privacy-budget ledger that records a spend
 *       before a noisy result is released;</li>
 *   <li>{@code io.privkit.dp.sgd}: DP-SGD, with DL4J and Tribuo adapters in sub-packages.</li>
 * </ul>
 * Every figure it reports errs on the side of more privacy loss.
 */
package io.privkit.dp;
