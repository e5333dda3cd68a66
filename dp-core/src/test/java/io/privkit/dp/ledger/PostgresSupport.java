package io.privkit.dp.ledger;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL server the ledger tests use: {@code PRIVKIT_TEST_POSTGRES} (a JDBC URL of a
 * database the user may create databases from), by default the local server that the CI script
 * starts, with the role privkit/privkit. Tests skip with a clear message when it is not reachable.
 */
final class PostgresSupport {
    static final String ADMIN_URL = System.getenv().getOrDefault("PRIVKIT_TEST_POSTGRES",
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=privkit&password=privkit");

    private static final java.util.List<String> CREATED = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    private PostgresSupport() {
    }

    /** Drops the databases this JVM created (best effort). */
    static void dropCreated() {
        synchronized (CREATED) {
            for (String name : CREATED) {
                try (Connection c = DriverManager.getConnection(ADMIN_URL); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                } catch (SQLException ignored) {
                    // left behind; harmless
                }
            }
            CREATED.clear();
        }
    }

    /** Skips the test unless the server is reachable. */
    static void assumeReachable() {
        String reason = null;
        try (Connection c = DriverManager.getConnection(ADMIN_URL + (ADMIN_URL.contains("?") ? "&" : "?") + "connectTimeout=3")) {
            c.isValid(3);
        } catch (SQLException e) {
            reason = e.getMessage();
        }
        assumeTrue(reason == null, "PostgreSQL is not reachable at " + ADMIN_URL.replaceAll("password=[^&]*", "password=***")
                + " (" + reason + "): PostgreSQL ledger tests skipped. The CI script (.ci/run) installs and starts it; locally, "
                + "start a server or set PRIVKIT_TEST_POSTGRES.");
    }

    /** Creates a fresh database and returns its ledger location. */
    static LedgerLocation freshDatabase() throws SQLException {
        String name = "privkit_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(ADMIN_URL); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        CREATED.add(name);
        int q = ADMIN_URL.indexOf('?');
        String base = ADMIN_URL.substring(0, q < 0 ? ADMIN_URL.length() : q);
        String params = q < 0 ? "" : ADMIN_URL.substring(q);
        return LedgerLocation.postgresql(base.substring(0, base.lastIndexOf('/') + 1) + name + params);
    }
}
