package io.privkit.federated.client;

import io.privkit.common.Checks;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.strategy.ClientInstructions;
import java.time.Instant;

/**
 * What a {@link LocalTrainer} receives: the global model of a round and the strategy's
 * instructions.
 *
 * @param runId        the run
 * @param round        the round, from 1
 * @param globalModel  the global model to start from (verified against its SHA-256)
 * @param instructions e.g. FedProx's proximal coefficient
 * @param deadline     when the coordinator stops waiting for this round's result
 */
public record TrainingTask(String runId, int round, ModelWeights globalModel, ClientInstructions instructions, Instant deadline) {
    public TrainingTask {
        Checks.requireNonBlank(runId, "runId");
        Checks.requirePositive(round, "round");
        Checks.requireNonNull(globalModel, "globalModel");
        Checks.requireNonNull(instructions, "instructions");
        Checks.requireNonNull(deadline, "deadline");
    }
}
