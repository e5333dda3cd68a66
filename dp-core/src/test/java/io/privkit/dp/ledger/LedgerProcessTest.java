package io.privkit.dp.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes against a real ledger: a child JVM killed with SIGKILL at random moments while it
 * spends (the ledger is never corrupt and never under-counts an acknowledged spend), and several
 * child JVMs spending concurrently against one budget (they never overspend together). Runs on
 * SQLite always, and on PostgreSQL when a server is reachable.
 */
class LedgerProcessTest {
    @AfterAll
    static void dropDatabases() {
        PostgresSupport.dropCreated();
    }

    private static final int KILLS = 8;

    @TempDir
    Path dir;

    private static Process spawn(LedgerLocation location, long count, double multiplier) throws IOException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                LedgerSpender.class.getName(), location.url(), Long.toString(count), Double.toString(multiplier));
        pb.redirectErrorStream(false);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    /** Spawns a spender, lets it acknowledge a random number of spends, kills it with SIGKILL; returns the acknowledged count. */
    private static int spendThenKill(LedgerLocation location, Random random) throws Exception {
        Process p = spawn(location, 0, 1000.0);
        int target = 1 + random.nextInt(40);
        int acknowledged = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("ok ")) {
                    acknowledged++;
                    if (acknowledged >= target) {
                        // Kill at a random moment inside the next spend: after a short random delay.
                        Thread.sleep(random.nextInt(5));
                        break;
                    }
                }
            }
            // kill -9: no shutdown hooks, no cleanup. (Process.destroyForcibly would also close our
            // end of its output, losing acknowledgements already written.)
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(p.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child did not die");
            assertEquals(137, p.exitValue(), "killed by SIGKILL");
            // Lines written before the kill but not yet read are acknowledged too.
            while ((line = r.readLine()) != null) {
                if (line.startsWith("ok ")) {
                    acknowledged++;
                }
            }
        }
        return acknowledged;
    }

    private void killRepeatedly(LedgerLocation location) throws Exception {
        PrivacyLedger.create(location, LedgerConfig.builder().name("crash-test").epsilon(1000).delta(1e-5).build()).close();
        Random random = new Random(81);
        int acknowledgedTotal = 0;
        for (int i = 0; i < KILLS; i++) {
            acknowledgedTotal += spendThenKill(location, random);
            try (PrivacyLedger l = PrivacyLedger.open(location)) {
                LedgerVerification v = l.verify();
                assertTrue(v.intact(), "after kill " + i + ": " + v.problems());
                long entries = l.status().entries();
                assertTrue(entries >= acknowledgedTotal, "under-counted: " + entries + " < " + acknowledgedTotal);
                assertTrue(entries <= acknowledgedTotal + i + 1, "at most one unacknowledged spend per kill");
                acknowledgedTotal = (int) entries;   // an in-flight commit that survived counts from now on
            }
        }
        try (PrivacyLedger l = PrivacyLedger.open(location)) {
            l.reserve("after the crashes", io.privkit.dp.accounting.DpEvent.laplace(1000.0));
            assertTrue(l.verify().intact());
        }
    }

    private void concurrentProcesses(LedgerLocation location) throws Exception {
        // Pure epsilon 1/8 per spend and a budget of 1: exactly 8 spends fit, whoever makes them.
        PrivacyLedger.create(location, LedgerConfig.builder().name("shared").epsilon(1.0).delta(1e-5).build()).close();
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            children.add(spawn(location, 5, 8.0));
        }
        int ok = 0;
        int refused = 0;
        for (Process p : children) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("ok ")) {
                        ok++;
                    } else if (line.equals("refused")) {
                        refused++;
                    }
                }
            }
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        }
        assertEquals(8, ok, "spends accepted across processes");
        assertEquals(12, refused);
        try (PrivacyLedger l = PrivacyLedger.open(location)) {
            assertEquals(8, l.status().entries());
            assertEquals(1.0, l.status().spentEpsilon(), 1e-12);
            assertTrue(l.verify().intact());
        }
    }

    @Test
    void sqlite_killedMidSpend_repeatedly_neverCorruptNeverUnderCounts() throws Exception {
        killRepeatedly(LedgerLocation.sqlite(dir.resolve("crash.db")));
    }

    @Test
    void sqlite_fourProcessesSpendingConcurrently_neverOverspendTogether() throws Exception {
        concurrentProcesses(LedgerLocation.sqlite(dir.resolve("shared.db")));
    }

    @Test
    void postgres_killedMidSpend_repeatedly_neverCorruptNeverUnderCounts() throws Exception {
        PostgresSupport.assumeReachable();
        killRepeatedly(PostgresSupport.freshDatabase());
    }

    @Test
    void postgres_fourProcessesSpendingConcurrently_neverOverspendTogether() throws Exception {
        PostgresSupport.assumeReachable();
        concurrentProcesses(PostgresSupport.freshDatabase());
    }
}
