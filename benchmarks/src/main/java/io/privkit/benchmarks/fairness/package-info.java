/**
 * Benchmarks of the fairness module, each measured against a peer in the same run.
 */
package io.privkit.benchmarks.fairness;
