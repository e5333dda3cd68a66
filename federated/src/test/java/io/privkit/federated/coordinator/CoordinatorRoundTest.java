package io.privkit.federated.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.federated.ModelSpec;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.TensorEncoding;
import io.privkit.federated.TensorSpec;
import io.privkit.federated.client.ClientConfig;
import io.privkit.federated.client.FederatedClient;
import io.privkit.federated.client.LocalUpdate;
import io.privkit.federated.testing.Federation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Whole rounds over real loopback sockets with mutual TLS. */
class CoordinatorRoundTest {

    /**
     * Client k's trainer returns delta = target_k - global with weight k, so after one FedAvg round
     * the model is the weighted mean of the targets, Σ k t_k / Σ k, and stays there.
     */
    @Test
    void fedAvg_threeClientsMutualTls_modelIsWeightedMeanOfTargets() throws Exception {
        List<String> ids = Federation.ids(3);
        Federation fed = new Federation(ids);
        ModelSpec spec = ModelSpec.of(TensorSpec.of("w", 2, 2), TensorSpec.of("b", 3));
        CoordinatorConfig config = CoordinatorConfig.builder().federationId("t").allowList(fed.allowList).security(fed.coordinator)
                .rounds(2).minResults(3).roundTimeout(Duration.ofSeconds(30)).randomness(Randomness.insecureSeeded(1))
                .updateEncoding(TensorEncoding.FLOAT64_LE).heartbeatInterval(Duration.ofMillis(200)).heartbeatPatience(10).build();
        List<String> lines = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (Coordinator c = Coordinator.open(config, ModelWeights.zeros(spec))) {
            List<Future<FederatedClient.ClientSummary>> futures = new ArrayList<>();
            for (int k = 1; k <= 3; k++) {
                int kk = k;
                double[] target = new double[spec.size()];
                for (int i = 0; i < target.length; i++) {
                    target[i] = kk * 10 + i;
                }
                ClientConfig cc = ClientConfig.builder().target("localhost", c.port()).security(fed.clients.get(ids.get(k - 1)))
                        .log(s -> { synchronized (lines) { lines.add(s); } }).build();
                futures.add(pool.submit(() -> {
                    try (FederatedClient fc = FederatedClient.open(cc, task -> {
                        double[] d = new double[target.length];
                        for (int i = 0; i < d.length; i++) {
                            d[i] = target[i] - task.globalModel().get(i);
                        }
                        return LocalUpdate.ofDelta(d, kk);
                    })) {
                        return fc.run();
                    }
                }));
            }
            TrainingRun run = c.run();
            for (Future<FederatedClient.ClientSummary> f : futures) {
                FederatedClient.ClientSummary s = f.get();
                assertEquals(2, s.tasksCompleted());
                assertEquals(run.finalModel().sha256().hex(), s.finalModelSha256());
            }
            for (int i = 0; i < spec.size(); i++) {
                double expected = (1 * (10 + i) + 2 * (20 + i) + 3 * (30 + i)) / 6.0;
                assertEquals(expected, run.finalModel().get(i), 1e-12, "parameter " + i);
            }
            assertEquals(2, run.history().rounds().size());
            RoundReport r1 = run.history().rounds().get(0);
            assertEquals(3, r1.sampled());
            assertEquals(3, r1.reported());
            assertEquals(0, r1.rejected());
            assertTrue(r1.bytesReceived() == 3L * 8 * spec.size(), "bytes " + r1.bytesReceived());
        } finally {
            pool.shutdownNow();
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("registered with localhost:")), lines.toString());
    }

    /**
     * Over-selection: rate 0.5 over 6 clients with over-selection 1.0 samples everyone and closes the
     * round at ceil(0.5 · 6) = 3 results; the three slow clients' results arrive after the close and
     * are rejected as late, never accumulated.
     */
    @Test
    void overSelection_roundClosesAtTarget_slowResultsRejectedLate() throws Exception {
        List<String> ids = Federation.ids(6);
        Federation fed = new Federation(ids);
        ModelSpec spec = ModelSpec.of(TensorSpec.of("w", 3));
        CoordinatorConfig config = CoordinatorConfig.builder().federationId("over").allowList(fed.allowList).security(fed.coordinator)
                .rounds(1).minResults(3).minAvailable(6).sampling(ClientSampling.poisson(0.5).withOverSelection(1.0))
                .roundTimeout(Duration.ofSeconds(60)).randomness(Randomness.insecureSeeded(1))
                .updateEncoding(TensorEncoding.FLOAT64_LE).heartbeatInterval(Duration.ofMillis(200)).heartbeatPatience(10).build();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (Coordinator c = Coordinator.open(config, ModelWeights.zeros(spec))) {
            List<Future<FederatedClient.ClientSummary>> futures = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                boolean slow = k >= 3;
                ClientConfig cc = ClientConfig.builder().target("localhost", c.port()).security(fed.clients.get(ids.get(k))).build();
                futures.add(pool.submit(() -> {
                    try (FederatedClient fc = FederatedClient.open(cc, task -> {
                        if (slow) {
                            Thread.sleep(3000);
                        }
                        return LocalUpdate.ofDelta(new double[] {slow ? 100 : 1, 1, 1}, 1);
                    })) {
                        return fc.run();
                    }
                }));
            }
            TrainingRun run = c.run();
            RoundReport r = run.history().rounds().get(0);
            assertEquals(6, r.sampled());
            assertEquals(3, r.reported());
            assertTrue(r.duration().toMillis() < 2500, "closed at the target, not after the slow clients: " + r.duration());
            assertEquals(1.0, run.finalModel().get(0), 0, "only the three fast updates");
            for (Future<FederatedClient.ClientSummary> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
