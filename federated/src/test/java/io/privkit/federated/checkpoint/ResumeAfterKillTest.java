package io.privkit.federated.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.federated.ModelWeights;
import io.privkit.federated.client.ClientConfig;
import io.privkit.federated.client.FederatedClient;
import io.privkit.federated.client.LocalUpdate;
import io.privkit.federated.testing.ChildJvm;
import io.privkit.federated.testing.CoordinatorMain;
import io.privkit.federated.transport.FederationPki;
import io.privkit.federated.transport.TransportSecurity;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coordinator in a child JVM is killed with kill -9 in the middle of a round, restarted on the
 * same checkpoint database, and continues; on a fixed seed it reaches exactly (bit for bit) the
 * model of an uninterrupted run. Five clients run in this JVM with deterministic local training.
 */
class ResumeAfterKillTest {
    private static final int ROUNDS = 8;
    private static final long SEED = 20260101L;
    private static final List<String> IDS = List.of("site-1", "site-2", "site-3", "site-4", "site-5");

    /** Deterministic local training: a pull toward a per-client target, slow enough to be killed mid-round. */
    private static LocalUpdate train(int k, ModelWeights global, int round) throws InterruptedException {
        Thread.sleep(150);
        double[] d = new double[global.size()];
        for (int i = 0; i < d.length; i++) {
            double target = Math.sin(k + 0.37 * i) + 0.01 * round;
            d[i] = 0.5 * (target - global.get(i));
        }
        return LocalUpdate.ofDelta(d, 10 + k);
    }

    private static List<Future<?>> startClients(ExecutorService pool, Path pki, int port) throws Exception {
        List<Future<?>> out = new ArrayList<>();
        for (int k = 0; k < IDS.size(); k++) {
            int kk = k;
            ClientConfig cc = ClientConfig.builder().target("localhost", port)
                    .security(TransportSecurity.MutualTls.clientFolder(pki.resolve("clients").resolve(IDS.get(k))))
                    .maxOffline(Duration.ofMinutes(2)).build();
            out.add(pool.submit(() -> {
                try (FederatedClient fc = FederatedClient.open(cc, task -> train(kk, task.globalModel(), task.round()))) {
                    return fc.run();
                }
            }));
        }
        return out;
    }

    private static ModelWeights finalModel(Path db) throws Exception {
        try (SqliteCheckpointStore s = SqliteCheckpointStore.open(db)) {
            Optional<Checkpoint> cp = s.latest("resume-test");
            assertEquals(ROUNDS, cp.orElseThrow().completedRounds());
            return cp.get().model();
        }
    }

    @Test
    void coordinatorKilledMidRound_restarted_reachesSameModelAsUninterruptedRun(@TempDir Path tmp) throws Exception {
        Path pki = tmp.resolve("pki");
        FederationPki.init(pki, "resume", List.of("localhost", "127.0.0.1"), IDS, Duration.ofDays(1), Clock.systemUTC());
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            // Uninterrupted reference run.
            Path dbA = tmp.resolve("a.db");
            String shaA;
            try (ChildJvm a = ChildJvm.start(CoordinatorMain.class, List.of(pki.toString(), dbA.toString(), "0", "" + ROUNDS, "" + SEED))) {
                int port = Integer.parseInt(a.await("PORT ", 60));
                List<Future<?>> clients = startClients(pool, pki, port);
                shaA = a.await("DONE ", 120);
                assertEquals(0, a.waitFor(30));
                for (Future<?> f : clients) {
                    f.get();
                }
            }

            // Interrupted run: kill -9 during round 4, restart on the same database and port.
            Path dbB = tmp.resolve("b.db");
            int port;
            List<Future<?>> clients;
            try (ChildJvm b1 = ChildJvm.start(CoordinatorMain.class, List.of(pki.toString(), dbB.toString(), "0", "" + ROUNDS, "" + SEED))) {
                port = Integer.parseInt(b1.await("PORT ", 60));
                clients = startClients(pool, pki, port);
                b1.await("ROUND 3 ", 120);
                Thread.sleep(120);                                     // round 4 is under way
                b1.kill9();
            }
            String shaB;
            try (ChildJvm b2 = ChildJvm.start(CoordinatorMain.class, List.of(pki.toString(), dbB.toString(), "" + port, "" + ROUNDS, "" + SEED))) {
                b2.await("PORT ", 60);
                assertEquals("4", b2.await("RESUMING-AT ", 10), "resumes with the round that was in flight");
                shaB = b2.await("DONE ", 120);
                assertEquals(0, b2.waitFor(30));
            }
            for (Future<?> f : clients) {
                f.get();
            }
            assertEquals(shaA, shaB, "same final model digest");
            assertEquals(finalModel(dbA), finalModel(dbB), "bit-identical final model");
            try (SqliteCheckpointStore s = SqliteCheckpointStore.open(dbB)) {
                RunHistory h = s.latest("resume-test").orElseThrow().history();
                assertEquals(ROUNDS, h.rounds().size(), "one report per round, none lost or duplicated");
                assertTrue(h.incidents().stream().anyMatch(i -> i.kind().equals("coordinator-restart") && i.round() == 4), h.incidents().toString());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
