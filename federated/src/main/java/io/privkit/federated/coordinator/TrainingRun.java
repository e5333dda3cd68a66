package io.privkit.federated.coordinator;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.common.Sha256;
import io.privkit.evidence.FederatedTrainingEvidence;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.TensorEncoding;
import io.privkit.federated.checkpoint.RunHistory;
import io.privkit.federated.secagg.SecureAggregationConfig;

/**
 * The outcome of a coordinator's run: the final model, every round's report, and the settings the
 * run's evidence record describes ({@link FederatedEvidence}).
 *
 * @param federationId  the federation
 * @param runId         the run
 * @param roundsPlanned rounds configured
 * @param initialModel  the starting model
 * @param finalModel    the model after the last round
 * @param history       the reports of every round, incidents, counters
 * @param settings      how the run was configured
 * @param privacy       the client-level DP outcome, or null without DP
 */
public record TrainingRun(String federationId, String runId, int roundsPlanned, ModelWeights initialModel, ModelWeights finalModel,
                          RunHistory history, Settings settings, PrivacySummary privacy) {

    public TrainingRun {
        Checks.requireNonBlank(federationId, "federationId");
        Checks.requireNonBlank(runId, "runId");
        Checks.requireNonNull(initialModel, "initialModel");
        Checks.requireNonNull(finalModel, "finalModel");
        Checks.requireNonNull(history, "history");
        Checks.requireNonNull(settings, "settings");
    }

    /** Rounds that produced a new model. */
    public long completedRounds() {
        return history.rounds().stream().filter(r -> r.outcome() == RoundReport.Outcome.COMPLETED).count();
    }

    /**
     * The settings of a run, for its evidence.
     *
     * @param strategy            the strategy's name
     * @param weighting           how updates were weighted
     * @param sampling            the client sampling
     * @param rosterSize          clients on the allow-list
     * @param minResults          the fewest results a round aggregates
     * @param updatePolicy        validation of updates
     * @param encoding            the element type on the wire
     * @param tls                 the transport security mode
     * @param coordinatorCertificate SHA-256 of the coordinator's certificate, or null without TLS
     * @param secureAggregation   secure aggregation, or null
     * @param clientDp            client-level DP, or null
     * @param randomness          the sampling randomness
     * @param clientIdsMerkleRoot RFC 6962 Merkle root of the roster's sorted client pseudonyms
     */
    public record Settings(String strategy, String weighting, ClientSampling sampling, int rosterSize, int minResults,
                           UpdatePolicy updatePolicy, TensorEncoding encoding, FederatedTrainingEvidence.TlsMode tls,
                           Sha256 coordinatorCertificate, SecureAggregationConfig secureAggregation, ClientDpConfig clientDp,
                           Randomness.Description randomness, Sha256 clientIdsMerkleRoot) {
        public Settings {
            Checks.requireNonBlank(strategy, "strategy");
            Checks.requireNonBlank(weighting, "weighting");
            Checks.requireNonNull(sampling, "sampling");
            Checks.requirePositive(rosterSize, "rosterSize");
            Checks.requirePositive(minResults, "minResults");
            Checks.requireNonNull(updatePolicy, "updatePolicy");
            Checks.requireNonNull(encoding, "encoding");
            Checks.requireNonNull(tls, "tls");
            Checks.requireNonNull(randomness, "randomness");
            Checks.requireNonNull(clientIdsMerkleRoot, "clientIdsMerkleRoot");
        }
    }

    /**
     * The client-level privacy of a run.
     *
     * @param epsilon          epsilon over every released round, rounded up
     * @param delta            its delta
     * @param noiseMultiplier  the total noise multiplier z
     * @param finalClipNorm    the clipping norm at the end (adaptive) or throughout (fixed)
     * @param releases         rounds whose noisy model was released
     * @param ledgerEntryId    the ledger entry that reserved the budget, or null
     * @param accountant       the accountant's name
     */
    public record PrivacySummary(double epsilon, double delta, double noiseMultiplier, double finalClipNorm, int releases,
                                 String ledgerEntryId, String accountant) {
        public PrivacySummary {
            if (Double.isNaN(epsilon) || epsilon < 0) {
                throw Checks.argument("epsilon").mustBe(">= 0").got(epsilon).noFix().exception();
            }
            Checks.requireNonBlank(accountant, "accountant");
        }
    }
}
