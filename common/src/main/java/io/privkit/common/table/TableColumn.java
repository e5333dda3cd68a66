package io.privkit.common.table;

import io.privkit.common.Checks;

/**
 * A column of a table file: its name (the header cell, or the Parquet field name) and the type the
 * file stores it in. Immutable and thread-safe.
 *
 * @param name the column name
 * @param type {@link ValueType#TEXT} for CSV, the declared type for Parquet
 */
public record TableColumn(String name, ValueType type) {
    public TableColumn {
        Checks.requireNonNull(name, "column name");
        Checks.requireNonNull(type, "type of column '" + name + "'");
    }
}
