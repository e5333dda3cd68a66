package io.privkit.federated.strategy;

import io.privkit.common.Checks;

/**
 * What a strategy asks of the clients sampled in a round.
 *
 * @param proximalMu  FedProx's proximal coefficient: clients minimise
 *                    {@code F_k(w) + (mu/2) ||w - w_global||^2} (0 for plain local training)
 * @param localEpochs a hint for the number of local epochs; 0 leaves it to the client
 */
public record ClientInstructions(double proximalMu, int localEpochs) {

    /** No proximal term, local epochs left to the client. */
    public static final ClientInstructions NONE = new ClientInstructions(0, 0);

    public ClientInstructions {
        Checks.requireNonNegative(proximalMu, "proximalMu");
        Checks.requireNonNegative(localEpochs, "localEpochs");
    }
}
