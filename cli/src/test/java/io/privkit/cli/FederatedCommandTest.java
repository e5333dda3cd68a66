package io.privkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.FederatedTrainingEvidence;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code privkit federated}: init, example-data, serve and join in-process over loopback with mutual TLS. */
class FederatedCommandTest {
    @TempDir
    Path tmp;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void init_writesFolders_existingFolder_exit2() {
        Path fed = tmp.resolve("fed");
        CliRunner.Run r = CliRunner.run("federated", "init", "--out", fed.toString(), "--clients", "site-1,site-2");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("keep it offline"), r.out());
        assertTrue(Files.isRegularFile(fed.resolve("clients/site-2/client.key")));
        CliRunner.Run again = CliRunner.run("federated", "init", "--out", fed.toString(), "--clients", "site-1");
        assertEquals(2, again.exitCode());
        assertTrue(again.err().startsWith("privkit: output folder must be a folder that does not exist yet"), again.err());
        CliRunner.Run bad = CliRunner.run("federated", "init", "--out", tmp.resolve("x").toString(), "--clients", "no spaces");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("client identity must be 1 to 64 characters"), bad.err());
    }

    @Test
    void serveAndThreeJoins_roundsProgress_evidenceWritten() throws Exception {
        Path fed = tmp.resolve("fed");
        Path data = tmp.resolve("data");
        assertEquals(0, CliRunner.run("federated", "init", "--out", fed.toString(), "--clients", "site-1,site-2,site-3").exitCode());
        CliRunner.Run gen = CliRunner.run("federated", "example-data", "--out", data.toString(), "--sites", "3", "--rows", "200");
        assertEquals(0, gen.exitCode(), gen.err());
        int port = freePort();
        Path evidence = tmp.resolve("evidence.json");
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            Future<CliRunner.Run> serve = pool.submit(() -> CliRunner.run("federated", "serve", "--pki", fed.resolve("coordinator").toString(),
                    "--features", "10", "--classes", "4", "--rounds", "3", "--min-results", "3", "--port", "" + port,
                    "--bind", "127.0.0.1", "--heartbeat", "1s", "--holdout", data.resolve("holdout.csv").toString(),
                    "--checkpoint", tmp.resolve("state.db").toString(), "--evidence", evidence.toString()));
            List<Future<CliRunner.Run>> joins = new ArrayList<>();
            for (int k = 1; k <= 3; k++) {
                int kk = k;
                joins.add(pool.submit(() -> CliRunner.run("federated", "join", "--pki", fed.resolve("clients/site-" + kk).toString(),
                        "--coordinator", "localhost:" + port, "--data", data.resolve("site-" + kk + ".csv").toString(),
                        "--features", "10", "--classes", "4")));
            }
            CliRunner.Run s = serve.get(120, TimeUnit.SECONDS);
            assertEquals(0, s.exitCode(), s.err() + s.out());
            for (int r = 1; r <= 3; r++) {
                assertTrue(s.out().contains("round " + r + "/3 completed: sampled 3, reported 3, dropped 0, rejected 0, accuracy "), s.out());
            }
            assertTrue(s.out().contains("listening on 127.0.0.1:" + port + " (mutual TLS, 3 allowed clients"), s.out());
            for (Future<CliRunner.Run> j : joins) {
                CliRunner.Run jr = j.get(60, TimeUnit.SECONDS);
                assertEquals(0, jr.exitCode(), jr.err());
                assertTrue(jr.out().contains("round 3: trained on 200 examples, sent 176-byte update"), jr.out());
                assertTrue(jr.out().contains(": 3 updates accepted"), jr.out());
            }
            FederatedTrainingEvidence e = (FederatedTrainingEvidence) EvidenceJson.read(evidence);
            assertEquals(3, e.rounds().count());
            assertEquals(FederatedTrainingEvidence.TlsMode.MUTUAL_TLS, e.transport().tls());
            assertEquals(3, e.participants().registered());
            assertEquals(0, CliRunner.run("evidence", "validate", evidence.toString()).exitCode());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void join_featuresDoNotMatchData_exit2NamingTheFile() throws Exception {
        Path fed = tmp.resolve("fed");
        Path data = tmp.resolve("data");
        CliRunner.run("federated", "init", "--out", fed.toString(), "--clients", "site-1");
        CliRunner.run("federated", "example-data", "--out", data.toString(), "--sites", "1");
        CliRunner.Run r = CliRunner.run("federated", "join", "--pki", fed.resolve("clients/site-1").toString(), "--coordinator",
                "localhost:1", "--data", data.resolve("site-1.csv").toString(), "--features", "12", "--classes", "4");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("site-1.csv: has 10 feature columns; --features is 12."), r.err());
    }

    @Test
    void join_modelDiffersFromCoordinators_exit2() throws Exception {
        Path fed = tmp.resolve("fed");
        Path data = tmp.resolve("data");
        CliRunner.run("federated", "init", "--out", fed.toString(), "--clients", "site-1");
        CliRunner.run("federated", "example-data", "--out", data.toString(), "--sites", "1");
        int port = freePort();
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            Future<CliRunner.Run> serve = pool.submit(() -> CliRunner.run("federated", "serve", "--pki", fed.resolve("coordinator").toString(),
                    "--features", "10", "--classes", "4", "--model", "mlp", "--rounds", "1", "--min-results", "1", "--port", "" + port,
                    "--round-timeout", "5s", "--heartbeat", "1s"));
            CliRunner.Run r = CliRunner.run("federated", "join", "--pki", fed.resolve("clients/site-1").toString(), "--coordinator",
                    "localhost:" + port, "--data", data.resolve("site-1.csv").toString(), "--features", "10", "--classes", "4");
            assertEquals(2, r.exitCode(), r.err() + r.out());
            assertTrue(r.err().contains("use the coordinator's --model, --features, --classes and --hidden"), r.err());
            serve.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void serve_unknownStrategy_exit2() {
        CliRunner.Run r = CliRunner.run("federated", "serve", "--pki", tmp.toString(), "--features", "2", "--classes", "2",
                "--strategy", "fedfoo");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("'fedfoo' is not a strategy"), r.err());
    }

    /** Client-level DP against a ledger: rounds are released while the ledger accepts them; then exit 3. */
    @Test
    void serve_clientLevelDpWithLedger_stopsWithExit3WhenTheBudgetRunsOut() throws Exception {
        Path fed = tmp.resolve("fed");
        Path data = tmp.resolve("data");
        Path ledger = tmp.resolve("budget.db");
        CliRunner.run("federated", "init", "--out", fed.toString(), "--clients", "site-1,site-2");
        CliRunner.run("federated", "example-data", "--out", data.toString(), "--sites", "2", "--rows", "100");
        assertEquals(0, CliRunner.run("ledger", "create", "--ledger", ledger.toString(), "--epsilon", "2", "--delta", "1e-5").exitCode());
        int port = freePort();
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            Future<CliRunner.Run> serve = pool.submit(() -> CliRunner.run("federated", "serve", "--pki", fed.resolve("coordinator").toString(),
                    "--features", "10", "--classes", "4", "--rounds", "30", "--min-results", "2", "--port", "" + port, "--heartbeat", "1s",
                    "--noise-multiplier", "4", "--dp-clip", "1", "--ledger", ledger.toString()));
            List<Future<CliRunner.Run>> joins = new ArrayList<>();
            for (int k = 1; k <= 2; k++) {
                int kk = k;
                joins.add(pool.submit(() -> CliRunner.run("federated", "join", "--pki", fed.resolve("clients/site-" + kk).toString(),
                        "--coordinator", "localhost:" + port, "--data", data.resolve("site-" + kk + ".csv").toString(),
                        "--features", "10", "--classes", "4")));
            }
            CliRunner.Run s = serve.get(180, TimeUnit.SECONDS);
            assertEquals(3, s.exitCode(), s.out() + s.err());
            assertTrue(s.err().contains("privacy budget of ledger"), s.err());
            assertTrue(s.out().contains("round 1/30 completed"), s.out());
            assertTrue(s.out().contains(", epsilon "), "each DP round reports the epsilon spent so far: " + s.out());
            assertTrue(s.out().contains("FAILED") && s.out().contains("privacy budget refused the round"), s.out());
            for (Future<CliRunner.Run> j : joins) {
                assertEquals(0, j.get(60, TimeUnit.SECONDS).exitCode());
            }
            CliRunner.Run status = CliRunner.run("ledger", "verify", "--ledger", ledger.toString());
            assertEquals(0, status.exitCode(), status.out() + status.err());
        } finally {
            pool.shutdownNow();
        }
    }
}
