/**
 * Federated learning: a coordinator and clients in separate processes talking a versioned protocol
 * over gRPC with mutual TLS; aggregation strategies (FedAvg, FedProx, server optimisers, robust
 * rules) behind one interface with validation of every update; client-level differential privacy;
 * secure aggregation with pairwise masks; per-round checkpoints; and the
 * {@link io.privkit.evidence.FederatedTrainingEvidence} record of a run.
 *
 * <p>This package holds the model values every part shares: {@link io.privkit.federated.TensorSpec},
 * {@link io.privkit.federated.ModelSpec}, {@link io.privkit.federated.ModelWeights} and their wire
 * encoding {@link io.privkit.federated.TensorEncoding}. Sub-packages: {@code transport},
 * {@code coordinator}, {@code client}, {@code strategy}, {@code secagg}, {@code checkpoint},
 * {@code learn} (small built-in models and local SGD), {@code sim} (many clients in one JVM).
 */
package io.privkit.federated;
