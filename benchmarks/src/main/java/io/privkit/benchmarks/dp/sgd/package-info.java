/**
 * Benchmarks of DP-SGD: the cost of a private training step against the same model's non-private
 * {@code fit()} on the same batch, measured in the same run.
 */
package io.privkit.benchmarks.dp.sgd;
