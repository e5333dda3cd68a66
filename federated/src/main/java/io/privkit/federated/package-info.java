/**
 * Federated learning for Privkit. This module will hold the federated-averaging coordinator and
 * client, talking a versioned protocol over gRPC with mutual TLS; aggregation strategies (FedAvg,
 * FedProx, server optimisers, robust aggregators) behind one interface with validation of every
 * update; client-level differential privacy accounted with {@code io.privkit.dp}; secure
 * aggregation with pairwise masks; per-round checkpoints; and the
 * {@link io.privkit.evidence.FederatedTrainingEvidence} record of a run.
 */
package io.privkit.federated;
