package io.privkit.federated.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.federated.ModelSpec;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.TensorSpec;
import io.privkit.federated.client.ClientConfig;
import io.privkit.federated.client.FederatedClient;
import io.privkit.federated.client.LocalUpdate;
import io.privkit.federated.secagg.SecureAggregationConfig;
import io.privkit.federated.testing.Federation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Secure aggregation over real sockets with mutual TLS: six clients, threshold 4 (two thirds).
 * Client k sends the delta (k + 1) / 100 on every coordinate, so the FedAvg mean of any set of
 * survivors is known in closed form.
 */
class SecureAggregationRoundTest {
    private static final ModelSpec SPEC = ModelSpec.of(TensorSpec.of("w", 40), TensorSpec.of("b", 3));
    private static final List<String> IDS = Federation.ids(6);
    private static final Federation FED = new Federation(IDS);
    private static final ExecutorService POOL = Executors.newCachedThreadPool();

    @AfterAll
    static void shutdown() {
        POOL.shutdownNow();
    }

    /** Runs {@code rounds} rounds; the first {@code dying} clients (in id order) die while training in round 1. */
    private static TrainingRun run(int rounds, int dying) throws Exception {
        CoordinatorConfig config = CoordinatorConfig.builder().federationId("sa").allowList(FED.allowList).security(FED.coordinator)
                .rounds(rounds).minResults(3).minAvailable(6).roundTimeout(Duration.ofSeconds(30)).randomness(Randomness.insecureSeeded(5))
                .secureAggregation(SecureAggregationConfig.withClipRange(10.0)).updatePolicy(UpdatePolicy.withDefaults()
                        .with(UpdatePolicy.WeightBound.uniform()))
                .heartbeatInterval(Duration.ofMillis(200)).heartbeatPatience(10).build();
        try (Coordinator c = Coordinator.open(config, ModelWeights.zeros(SPEC))) {
            for (int k = 0; k < IDS.size(); k++) {
                double value = (k + 1) / 100.0;
                boolean dies = k < dying;
                AtomicReference<FederatedClient> self = new AtomicReference<>();
                ClientConfig cc = ClientConfig.builder().target("localhost", c.port()).security(FED.clients.get(IDS.get(k))).build();
                FederatedClient fc = FederatedClient.open(cc, task -> {
                    if (dies) {
                        self.get().close();           // the connection and heartbeats stop, as when a process dies
                        Thread.sleep(Long.MAX_VALUE);
                    }
                    double[] d = new double[SPEC.size()];
                    java.util.Arrays.fill(d, value);
                    return LocalUpdate.ofDelta(d, 1);
                });
                self.set(fc);
                POOL.submit(() -> {
                    try (fc) {
                        return fc.run();
                    }
                });
            }
            return c.run();
        }
    }

    @Test
    void secureRound_noDropouts_equalsFedAvgOfAllSix() throws Exception {
        TrainingRun run = run(2, 0);
        double mean = (1 + 2 + 3 + 4 + 5 + 6) / 6.0 / 100.0;
        for (int i = 0; i < SPEC.size(); i++) {
            assertEquals(2 * mean, run.finalModel().get(i), 1e-9, "two rounds of the mean delta");
        }
        RoundReport r = run.history().rounds().get(0);
        assertEquals(6, r.reported());
        assertEquals(RoundReport.Outcome.COMPLETED, r.outcome());
        assertEquals(6L * (SPEC.size() + 1) * 8, r.bytesReceived(), "masked inputs in the 64-bit ring, weight appended");
    }

    @Test
    void secureRound_twoDropAfterSharingKeys_survivedWithMeanOfTheFour() throws Exception {
        TrainingRun run = run(1, 2);
        RoundReport r = run.history().rounds().get(0);
        assertEquals(RoundReport.Outcome.COMPLETED, r.outcome(), r.progressLine(1));
        assertEquals(4, r.reported());
        assertEquals(2, r.dropped());
        double mean = (3 + 4 + 5 + 6) / 4.0 / 100.0;
        for (int i = 0; i < SPEC.size(); i++) {
            assertEquals(mean, run.finalModel().get(i), 1e-9);
        }
    }

    @Test
    void secureRound_threeDrop_belowThreshold_roundFailsModelUnchanged() throws Exception {
        TrainingRun run = run(1, 3);
        RoundReport r = run.history().rounds().get(0);
        assertEquals(RoundReport.Outcome.FAILED, r.outcome());
        assertTrue(r.detail().startsWith("secure aggregation failed: only 3 masked inputs arrived"), r.detail());
        assertEquals(ModelWeights.zeros(SPEC), run.finalModel());
        assertEquals(List.of("round-failed"), run.history().incidents().stream().map(i -> i.kind()).toList());
    }
}
