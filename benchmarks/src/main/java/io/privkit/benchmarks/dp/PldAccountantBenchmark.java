package io.privkit.benchmarks.dp;

import io.privkit.dp.accounting.DpEvent;
import io.privkit.dp.accounting.PldAccountant;
import io.privkit.dp.accounting.PrivacyAccountant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: how long does one PLD epsilon take for 10 000 steps of a Poisson-subsampled Gaussian
 * (DP-SGD), the accountant's everyday job? The bar is "well under" the 0.3-1.3 s that
 * Google's Python dp_accounting takes for the same query on this kind of machine (an external
 * anchor: Python does not run here).
 *
 * <p>Peer, in the same run: this accountant's own slow, obviously correct path
 * ({@link PldAccountant.Composition#DIRECT}: exponentiation by squaring with direct convolution),
 * at the same grid step 1e-4, sampling rate 0.01 and noise multiplier 2.0 (the two agree to 1e-8).
 * Each invocation builds both directions' distributions from scratch and answers epsilon at
 * delta = 1e-5.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PldAccountantBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class PldAccountantBenchmark {
    private final PldAccountant fast = PrivacyAccountant.pld();
    private final PldAccountant reference = PrivacyAccountant.pld().withComposition(PldAccountant.Composition.DIRECT);

    private static DpEvent event(double sigma) {
        return DpEvent.gaussian(sigma).poissonSampled(0.01).selfComposed(10_000);
    }

    /** The accountant's path: FFT power over a Chernoff window; noise multiplier 2.0. */
    @Benchmark
    public double fftCompositionSigma2() {
        return fast.account(event(2.0)).epsilon(1e-5);
    }

    /** The reference path: direct convolution by repeated squaring; noise multiplier 2.0 (peer). */
    @Benchmark
    public double directCompositionSigma2() {
        return reference.account(event(2.0)).epsilon(1e-5);
    }

    /**
     * The accountant's path at noise multiplier 1.1 (the TF Privacy MNIST setting, a wider
     * distribution; the direct path takes minutes here, so it is measured at 2.0 only).
     */
    @Benchmark
    public double fftCompositionSigma11() {
        return fast.account(event(1.1)).epsilon(1e-5);
    }
}
