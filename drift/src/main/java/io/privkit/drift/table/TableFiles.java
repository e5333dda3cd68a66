package io.privkit.drift.table;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Streams a table file (CSV, or Parquet by its extension) to a {@link FieldSink}: the header as the
 * first record, then one record per row. Stateless and thread-safe.
 */
public final class TableFiles {
    private TableFiles() {
    }

    /**
     * Parses a file.
     *
     * @param csv      the CSV parser to use for CSV files
     * @param progress receives bytes read (CSV only), or null
     */
    public static void parse(Path file, CsvParser csv, FieldSink sink, LongConsumer progress) throws IOException {
        if (ParquetInput.isParquet(file)) {
            ParquetInput.parse(file, sink);
            return;
        }
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = progress == null ? raw : new CountingInput(raw, progress)) {
            csv.parse(in, file, sink);
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
