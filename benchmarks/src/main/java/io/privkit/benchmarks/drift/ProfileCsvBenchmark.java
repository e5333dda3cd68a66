package io.privkit.benchmarks.drift;

import io.privkit.common.Randomness;
import io.privkit.drift.profile.Profiler;
import io.privkit.drift.profile.TableProfile;
import io.privkit.drift.table.Schema;
import io.privkit.drift.table.TableReader;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: how many MB/s does profiling a large CSV with 20 numeric columns reach (streaming parse,
 * counts on 10 reference bins and 1000 fine edges, moments, KLL k = 200 per column, the file's
 * SHA-256), with 1 and 2 worker threads? The target is well over 100 MB/s on a 1 GB file. Peer, in
 * the same run: a plain line-splitting read of the same file ({@code BufferedReader.readLine},
 * {@code String.split}, {@code Double.parseDouble}, summing the values) on one thread, which is what
 * a straightforward Java job does before any statistics. MB/s = file size / time; report
 * {@code lineSplittingPeer / privkitProfile} times (the throughput ratio) per thread count. The peer
 * ignores the thread parameter: its two rows are two measurements of the same single-threaded read.
 *
 * <p>{@code Profiler.profileCsv} cuts the file into 32 MiB chunks at line ends; each worker parses
 * and counts whole chunks (no per-field objects: fields are byte ranges, numbers are parsed from the
 * bytes) and the chunk profiles are merged in file order, so 2 threads parse twice as many bytes at
 * once. Figures are pessimistic on a machine whose cores are shared with other work.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ProfileCsvBenchmark} (1 GB file,
 * generated once per trial in a temporary folder; {@code -p sizeMb=128} for a quick run).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ProfileCsvBenchmark {
    @Param({"1024"})
    public int sizeMb;

    @Param({"1", "2"})
    public int threads;

    Path dir;
    Path file;
    TableProfile reference;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("privkit-bench");
        file = dir.resolve("current.csv");
        Path ref = dir.resolve("reference.csv");
        write(ref, 2L << 20, 1);
        write(file, (long) sizeMb << 20, 2);
        reference = Profiler.withDefaults().reference(TableReader.withDefaults().read(ref, Schema.inferAll()));
        System.out.printf(Locale.ROOT, "%nfile %s: %d MB%n", file, Files.size(file) >> 20);
    }

    static void write(Path p, long bytes, long seed) throws IOException {
        Randomness r = Randomness.insecureSeeded(seed);
        try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
            StringBuilder h = new StringBuilder();
            for (int c = 0; c < 20; c++) {
                h.append(c == 0 ? "" : ",").append("x").append(c);
            }
            w.write(h.append('\n').toString());
            long written = h.length();
            StringBuilder line = new StringBuilder(256);
            while (written < bytes) {
                line.setLength(0);
                for (int c = 0; c < 20; c++) {
                    if (c > 0) {
                        line.append(',');
                    }
                    double v = (r.nextDouble() - 0.5) * (c + 1) * 100;
                    line.append(Math.round(v * 10000) / 10000.0);
                }
                line.append('\n');
                w.write(line.toString());
                written += line.length();
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir.resolve("reference.csv"));
        Files.deleteIfExists(dir);
    }

    /** Privkit: streaming profile on the reference's edges, merged across worker threads. */
    @Benchmark
    public long privkitProfile() throws IOException {
        TableProfile p = Profiler.withDefaults().with(new Profiler.Options(10, 1000, 200, threads)).profileCsv(file, reference);
        return p.rows();
    }

    /** Peer: read lines, split on commas, parse every number, sum. */
    @Benchmark
    public double lineSplittingPeer() throws IOException {
        double sum = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                for (String f : line.split(",")) {
                    sum += Double.parseDouble(f);
                }
            }
        }
        return sum;
    }
}
