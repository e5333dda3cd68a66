package io.privkit.drift.profile;

import io.privkit.common.Checks;
import io.privkit.common.DataFormatException;
import io.privkit.common.Fingerprint;
import io.privkit.common.table.CsvParser;
import io.privkit.common.table.FieldSink;
import io.privkit.common.table.NumberParser;
import io.privkit.common.table.TableFiles;
import io.privkit.common.table.TableFormat;
import io.privkit.drift.table.Column;
import io.privkit.drift.table.ColumnSpec;
import io.privkit.drift.table.Table;
import io.privkit.drift.test.Binning;
import io.privkit.drift.test.SortedSample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * file against a reference profile's edges in one streaming pass: the file is cut into chunks at
 * line ends, each worker thread parses and counts whole chunks into a chunk profile, and the chunk
 * profiles are merged in file order (counts add; the moments merge by Chan et al.'s update). Memory
 * is bounded by the chunks in flight, whatever the file size. A sequential reference path (one
 * parser, one profile) decides every file the chunked path cannot: bad input, whose error it
 * reports with its true line, and quoted line breaks across a cut.
 *
 * <p>Immutable configuration; each call is independent and may run on several threads of its own.
 */
public final class Profiler {
    /** Default number of fine bins for the deterministic KS bound. */
    public static final int DEFAULT_FINE_BINS = 1000;
    /** Default KLL accuracy parameter (single-sided rank error about 0.013). */
    public static final int DEFAULT_KLL_K = 200;
    private static final int BATCH_ROWS = 16_384;
    /** Bytes per chunk of a CSV file parsed in parallel. */
    static final long CHUNK_BYTES = 32L << 20;

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
     * Profiles a CSV (or Parquet) file on a reference profile's edges, in one streaming pass.
     *
     * <p>A CSV file is cut into chunks of about 32 MiB at line ends, the workers parse and count the
     * chunks independently and the calling thread merges the chunk profiles in file order. The cut is
     * speculative: it assumes a line end after the nominal offset ends a record. A chunk that starts
     * inside a quoted field cannot parse cleanly (its predecessor then ends inside quotes, which the
     * parser rejects), so every chunk parsing without error proves that every cut is a record
     * boundary of the sequential parse, and the rows, and so the counts, are exactly those of one
     * sequential pass. On any error the file is parsed again sequentially by the reference path,
     * which reports the error with its true line number, or profiles a file whose quoted line break
     * crossed a cut. The chunks do not depend on the number of threads and are merged in order, so
     * the result does not either (the KLL sketch's own random compaction aside). Parquet files take
     * the sequential path.
     *
     * @throws DataFormatException for a missing column, a non-number in a numeric column (naming row
     *                             and column) or a malformed record
     */
    public TableProfile profileCsv(Path file, TableProfile reference) throws IOException {
        Checks.requireNonNull(reference, "reference");
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, 0, null, "the file must exist; got no such file. Check the path.");
        }
        if (TableFormat.detect(file) == TableFormat.PARQUET) {
            Fingerprint fp = Fingerprint.of(file);
            return profileSequential(file, reference, fp);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "privkit-profile");
            t.setDaemon(true);
            return t;
        });
        try {
            // the digest is one more sequential pass over the file: let a worker do it beside the parsing
            Future<Fingerprint> digest = pool.submit(() -> Fingerprint.of(file));
            TableProfile chunked = profileChunks(file, reference, pool, digest);
            return chunked != null ? chunked : profileSequential(file, reference, get(digest));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The chunked path alone (for tests): null where {@link #profileCsv} would fall back to the reference path. */
    TableProfile profileChunkedOnly(Path file, TableProfile reference) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            return profileChunks(file, reference, pool, pool.submit(() -> Fingerprint.of(file)));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The reference path: one sequential parse of the whole file into one profile, batch by batch,
     * on the calling thread.
     */
    TableProfile profileSequential(Path file, TableProfile reference, Fingerprint fp) throws IOException {
        TableProfile result = reference.emptyLike(file.getFileName().toString(), fp.sha256().hex(), fp.sizeBytes());
        BatchSink sink = new BatchSink(file, reference, batch -> batch.applyTo(result));
        TableFiles.parse(file, CsvParser.withDefaults(), sink, progress);
        sink.flush();
        if (!sink.sawHeader()) {
            throw new DataFormatException(file, 0, null, "the file must have a header line and data; got an empty file. Give a CSV file with a header.");
        }
        return result;
    }

    /** A copy cutting CSV files into chunks of about this many bytes (tests use small chunks). */
    Profiler withChunkBytes(long bytes) {
        Profiler p = new Profiler(bins, fineBins, kllK, threads, progress);
        p.chunkBytes = Math.max(1, bytes);
        return p;
    }

    private long chunkBytes = CHUNK_BYTES;

    /** The chunked parallel path; null when the file must take the sequential path instead. */
    private TableProfile profileChunks(Path file, TableProfile reference, ExecutorService pool, Future<Fingerprint> digest)
            throws IOException {
        long[] cuts;
        BatchSink header;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long headerEnd = headerEnd(ch, size);
            if (headerEnd < 0) {
                return null;
            }
            header = new BatchSink(file, reference, batch -> {
                throw new IllegalStateException("header only");
            });
            byte[] head = new byte[(int) headerEnd];
            readFully(ch, ByteBuffer.wrap(head), 0);
            CsvParser.withDefaults().parse(new java.io.ByteArrayInputStream(head), file, header);
            if (!header.sawHeader() || header.records() != 1) {
                return null; // e.g. lone CR line ends: the reference path handles them
            }
            cuts = cuts(ch, headerEnd, size, chunkBytes);
            if (cuts == null) {
                return null;
            }
        } catch (RuntimeException e) {
            return null; // a malformed header: the reference path reports it
        }
        Progress shared = progress == null ? null : new Progress(progress);
        int chunks = cuts.length - 1;
        int window = 2 * threads; // chunk profiles in flight: bounds memory whatever the file size
        List<Future<TableProfile>> tasks = new ArrayList<>(chunks);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int k = 0; k < chunks; k++) {
                tasks.add(null);
            }
            TableProfile merged = reference.emptyLike(file.getFileName().toString(), null, -1);
            for (int k = 0; k < chunks; k++) {
                for (int j = k; j < Math.min(chunks, k + window); j++) {
                    if (tasks.get(j) == null) {
                        final long from = cuts[j];
                        final long to = cuts[j + 1];
                        tasks.set(j, pool.submit(() -> profileChunk(ch, file, header, reference, from, to, shared)));
                    }
                }
                TableProfile part;
                try {
                    part = tasks.get(k).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while profiling", e);
                } catch (ExecutionException e) {
                    for (Future<TableProfile> t : tasks) {
                        if (t != null) {
                            t.cancel(true);
                        }
                    }
                    return null; // a malformed record or a cut inside quotes: the reference path decides
                }
                tasks.set(k, null);
                merged.merge(part);
            }
            Fingerprint fp = get(digest);
            TableProfile result = reference.emptyLike(file.getFileName().toString(), fp.sha256().hex(), fp.sizeBytes());
            result.merge(merged);
            return result;
        }
    }

    private static TableProfile profileChunk(FileChannel ch, Path file, BatchSink header, TableProfile reference, long from, long to,
                                             Progress shared) throws IOException {
        TableProfile part = reference.emptyLike(file.getFileName().toString(), null, -1);
        BatchSink sink = header.forChunk(batch -> batch.applyTo(part));
        InputStream in = new RegionInput(ch, from, to, shared);
        CsvParser.withDefaults().parse(in, file, sink);
        sink.flush();
        return part;
    }

    /** The offset just after the header record (its first line end outside quotes), or -1 if not found in the first MiB. */
    static long headerEnd(FileChannel ch, long size) throws IOException {
        int n = (int) Math.min(size, 1 << 20);
        ByteBuffer bb = ByteBuffer.allocate(n);
        readFully(ch, bb, 0);
        byte[] b = bb.array();
        boolean inQuotes = false;
        for (int i = 0; i < n; i++) {
            if (b[i] == '"') {
                inQuotes = !inQuotes;
            } else if (b[i] == '\n' && !inQuotes) {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * The chunk cuts: {@code from}, then for each nominal offset {@code from + k * chunk} the first
     * position at or after it that follows a line feed (deduplicated), then {@code size}; null when a
     * chunk would start with a byte-order-mark-like sequence (the parser skips that only at file start).
     */
    static long[] cuts(FileChannel ch, long from, long size, long chunk) throws IOException {
        List<Long> out = new ArrayList<>();
        out.add(from);
        ByteBuffer bb = ByteBuffer.allocate(64 << 10);
        for (long nominal = from + chunk; nominal < size; nominal += chunk) {
            long last = out.get(out.size() - 1);
            long p = Math.max(nominal, last + 1);
            long cut = -1;
            // the first position >= p whose previous byte is a line feed
            long scan = p - 1;
            while (cut < 0 && scan < size) {
                bb.clear();
                int got = ch.read(bb, scan);
                if (got <= 0) {
                    break;
                }
                byte[] a = bb.array();
                for (int i = 0; i < got; i++) {
                    if (a[i] == '\n') {
                        cut = scan + i + 1;
                        break;
                    }
                }
                scan += got;
            }
            if (cut < 0 || cut >= size) {
                break;
            }
            if (cut > last) {
                out.add(cut);
                nominal = Math.max(nominal, cut - chunk); // a long line: the next nominal offset comes after this cut
            }
        }
        out.add(size);
        long[] cuts = new long[out.size()];
        byte[] three = new byte[3];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = out.get(i);
            if (i < cuts.length - 1 && cuts[i] + 3 <= size) {
                readFully(ch, ByteBuffer.wrap(three), cuts[i]);
                if ((three[0] & 0xFF) == 0xEF && (three[1] & 0xFF) == 0xBB && (three[2] & 0xFF) == 0xBF) {
                    return null;
                }
            }
        }
        return cuts;
    }

    private static void readFully(FileChannel ch, ByteBuffer bb, long at) throws IOException {
        long pos = at;
        while (bb.hasRemaining()) {
            int n = ch.read(bb, pos);
            if (n < 0) {
                throw new java.io.EOFException("unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }

    private static <T> T get(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while profiling", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof IOException io) {
                throw io;
            }
            throw new IOException(c);
        }
    }

    /** Bytes read by all chunks together, reported to the listener in order (about every 4 MiB). */
    private static final class Progress {
        private final LongConsumer listener;
        private long total;
        private long last;

        Progress(LongConsumer listener) {
            this.listener = listener;
        }

        synchronized void add(long n) {
            total += n;
            if (total - last >= (4 << 20)) {
                last = total;
                listener.accept(total);
            }
        }
    }

    /** A region of a file as a stream, by positional reads (the channel is shared between threads). */
    private static final class RegionInput extends InputStream {
        private final FileChannel ch;
        private long pos;
        private final long end;
        private final Progress progress;

        RegionInput(FileChannel ch, long from, long to, Progress progress) {
            this.ch = ch;
            this.pos = from;
            this.end = to;
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= end) {
                return -1;
            }
            int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - pos)), pos);
            if (n > 0) {
                pos += n;
                if (progress != null) {
                    progress.add(n);
                }
            }
            return n;
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

        private long records;

        BatchSink(Path file, TableProfile reference, java.util.function.Consumer<Batch> consumer) {
            this.file = file;
            this.reference = reference;
            this.consumer = consumer;
        }

        /** A sink for a chunk of data records after this sink's header; the consumer applies each batch before the next. */
        BatchSink forChunk(java.util.function.Consumer<Batch> chunkConsumer) {
            if (names == null || records != 1) {
                throw new IllegalStateException("a chunk sink needs a sink that has read exactly the header");
            }
            BatchSink s = new BatchSink(file, reference, chunkConsumer);
            s.header = false;
            s.names = names;
            s.numeric = numeric;
            s.batch = new Batch(names, numeric);
            return s;
        }

        boolean sawHeader() {
            return names != null;
        }

        /** Records seen, the header included. */
        long records() {
            return records;
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
            if (numeric[column]) {
                // no missing-value token parses as a number, so parse first and look for one only on failure
                double v = NumberParser.parse(buf, start, length);
                if (NumberParser.failed(v)) {
                    if (!NumberParser.isMissingToken(buf, start, length)) {
                        String got = new String(buf, start, Math.min(length, 40), StandardCharsets.UTF_8);
                        throw new DataFormatException(file, line, name, "must be a number; got \"" + got
                                + "\". Clean the value or declare the column categorical in the schema.");
                    }
                    v = Double.NaN;
                }
                batch.nums[column][r] = v;
            } else {
                boolean missing = NumberParser.isMissingToken(buf, start, length);
                batch.labels[column][r] = missing ? null : new String(buf, start, length, StandardCharsets.UTF_8);
            }
        }

        @Override
        public void endRecord(int fields, long line) {
            records++;
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
                batch.rows = 0; // the consumer has applied it: reuse the arrays
            }
        }

        void flush() {
            if (batch != null && batch.rows > 0) {
                consumer.accept(batch);
                batch.rows = 0;
            }
        }
    }
}
