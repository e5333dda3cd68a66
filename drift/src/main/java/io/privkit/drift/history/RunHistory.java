package io.privkit.drift.history;

import io.privkit.common.Checks;
import io.privkit.drift.ColumnResult;
import io.privkit.drift.DriftReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A durable history of drift runs in an embedded SQLite database (one file). Each run stores its
 * time, the data digests, the dataset decision and, per column, the verdict, the deciding p-value
 * (raw and corrected) and the effect size, in one transaction: a run is either stored whole or not at all.
 *
 * <p>Tables: {@code runs(seq, record_id, check_name, at, reference_source, reference_sha256,
 * current_source, current_sha256, current_rows, dataset_drift, drifted_share, policy)} and
 * {@code run_columns(seq, column_name, verdict, p_value, adjusted_p_value, effect_name, effect_value)}.
 * Runs are grouped by a check name (e.g. the model or pipeline), so one database can serve several checks.
 *
 * <p>Open with {@link #open(Path)} and close it; one instance is not thread-safe (SQLite serialises
 * writers across processes).
 */
public final class RunHistory implements AutoCloseable {
    private final Connection conn;

    private RunHistory(Connection conn) {
        this.conn = conn;
    }

    /** A stored run. */
    public record Run(long seq, UUID recordId, String checkName, Instant at, String currentSource, boolean datasetDrift,
                      double driftedShare) {
    }

    /** A column's verdict in a stored run. */
    public record ColumnRun(long seq, Instant at, String verdict, Double adjustedPValue, String effectName, Double effectValue) {
    }

    /**
     * Opens (creating when absent) a history database.
     *
     * @throws IllegalArgumentException if the parent folder does not exist or the file is not a history database
     */
    public static RunHistory open(Path db) {
        Checks.requireNonNull(db, "history database");
        Path parent = db.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw Checks.argument("--history " + db).mustBe("in an existing folder").got(parent).fix("Create the folder first.").exception();
        }
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("CREATE TABLE IF NOT EXISTS runs (seq INTEGER PRIMARY KEY AUTOINCREMENT, record_id TEXT NOT NULL UNIQUE, "
                        + "check_name TEXT NOT NULL, at TEXT NOT NULL, reference_source TEXT NOT NULL, reference_sha256 TEXT, "
                        + "current_source TEXT NOT NULL, current_sha256 TEXT, current_rows INTEGER NOT NULL, dataset_drift INTEGER NOT NULL, "
                        + "drifted_share REAL NOT NULL, policy TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS run_columns (seq INTEGER NOT NULL REFERENCES runs(seq), column_name TEXT NOT NULL, "
                        + "verdict TEXT NOT NULL, p_value REAL, adjusted_p_value REAL, effect_name TEXT, effect_value REAL, "
                        + "PRIMARY KEY (seq, column_name))");
                s.execute("CREATE INDEX IF NOT EXISTS runs_by_check ON runs(check_name, seq)");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return new RunHistory(c);
        } catch (SQLException e) {
            throw Checks.argument("--history " + db).mustBe("a Privkit drift history database (SQLite)").got(e.getMessage())
                    .fix("Give a new file name or an existing history database.").exception();
        }
    }

    /** Stores a run in one transaction and returns its sequence number. */
    public long record(String checkName, UUID recordId, Instant at, DriftReport report) {
        Checks.requireNonBlank(checkName, "checkName");
        Checks.requireNonNull(recordId, "recordId");
        Checks.requireNonNull(at, "at");
        Checks.requireNonNull(report, "report");
        try {
            conn.setAutoCommit(false);
            long seq;
            try (PreparedStatement p = conn.prepareStatement("INSERT INTO runs (record_id, check_name, at, reference_source, "
                    + "reference_sha256, current_source, current_sha256, current_rows, dataset_drift, drifted_share, policy) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                p.setString(1, recordId.toString());
                p.setString(2, checkName);
                p.setString(3, at.toString());
                p.setString(4, report.reference().source());
                p.setString(5, report.reference().sha256());
                p.setString(6, report.current().source());
                p.setString(7, report.current().sha256());
                p.setLong(8, report.current().rows());
                p.setInt(9, report.datasetDrift() ? 1 : 0);
                p.setDouble(10, report.driftedShare());
                p.setString(11, report.policy().name());
                p.executeUpdate();
                try (ResultSet k = p.getGeneratedKeys()) {
                    k.next();
                    seq = k.getLong(1);
                }
            }
            try (PreparedStatement p = conn.prepareStatement("INSERT INTO run_columns VALUES (?,?,?,?,?,?,?)")) {
                for (ColumnResult c : report.columns()) {
                    p.setLong(1, seq);
                    p.setString(2, c.column());
                    p.setString(3, c.verdict().name());
                    setDouble(p, 4, c.pValue());
                    setDouble(p, 5, c.adjustedPValue());
                    p.setString(6, c.effectValue() == null ? null : c.effect().key());
                    setDouble(p, 7, c.effectValue());
                    p.addBatch();
                }
                p.executeBatch();
            }
            conn.commit();
            return seq;
        } catch (SQLException e) {
            try {
                conn.rollback();
            } catch (SQLException ignored) {
                // the original failure is reported
            }
            throw new IllegalStateException("cannot store the drift run in the history database: " + e.getMessage(), e);
        } finally {
            try {
                conn.setAutoCommit(true);
            } catch (SQLException ignored) {
                // connection is closed by the caller
            }
        }
    }

    private static void setDouble(PreparedStatement p, int i, Double v) throws SQLException {
        if (v == null) {
            p.setNull(i, java.sql.Types.REAL);
        } else {
            p.setDouble(i, v);
        }
    }

    /** The runs of a check, most recent first. */
    public List<Run> runs(String checkName, int limit) {
        List<Run> out = new ArrayList<>();
        try (PreparedStatement p = conn.prepareStatement("SELECT seq, record_id, check_name, at, current_source, dataset_drift, drifted_share "
                + "FROM runs WHERE check_name = ? ORDER BY seq DESC LIMIT ?")) {
            p.setString(1, checkName);
            p.setInt(2, limit);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Run(r.getLong(1), UUID.fromString(r.getString(2)), r.getString(3), Instant.parse(r.getString(4)),
                            r.getString(5), r.getInt(6) == 1, r.getDouble(7)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the history database: " + e.getMessage(), e);
        }
        return out;
    }

    /** A column's verdicts in a check's runs, most recent first. */
    public List<ColumnRun> column(String checkName, String column, int limit) {
        List<ColumnRun> out = new ArrayList<>();
        try (PreparedStatement p = conn.prepareStatement("SELECT r.seq, r.at, c.verdict, c.adjusted_p_value, c.effect_name, c.effect_value "
                + "FROM run_columns c JOIN runs r ON r.seq = c.seq WHERE r.check_name = ? AND c.column_name = ? ORDER BY r.seq DESC LIMIT ?")) {
            p.setString(1, checkName);
            p.setString(2, column);
            p.setInt(3, limit);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    double adj = r.getDouble(4);
                    Double adjusted = r.wasNull() ? null : adj;
                    double eff = r.getDouble(6);
                    Double effect = r.wasNull() ? null : eff;
                    out.add(new ColumnRun(r.getLong(1), Instant.parse(r.getString(2)), r.getString(3), adjusted, r.getString(5), effect));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the history database: " + e.getMessage(), e);
        }
        return out;
    }

    /** Runs in a row, most recent first, with dataset drift (0 when the last run had none). */
    public int consecutiveAlerts(String checkName) {
        int n = 0;
        for (Run r : runs(checkName, 10_000)) {
            if (!r.datasetDrift()) {
                break;
            }
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the history database: " + e.getMessage(), e);
        }
    }
}
