package io.privkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.privkit.evidence.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerCommandTest {
    @TempDir
    Path dir;

    @Test
    void createSpendStatusHistoryVerify_thenRefusal_exit3() throws Exception {
        String db = dir.resolve("budget.db").toString();
        CliRunner.Run c = CliRunner.run("ledger", "create", "--ledger", db, "--epsilon", "1", "--delta", "1e-5");
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.out().startsWith("created ledger \"budget\" with a budget of epsilon 1 at delta 1.0E-5"), c.out());
        for (int i = 0; i < 4; i++) {
            CliRunner.Run s = CliRunner.run("ledger", "spend", "--ledger", db, "--label", "count " + i, "--mechanism", "laplace",
                    "--scale", "4");
            assertEquals(0, s.exitCode(), s.err());
        }
        CliRunner.Run refused = CliRunner.run("ledger", "spend", "--ledger", db, "--label", "one too many", "--mechanism", "laplace",
                "--scale", "4");
        assertEquals(3, refused.exitCode());
        assertTrue(refused.err().startsWith("privkit: privacy budget of ledger \"budget\" must cover the spend \"one too many\""),
                refused.err());
        CliRunner.Run status = CliRunner.run("ledger", "status", "--ledger", db, "--json");
        JsonNode j = CanonicalJson.readTree(status.out().getBytes(StandardCharsets.UTF_8));
        assertEquals(4, j.get("entries").asInt());
        assertEquals(1.0, j.get("spentEpsilon").asDouble(), 1e-12);
        CliRunner.Run history = CliRunner.run("ledger", "history", "--ledger", db, "--json");
        JsonNode h = CanonicalJson.readTree(history.out().getBytes(StandardCharsets.UTF_8));
        assertEquals("laplace", h.get("entries").get(0).get("dpEvent").get("kind").asText());
        CliRunner.Run verify = CliRunner.run("ledger", "verify", "--ledger", db);
        assertEquals(0, verify.exitCode(), verify.err());
        assertTrue(verify.out().startsWith("intact: 4 entries"), verify.out());
    }

    @Test
    void verify_editedLedger_exit1_problemsOnStderr() throws Exception {
        Path db = dir.resolve("b.db");
        assertEquals(0, CliRunner.run("ledger", "create", "--ledger", db.toString(), "--epsilon", "1", "--delta", "1e-5").exitCode());
        assertEquals(0, CliRunner.run("ledger", "spend", "--ledger", db.toString(), "--label", "x", "--mechanism", "laplace",
                "--scale", "4").exitCode());
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = conn.createStatement()) {
            s.executeUpdate("UPDATE privkit_ledger_entries SET label = 'y'");
        }
        CliRunner.Run verify = CliRunner.run("ledger", "verify", "--ledger", db.toString());
        assertEquals(1, verify.exitCode());
        assertTrue(verify.err().contains(": entry 0: its hash does not match its content (edited?)"), verify.err());
    }

    @Test
    void missingLedger_exit2_withHowToCreate() {
        CliRunner.Run r = CliRunner.run("ledger", "status", "--ledger", dir.resolve("none.db").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("ledger must be an existing ledger file; got"), r.err());
        assertTrue(r.err().contains("Create it first: 'privkit ledger create --ledger"), r.err());
        CliRunner.Run twice = CliRunner.run("ledger", "create", "--ledger", dir.resolve("t.db").toString(), "--epsilon", "1",
                "--delta", "1e-5");
        assertEquals(0, twice.exitCode());
        CliRunner.Run again = CliRunner.run("ledger", "create", "--ledger", dir.resolve("t.db").toString(), "--epsilon", "1",
                "--delta", "1e-5");
        assertEquals(2, again.exitCode());
        assertTrue(again.err().startsWith("privkit: ledger location"), again.err());
    }
}
