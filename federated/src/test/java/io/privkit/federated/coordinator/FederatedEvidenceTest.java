package io.privkit.federated.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.common.Sha256;
import io.privkit.evidence.EvidenceHeader;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.EvidenceRecord;
import io.privkit.evidence.FederatedTrainingEvidence;
import io.privkit.evidence.Subject;
import io.privkit.evidence.measure.MeasureId;
import io.privkit.federated.ModelSpec;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.TensorEncoding;
import io.privkit.federated.TensorSpec;
import io.privkit.federated.checkpoint.RunHistory;
import io.privkit.federated.secagg.SecureAggregationConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evidence record of a run: every field from the run, valid against the published schema. */
class FederatedEvidenceTest {
    private static final ModelSpec SPEC = ModelSpec.of(TensorSpec.of("w", 10));
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static TrainingRun run(SecureAggregationConfig secagg, ClientDpConfig dp, TrainingRun.PrivacySummary privacy) {
        ModelWeights init = ModelWeights.zeros(SPEC);
        ModelWeights fin = init.plus(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.1);
        RoundReport r1 = new RoundReport(1, RoundReport.Outcome.COMPLETED, 5, 3, 1, 2, Map.of("non-finite", 1, "oversized", 1),
                fin.sha256(), Duration.ofSeconds(2), 400, "", Map.of("accuracy", 0.8), null, null);
        RoundReport r2 = new RoundReport(2, RoundReport.Outcome.FAILED, 5, 1, 4, 0, Map.of(), fin.sha256(), Duration.ofSeconds(3), 100,
                "1 results accepted, fewer than the 2 needed", Map.of(), null, null);
        RunHistory h = new RunHistory(T0, List.of(r1, r2), List.of(new FederatedTrainingEvidence.Incident(2, "round-failed", "too few")),
                Map.of("late", 3L), Map.of("a", Map.of("accuracy", 0.6), "b", Map.of("accuracy", 0.9), "c", Map.of("accuracy", 0.7)));
        TrainingRun.Settings s = new TrainingRun.Settings("fedavg", "by local examples", ClientSampling.poisson(0.5), 10, 2,
                UpdatePolicy.withDefaults().with(UpdatePolicy.NormBound.reject(5)), TensorEncoding.FLOAT32_LE,
                FederatedTrainingEvidence.TlsMode.MUTUAL_TLS, Sha256.of(new byte[] {1}), secagg, dp,
                Randomness.insecureSeeded(9).describe(), MerkleTree.root(List.of("x", "y")));
        return new TrainingRun("fed-x", "run-1", 2, init, fin, h, s, privacy);
    }

    @Test
    void record_plainRun_everyFieldFromTheRun_roundTripsThroughPublishedSchema() throws Exception {
        FederatedTrainingEvidence e = FederatedEvidence.record(run(null, null, null), EvidenceHeader.builder().subject(Subject.system("S")));
        assertEquals(List.of(MeasureId.FEDERATED_LEARNING), e.header().measureIds());
        assertTrue(e.header().usedInsecureRandomness(), "the seeded sampler is stamped");
        assertEquals(2, e.rounds().count());
        assertEquals(5, e.perRound().get(0).sampled());
        assertEquals(Map.of("non-finite", 1, "oversized", 1), e.perRound().get(0).rejectionReasons());
        assertEquals(5, e.robustness().rejectedUpdates(), "2 in rounds + 3 late");
        assertEquals(Map.of("late", 3L, "non-finite", 1L, "oversized", 1L), e.robustness().reasons());
        assertEquals(5.0, e.robustness().updateNormBound());
        assertEquals("reject", e.robustness().normBoundAction());
        assertTrue(e.aggregation().serverSeesIndividualUpdates());
        assertNull(e.aggregation().secureAggregation());
        assertFalse(e.dataLocality().rawDataTransmitted());
        assertEquals(10, e.dataLocality().dims());
        assertEquals(250, e.dataLocality().bytesPerRound(), "mean of 400 and 100");
        assertEquals(0.5, e.clientSampling().rate());
        assertEquals("poisson", e.clientSampling().method());
        assertEquals(FederatedTrainingEvidence.TlsMode.MUTUAL_TLS, e.transport().tls());
        assertTrue(e.transport().mutualAuth());
        assertEquals(0.8, e.evaluation().globalMetrics().get(0).value(), "metrics of the last completed round");
        assertEquals(0.6, e.evaluation().perSiteSpread().min());
        assertEquals(0.7, e.evaluation().perSiteSpread().median());
        assertEquals(0.9, e.evaluation().perSiteSpread().max());
        assertEquals(1, e.incidents().size());
        assertNull(e.dp());
        assertTrue(e.header().limitations().stream().anyMatch(l -> l.startsWith("No client-level differential privacy")));
        byte[] json = EvidenceJson.write(e);
        EvidenceRecord back = EvidenceJson.read(json);
        assertEquals(new String(json, StandardCharsets.UTF_8), new String(EvidenceJson.write(back), StandardCharsets.UTF_8));
    }

    @Test
    void record_secureAggregationWithDp_serverSeesOnlySums_clientLevelEpsilon() throws Exception {
        TrainingRun.PrivacySummary p = new TrainingRun.PrivacySummary(2.5, 1e-5, 1.1, 0.8, 2, "entry-2", "pld");
        FederatedTrainingEvidence e = FederatedEvidence.record(run(SecureAggregationConfig.withClipRange(0.8),
                ClientDpConfig.fixed(1.1, 0.8, 1e-5), p), EvidenceHeader.builder().subject(Subject.system("S")));
        assertFalse(e.aggregation().serverSeesIndividualUpdates());
        assertNotNull(e.aggregation().secureAggregation());
        assertEquals(4, e.aggregation().secureAggregation().threshold(), "2/3 of the 5 expected clients, rounded up");
        assertEquals(2.5, e.dp().epsilon());
        assertEquals(1.1, e.dp().noiseMultiplier());
        assertEquals(0.8, e.dp().clipNorm());
        assertEquals(FederatedTrainingEvidence.DpPlacement.CENTRAL, e.dp().where());
        assertTrue(e.headline().contains("secure aggregation"), e.headline());
        assertTrue(e.headline().contains("client-level epsilon 2.5"), e.headline());
        EvidenceJson.read(EvidenceJson.write(e));
    }

    @Test
    void merkleRoot_rfc6962_emptyOneAndTwoLeaves() {
        // RFC 6962: MTH({}) = SHA-256(""), MTH({d}) = SHA-256(0x00 || d).
        assertEquals(Sha256.of(new byte[0]), MerkleTree.root(List.of()));
        assertEquals(Sha256.of(new byte[] {0, 'a'}), MerkleTree.root(List.of("a")));
        byte[] l = Sha256.of(new byte[] {0, 'a'}).toBytes();
        byte[] r = Sha256.of(new byte[] {0, 'b'}).toBytes();
        byte[] node = new byte[65];
        node[0] = 1;
        System.arraycopy(l, 0, node, 1, 32);
        System.arraycopy(r, 0, node, 33, 32);
        assertEquals(Sha256.of(node), MerkleTree.root(List.of("a", "b")));
    }
}
