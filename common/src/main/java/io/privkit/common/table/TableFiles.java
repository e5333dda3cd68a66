package io.privkit.common.table;

import io.privkit.common.Checks;
import io.privkit.common.DataFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Streams a table file, CSV or Parquet (told by {@link TableFormat#detect}: content first, then
 * name), to a {@link FieldSink} (bytes, for readers that parse numbers themselves) or to a
 * {@link RowHandler} (rows of text). Both keep memory independent of the number of rows: CSV
 * through a fixed 1 MiB buffer, Parquet one row group at a time. Stateless and thread-safe.
 */
public final class TableFiles {
    private TableFiles() {
    }

    /**
     * Parses a file field by field.
     *
     * @param csv      the CSV parser to use for CSV files
     * @param progress receives bytes read (CSV only), or null
     * @throws DataFormatException naming the file when it is neither CSV nor Parquet, or malformed
     */
    public static void parse(Path file, CsvParser csv, FieldSink sink, LongConsumer progress) throws IOException {
        Checks.requireNonNull(csv, "csv");
        Checks.requireNonNull(sink, "sink");
        requireReadable(file);
        if (TableFormat.detect(file) == TableFormat.PARQUET) {
            parquet(() -> ParquetInput.parse(file, sink));
            return;
        }
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = progress == null ? raw : new CountingInput(raw, progress)) {
            csv.parse(in, file, sink);
        }
    }

    /**
     * Reads a file row by row as text: the layout first (columns with their stored types), then
     * every data row. CSV files are comma-separated.
     *
     * @throws DataFormatException naming the file (and the line and column where there is one)
     */
    public static void readRows(Path file, RowHandler handler) throws IOException {
        readRows(file, CsvParser.withDefaults(), handler);
    }

    /** As {@link #readRows(Path, RowHandler)}, with a given CSV parser (e.g. another delimiter). */
    public static void readRows(Path file, CsvParser csv, RowHandler handler) throws IOException {
        Checks.requireNonNull(handler, "handler");
        requireReadable(file);
        TableFormat format = TableFormat.detect(file);
        RowAssembler rows = new RowAssembler(file, format, handler);
        if (format == TableFormat.PARQUET) {
            parquet(() -> ParquetInput.parse(file, rows));
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                Checks.requireNonNull(csv, "csv").parse(in, file, rows);
            }
        }
        if (!rows.started()) {
            throw new DataFormatException(file, 0, null, "the file must have a header row; got an empty file. "
                    + "Write the column names on the first line.");
        }
    }

    /**
     * A file's format and columns without reading its rows: the Parquet footer, or the CSV header
     * line (columns of type {@link ValueType#TEXT}).
     */
    public static TableLayout layout(Path file) throws IOException {
        requireReadable(file);
        if (TableFormat.detect(file) == TableFormat.PARQUET) {
            TableLayout[] out = new TableLayout[1];
            parquet(() -> out[0] = ParquetInput.layout(file));
            return out[0];
        }
        TableLayout[] out = new TableLayout[1];
        try {
            readRows(file, new RowHandler() {
                @Override
                public void start(TableLayout layout) {
                    out[0] = layout;
                    throw new HeaderRead();
                }

                @Override
                public void row(String[] fields, long line) {
                }
            });
        } catch (HeaderRead done) {
            return out[0];
        }
        throw new DataFormatException(file, 0, null, "the file must have a header row; got an empty file. "
                + "Write the column names on the first line.");
    }

    /** Refuses a path that is not a readable regular file, naming it. */
    public static void requireReadable(Path file) {
        Checks.requireNonNull(file, "file");
        if (!Files.exists(file)) {
            throw new DataFormatException(file, 0, null, "the file must exist; got no such file. Check the path.");
        }
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, 0, null, "must be a regular file; got a directory or device. "
                    + "Give a CSV or Parquet file.");
        }
    }

    private interface ParquetCall {
        void run() throws IOException;
    }

    private static void parquet(ParquetCall call) throws IOException {
        try {
            call.run();
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("Reading Parquet needs blue.strategic.parquet:parquet-floor on the class path; "
                    + "got it missing (" + e.getMessage() + "). Add the dependency.", e);
        }
    }

    /** Stops a CSV read once the header is known. */
    private static final class HeaderRead extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HeaderRead() {
            super(null, null, false, false);
        }
    }

    /** Reports bytes read about every 4 MiB. */
    static final class CountingInput extends java.io.FilterInputStream {
        private final LongConsumer listener;
        private long total;
        private long last;

        CountingInput(InputStream in, LongConsumer listener) {
            super(in);
            this.listener = listener;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                total += n;
                if (total - last >= (4 << 20)) {
                    last = total;
                    listener.accept(total);
                }
            }
            return n;
        }
    }
}
