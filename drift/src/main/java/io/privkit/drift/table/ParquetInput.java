package io.privkit.drift.table;

import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.ParquetReader;
import io.privkit.common.DataFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.Type;

/**
 * Reads Apache Parquet files without the Hadoop stack, through parquet-floor (which reads with
 * parquet-java's column readers and a minimal stand-in for the few Hadoop classes they touch). Flat
 * schemas only: every top-level primitive column becomes a table column; nested groups are refused
 * with a message naming them. Values are handed to a {@link FieldSink} in the same form as CSV
 * fields (numbers in their shortest round-trip decimal form, strings as UTF-8, booleans as
 * true/false, nulls as empty = missing), so type inference, schemas and errors work identically for
 * both formats. Rows are numbered from 1 (the header is row 0). Stateless and thread-safe.
 */
public final class ParquetInput {
    private ParquetInput() {
    }

    /** Whether a file is named as a Parquet file (.parquet, .parq, .pq). */
    public static boolean isParquet(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".parquet") || n.endsWith(".parq") || n.endsWith(".pq");
    }

    /** Streams the file's header and rows to the sink. */
    public static void parse(Path file, FieldSink sink) throws IOException {
        ParquetMetadata meta;
        try {
            meta = ParquetReader.readMetadata(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DataFormatException(file, 0, null, "must be a Parquet file; got unreadable content (" + e.getMessage()
                    + "). Check the file or give a CSV file.", e);
        }
        List<Type> fields = meta.getFileMetaData().getSchema().getFields();
        String[] names = new String[fields.size()];
        for (int i = 0; i < names.length; i++) {
            Type t = fields.get(i);
            if (!t.isPrimitive()) {
                throw new DataFormatException(file, 0, t.getName(), "columns must be flat (primitive); got a nested group. "
                        + "Flatten the column before the drift check.");
            }
            names[i] = t.getName();
            byte[] b = names[i].getBytes(StandardCharsets.UTF_8);
            sink.field(i, b, 0, b.length, 0);
        }
        sink.endRecord(names.length, 0);
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < names.length; i++) {
            index.put(names[i], i);
        }
        Hydrator<Object[], Object[], String[]> hydrator = new Hydrator<>() {
            @Override
            public Object[] start() {
                return new Object[names.length];
            }

            @Override
            public Object[] add(Object[] target, String[] heading, Object value) {
                Integer i = index.get(heading[0]);
                if (i != null) {
                    target[i] = value;
                }
                return target;
            }

            @Override
            public Object[] finish(Object[] target) {
                return target;
            }
        };
        long row = 0;
        try (Stream<Object[]> rows = ParquetReader.streamContent(file.toFile(), hydrator)) {
            Iterator<Object[]> it = rows.iterator();
            while (it.hasNext()) {
                Object[] r = it.next();
                row++;
                for (int i = 0; i < r.length; i++) {
                    byte[] b = text(r[i]);
                    sink.field(i, b, 0, b.length, row);
                }
                sink.endRecord(r.length, row);
            }
        }
    }

    private static final byte[] EMPTY = new byte[0];

    private static byte[] text(Object v) {
        if (v == null) {
            return EMPTY;
        }
        String s;
        if (v instanceof Binary bin) {
            return bin.getBytes();
        } else if (v instanceof Double d) {
            s = d.isNaN() ? "" : Double.toString(d);
        } else if (v instanceof Float f) {
            s = f.isNaN() ? "" : Float.toString(f);
        } else {
            s = v.toString();
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
