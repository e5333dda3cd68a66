package io.privkit.federated.checkpoint;

import io.privkit.common.Checks;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.strategy.StrategyState;
import java.time.Instant;
import java.util.Arrays;

/**
 * A coordinator's complete state at the end of a round: enough for a restarted coordinator to
 * continue with the next round as if it had never stopped.
 *
 * <p>The sampler needs no saved stream: round {@code r}'s sample is drawn from
 * {@code randomness.derive("sampling/round-" + r)}, so the description of the randomness (kind,
 * algorithm, seed) is saved and checked on resume instead.
 *
 * @param federationId         the federation
 * @param runId                the run (kept across restarts)
 * @param completedRounds      rounds finished (completed or failed); the next round is this plus 1
 * @param initialModel         the model the run started from
 * @param model                the global model after round {@code completedRounds}
 * @param strategyName         the strategy's name (a resume with another strategy is refused)
 * @param strategyState        the strategy's state (optimiser moments)
 * @param clipNorm             the current client-level DP clipping norm, or NaN without DP
 * @param accountantState      the privacy accountant's state (encoded events), or an empty array
 * @param samplerDescription   the sampling randomness, e.g. {@code INSECURE_SEEDED xoshiro256** seed 7}
 * @param history              reports, incidents and counters so far
 * @param writtenAt            when the checkpoint was written
 */
public record Checkpoint(String federationId, String runId, int completedRounds, ModelWeights initialModel, ModelWeights model,
                         String strategyName, StrategyState strategyState, double clipNorm, byte[] accountantState,
                         String samplerDescription, RunHistory history, Instant writtenAt) {

    public Checkpoint {
        Checks.requireNonBlank(federationId, "federationId");
        Checks.requireNonBlank(runId, "runId");
        Checks.requireNonNegative(completedRounds, "completedRounds");
        Checks.requireNonNull(initialModel, "initialModel");
        Checks.requireNonNull(model, "model");
        if (!initialModel.spec().equals(model.spec())) {
            throw Checks.argument("model").mustBe("of the initial model's spec").got(model.spec().digest()).noFix().exception();
        }
        Checks.requireNonBlank(strategyName, "strategyName");
        Checks.requireNonNull(strategyState, "strategyState");
        accountantState = Checks.requireNonNull(accountantState, "accountantState").clone();
        Checks.requireNonBlank(samplerDescription, "samplerDescription");
        Checks.requireNonNull(history, "history");
        Checks.requireNonNull(writtenAt, "writtenAt");
    }

    @Override
    public byte[] accountantState() {
        return accountantState.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && c.federationId.equals(federationId) && c.runId.equals(runId)
                && c.completedRounds == completedRounds && c.initialModel.equals(initialModel) && c.model.equals(model)
                && c.strategyName.equals(strategyName) && c.strategyState.equals(strategyState)
                && Double.compare(c.clipNorm, clipNorm) == 0 && Arrays.equals(c.accountantState, accountantState)
                && c.samplerDescription.equals(samplerDescription) && c.history.equals(history) && c.writtenAt.equals(writtenAt);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(federationId, runId, completedRounds, model, strategyName, writtenAt);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + federationId + " run " + runId + " after round " + completedRounds + ", model " + model + "]";
    }
}
