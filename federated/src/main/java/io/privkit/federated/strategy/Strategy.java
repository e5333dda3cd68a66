package io.privkit.federated.strategy;

import io.privkit.federated.ModelWeights;
import java.io.IOException;
import java.util.List;

/**
 * A federated optimisation strategy: what to ask of the clients each round, and how to turn the
 * round's results (and failures) into the next global model.
 *
 * <p>The coordinator calls {@link #configureRound} when a round starts and {@link #aggregate} once
 * when it closes, with the updates that passed validation (never an unchecked one). Implementations
 * in this package: {@link Strategies} (FedAvg, FedProx, FedAdagrad, FedAdam, FedYogi,
 * coordinate-wise median, trimmed mean, Krum, Multi-Krum).
 *
 * <p><b>State.</b> A strategy may keep state between rounds (server optimiser moments); it must
 * expose it through {@link #state()} and accept it back through {@link #restore}, so a coordinator
 * checkpoint captures it. {@link #aggregate} must check, then commit: if it throws, its state is
 * unchanged.
 *
 * <p><b>Thread-safety.</b> The coordinator calls a strategy from one thread at a time.
 */
public interface Strategy {

    /** A short name for evidence and progress lines, e.g. {@code fedavg}. */
    String name();

    /** How updates are weighted, in words, for evidence (e.g. "by local examples, capped at 1000"). */
    String weighting();

    /** Instructions for the clients sampled in round {@code round} (from 1). */
    default ClientInstructions configureRound(int round) {
        return ClientInstructions.NONE;
    }

    /**
     * Whether the strategy must see every update individually (robust rules). A strategy that does
     * not ({@code false}: a weighted mean) also works under secure aggregation and client-level DP,
     * where it receives {@link RoundResults.Summed}.
     */
    boolean needsIndividualUpdates();

    /** The fewest results the strategy can aggregate (e.g. {@code 2f + 3} for Krum). */
    default int minimumResults() {
        return 1;
    }

    /**
     * The next global model.
     *
     * @param global   the current global model
     * @param results  the round's accepted updates (deltas), or their weighted sum
     * @param failures the sampled clients whose update is not in {@code results}, and why
     * @return the new global model
     * @throws IllegalStateException when the results cannot be aggregated (too few for the rule);
     *                               the coordinator then fails the round and keeps the model
     */
    ModelWeights aggregate(ModelWeights global, RoundResults results, List<ClientFailure> failures) throws IOException;

    /** The state to checkpoint. */
    StrategyState state();

    /** Restores a state from {@link #state()} (of a strategy with the same configuration). */
    void restore(StrategyState state);
}
