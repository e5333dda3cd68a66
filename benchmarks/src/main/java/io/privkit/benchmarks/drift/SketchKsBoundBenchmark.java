package io.privkit.benchmarks.drift;

import io.privkit.common.Randomness;
import io.privkit.drift.profile.SketchKs;
import io.privkit.drift.test.KolmogorovSmirnov;
import io.privkit.drift.test.SortedSample;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.datasketches.kll.KllDoublesSketch;
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
 * Question: is the KS statistic from two KLL sketches within its stated bound eps_x + eps_y in every
 * trial, and what does sketching cost against the exact statistic? Each invocation builds both
 * sketches anew (KLL compaction is randomised, so every build is a fresh trial), merged from 16
 * partitions as a distributed job would, and checks |D_hat - D| &lt;= bound against the exact D
 * computed once per trial; the trial fails at tear-down if any invocation broke the bound.
 * Peer, in the same run: the exact statistic by sorting and merging the same samples
 * ({@code exactKs}). Report {@code sketchKs / exactKs} and the largest error as a share of the bound.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SketchKsBoundBenchmark {
    @Param({"1000000"})
    public int n;

    @Param({"200", "1024"})
    public int k;

    double[] a;
    double[] b;
    double exact;
    long trials;
    long violations;
    double worstShare;

    @Setup(Level.Trial)
    public void setUp() {
        Randomness r = Randomness.insecureSeeded(11);
        a = new double[n];
        b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = KolmogorovSmirnovBenchmark.gauss(r);
            b[i] = Math.rint(KolmogorovSmirnovBenchmark.gauss(r) * 20) / 20 + 0.02; // ties on a grid
        }
        exact = KolmogorovSmirnov.statistic(SortedSample.of(a), SortedSample.of(b)).d();
    }

    static KllDoublesSketch sketch(double[] v, int k) {
        KllDoublesSketch all = KllDoublesSketch.newHeapInstance(k);
        for (int part = 0; part < 16; part++) {
            KllDoublesSketch s = KllDoublesSketch.newHeapInstance(k);
            for (int i = part; i < v.length; i += 16) {
                s.update(v[i]);
            }
            all.merge(s);
        }
        return all;
    }

    /** Build both sketches (16 merged partitions each) and estimate D with its bound. */
    @Benchmark
    public double sketchKs() {
        SketchKs.Estimate e = SketchKs.estimate(sketch(a, k), sketch(b, k));
        double err = Math.abs(e.dHat() - exact);
        synchronized (this) {
            trials++;
            if (err > e.bound()) {
                violations++;
            }
            worstShare = Math.max(worstShare, e.bound() == 0 ? 0 : err / e.bound());
        }
        return e.dHat();
    }

    /** Peer: the exact statistic by sort and merge. */
    @Benchmark
    public double exactKs() {
        return KolmogorovSmirnov.statistic(SortedSample.of(a), SortedSample.of(b)).d();
    }

    @TearDown(Level.Trial)
    public void check() {
        if (trials == 0) {
            return; // the exactKs peer's trial
        }
        System.out.printf(Locale.ROOT, "%nKLL k=%d: %d trials, %d bound violations, largest error %.1f%% of the bound%n", k, trials,
                violations, 100 * worstShare);
        if (violations > 0) {
            throw new IllegalStateException(violations + " of " + trials + " sketch KS estimates broke the stated bound");
        }
    }
}
