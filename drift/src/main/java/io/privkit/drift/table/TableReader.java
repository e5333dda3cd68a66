package io.privkit.drift.table;

import io.privkit.common.Checks;
import io.privkit.common.DataFormatException;
import io.privkit.common.Fingerprint;
import io.privkit.common.table.CsvParser;
import io.privkit.common.table.FieldSink;
import io.privkit.common.table.NumberParser;
import io.privkit.common.table.TableFiles;
import io.privkit.drift.test.SortedSample;
import io.privkit.evidence.DriftEvidence.FeatureType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * Reads a CSV or Parquet file (told by content, then name: {@link io.privkit.common.table.TableFormat}) into a
 * {@link Table} in one streaming pass.
 *
 * <p><b>Missing values</b>: empty cells and the tokens NA, N/A, NaN, nan, null, NULL, None are
 * missing; numeric cells that are infinite count as missing too (as non-finite). Missing values are
 * dropped and counted per column ({@link MissingPolicy#DROP_AND_COUNT}, stated in every report), or
 * rejected ({@link MissingPolicy#REJECT}) with an error naming row and column.
 *
 * <p><b>Types</b>: a declared type is enforced: a value that is not a number in a numeric column
 * raises a {@link DataFormatException} naming the file, the row (1-based line where the record
 * starts; the header is line 1) and the column. Undeclared columns are inferred from the data read:
 * numeric when every present value is a number (binary when exactly two distinct values),
 * categorical otherwise; a non-numeric column with more than 10,000 distinct labels is treated as
 * free text or an identifier and skipped with that reason. {@link #readLike} reads a second table
 * with the first one's resolved types, so the current data is held to the reference's schema.
 *
 * <p>Immutable configuration; each call reads one file on the calling thread.
 */
public final class TableReader {
    /** Distinct labels above which an undeclared non-numeric column is treated as text. */
    public static final int MAX_CATEGORIES = 10_000;

    /** What to do with missing values. */
    public enum MissingPolicy {
        /** Drop and count them per column; the report states the counts and compares missing rates. */
        DROP_AND_COUNT,
        /** Reject the file at the first missing value. */
        REJECT
    }

    private final CsvParser parser;
    private final MissingPolicy missingPolicy;
    private final LongConsumer progress;

    private TableReader(CsvParser parser, MissingPolicy missingPolicy, LongConsumer progress) {
        this.parser = parser;
        this.missingPolicy = missingPolicy;
        this.progress = progress;
    }

    /** Comma-separated, missing values dropped and counted, no progress reports. */
    public static TableReader withDefaults() {
        return new TableReader(CsvParser.withDefaults(), MissingPolicy.DROP_AND_COUNT, null);
    }

    /** A copy with another missing-value policy. */
    public TableReader with(MissingPolicy policy) {
        return new TableReader(parser, Checks.requireNonNull(policy, "policy"), progress);
    }

    /** A copy with another parser (e.g. another delimiter). */
    public TableReader with(CsvParser p) {
        return new TableReader(Checks.requireNonNull(p, "parser"), missingPolicy, progress);
    }

    /** A copy that reports the bytes read so far, about every 4 MiB, to a listener. */
    public TableReader withProgress(LongConsumer listener) {
        return new TableReader(parser, missingPolicy, Checks.requireNonNull(listener, "listener"));
    }

    /** The missing-value policy. */
    public MissingPolicy missingPolicy() {
        return missingPolicy;
    }

    /** Reads a file, inferring what the schema leaves open. */
    public Table read(Path file, Schema schema) throws IOException {
        Checks.requireNonNull(schema, "schema");
        return read(file, schema, null);
    }

    /**
     * Reads a file with the column types of an earlier table (the reference): every tested column of
     * the reference must be present; columns the reference lacks are skipped with that reason.
     */
    public Table readLike(Path file, Table reference) throws IOException {
        Checks.requireNonNull(reference, "reference");
        return read(file, null, reference);
    }

    private Table read(Path file, Schema schema, Table reference) throws IOException {
        TableFiles.requireReadable(file);
        Fingerprint fp = Fingerprint.of(file);
        Sink sink = new Sink(file, schema, reference, missingPolicy);
        TableFiles.parse(file, parser, sink, progress);
        return sink.finish(fp);
    }

    /** Accumulates one column. */
    private static final class Acc {
        final ColumnSpec spec;
        final boolean skip;
        FeatureType type; // null while inferring
        double[] nums = new double[1024];
        int count;
        long missing;
        long nonFinite;
        Map<String, long[]> cats;
        boolean numericPossible = true;
        double d1 = Double.NaN;
        double d2 = Double.NaN;
        boolean moreThanTwo;
        boolean text;

        Acc(ColumnSpec spec, FeatureType type) {
            this.spec = spec;
            this.skip = spec.handling() == ColumnSpec.Handling.SKIP;
            this.type = type;
            if (type == FeatureType.CATEGORICAL || type == FeatureType.BINARY) {
                cats = new HashMap<>();
                numericPossible = false;
            }
        }
    }

    private static final class Sink implements FieldSink {
        private final Path file;
        private final Schema schema;
        private final Table reference;
        private final MissingPolicy policy;
        private String[] names;
        private Acc[] accs;
        private long rows;
        private final List<ColumnSpec> extraSkipped = new ArrayList<>();
        private boolean pendingEmptyFirst;
        private long pendingLine;

        Sink(Path file, Schema schema, Table reference, MissingPolicy policy) {
            this.file = file;
            this.schema = schema;
            this.reference = reference;
            this.policy = policy;
        }

        @Override
        public void field(int column, byte[] buf, int start, int length, long line) {
            if (accs == null) {
                if (names == null) {
                    names = new String[16];
                }
                if (column >= names.length) {
                    names = Arrays.copyOf(names, names.length * 2);
                }
                names[column] = new String(buf, start, length, StandardCharsets.UTF_8).trim();
                return;
            }
            if (column == 0 && length == 0) {
                // maybe a blank line: decide when the next field or the record end arrives
                pendingEmptyFirst = true;
                pendingLine = line;
                return;
            }
            if (column == 1 && pendingEmptyFirst) {
                pendingEmptyFirst = false;
                accept(0, buf, start, 0, pendingLine);
            }
            accept(column, buf, start, length, line);
        }

        private void accept(int column, byte[] buf, int start, int length, long line) {
            if (column >= accs.length) {
                throw new DataFormatException(file, line, null, "every record must have " + accs.length
                        + " fields like the header; got more. Quote fields that contain the delimiter.");
            }
            Acc a = accs[column];
            if (a.skip) {
                return;
            }
            if (isMissing(buf, start, length)) {
                if (policy == MissingPolicy.REJECT) {
                    throw new DataFormatException(file, line, a.spec.name(),
                            "must not be missing under the reject policy; got an empty or NA cell. Fill it or drop and count missing values.");
                }
                a.missing++;
                return;
            }
            if (a.numericPossible) {
                double v = NumberParser.parse(buf, start, length);
                if (!NumberParser.failed(v)) {
                    if (!Double.isFinite(v)) {
                        a.missing++;
                        a.nonFinite++;
                        return;
                    }
                    if (a.count == a.nums.length) {
                        a.nums = Arrays.copyOf(a.nums, a.nums.length * 2);
                    }
                    a.nums[a.count++] = v == 0.0 ? 0.0 : v;
                    if (!a.moreThanTwo) {
                        if (Double.isNaN(a.d1) || a.d1 == v) {
                            a.d1 = v;
                        } else if (Double.isNaN(a.d2) || a.d2 == v) {
                            a.d2 = v;
                        } else {
                            a.moreThanTwo = true;
                        }
                    }
                    return;
                }
                if (a.type == FeatureType.NUMERIC) {
                    String got = new String(buf, start, Math.min(length, 40), StandardCharsets.UTF_8);
                    throw new DataFormatException(file, line, a.spec.name(), "must be a number; got \"" + got
                            + "\". Clean the value or declare the column categorical in the schema.");
                }
                // inferred column turns categorical: earlier numbers become labels
                a.numericPossible = false;
                a.cats = new HashMap<>();
                for (int i = 0; i < a.count; i++) {
                    a.cats.computeIfAbsent(label(a.nums[i]), k -> new long[1])[0]++;
                }
                a.nums = null;
                a.count = 0;
            }
            if (a.text) {
                return;
            }
            String label = new String(buf, start, length, StandardCharsets.UTF_8);
            long[] c = a.cats.get(label);
            if (c == null) {
                if (a.cats.size() >= MAX_CATEGORIES && a.type == null) {
                    a.text = true;
                    a.cats = null;
                    return;
                }
                c = new long[1];
                a.cats.put(label, c);
            }
            c[0]++;
        }

        @Override
        public void endRecord(int fields, long line) {
            if (accs == null) {
                start(fields, line);
                return;
            }
            if (pendingEmptyFirst) {
                pendingEmptyFirst = false;
                if (fields == 1 && accs.length > 1) {
                    return; // a blank line between records: not a record
                }
                accept(0, new byte[0], 0, 0, line);
            }
            if (fields != accs.length) {
                throw new DataFormatException(file, line, null, "every record must have " + accs.length
                        + " fields like the header; got " + fields + ". Check the delimiter and quoting of this line.");
            }
            rows++;
        }

        private void start(int fields, long line) {
            String[] header = Arrays.copyOf(names, fields);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < header.length; i++) {
                if (header[i].isEmpty()) {
                    header[i] = "column_" + (i + 1);
                }
                if (!seen.add(header[i])) {
                    throw new DataFormatException(file, line, header[i],
                            "column names must be unique; got \"" + header[i] + "\" twice. Rename one of them.");
                }
            }
            accs = new Acc[fields];
            for (int i = 0; i < fields; i++) {
                String name = header[i];
                ColumnSpec spec;
                FeatureType type;
                if (reference != null) {
                    Column rc = reference.columns().get(name);
                    if (rc == null) {
                        spec = reference.header().stream().filter(s -> s.name().equals(name)).findFirst()
                                .map(s -> ColumnSpec.skipped(name, s.reason() == null ? "skipped in the reference" : s.reason()))
                                .orElse(ColumnSpec.skipped(name, "not in the reference data"));
                        type = null;
                    } else {
                        spec = rc.spec();
                        type = spec.type();
                    }
                } else {
                    spec = schema.specFor(name);
                    type = spec.type();
                }
                accs[i] = new Acc(spec, type);
            }
            if (reference != null) {
                for (String name : reference.columns().keySet()) {
                    if (!seen.contains(name)) {
                        throw new DataFormatException(file, 1, name, "the column must be present as in the reference data; "
                                + "got a header without it. Give files with the same columns, or skip the column in the schema.");
                    }
                }
            } else {
                for (String declared : schema.columns().keySet()) {
                    if (!seen.contains(declared)) {
                        throw new DataFormatException(file, 1, declared, "the column named in the schema must be in the file; "
                                + "got a header without it. Fix the schema or the file.");
                    }
                }
            }
        }

        Table finish(Fingerprint fp) {
            if (accs == null) {
                throw new DataFormatException(file, 0, null, "the file must have a header line and data; got an empty file. "
                        + "Give a CSV file with a header.");
            }
            List<ColumnSpec> header = new ArrayList<>();
            Map<String, Column> columns = new LinkedHashMap<>();
            for (Acc a : accs) {
                if (a.skip) {
                    header.add(a.spec);
                    continue;
                }
                if (a.text) {
                    header.add(ColumnSpec.skipped(a.spec.name(), "more than " + MAX_CATEGORIES
                            + " distinct non-numeric values (free text or an identifier)"));
                    continue;
                }
                if (!a.spec.tested() && a.type == null) {
                    // identifiers and timestamps are kept out of the check without reading their values
                    header.add(ColumnSpec.skipped(a.spec.name(), "role " + a.spec.role().name().toLowerCase(java.util.Locale.ROOT)
                            + " is never tested"));
                    continue;
                }
                Column c = build(a);
                header.add(c.spec());
                columns.put(c.spec().name(), c);
            }
            header.addAll(extraSkipped);
            return new Table(file.getFileName().toString(), fp, rows, header, columns);
        }

        private Column build(Acc a) {
            if (a.numericPossible) {
                FeatureType t = a.type;
                if (t == null) {
                    t = (a.count > 0 && !a.moreThanTwo && !Double.isNaN(a.d2)) ? FeatureType.BINARY : FeatureType.NUMERIC;
                }
                if (t == FeatureType.BINARY) {
                    Map<String, Long> counts = new TreeMap<>();
                    for (int i = 0; i < a.count; i++) {
                        counts.merge(label(a.nums[i]), 1L, Long::sum);
                    }
                    return new Column.Categorical(a.spec.withType(FeatureType.BINARY), counts, a.missing);
                }
                double[] v = Arrays.copyOf(a.nums, a.count);
                a.nums = null;
                SortedSample s = v.length == 0 ? null : SortedSample.adopt(v);
                return new Column.Numeric(a.spec.withType(FeatureType.NUMERIC), s, a.missing, a.nonFinite);
            }
            Map<String, Long> counts = new TreeMap<>();
            for (Map.Entry<String, long[]> e : a.cats.entrySet()) {
                counts.put(e.getKey(), e.getValue()[0]);
            }
            FeatureType t = a.type;
            if (t == null) {
                t = counts.size() == 2 ? FeatureType.BINARY : FeatureType.CATEGORICAL;
            }
            if (t == FeatureType.BINARY && counts.size() > 2) {
                throw new DataFormatException(file, 0, a.spec.name(), "a binary column must have at most 2 distinct values; got "
                        + counts.size() + ". Declare it categorical in the schema.");
            }
            return new Column.Categorical(a.spec.withType(t), counts, a.missing);
        }
    }

    static String label(double v) {
        return NumberParser.label(v);
    }

    private static boolean isMissing(byte[] b, int s, int len) {
        return NumberParser.isMissingToken(b, s, len);
    }
}
