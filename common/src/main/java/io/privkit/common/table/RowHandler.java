package io.privkit.common.table;

/**
 * Receives a table file row by row, as text: {@link TableFiles#readRows} calls {@link #start} once
 * with the file's layout, then {@link #row} for every data row. Called from one thread.
 */
public interface RowHandler {
    /**
     * The file's format and columns, before any row. Check the columns here (unknown names, types
     * that cannot hold what a column must) so a bad request fails before the data is read.
     */
    void start(TableLayout layout);

    /**
     * One data row.
     *
     * @param fields one value per column in layout order, as text: a CSV cell as written, a Parquet
     *               value in the form its {@link ValueType} states, a Parquet null as the empty string.
     *               The array is reused for the next row: copy what must outlive the call.
     * @param line   the 1-based CSV line where the record starts (the header is line 1), or the
     *               1-based Parquet row
     */
    void row(String[] fields, long line);
}
