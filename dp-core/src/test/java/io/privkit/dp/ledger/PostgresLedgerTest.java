package io.privkit.dp.ledger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The ledger contract on PostgreSQL (a fresh database per test); skipped when no server is reachable. */
class PostgresLedgerTest extends PrivacyLedgerContract {
    @AfterAll
    static void dropDatabases() {
        PostgresSupport.dropCreated();
    }

    @BeforeAll
    static void server() {
        PostgresSupport.assumeReachable();
    }

    @Override
    LedgerLocation freshLocation() throws SQLException {
        return PostgresSupport.freshDatabase();
    }

    @Override
    Connection raw(LedgerLocation location) throws SQLException {
        return DriverManager.getConnection(location.url());
    }
}
