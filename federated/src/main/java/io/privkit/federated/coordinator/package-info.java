/**
 * The coordinator: a gRPC server clients pull work from, the round loop (Poisson sampling with
 * optional over-selection, deadlines, minimum results, validation of every update, aggregation,
 * checkpoints), client-level DP and secure aggregation rounds, and the run's evidence record.
 * Entry point: {@link io.privkit.federated.coordinator.Coordinator}.
 */
package io.privkit.federated.coordinator;
