package io.privkit.drift.table;

/**
 * Receives the fields of a CSV file as the parser finds them. The byte range is only valid during
 * the call (the parser reuses its buffers). Implementations are called from one thread.
 */
public interface FieldSink {
    /**
     * One field.
     *
     * @param column 0-based column index within the record
     * @param buf    the bytes (UTF-8)
     * @param start  first byte
     * @param length number of bytes (quotes removed, doubled quotes folded)
     * @param line   1-based line number where the record starts
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
