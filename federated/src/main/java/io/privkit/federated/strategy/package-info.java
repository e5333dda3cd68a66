/**
 * Aggregation strategies behind one interface, {@link io.privkit.federated.strategy.Strategy}:
 * FedAvg, FedProx, FedAdagrad/FedAdam/FedYogi, coordinate-wise median, trimmed mean, Krum and
 * Multi-Krum ({@link io.privkit.federated.strategy.Strategies}). Updates are read block-wise so
 * aggregation needs O(model size) memory.
 */
package io.privkit.federated.strategy;
