package io.privkit.federated.checkpoint;

import java.io.IOException;
import java.util.Optional;

/**
 * Durable storage of coordinator checkpoints. {@link #save} is atomic and durable when it returns:
 * a coordinator killed at any instant leaves either the previous checkpoint or the new one, never
 * a mixture. Implementations: {@link SqliteCheckpointStore}.
 */
public interface CheckpointStore extends AutoCloseable {

    /** The latest checkpoint of the federation, if any. */
    Optional<Checkpoint> latest(String federationId) throws IOException;

    /** Saves a checkpoint atomically; returns once it is durable. */
    void save(Checkpoint checkpoint) throws IOException;

    @Override
    void close() throws IOException;
}
