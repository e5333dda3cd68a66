package io.privkit.federated.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.federated.ModelSpec;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.TensorSpec;
import io.privkit.federated.testing.ChildJvm;
import io.privkit.federated.testing.ClientMain;
import io.privkit.federated.transport.AllowList;
import io.privkit.federated.transport.FederationPki;
import io.privkit.federated.transport.TransportSecurity;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten clients in three child JVMs; the JVM holding three of them (30%) is killed with kill -9 while
 * they train in round 1. The coordinator notices their silence (no heartbeats) and closes the round
 * with the seven others long before the 120-second deadline; round 2 runs with the seven survivors.
 */
class ClientProcessKillTest {

    @Test
    void thirtyPercentOfClientsKilledMidRound_roundCompletesWithTheRest(@TempDir Path tmp) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            ids.add(String.format("site-%02d", i));
        }
        Path pki = tmp.resolve("pki");
        FederationPki.init(pki, "kill", List.of("localhost", "127.0.0.1"), ids, Duration.ofDays(1), Clock.systemUTC());
        CoordinatorConfig config = CoordinatorConfig.builder().federationId("kill")
                .allowList(AllowList.load(pki.resolve("coordinator/allowlist.txt")))
                .security(TransportSecurity.MutualTls.coordinatorFolder(pki.resolve("coordinator")))
                .rounds(2).minResults(7).minAvailable(7).roundTimeout(Duration.ofSeconds(120))
                .heartbeatInterval(Duration.ofMillis(300)).heartbeatPatience(8).randomness(Randomness.insecureSeeded(1)).build();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Coordinator c = Coordinator.open(config, ModelWeights.zeros(ModelSpec.of(TensorSpec.of("w", 100))));
             ChildJvm doomed = ChildJvm.start(ClientMain.class, args(pki, c.port(), ids.subList(0, 3)));
             ChildJvm b = ChildJvm.start(ClientMain.class, args(pki, c.port(), ids.subList(3, 7)));
             ChildJvm d = ChildJvm.start(ClientMain.class, args(pki, c.port(), ids.subList(7, 10)))) {
            Future<TrainingRun> run = pool.submit(c::run);
            for (int i = 0; i < 3; i++) {
                assertTrue(doomed.await("TRAINING ", 120).endsWith(" 1"), "training round 1");
            }
            doomed.kill9();
            TrainingRun r = run.get(300, java.util.concurrent.TimeUnit.SECONDS);
            RoundReport r1 = r.history().rounds().get(0);
            assertEquals(RoundReport.Outcome.COMPLETED, r1.outcome(), r1.progressLine(2));
            assertEquals(10, r1.sampled());
            assertEquals(7, r1.reported());
            assertEquals(3, r1.dropped());
            assertTrue(r1.duration().toSeconds() < 60, "closed on silence, not at the 120 s deadline: " + r1.duration());
            RoundReport r2 = r.history().rounds().get(1);
            assertEquals(RoundReport.Outcome.COMPLETED, r2.outcome());
            assertEquals(7, r2.reported());
            for (int i = 0; i < 100; i++) {
                assertEquals(2.0, r.finalModel().get(i), 1e-6, "two rounds of the mean delta 1");
            }
            assertEquals(0, b.waitFor(60));
            assertEquals(0, d.waitFor(60));
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> args(Path pki, int port, List<String> ids) {
        List<String> a = new ArrayList<>(List.of(pki.toString(), Integer.toString(port), "2500"));
        a.addAll(ids);
        return a;
    }
}
