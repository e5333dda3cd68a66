package io.privkit.common.table;

import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.ParquetReader;
import io.privkit.common.DataFormatException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads Apache Parquet files without the Hadoop stack, through parquet-floor (which reads with
 * parquet-java's column readers and a minimal stand-in for the few Hadoop classes they touch). Flat
 * schemas only: every top-level primitive column becomes a table column; nested groups and
 * repeated fields are refused with a message naming them. Values are handed to a
 * {@link FieldSink} in the same form as CSV fields, so inference, schemas and errors work
 * identically for both formats: integers in decimal, floating-point numbers in their shortest
 * round-trip decimal form ({@link Double#toString}; NaN as empty, i.e. missing), decimals as their
 * exact plain decimal value, booleans as {@code true}/{@code false}, strings as UTF-8, nulls as
 * empty (missing). The declared types are passed on first ({@link FieldSink#types}).
 *
 * <p>Memory: rows are streamed one row group at a time (parquet-java's page readers), so memory is
 * bounded by the largest row group, not by the number of rows.
 *
 * <p>Rows are numbered from 1 (the header is row 0). Stateless and thread-safe. Needs
 * {@code blue.strategic.parquet:parquet-floor} on the class path (an optional dependency of this
 * module; modules that read tables declare it).
 */
public final class ParquetInput {
    private static final byte[] EMPTY = new byte[0];

    private ParquetInput() {
    }

    /** Whether a file is named as a Parquet file (.parquet, .parq, .pq). */
    public static boolean isParquet(Path file) {
        return TableFormat.namedParquet(file);
    }

    /** The file's columns and their types, from its footer alone (no row is read). */
    public static TableLayout layout(Path file) {
        List<TableColumn> columns = new ArrayList<>();
        for (Type t : fields(file)) {
            columns.add(new TableColumn(t.getName(), typeOf(file, t)));
        }
        return new TableLayout(TableFormat.PARQUET, columns);
    }

    /** Streams the file's declared types, header and rows to the sink. */
    public static void parse(Path file, FieldSink sink) throws IOException {
        List<Type> fields = fields(file);
        String[] names = new String[fields.size()];
        List<ValueType> types = new ArrayList<>();
        int[] scales = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            Type t = fields.get(i);
            names[i] = t.getName();
            types.add(typeOf(file, t));
            scales[i] = integerDecimalScale(t.asPrimitiveType());
        }
        sink.types(types);
        for (int i = 0; i < names.length; i++) {
            byte[] b = names[i].getBytes(StandardCharsets.UTF_8);
            sink.field(i, b, 0, b.length, 0);
        }
        sink.endRecord(names.length, 0);
        Map<String, Integer> index = new HashMap<>();
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
                    byte[] b = text(r[i], scales[i]);
                    sink.field(i, b, 0, b.length, row);
                }
                sink.endRecord(r.length, row);
            }
        }
    }

    private static List<Type> fields(Path file) {
        ParquetMetadata meta;
        try {
            meta = ParquetReader.readMetadata(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DataFormatException(file, 0, null, "must be a Parquet file; got unreadable content (" + e.getMessage()
                    + "). Check the file or give a CSV file.", e);
        }
        List<Type> fields = meta.getFileMetaData().getSchema().getFields();
        for (Type t : fields) {
            if (!t.isPrimitive()) {
                throw new DataFormatException(file, 0, t.getName(), "columns must be flat (primitive); got a nested group. "
                        + "Flatten the column when writing the file.");
            }
            if (t.isRepetition(Type.Repetition.REPEATED)) {
                throw new DataFormatException(file, 0, t.getName(), "columns must hold one value per row; got a repeated field. "
                        + "Write one column per value.");
            }
        }
        return fields;
    }

    /** The type a Parquet column is handed on as. */
    static ValueType typeOf(Path file, Type t) {
        PrimitiveType p = t.asPrimitiveType();
        LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
        if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
            return ValueType.DECIMAL;
        }
        return switch (p.getPrimitiveTypeName()) {
            case BOOLEAN -> ValueType.BOOLEAN;
            case INT32 -> ValueType.INT32;
            case INT64 -> ValueType.INT64;
            case FLOAT -> ValueType.FLOAT;
            case DOUBLE -> ValueType.DOUBLE;
            case BINARY, FIXED_LEN_BYTE_ARRAY -> a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                    || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                    || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation ? ValueType.STRING : ValueType.BYTES;
            case INT96 -> throw new DataFormatException(file, 0, t.getName(), "columns must have a current Parquet type; got INT96 "
                    + "(a deprecated timestamp). Write timestamps as INT64 with a TIMESTAMP annotation.");
        };
    }

    /** The scale of a DECIMAL stored as INT32 or INT64 (its values arrive unscaled), else -1. */
    private static int integerDecimalScale(PrimitiveType p) {
        if (p.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d
                && (p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32
                || p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT64)) {
            return d.getScale();
        }
        return -1;
    }

    private static byte[] text(Object v, int decimalScale) {
        if (v == null) {
            return EMPTY;
        }
        String s;
        if (decimalScale >= 0 && v instanceof Number n) {
            s = BigDecimal.valueOf(n.longValue(), decimalScale).toPlainString();
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
