package io.privkit.federated.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Sha256;
import io.privkit.evidence.FederatedTrainingEvidence;
import io.privkit.federated.ModelSpec;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.TensorSpec;
import io.privkit.federated.coordinator.RoundReport;
import io.privkit.federated.strategy.StrategyState;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCheckpointStoreTest {
    private static final ModelSpec SPEC = ModelSpec.of(TensorSpec.of("w", 3));

    private static Checkpoint checkpoint(int round) {
        ModelWeights m = ModelWeights.of(SPEC, new double[] {round, -0.0, Math.PI * round});
        RoundReport r = new RoundReport(round, RoundReport.Outcome.COMPLETED, 5, 4, 0, 1, Map.of("non-finite", 1), m.sha256(),
                Duration.ofMillis(1234), 999, "", Map.of("accuracy", 0.5), 1.5, null);
        RunHistory h = new RunHistory(Instant.parse("2026-01-01T00:00:00Z"), List.of(r),
                List.of(new FederatedTrainingEvidence.Incident(null, "coordinator-restart", "restarted")),
                Map.of("late", 2L), Map.of("site-1", Map.of("accuracy", 0.7)));
        return new Checkpoint("fed", "run-1", round, ModelWeights.zeros(SPEC), m, "fedadam",
                StrategyState.of(Map.of("m", new double[] {1, 2, 3}), Map.of("steps", 4.0)), 0.75, new byte[] {9, 8},
                "INSECURE_SEEDED xoshiro seed 1", h, Instant.parse("2026-01-02T03:04:05.123456789Z"));
    }

    @Test
    void saveThenLatest_roundTripsEveryFieldBitForBit(@TempDir Path tmp) throws IOException {
        try (SqliteCheckpointStore s = SqliteCheckpointStore.open(tmp.resolve("cp.db"))) {
            s.save(checkpoint(1));
            s.save(checkpoint(2));
            assertEquals(checkpoint(2), s.latest("fed").orElseThrow());
            assertTrue(s.latest("other").isEmpty());
        }
        try (SqliteCheckpointStore s = SqliteCheckpointStore.open(tmp.resolve("cp.db"))) {
            Checkpoint c = s.latest("fed").orElseThrow();
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(c.model().get(1)), "negative zero survives");
            assertEquals(checkpoint(2), c, "durable across reopening");
        }
    }

    @Test
    void save_keepsOnlyTheLastRetained(@TempDir Path tmp) throws IOException {
        try (SqliteCheckpointStore s = SqliteCheckpointStore.open(tmp.resolve("cp.db"), 2)) {
            for (int r = 1; r <= 5; r++) {
                s.save(checkpoint(r));
            }
            assertEquals(List.of(4, 5), s.rounds("fed"));
        }
    }

    @Test
    void latest_damagedRow_reportedNotResumed(@TempDir Path tmp) throws Exception {
        Path db = tmp.resolve("cp.db");
        try (SqliteCheckpointStore s = SqliteCheckpointStore.open(db)) {
            s.save(checkpoint(1));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("UPDATE checkpoint SET sha256 = '" + Sha256.of(new byte[0]).hex() + "'");
        }
        try (SqliteCheckpointStore s = SqliteCheckpointStore.open(db)) {
            IOException e = assertThrows(IOException.class, () -> s.latest("fed"));
            assertTrue(e.getMessage().contains("is damaged (SHA-256 mismatch)"), e.getMessage());
        }
    }

    @Test
    void decode_otherBytes_rejectedWithReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheckpointCodec.decode(new byte[] {1, 2, 3, 4, 5}));
        assertTrue(e.getMessage().startsWith("checkpoint must be a Privkit coordinator checkpoint"), e.getMessage());
        byte[] good = CheckpointCodec.encode(checkpoint(1));
        assertThrows(IllegalArgumentException.class, () -> CheckpointCodec.decode(java.util.Arrays.copyOf(good, good.length - 10)));
    }
}
