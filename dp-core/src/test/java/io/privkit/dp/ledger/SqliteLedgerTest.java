package io.privkit.dp.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

/** The ledger contract on SQLite files. */
class SqliteLedgerTest extends PrivacyLedgerContract {
    @TempDir
    Path dir;

    private int counter;

    @Override
    LedgerLocation freshLocation() {
        return LedgerLocation.sqlite(dir.resolve("ledger-" + (counter++) + ".db"));
    }

    @Override
    Connection raw(LedgerLocation location) throws SQLException {
        return DriverManager.getConnection(location.url());
    }
}
