/**
 * Privacy accounting: the {@link io.privkit.dp.accounting.DpEvent} family that describes what a
 * computation costs, and the accountants that turn events into (epsilon, delta) guarantees.
 *
 * <p>Every figure an accountant reports is an upper bound on the true privacy loss: every rounding
 * and every numerical search errs towards more privacy loss.
 */
package io.privkit.dp.accounting;
