package io.privkit.common.table;

import java.util.List;

/**
 * Receives the fields of a table file as the parser finds them: the header as the first record,
 * then one record per row. The byte range is only valid during the call (the parser reuses its
 * buffers). Implementations are called from one thread.
 */
public interface FieldSink {
    /**
     * The types the file declares for its columns, in file order, called once before the header by
     * sources that declare them (Parquet). CSV never calls it: its columns are {@link ValueType#TEXT}.
     */
    default void types(List<ValueType> types) {
    }

    /**
     * One field.
     *
     * @param column 0-based column index within the record
     * @param buf    the bytes (UTF-8)
     * @param start  first byte
     * @param length number of bytes (quotes removed, doubled quotes folded)
     * @param line   1-based line number where the record starts (Parquet: 1-based row, the header is row 0)
     */
    void field(int column, byte[] buf, int start, int length, long line);

    /**
     * The end of a record.
     *
     * @param fields number of fields it had
     * @param line   1-based line number where it started
     */
    void endRecord(int fields, long line);
}
