/**
 * Benchmarks of dp-core: the PLD accountant against its direct-convolution reference path, the
 * RDP accountant against the PLD accountant, and the vector Gaussian noise source against
 * {@link java.util.Random#nextGaussian()} and the exact per-coordinate sampler.
 */
package io.privkit.benchmarks.dp;
