package io.privkit.federated.coordinator;

import io.privkit.common.BuildInfo;
import io.privkit.common.Checks;
import io.privkit.evidence.Estimate;
import io.privkit.evidence.EvidenceHeader;
import io.privkit.evidence.FederatedTrainingEvidence;
import io.privkit.evidence.RandomnessStamp;
import io.privkit.evidence.Verdict;
import io.privkit.evidence.measure.MeasureId;
import io.privkit.federated.secagg.SecAggProtocol;
import io.privkit.federated.transport.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Turns a {@link TrainingRun} into the {@link FederatedTrainingEvidence} record a DPIA author cites
 * for the "federated learning" measure: participation per round, what travelled (model deltas,
 * never examples), how updates were checked and combined, secure aggregation and client-level DP
 * when used, and the transport security. Stateless and thread-safe.
 */
public final class FederatedEvidence {

    /** The default parties: who runs the coordinator and who holds each site's data. */
    public static final List<FederatedTrainingEvidence.Party> DEFAULT_PARTIES = List.of(
            new FederatedTrainingEvidence.Party("coordinator", "the organisation that runs the coordinator (processor or joint controller; state which)"),
            new FederatedTrainingEvidence.Party("site", "each site's own organisation, controller of its local data"));

    private FederatedEvidence() {
    }

    /**
     * The evidence record of a run.
     *
     * @param run    the coordinator's run
     * @param header a header builder with at least the subject; this adds the measure, verdict,
     *               claims, limitations and the sampling randomness
     */
    public static FederatedTrainingEvidence record(TrainingRun run, EvidenceHeader.Builder header) {
        return record(run, header, DEFAULT_PARTIES, null);
    }

    /**
     * The evidence record of a run, naming the parties and linking the privacy-budget record.
     *
     * @param privacyBudgetRecordId the {@code PrivacyBudgetEvidence} of the run's client-level DP, or null
     */
    public static FederatedTrainingEvidence record(TrainingRun run, EvidenceHeader.Builder header,
                                                   List<FederatedTrainingEvidence.Party> parties, UUID privacyBudgetRecordId) {
        Checks.requireNonNull(run, "run");
        Checks.requireNonNull(header, "header");
        Checks.requireNonEmpty(parties, "parties");
        TrainingRun.Settings s = run.settings();
        List<RoundReport> rounds = run.history().rounds();
        long rejected = 0;
        Map<String, Long> reasons = new TreeMap<>(run.history().lateRejections());
        for (RoundReport r : rounds) {
            rejected += r.rejected();
            r.rejections().forEach((k, v) -> reasons.merge(k, (long) v, Long::sum));
        }
        for (long late : run.history().lateRejections().values()) {
            rejected += late;
        }
        long bytes = rounds.isEmpty() ? 0 : rounds.stream().mapToLong(RoundReport::bytesReceived).sum() / rounds.size();
        boolean secure = s.secureAggregation() != null;
        long completed = run.completedRounds();

        header.supports(MeasureId.FEDERATED_LEARNING).verdict(Verdict.INFORMATIONAL)
                .randomness(new RandomnessStamp(s.randomness().kind(), s.randomness().algorithm(),
                        s.randomness().seed().isPresent() ? s.randomness().seed().getAsLong() : null))
                .claim("Each site kept its training data: in this run only model updates (deltas), example counts and aggregate "
                        + "metrics travelled, because the protocol (" + Protocol.NAME + ") has no message that carries examples.")
                .claim(String.format(Locale.ROOT, "%d of %d rounds aggregated at least %d client updates; %d updates were rejected "
                        + "before aggregation, each with its reason.", completed, rounds.size(), s.minResults(), rejected));
        if (secure) {
            header.claim("The coordinator saw only the sum of the clients' updates in each round (secure aggregation, "
                    + "Bonawitz et al. 2017), never an individual update.");
            header.limitation("Secure aggregation assumes an honest-but-curious coordinator; the consistency-check round "
                    + "against an actively malicious coordinator is not implemented.");
            header.limitation("Under secure aggregation individual updates cannot be inspected: clients clip their own updates, "
                    + "and a malicious client can still distort the sum.");
        } else {
            header.limitation("The coordinator saw each site's update; model updates can reveal information about a site's data "
                    + "(e.g. gradient inversion) unless client-level DP or secure aggregation is used.");
        }
        if (s.clientDp() == null) {
            header.limitation("No client-level differential privacy: the released model carries no formal bound on what it "
                    + "reveals about any site.");
        }
        if (s.tls() != FederatedTrainingEvidence.TlsMode.MUTUAL_TLS) {
            header.limitation("The transport was not mutually authenticated TLS: this run was a simulation on loopback.");
        }
        header.claimNotMade("This record does not show that the processing is lawful, nor that the trained model contains no personal data.");

        FederatedTrainingEvidence.Builder b = FederatedTrainingEvidence.builder().header(header.build())
                .federationId(run.federationId())
                .coordinator(new FederatedTrainingEvidence.Coordinator("Privkit federated coordinator", BuildInfo.version(),
                        s.coordinatorCertificate()))
                .participants(new FederatedTrainingEvidence.Participants(s.rosterSize(), parties))
                .clientIdsMerkleRoot(s.clientIdsMerkleRoot())
                .model(new FederatedTrainingEvidence.ModelDigests(run.initialModel().sha256(), run.finalModel().sha256()))
                .rounds(new FederatedTrainingEvidence.Rounds(rounds.size(), run.history().startedAt(),
                        rounds.isEmpty() ? run.history().startedAt() : max(run.history().startedAt(), rounds)))
                .minClientsPerRound(s.minResults())
                .clientSampling(new FederatedTrainingEvidence.ClientSampling(s.sampling().method(), s.sampling().inclusionProbability()))
                .dataLocality(new FederatedTrainingEvidence.DataLocality(FederatedTrainingEvidence.TransmittedKind.DELTAS,
                        run.initialModel().size(), bytes, false,
                        "the protocol has no message that carries examples: a client sends a model delta of exactly the model's "
                                + "shape and byte length, a positive example count and named scalar metrics"))
                .serverRetention(new FederatedTrainingEvidence.ServerRetention(false, null))
                .aggregation(new FederatedTrainingEvidence.Aggregation(s.strategy(), s.weighting(),
                        secure ? new FederatedTrainingEvidence.SecureAggregation(SecAggProtocol.NAME,
                                s.secureAggregation().threshold(Math.max(1, (int) Math.round(s.sampling().inclusionProbability() * s.rosterSize()))))
                                : null,
                        !secure))
                .robustness(robustness(s, rejected, reasons))
                .transport(new FederatedTrainingEvidence.Transport(Protocol.NAME, s.tls(),
                        s.tls() == FederatedTrainingEvidence.TlsMode.MUTUAL_TLS));
        for (RoundReport r : rounds) {
            b.round(new FederatedTrainingEvidence.RoundSummary(r.round(), r.sampled(), r.reported(), r.dropped(), r.rejected(), r.rejections()));
        }
        if (run.privacy() != null) {
            TrainingRun.PrivacySummary p = run.privacy();
            b.dp(new FederatedTrainingEvidence.ClientDp(FederatedTrainingEvidence.DpPlacement.CENTRAL, p.finalClipNorm(), p.noiseMultiplier(),
                    s.clientDp() != null && s.clientDp().adaptive() != null, p.epsilon(), p.delta(), privacyBudgetRecordId));
        }
        FederatedTrainingEvidence.Evaluation eval = evaluation(run);
        if (eval != null) {
            b.evaluation(eval);
        }
        for (FederatedTrainingEvidence.Incident i : run.history().incidents()) {
            b.incident(i);
        }
        return b.build();
    }

    private static java.time.Instant max(java.time.Instant start, List<RoundReport> rounds) {
        java.time.Instant t = start;
        for (RoundReport r : rounds) {
            t = t.plus(r.duration());
        }
        return t;
    }

    private static FederatedTrainingEvidence.Robustness robustness(TrainingRun.Settings s, long rejected, Map<String, Long> reasons) {
        UpdatePolicy.NormBound nb = s.updatePolicy().normBound();
        if (s.secureAggregation() != null) {
            return new FederatedTrainingEvidence.Robustness(s.secureAggregation().clipRange(), "clip",
                    "secure aggregation: clients clip their update to the L2 bound and clamp each coordinate; the coordinator checks "
                            + "every masked input's task binding, tensor list, element type, byte length and digest", rejected, reasons);
        }
        return new FederatedTrainingEvidence.Robustness(nb.bounded() ? nb.maxNorm() : null,
                nb.bounded() ? nb.action().name().toLowerCase(Locale.ROOT) : null,
                "before aggregation every update is checked for identity and round binding, tensor names, shapes, element type and "
                        + "byte length, SHA-256 of the upload, finite values, and weight bounds (" + s.updatePolicy().weightBound().describe() + ")",
                rejected, reasons);
    }

    private static FederatedTrainingEvidence.Evaluation evaluation(TrainingRun run) {
        List<Estimate> global = new ArrayList<>();
        for (int i = run.history().rounds().size() - 1; i >= 0; i--) {
            RoundReport r = run.history().rounds().get(i);
            if (r.outcome() == RoundReport.Outcome.COMPLETED && !r.metrics().isEmpty()) {
                r.metrics().forEach((k, v) -> global.add(Estimate.of(k, v, null)));
                break;
            }
        }
        FederatedTrainingEvidence.Spread spread = null;
        List<Double> site = new ArrayList<>();
        for (Map<String, Double> m : run.history().siteMetrics().values()) {
            Double a = m.get("accuracy");
            if (a != null) {
                site.add(a);
            }
        }
        if (!site.isEmpty()) {
            site.sort(null);
            int n = site.size();
            double median = n % 2 == 1 ? site.get(n / 2) : (site.get(n / 2 - 1) + site.get(n / 2)) / 2;
            spread = new FederatedTrainingEvidence.Spread("local accuracy of the global model (each site's last report)",
                    site.get(0), median, site.get(n - 1));
        }
        if (global.isEmpty() && spread == null) {
            return null;
        }
        return new FederatedTrainingEvidence.Evaluation(global, spread);
    }
}
