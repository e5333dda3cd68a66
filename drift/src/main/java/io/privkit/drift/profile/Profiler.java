package io.privkit.drift.profile;

import io.privkit.common.Checks;
import io.privkit.common.DataFormatException;
import io.privkit.common.Fingerprint;
import io.privkit.common.table.CsvParser;
import io.privkit.common.table.FieldSink;
import io.privkit.common.table.NumberParser;
import io.privkit.common.table.TableFiles;
import io.privkit.drift.table.Column;
import io.privkit.drift.table.ColumnSpec;
import io.privkit.drift.table.Table;
import io.privkit.drift.test.Binning;
import io.privkit.drift.test.SortedSample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Builds {@link TableProfile}s.
 *
 * <p>{@link #reference} profiles a reference table held in memory: the coarse edges are the
 * policy's reference-quantile cut points and the fine edges the quantiles at k/F (type 7, duplicates
 * dropped), so both come from the exact reference distribution. {@link #profileCsv} profiles another
 * file against a reference profile's edges in one streaming pass: the calling thread parses the
 * file into batches of rows and worker threads count each batch into their own partial profile;
 * the partials are merged at the end (counts add, so the result does not depend on how rows were
 * split). Memory is bounded by the batches in flight, whatever the file size.
 *
 * <p>Immutable configuration; each call is independent.
 */
public final class Profiler {
    /** Default number of fine bins for the deterministic KS bound. */
    public static final int DEFAULT_FINE_BINS = 1000;
    /** Default KLL accuracy parameter (single-sided rank error about 0.013). */
    public static final int DEFAULT_KLL_K = 200;
    private static final int BATCH_ROWS = 16_384;

    private final int bins;
    private final int fineBins;
    private final int kllK;
    private final int threads;
    private final LongConsumer progress;

    private Profiler(int bins, int fineBins, int kllK, int threads, LongConsumer progress) {
        this.bins = bins;
        this.fineBins = fineBins;
        this.kllK = kllK;
        this.threads = threads;
        this.progress = progress;
    }

    /** 10 coarse bins, 1000 fine bins, KLL k = 200, one worker per available core. */
    public static Profiler withDefaults() {
        return new Profiler(Binning.DEFAULT_BINS, DEFAULT_FINE_BINS, DEFAULT_KLL_K, Runtime.getRuntime().availableProcessors(), null);
    }

    /** Options of a profiler. */
    public record Options(int bins, int fineBins, int kllK, int threads) {
        public Options {
            Checks.requireAtLeast(bins, "bins", 2);
            Checks.requireAtLeast(fineBins, "fineBins", 2);
            if (kllK != 0 && (kllK < 8 || kllK > 65535)) {
                throw Checks.argument("kllK").mustBe("0 or in [8, 65535]").got(kllK).fix("Use e.g. 200.").exception();
            }
            Checks.requireAtLeast(threads, "threads", 1);
        }
    }

    /** A copy with other options. */
    public Profiler with(Options o) {
        Checks.requireNonNull(o, "options");
        return new Profiler(o.bins(), o.fineBins(), o.kllK(), o.threads(), progress);
    }

    /** A copy reporting bytes read (about every 4 MiB). */
    public Profiler withProgress(LongConsumer listener) {
        return new Profiler(bins, fineBins, kllK, threads, Checks.requireNonNull(listener, "listener"));
    }

    /** Profiles a reference table (edges from its exact quantiles). */
    public TableProfile reference(Table table) {
        Checks.requireNonNull(table, "table");
        Map<String, TableProfile.ColumnProfile> cols = new LinkedHashMap<>();
        Map<String, String> excluded = new LinkedHashMap<>();
        for (ColumnSpec s : table.header()) {
            if (!table.columns().containsKey(s.name())) {
                excluded.put(s.name(), s.reason() == null ? "not checked" : s.reason());
            }
        }
        for (Column c : table.columns().values()) {
            if (c instanceof Column.Numeric num) {
                SortedSample s = num.sample();
                NumericProfile p;
                if (s == null) {
                    p = new NumericProfile(new Binning(new double[0], bins, 0), new double[0], kllK);
                } else {
                    Binning coarse = Binning.referenceQuantiles(s, bins);
                    Binning fine = Binning.referenceQuantiles(s, fineBins);
                    p = new NumericProfile(coarse, fine.edges(), kllK);
                    for (int i = 0; i < s.size(); i++) {
                        p.add(s.get(i));
                    }
                }
                for (long i = 0; i < num.missing() - num.nonFinite(); i++) {
                    p.addMissing();
                }
                for (long i = 0; i < num.nonFinite(); i++) {
                    p.add(Double.POSITIVE_INFINITY);
                }
                cols.put(c.spec().name(), new TableProfile.ColumnProfile(c.spec(), p, null));
            } else {
                Column.Categorical cat = (Column.Categorical) c;
                CategoricalProfile p = new CategoricalProfile(CategoricalProfile.DEFAULT_CAP);
                cat.counts().forEach(p::add);
                for (long i = 0; i < cat.missing(); i++) {
                    p.addMissing();
                }
                cols.put(c.spec().name(), new TableProfile.ColumnProfile(c.spec(), null, p));
            }
        }
        Fingerprint fp = table.fingerprint();
        return new TableProfile(table.source(), fp == null ? null : fp.sha256().hex(), fp == null ? -1 : fp.sizeBytes(), table.rows(),
                cols, excluded);
    }

    /**
     * Profiles a CSV (or Parquet) file on a reference profile's edges, in one streaming pass with parallel workers.
     *
     * @throws DataFormatException for a missing column, a non-number in a numeric column (naming row
     *                             and column) or a malformed record
     */
    public TableProfile profileCsv(Path file, TableProfile reference) throws IOException {
        Checks.requireNonNull(reference, "reference");
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, 0, null, "the file must exist; got no such file. Check the path.");
        }
        Fingerprint fp = Fingerprint.of(file);
        TableProfile result = reference.emptyLike(file.getFileName().toString(), fp.sha256().hex(), fp.sizeBytes());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "privkit-profile");
            t.setDaemon(true);
            return t;
        });
        BlockingQueue<TableProfile> partials = new ArrayBlockingQueue<>(threads);
        for (int i = 0; i < threads; i++) {
            partials.add(reference.emptyLike(result.source(), null, -1));
        }
        List<Future<?>> pending = new ArrayList<>();
        BatchSink sink = new BatchSink(file, reference, batch -> {
            // bound the batches in flight: wait for the oldest when too many are queued
            while (pending.size() >= 2 * threads) {
                try {
                    await(pending.remove(0));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            pending.add(pool.submit(() -> {
                TableProfile part = partials.take();
                try {
                    batch.applyTo(part);
                } finally {
                    partials.put(part);
                }
                return null;
            }));
        });
        try {
            try {
                TableFiles.parse(file, CsvParser.withDefaults(), sink, progress);
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            sink.flush();
            for (Future<?> f : pending) {
                await(f);
            }
        } finally {
            pool.shutdownNow();
        }
        if (!sink.sawHeader()) {
            throw new DataFormatException(file, 0, null, "the file must have a header line and data; got an empty file. Give a CSV file with a header.");
        }
        for (TableProfile part : partials) {
            result.merge(part);
        }
        return result;
    }

    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while profiling", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(c);
        }
    }

    /** Rows of one batch, columnar: numbers for numeric columns (NaN = missing), labels otherwise (null = missing). */
    private static final class Batch {
        final double[][] nums;
        final String[][] labels;
        final String[] names;
        int rows;

        Batch(String[] names, boolean[] numeric) {
            this.names = names;
            nums = new double[names.length][];
            labels = new String[names.length][];
            for (int i = 0; i < names.length; i++) {
                if (names[i] == null) {
                    continue;
                }
                if (numeric[i]) {
                    nums[i] = new double[BATCH_ROWS];
                } else {
                    labels[i] = new String[BATCH_ROWS];
                }
            }
        }

        void applyTo(TableProfile part) {
            for (int c = 0; c < names.length; c++) {
                if (names[c] == null) {
                    continue;
                }
                TableProfile.ColumnProfile cp = part.columns().get(names[c]);
                if (nums[c] != null) {
                    cp.numeric().addAll(nums[c], rows);
                } else {
                    CategoricalProfile p = cp.categorical();
                    String[] v = labels[c];
                    for (int r = 0; r < rows; r++) {
                        if (v[r] == null) {
                            p.addMissing();
                        } else {
                            p.add(v[r]);
                        }
                    }
                }
            }
            part.addRows(rows);
        }
    }

    private static final class BatchSink implements FieldSink {
        private final Path file;
        private final TableProfile reference;
        private final java.util.function.Consumer<Batch> consumer;
        private String[] headerCells = new String[16];
        private String[] names; // per file column: profiled column name or null
        private boolean[] numeric;
        private Batch batch;
        private boolean header = true;

        BatchSink(Path file, TableProfile reference, java.util.function.Consumer<Batch> consumer) {
            this.file = file;
            this.reference = reference;
            this.consumer = consumer;
        }

        boolean sawHeader() {
            return names != null;
        }

        @Override
        public void field(int column, byte[] buf, int start, int length, long line) {
            if (header) {
                if (column >= headerCells.length) {
                    headerCells = java.util.Arrays.copyOf(headerCells, headerCells.length * 2);
                }
                headerCells[column] = new String(buf, start, length, StandardCharsets.UTF_8).trim();
                return;
            }
            if (column >= names.length) {
                throw new DataFormatException(file, line, null, "every record must have " + names.length
                        + " fields like the header; got more. Quote fields that contain the delimiter.");
            }
            String name = names[column];
            if (name == null) {
                return;
            }
            int r = batch.rows;
            boolean missing = NumberParser.isMissingToken(buf, start, length);
            if (numeric[column]) {
                if (missing) {
                    batch.nums[column][r] = Double.NaN;
                } else {
                    double v = NumberParser.parse(buf, start, length);
                    if (NumberParser.failed(v)) {
                        String got = new String(buf, start, Math.min(length, 40), StandardCharsets.UTF_8);
                        throw new DataFormatException(file, line, name, "must be a number; got \"" + got
                                + "\". Clean the value or declare the column categorical in the schema.");
                    }
                    batch.nums[column][r] = v;
                }
            } else {
                batch.labels[column][r] = missing ? null : new String(buf, start, length, StandardCharsets.UTF_8);
            }
        }

        @Override
        public void endRecord(int fields, long line) {
            if (header) {
                header = false;
                names = new String[fields];
                numeric = new boolean[fields];
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (int i = 0; i < fields; i++) {
                    String h = headerCells[i];
                    seen.add(h);
                    TableProfile.ColumnProfile cp = reference.columns().get(h);
                    if (cp != null) {
                        names[i] = h;
                        numeric[i] = cp.numeric() != null;
                    }
                }
                for (String col : reference.columns().keySet()) {
                    if (!seen.contains(col)) {
                        throw new DataFormatException(file, 1, col, "the column must be present as in the reference data; "
                                + "got a header without it. Give files with the same columns, or skip the column in the schema.");
                    }
                }
                batch = new Batch(names, numeric);
                return;
            }
            if (fields != names.length) {
                if (fields == 1 && names.length > 1) {
                    return; // a blank line
                }
                throw new DataFormatException(file, line, null, "every record must have " + names.length
                        + " fields like the header; got " + fields + ". Check the delimiter and quoting of this line.");
            }
            batch.rows++;
            if (batch.rows == BATCH_ROWS) {
                consumer.accept(batch);
                batch = new Batch(names, numeric);
            }
        }

        void flush() {
            if (batch != null && batch.rows > 0) {
                consumer.accept(batch);
                batch = new Batch(names, numeric);
            }
        }
    }
}
