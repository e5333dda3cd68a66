/**
 * Privacy accounting: what a computation costs, and what that adds up to.
 *
 * <ul>
 *   <li>{@link io.privkit.dp.accounting.DpEvent}: the sealed family of privacy events (Gaussian,
 *       Laplace, their discrete variants, (ε, δ) events, Poisson sampling, sampling without
 *       replacement, self-composition, composition, and the slack of an implemented sampler),
 *       serialisable to the evidence record's event tree;</li>
 *   <li>{@link io.privkit.dp.accounting.NeighboringRelation}: the relation guarantees are stated for;</li>
 *   <li>accountants: {@link io.privkit.dp.accounting.PldAccountant} (tight, the default for reports),
 *       {@link io.privkit.dp.accounting.RdpAccountant} (fast, and the basis of the ledger's filter),
 *       {@link io.privkit.dp.accounting.ExactGaussianAccountant};</li>
 *   <li>{@link io.privkit.dp.accounting.PrivacyGuarantee}: ε(δ), δ(ε), the privacy profile, μ-GDP
 *       with its fit error, and the bound on a membership-inference attacker's true-positive rate;</li>
 *   <li>{@link io.privkit.dp.accounting.Calibration}: noise multiplier, steps or sampling rate for a
 *       {@link io.privkit.dp.accounting.PrivacyTarget}, never overshooting.</li>
 * </ul>
 *
 * <p>Every figure is an upper bound on the true privacy loss: every discretisation, rounding and
 * numerical search errs towards more privacy loss, and every accountant takes the minimum with the
 * basic-composition bound so that a pure-DP release is never reported above its ε. Tests check the
 * accountants against Google's dp_accounting, Microsoft's PRV accountant (certified lower bounds)
 * and Opacus, and every fast path against a slow reference path (numerical integration, direct
 * convolution).
 */
package io.privkit.dp.accounting;
