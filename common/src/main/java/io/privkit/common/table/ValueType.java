package io.privkit.common.table;

import java.util.Locale;

/**
 * The type a table file stores a column's values in. A CSV file stores text only
 * ({@link #TEXT}: what a cell means is up to the reader); a Parquet file declares a type per
 * column, taken from its physical type and logical annotation. Readers use it to refuse a column
 * that cannot hold what its role needs (a score stored as a string) before reading any row.
 */
public enum ValueType {
    /** A CSV cell: text whose meaning the reader decides (a number, a label, a category). */
    TEXT,
    /** Parquet BOOLEAN, handed on as {@code true} or {@code false}. */
    BOOLEAN,
    /** Parquet INT32 (also with an integer, date or time annotation), handed on in decimal. */
    INT32,
    /** Parquet INT64 (also with an integer or timestamp annotation), handed on in decimal. */
    INT64,
    /** Parquet FLOAT, handed on in its shortest round-trip decimal form. */
    FLOAT,
    /** Parquet DOUBLE, handed on in its shortest round-trip decimal form. */
    DOUBLE,
    /** Parquet DECIMAL(precision, scale) on any physical type, handed on as its exact decimal value. */
    DECIMAL,
    /** Parquet BINARY with a string, enum or JSON annotation, handed on as UTF-8 text. */
    STRING,
    /** Parquet BINARY or FIXED_LEN_BYTE_ARRAY without a text annotation, handed on as its bytes read as UTF-8. */
    BYTES;

    /** Whether every value of the column is a number (the file declares a numeric type). */
    public boolean numeric() {
        return this == INT32 || this == INT64 || this == FLOAT || this == DOUBLE || this == DECIMAL;
    }

    /** Whether the column can hold numbers: a numeric type, or CSV text (checked value by value). */
    public boolean mayHoldNumbers() {
        return numeric() || this == TEXT;
    }

    /** The lower-case name shown to users, e.g. {@code int64}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
