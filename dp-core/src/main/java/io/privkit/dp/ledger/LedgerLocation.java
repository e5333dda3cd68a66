package io.privkit.dp.ledger;

import io.privkit.common.Checks;
import java.nio.file.Path;

/**
 * Where a ledger lives: one SQLite file (the default: embedded, no server), or a PostgreSQL
 * database reached by JDBC URL (for budgets shared by jobs on several machines; credentials in the
 * URL, e.g. {@code jdbc:postgresql://db:5432/privacy?user=privkit&password=...}). Both hold the
 * same two tables, {@code privkit_ledger_meta} and {@code privkit_ledger_entries}.
 *
 * @param kind the storage
 * @param url  the JDBC URL
 */
public record LedgerLocation(Kind kind, String url) {
    /** The storage kind. */
    public enum Kind {
        /** An SQLite file through org.xerial's sqlite-jdbc. */
        SQLITE,
        /** A PostgreSQL database through the PostgreSQL JDBC driver. */
        POSTGRESQL
    }

    public LedgerLocation {
        Checks.requireNonNull(kind, "kind");
        Checks.requireNonBlank(url, "url");
        String prefix = kind == Kind.SQLITE ? "jdbc:sqlite:" : "jdbc:postgresql:";
        if (!url.startsWith(prefix)) {
            throw Checks.argument("url").mustBe("a " + prefix + " URL").got(url).noFix().exception();
        }
    }

    /** An SQLite ledger in the given file. */
    public static LedgerLocation sqlite(Path file) {
        Checks.requireNonNull(file, "file");
        return new LedgerLocation(Kind.SQLITE, "jdbc:sqlite:" + file.toAbsolutePath());
    }

    /** A PostgreSQL ledger at the given JDBC URL. */
    public static LedgerLocation postgresql(String jdbcUrl) {
        return new LedgerLocation(Kind.POSTGRESQL, jdbcUrl);
    }

    /**
     * A location from what a user typed: a {@code jdbc:postgresql:} or {@code jdbc:sqlite:} URL, or
     * a file path for SQLite.
     */
    public static LedgerLocation parse(String text) {
        Checks.requireNonBlank(text, "ledger");
        if (text.startsWith("jdbc:postgresql:")) {
            return postgresql(text);
        }
        if (text.startsWith("jdbc:sqlite:")) {
            return new LedgerLocation(Kind.SQLITE, text);
        }
        if (text.startsWith("jdbc:")) {
            throw Checks.argument("ledger").mustBe("a file path, a jdbc:sqlite: URL or a jdbc:postgresql: URL").got(text)
                    .fix("Privkit ledgers run on SQLite (a file) or PostgreSQL.").exception();
        }
        return sqlite(Path.of(text));
    }

    /** The URL without credentials, for messages and evidence. */
    public String redacted() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public String toString() {
        return redacted();
    }
}
