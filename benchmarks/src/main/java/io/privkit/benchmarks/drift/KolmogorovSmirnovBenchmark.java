package io.privkit.benchmarks.drift;

import io.privkit.common.Randomness;
import io.privkit.drift.test.KolmogorovSmirnov;
import io.privkit.drift.test.SortedSample;
import java.util.Arrays;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: does the exact two-sample KS statistic (with its asymptotic p-value) on 10 million vs 10
 * million unsorted values take under 3 seconds on one core? Peer, in the same run: the
 * sort-and-binary-search algorithm that SciPy's {@code ks_2samp} uses (sort both samples, then
 * evaluate both ECDFs at every pooled value by binary search, O((n+m) log n)), written in Java.
 * Both start from the same unsorted arrays and include sorting. The naive O(n m) reference path is
 * infeasible at this size (10^14 comparisons) and is compared with the fast path in unit tests.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar KolmogorovSmirnovBenchmark}; report
 * {@code privkitExactKs / sortAndSearchPeer}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Threads(1)
public class KolmogorovSmirnovBenchmark {
    @Param({"10000000"})
    public int n;

    double[] reference;
    double[] current;

    @Setup(Level.Trial)
    public void setUp() {
        Randomness r = Randomness.insecureSeeded(42);
        reference = new double[n];
        current = new double[n];
        for (int i = 0; i < n; i++) {
            reference[i] = gauss(r);
            current[i] = gauss(r) + 0.01;
        }
    }

    static double gauss(Randomness r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** Privkit: copy and sort each sample, merge walk, asymptotic p-value. */
    @Benchmark
    public double privkitExactKs() {
        SortedSample a = SortedSample.of(reference);
        SortedSample b = SortedSample.of(current);
        return KolmogorovSmirnov.test(a, b).pValue();
    }

    /** Peer: sort copies, then binary-search both ECDFs at every pooled value (SciPy's ks_2samp algorithm). */
    @Benchmark
    public double sortAndSearchPeer() {
        double[] a = reference.clone();
        double[] b = current.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        double d = 0;
        for (double[] src : new double[][] {a, b}) {
            for (double t : src) {
                double fa = upper(a, t) / (double) a.length;
                double fb = upper(b, t) / (double) b.length;
                d = Math.max(d, Math.abs(fa - fb));
            }
        }
        return KolmogorovSmirnov.asymptoticPValue(a.length, b.length, d, io.privkit.drift.test.Alternative.TWO_SIDED);
    }

    private static int upper(double[] s, double x) {
        int lo = 0;
        int hi = s.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (s[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
