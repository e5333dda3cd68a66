/**
 * Durable, atomic per-round coordinator checkpoints ({@link io.privkit.federated.checkpoint.Checkpoint})
 * in an embedded SQLite database ({@link io.privkit.federated.checkpoint.SqliteCheckpointStore}),
 * so a coordinator killed mid-round resumes where it stopped.
 */
package io.privkit.federated.checkpoint;
