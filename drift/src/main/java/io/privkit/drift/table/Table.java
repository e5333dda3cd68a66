package io.privkit.drift.table;

import io.privkit.common.Checks;
import io.privkit.common.Fingerprint;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table read for a drift check: its columns in header order (checked ones as {@link Column}s,
 * skipped ones only as specs with their reason), the number of rows and the source's fingerprint.
 * Immutable and thread-safe.
 *
 * @param source      a description of where it came from (file name), never personal data
 * @param fingerprint SHA-256 and size of the file, when read from one
 * @param rows        data rows read
 * @param header      every column's spec, in header order (skipped ones included)
 * @param columns     the checked columns by name
 */
public record Table(String source, Fingerprint fingerprint, long rows, List<ColumnSpec> header, Map<String, Column> columns) {
    public Table {
        Checks.requireNonBlank(source, "source");
        Checks.requireNonNegative(rows, "rows");
        header = List.copyOf(header);
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** A column by name. */
    public Optional<Column> column(String name) {
        return Optional.ofNullable(columns.get(name));
    }
}
