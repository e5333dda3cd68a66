package io.privkit.federated.checkpoint;

import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Coordinator checkpoints in an embedded SQLite database (one file, through JDBC).
 *
 * <p>Each checkpoint is one row (federation, round, the encoded {@link Checkpoint} and its
 * SHA-256), inserted in its own transaction with {@code synchronous=FULL} in write-ahead-log mode:
 * when {@link #save} returns the row is on disk, and a process killed at any moment leaves the
 * database with the previous checkpoint or the new one. On read the digest is checked, so a
 * damaged row is reported rather than resumed from. The last {@code retain} checkpoints of a
 * federation are kept.
 *
 * <p>Thread-safe (methods are synchronised; one connection).
 */
public final class SqliteCheckpointStore implements CheckpointStore {
    private static final int SCHEMA_VERSION = 1;

    private final Path file;
    private final Connection db;
    private final int retain;

    private SqliteCheckpointStore(Path file, Connection db, int retain) {
        this.file = file;
        this.db = db;
        this.retain = retain;
    }

    /** Opens (creating if needed) the database at {@code file}, keeping the last 3 checkpoints per federation. */
    public static SqliteCheckpointStore open(Path file) throws IOException {
        return open(file, 3);
    }

    /** Opens (creating if needed) the database at {@code file}, keeping the last {@code retain} checkpoints. */
    public static SqliteCheckpointStore open(Path file, int retain) throws IOException {
        Checks.requireNonNull(file, "file");
        Checks.requirePositive(retain, "retain");
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + abs);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("CREATE TABLE IF NOT EXISTS privkit_schema (version INTEGER NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS checkpoint (federation_id TEXT NOT NULL, round INTEGER NOT NULL, "
                        + "run_id TEXT NOT NULL, written_at TEXT NOT NULL, sha256 TEXT NOT NULL, payload BLOB NOT NULL, "
                        + "PRIMARY KEY (federation_id, round))");
                try (ResultSet rs = s.executeQuery("SELECT version FROM privkit_schema")) {
                    if (!rs.next()) {
                        s.execute("INSERT INTO privkit_schema (version) VALUES (" + SCHEMA_VERSION + ")");
                    } else if (rs.getInt(1) != SCHEMA_VERSION) {
                        int v = rs.getInt(1);
                        c.close();
                        throw Checks.argument("checkpoint database " + abs).mustBe("schema version " + SCHEMA_VERSION).got(v)
                                .fix("Use the Privkit version that created it, or a new file.").exception();
                    }
                }
            }
            return new SqliteCheckpointStore(abs, c, retain);
        } catch (SQLException e) {
            throw new IOException("cannot open checkpoint database " + abs + ": " + e.getMessage(), e);
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<Checkpoint> latest(String federationId) throws IOException {
        Checks.requireNonBlank(federationId, "federationId");
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT round, sha256, payload FROM checkpoint WHERE federation_id = ? ORDER BY round DESC LIMIT 1")) {
            ps.setString(1, federationId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int round = rs.getInt(1);
                String sha = rs.getString(2);
                byte[] payload = rs.getBytes(3);
                if (!Sha256.of(payload).hex().equals(sha)) {
                    throw new IOException("checkpoint of round " + round + " in " + file + " is damaged (SHA-256 mismatch); "
                            + "delete that row to resume from the previous round");
                }
                return Optional.of(CheckpointCodec.decode(payload));
            }
        } catch (SQLException e) {
            throw new IOException("cannot read checkpoint database " + file + ": " + e.getMessage(), e);
        }
    }

    /** The rounds checkpointed for a federation, in order. */
    public synchronized List<Integer> rounds(String federationId) throws IOException {
        List<Integer> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT round FROM checkpoint WHERE federation_id = ? ORDER BY round")) {
            ps.setString(1, federationId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
        return out;
    }

    @Override
    public synchronized void save(Checkpoint checkpoint) throws IOException {
        Checks.requireNonNull(checkpoint, "checkpoint");
        byte[] payload = CheckpointCodec.encode(checkpoint);
        try {
            db.setAutoCommit(false);
            try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO checkpoint "
                    + "(federation_id, round, run_id, written_at, sha256, payload) VALUES (?, ?, ?, ?, ?, ?)");
                 PreparedStatement prune = db.prepareStatement(
                         "DELETE FROM checkpoint WHERE federation_id = ? AND round <= ?")) {
                ps.setString(1, checkpoint.federationId());
                ps.setInt(2, checkpoint.completedRounds());
                ps.setString(3, checkpoint.runId());
                ps.setString(4, checkpoint.writtenAt().toString());
                ps.setString(5, Sha256.of(payload).hex());
                ps.setBytes(6, payload);
                ps.executeUpdate();
                prune.setString(1, checkpoint.federationId());
                prune.setInt(2, checkpoint.completedRounds() - retain);
                prune.executeUpdate();
                db.commit();
            } catch (SQLException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IOException("cannot write checkpoint to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            db.close();
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
