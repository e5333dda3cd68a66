package io.privkit.evidence;

import io.privkit.common.Checks;
import io.privkit.common.Interval;
import io.privkit.common.Problems;
import io.privkit.common.Sha256;
import io.privkit.evidence.json.JsonNames;
import io.privkit.evidence.schema.Doc;
import io.privkit.evidence.schema.MayBeInfinite;
import io.privkit.evidence.schema.Nullable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A federated training run: the evidence for the "federated learning" data protection measure the
 * CNIL names, where each party keeps its data and only model updates travel.
 *
 * <p>It binds the run to the initial and final model by digest, shows per round how many clients
 * were sampled, reported, dropped and rejected (and why), what was transmitted (never raw data) and
 * how that is enforced, whether the server could see individual updates (secure aggregation), the
 * client-level DP parameters and epsilon, the robustness checks on updates, and the transport
 * security.
 *
 * <p>Filled by the federated module; field list from Privkit's evidence design notes, record (d).
 *
 * @param header             the common header
 * @param federationId       the federation
 * @param coordinator        the coordinator software and certificate
 * @param participants       who took part, and their roles
 * @param clientIdsMerkleRoot Merkle root of the pseudonymous client ids
 * @param model              the initial and final model digests
 * @param rounds             how many rounds, and when
 * @param perRound           per-round participation
 * @param minClientsPerRound the fewest results a round accepted
 * @param clientSampling     how clients were sampled
 * @param dataLocality       what was transmitted
 * @param serverRetention    what the server kept
 * @param aggregation        how updates were combined
 * @param dp                 client-level differential privacy, when used
 * @param robustness         checks on updates
 * @param transport          transport security
 * @param evaluation         model quality, globally and across sites
 * @param incidents          failed rounds and anomalies
 */
@Doc("Federated-training evidence: who took part, what travelled (never raw data), how updates were combined and checked, and the client-level privacy.")
public record FederatedTrainingEvidence(
        @Doc("The common header.") EvidenceHeader header,
        @Doc("The federation's identifier.") String federationId,
        @Doc("The coordinator software and its certificate.") Coordinator coordinator,
        @Doc("Who took part and in which role (controller or processor at each node).") Participants participants,
        @Doc("Merkle root (RFC 6962) of the pseudonymous client ids: proves the participant set without naming participants.")
        Sha256 clientIdsMerkleRoot,
        @Doc("The initial and final model, by digest.") ModelDigests model,
        @Doc("How many rounds ran, and when.") Rounds rounds,
        @Doc("Per round: clients sampled, reported, dropped and rejected, with reasons.") List<RoundSummary> perRound,
        @Doc("The fewest results a round accepted before aggregating; rounds never aggregate fewer.") int minClientsPerRound,
        @Doc("How clients were sampled each round.") ClientSampling clientSampling,
        @Doc("What was transmitted, its size, and how raw data is kept from travelling.") DataLocality dataLocality,
        @Doc("What the server kept of individual updates, and for how long.") ServerRetention serverRetention,
        @Doc("How updates were combined, and whether the server could see individual updates.") Aggregation aggregation,
        @Doc("Client-level differential privacy; null when not used.") @Nullable ClientDp dp,
        @Doc("Checks applied to every update before aggregation, and what they rejected.") Robustness robustness,
        @Doc("Security of updates in transit.") Transport transport,
        @Doc("Model quality globally and across sites; null when not evaluated.") @Nullable Evaluation evaluation,
        @Doc("Failed rounds and protocol anomalies, recorded honestly.") List<Incident> incidents)
        implements EvidenceRecord {

    public FederatedTrainingEvidence {
        Checks.requireNonNull(header, "header");
        Checks.requireNonBlank(federationId, "federationId");
        Checks.requireNonNull(coordinator, "coordinator");
        Checks.requireNonNull(participants, "participants");
        Checks.requireNonNull(clientIdsMerkleRoot, "clientIdsMerkleRoot");
        Checks.requireNonNull(model, "model");
        Checks.requireNonNull(rounds, "rounds");
        perRound = List.copyOf(Checks.requireNoNullElements(perRound, "perRound"));
        Checks.requirePositive(minClientsPerRound, "minClientsPerRound");
        Checks.requireNonNull(clientSampling, "clientSampling");
        Checks.requireNonNull(dataLocality, "dataLocality");
        Checks.requireNonNull(serverRetention, "serverRetention");
        Checks.requireNonNull(aggregation, "aggregation");
        Checks.requireNonNull(robustness, "robustness");
        Checks.requireNonNull(transport, "transport");
        incidents = List.copyOf(Checks.requireNoNullElements(incidents, "incidents"));
    }

    @Override
    public String headline() {
        long rejected = perRound.stream().mapToLong(RoundSummary::rejected).sum();
        String dpText = dp == null ? "no client-level DP"
                : "client-level epsilon " + (Double.isInfinite(dp.epsilon()) ? "infinite" : io.privkit.evidence.json.JsonNumbers.format(dp.epsilon()))
                + " at delta " + io.privkit.evidence.json.JsonNumbers.format(dp.delta());
        return rounds.count() + " rounds over " + participants.registered() + " clients, " + rejected + " updates rejected; "
                + (aggregation.serverSeesIndividualUpdates() ? "server sees individual updates" : "secure aggregation")
                + "; " + dpText + "; transport " + JsonNames.of(transport.tls());
    }

    /** A builder; {@link Builder#build()} reports every missing field at once. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ vocabulary

    /** What a client sends. */
    public enum TransmittedKind {
        /** Full model weights. */
        WEIGHTS,
        /** Weight deltas (local model minus global model). */
        DELTAS,
        /** Gradients. */
        GRADIENTS
    }

    /** Where client-level noise is added. */
    public enum DpPlacement {
        /** By the server, to the aggregate. */
        CENTRAL,
        /** By each client, to its update. */
        LOCAL,
        /** Shares of the noise by each client, summed under secure aggregation. */
        DISTRIBUTED
    }

    /** Transport security. */
    public enum TlsMode {
        /** Mutual TLS: both sides present certificates. */
        MUTUAL_TLS,
        /** Server-authenticated TLS only. */
        SERVER_TLS,
        /** No encryption (loopback simulations only). */
        PLAINTEXT
    }

    // ------------------------------------------------------------------ parts

    /**
     * The coordinator.
     *
     * @param software        its name
     * @param version         its version
     * @param certFingerprint SHA-256 of its certificate, when TLS was used
     */
    @Doc("The coordinator that orchestrated the processing.")
    public record Coordinator(
            @Doc("Software name.") String software,
            @Doc("Software version.") String version,
            @Doc("SHA-256 of the coordinator's certificate (DER); null without TLS.") @Nullable Sha256 certFingerprint) {
        public Coordinator {
            Checks.requireNonBlank(software, "coordinator.software");
            Checks.requireNonBlank(version, "coordinator.version");
        }
    }

    /**
     * Who took part.
     *
     * @param registered          clients registered
     * @param rolesAndControllers the roles of the parties
     */
    @Doc("Who took part.")
    public record Participants(
            @Doc("Clients registered in the federation.") int registered,
            @Doc("The parties' roles: who is controller or processor at each node.") List<Party> rolesAndControllers) {
        public Participants {
            Checks.requireNonNegative(registered, "participants.registered");
            rolesAndControllers = List.copyOf(Checks.requireNoNullElements(rolesAndControllers, "participants.rolesAndControllers"));
        }
    }

    /**
     * A party's role.
     *
     * @param role       e.g. {@code coordinator}, {@code site}
     * @param controller who is controller (or processor) there
     */
    @Doc("A party's role in the processing.")
    public record Party(
            @Doc("The role, e.g. coordinator or site.") String role,
            @Doc("Who is controller or processor in that role.") String controller) {
        public Party {
            Checks.requireNonBlank(role, "party.role");
            Checks.requireNonBlank(controller, "party.controller");
        }
    }

    /**
     * The models.
     *
     * @param initialSha256 digest of the initial model
     * @param finalSha256   digest of the final model
     */
    @Doc("The initial and final model, by digest.")
    public record ModelDigests(
            @Doc("SHA-256 of the initial model parameters.") Sha256 initialSha256,
            @Doc("SHA-256 of the final model parameters.") Sha256 finalSha256) {
        public ModelDigests {
            Checks.requireNonNull(initialSha256, "model.initialSha256");
            Checks.requireNonNull(finalSha256, "model.finalSha256");
        }
    }

    /**
     * Rounds run.
     *
     * @param count rounds completed
     * @param start when the first began
     * @param end   when the last ended
     */
    @Doc("Rounds completed, and when.")
    public record Rounds(
            @Doc("Rounds completed.") int count,
            @Doc("When the first round began (UTC).") Instant start,
            @Doc("When the last round ended (UTC).") Instant end) {
        public Rounds {
            Checks.requireNonNegative(count, "rounds.count");
            Checks.requireNonNull(start, "rounds.start");
            Checks.requireNonNull(end, "rounds.end");
            if (end.isBefore(start)) {
                throw Checks.argument("rounds.end").mustBe("not before rounds.start").got(end.toString()).noFix().exception();
            }
        }
    }

    /**
     * One round's participation.
     *
     * @param round            the round number
     * @param sampled          clients sampled
     * @param reported         results accepted
     * @param dropped          sampled clients that did not report in time
     * @param rejected         results rejected by validation
     * @param rejectionReasons rejections by reason
     */
    @Doc("One round's participation.")
    public record RoundSummary(
            @Doc("The round number, from 1.") int round,
            @Doc("Clients sampled.") int sampled,
            @Doc("Results accepted into the aggregate.") int reported,
            @Doc("Sampled clients that did not report before the deadline.") int dropped,
            @Doc("Results rejected by validation.") int rejected,
            @Doc("Rejections by reason, e.g. non-finite, wrong-shape, norm-bound, late, replayed.") Map<String, Integer> rejectionReasons) {
        public RoundSummary {
            Checks.requirePositive(round, "perRound.round");
            Checks.requireNonNegative(sampled, "perRound.sampled");
            Checks.requireNonNegative(reported, "perRound.reported");
            Checks.requireNonNegative(dropped, "perRound.dropped");
            Checks.requireNonNegative(rejected, "perRound.rejected");
            rejectionReasons = Collections.unmodifiableMap(new TreeMap<>(Checks.requireNoNullEntries(rejectionReasons, "perRound.rejectionReasons")));
            int sum = rejectionReasons.values().stream().mapToInt(Integer::intValue).sum();
            if (sum != rejected) {
                throw Checks.argument("perRound " + round + " rejectionReasons").mustBe("summing to rejected (" + rejected + ")")
                        .got(sum).noFix().exception();
            }
        }
    }

    /**
     * How clients were sampled.
     *
     * @param method e.g. {@code poisson}
     * @param rate   the sampling rate, when rate-based
     */
    @Doc("How clients were sampled each round.")
    public record ClientSampling(
            @Doc("The method, e.g. poisson, uniform-fixed-size, all.") String method,
            @Doc("The per-round sampling rate; null when not rate-based.") @Nullable Double rate) {
        public ClientSampling {
            Checks.requireNonBlank(method, "clientSampling.method");
            if (rate != null) {
                Checks.requireIn(rate, "clientSampling.rate", Interval.openClosed(0, 1));
            }
        }
    }

    /**
     * What was transmitted.
     *
     * @param transmittedKind    weights, deltas or gradients
     * @param dims               parameters per update
     * @param bytesPerRound      bytes received per round (mean)
     * @param rawDataTransmitted whether raw data travelled
     * @param enforcement        how raw data is kept from travelling
     */
    @Doc("What travelled between sites and coordinator: the core claim of the federated-learning measure.")
    public record DataLocality(
            @Doc("weights, deltas or gradients.") TransmittedKind transmittedKind,
            @Doc("Number of parameters per update.") long dims,
            @Doc("Mean bytes received by the coordinator per round.") long bytesPerRound,
            @Doc("Whether raw data travelled (it must not).") boolean rawDataTransmitted,
            @Doc("How raw data is kept from travelling, e.g. 'the protocol has no message that carries examples'.") String enforcement) {
        public DataLocality {
            Checks.requireNonNull(transmittedKind, "dataLocality.transmittedKind");
            Checks.requireNonNegative(dims, "dataLocality.dims");
            Checks.requireNonNegative(bytesPerRound, "dataLocality.bytesPerRound");
            Checks.requireNonBlank(enforcement, "dataLocality.enforcement");
        }
    }

    /**
     * What the server kept.
     *
     * @param updatesStored whether individual updates were stored
     * @param retentionDays how long, when stored
     */
    @Doc("What the server kept of individual updates (storage limitation).")
    public record ServerRetention(
            @Doc("Whether individual updates were stored beyond aggregation.") boolean updatesStored,
            @Doc("How many days they are kept; null when not stored.") @Nullable Integer retentionDays) {
        public ServerRetention {
            if (retentionDays != null) {
                Checks.requireNonNegative(retentionDays, "serverRetention.retentionDays");
            }
        }
    }

    /**
     * How updates were combined.
     *
     * @param algorithm                   e.g. {@code fedavg}
     * @param weighting                   e.g. {@code by examples, capped}
     * @param secureAggregation           secure aggregation, when used
     * @param serverSeesIndividualUpdates whether the server saw individual updates
     */
    @Doc("How updates were combined.")
    public record Aggregation(
            @Doc("The algorithm, e.g. fedavg, fedprox, fedadam, median, trimmed-mean, krum.") String algorithm,
            @Doc("How updates were weighted, e.g. 'by local examples, capped at 10x the median'.") String weighting,
            @Doc("Secure aggregation, when used; null otherwise.") @Nullable SecureAggregation secureAggregation,
            @Doc("Whether the coordinator could see individual clients' updates.") boolean serverSeesIndividualUpdates) {
        public Aggregation {
            Checks.requireNonBlank(algorithm, "aggregation.algorithm");
            Checks.requireNonBlank(weighting, "aggregation.weighting");
            if (secureAggregation == null && !serverSeesIndividualUpdates) {
                throw Checks.argument("aggregation.serverSeesIndividualUpdates").mustBe("true without secure aggregation")
                        .got(false).noFix().exception();
            }
        }
    }

    /**
     * Secure aggregation.
     *
     * @param protocol  e.g. {@code bonawitz-2017}
     * @param threshold the fewest surviving clients needed to unmask the sum
     */
    @Doc("Secure aggregation: the coordinator only ever sees the sum of updates.")
    public record SecureAggregation(
            @Doc("The protocol, e.g. 'pairwise masks with Shamir-shared seeds (Bonawitz et al. 2017)'.") String protocol,
            @Doc("The fewest surviving clients needed to unmask the sum.") int threshold) {
        public SecureAggregation {
            Checks.requireNonBlank(protocol, "secureAggregation.protocol");
            Checks.requirePositive(threshold, "secureAggregation.threshold");
        }
    }

    /**
     * Client-level differential privacy.
     *
     * @param where                  where noise was added
     * @param clipNorm               the per-client update clipping norm (final value, when adaptive)
     * @param noiseMultiplier        noise standard deviation over the clipping norm
     * @param adaptiveClipping       whether the norm adapted
     * @param epsilon                the client-level epsilon over all rounds
     * @param delta                  its delta
     * @param privacyBudgetRecordId  the full privacy-budget record
     */
    @Doc("Client-level differential privacy (DP-FedAvg): protects each client's whole contribution.")
    public record ClientDp(
            @Doc("central, local or distributed.") DpPlacement where,
            @Doc("Per-client update clipping norm (final value when adaptive).") double clipNorm,
            @Doc("Noise standard deviation divided by the clipping norm.") double noiseMultiplier,
            @Doc("Whether the clipping norm adapted (Andrew et al. 2021).") boolean adaptiveClipping,
            @Doc("Client-level epsilon over all rounds, rounded up.") @MayBeInfinite double epsilon,
            @Doc("Its delta.") double delta,
            @Doc("The full privacy-budget record; null when not written.") @Nullable UUID privacyBudgetRecordId) {
        public ClientDp {
            Checks.requireNonNull(where, "dp.where");
            Checks.requirePositive(clipNorm, "dp.clipNorm");
            Checks.requireNonNegative(noiseMultiplier, "dp.noiseMultiplier");
            if (Double.isNaN(epsilon) || epsilon < 0) {
                throw Checks.argument("dp.epsilon").mustBe(">= 0 (or Infinity)").got(epsilon).noFix().exception();
            }
            Checks.requireIn(delta, "dp.delta", Interval.closedOpen(0, 1));
        }
    }

    /**
     * Checks on updates.
     *
     * @param updateNormBound  the L2 norm bound, when applied
     * @param normBoundAction  what happens above it ({@code clip} or {@code reject})
     * @param anomalyDetection other checks
     * @param rejectedUpdates  updates rejected in the run
     * @param reasons          rejections by reason over the run
     */
    @Doc("Checks applied to every update before aggregation (poisoning and integrity risks).")
    public record Robustness(
            @Doc("The L2 norm bound on an update; null when none.") @Nullable Double updateNormBound,
            @Doc("What happens to an update above the bound: clip or reject; null when no bound.") @Nullable String normBoundAction,
            @Doc("Other checks, e.g. 'identity and round binding, shapes, finite values, weight bounds'.") String anomalyDetection,
            @Doc("Updates rejected over the run.") long rejectedUpdates,
            @Doc("Rejections by reason over the run.") Map<String, Long> reasons) {
        public Robustness {
            if (updateNormBound != null) {
                Checks.requirePositive(updateNormBound, "robustness.updateNormBound");
            }
            Checks.requireNonBlank(anomalyDetection, "robustness.anomalyDetection");
            Checks.requireNonNegative(rejectedUpdates, "robustness.rejectedUpdates");
            reasons = Collections.unmodifiableMap(new TreeMap<>(Checks.requireNoNullEntries(reasons, "robustness.reasons")));
        }
    }

    /**
     * Transport security.
     *
     * @param protocol   e.g. {@code grpc privkit.federated.v1}
     * @param tls        the TLS mode
     * @param mutualAuth whether clients authenticated with certificates
     */
    @Doc("Security of updates in transit (GDPR Art. 32).")
    public record Transport(
            @Doc("The protocol and its version.") String protocol,
            @Doc("mutual-tls, server-tls or plaintext.") TlsMode tls,
            @Doc("Whether clients authenticated with certificates against an allow-list.") boolean mutualAuth) {
        public Transport {
            Checks.requireNonBlank(protocol, "transport.protocol");
            Checks.requireNonNull(tls, "transport.tls");
        }
    }

    /**
     * Model quality.
     *
     * @param globalMetrics metrics of the final global model
     * @param perSiteSpread the spread of one metric across sites, when measured
     */
    @Doc("Model quality globally and across sites.")
    public record Evaluation(
            @Doc("Metrics of the final global model.") List<Estimate> globalMetrics,
            @Doc("The spread of a metric across sites; null when not measured.") @Nullable Spread perSiteSpread) {
        public Evaluation {
            globalMetrics = List.copyOf(Checks.requireNoNullElements(globalMetrics, "evaluation.globalMetrics"));
        }
    }

    /**
     * A metric's spread across sites.
     *
     * @param metric the metric
     * @param min    the lowest site value
     * @param median the median site value
     * @param max    the highest site value
     */
    @Doc("A metric's spread across sites: the model should work at every site, not only on average.")
    public record Spread(
            @Doc("The metric.") String metric,
            @Doc("Lowest site value.") double min,
            @Doc("Median site value.") double median,
            @Doc("Highest site value.") double max) {
        public Spread {
            Checks.requireNonBlank(metric, "spread.metric");
            if (!(min <= median && median <= max)) {
                throw Checks.argument("spread").mustBe("min <= median <= max").got(min + ", " + median + ", " + max).noFix().exception();
            }
        }
    }

    /**
     * An incident.
     *
     * @param round       the round, when round-specific
     * @param kind        e.g. {@code round-failed}
     * @param description what happened
     */
    @Doc("A failed round or protocol anomaly.")
    public record Incident(
            @Doc("The round; null when not round-specific.") @Nullable Integer round,
            @Doc("The kind, e.g. round-failed, coordinator-restart, replay-attempt.") String kind,
            @Doc("What happened.") String description) {
        public Incident {
            Checks.requireNonBlank(kind, "incident.kind");
            Checks.requireNonBlank(description, "incident.description");
        }
    }

    // ------------------------------------------------------------------ builder

    /** Builds a {@link FederatedTrainingEvidence}; reports every missing field at once. Not thread-safe. */
    public static final class Builder {
        private EvidenceHeader header;
        private String federationId;
        private Coordinator coordinator;
        private Participants participants;
        private Sha256 clientIdsMerkleRoot;
        private ModelDigests model;
        private Rounds rounds;
        private final List<RoundSummary> perRound = new ArrayList<>();
        private Integer minClientsPerRound;
        private ClientSampling clientSampling;
        private DataLocality dataLocality;
        private ServerRetention serverRetention;
        private Aggregation aggregation;
        private ClientDp dp;
        private Robustness robustness;
        private Transport transport;
        private Evaluation evaluation;
        private final List<Incident> incidents = new ArrayList<>();

        private Builder() {
        }

        public Builder header(EvidenceHeader v) { this.header = v; return this; }
        public Builder federationId(String v) { this.federationId = v; return this; }
        public Builder coordinator(Coordinator v) { this.coordinator = v; return this; }
        public Builder participants(Participants v) { this.participants = v; return this; }
        public Builder clientIdsMerkleRoot(Sha256 v) { this.clientIdsMerkleRoot = v; return this; }
        public Builder model(ModelDigests v) { this.model = v; return this; }
        public Builder rounds(Rounds v) { this.rounds = v; return this; }
        public Builder round(RoundSummary v) { this.perRound.add(v); return this; }
        public Builder minClientsPerRound(int v) { this.minClientsPerRound = v; return this; }
        public Builder clientSampling(ClientSampling v) { this.clientSampling = v; return this; }
        public Builder dataLocality(DataLocality v) { this.dataLocality = v; return this; }
        public Builder serverRetention(ServerRetention v) { this.serverRetention = v; return this; }
        public Builder aggregation(Aggregation v) { this.aggregation = v; return this; }
        public Builder dp(ClientDp v) { this.dp = v; return this; }
        public Builder robustness(Robustness v) { this.robustness = v; return this; }
        public Builder transport(Transport v) { this.transport = v; return this; }
        public Builder evaluation(Evaluation v) { this.evaluation = v; return this; }
        public Builder incident(Incident v) { this.incidents.add(v); return this; }

        /** Validates and builds. */
        public FederatedTrainingEvidence build() {
            Problems p = Problems.of("FederatedTrainingEvidence");
            BuilderSupport.require(p, header, "header");
            BuilderSupport.require(p, federationId, "federationId");
            BuilderSupport.require(p, coordinator, "coordinator");
            BuilderSupport.require(p, participants, "participants");
            BuilderSupport.require(p, clientIdsMerkleRoot, "clientIdsMerkleRoot");
            BuilderSupport.require(p, model, "model");
            BuilderSupport.require(p, rounds, "rounds");
            BuilderSupport.require(p, minClientsPerRound, "minClientsPerRound");
            BuilderSupport.require(p, clientSampling, "clientSampling");
            BuilderSupport.require(p, dataLocality, "dataLocality");
            BuilderSupport.require(p, serverRetention, "serverRetention");
            BuilderSupport.require(p, aggregation, "aggregation");
            BuilderSupport.require(p, robustness, "robustness");
            BuilderSupport.require(p, transport, "transport");
            p.throwIfAny();
            return new FederatedTrainingEvidence(header, federationId, coordinator, participants, clientIdsMerkleRoot, model,
                    rounds, perRound, minClientsPerRound, clientSampling, dataLocality, serverRetention, aggregation, dp,
                    robustness, transport, evaluation, incidents);
        }
    }
}
