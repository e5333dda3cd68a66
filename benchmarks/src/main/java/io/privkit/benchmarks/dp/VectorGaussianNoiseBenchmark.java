package io.privkit.benchmarks.dp;

import io.privkit.common.Randomness;
import io.privkit.dp.noise.DiscreteGaussianSampler;
import io.privkit.dp.noise.VectorGaussianNoise;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: can secure Gaussian noise be added to the ~200 000 coordinates of a DP-SGD step within
 * a few milliseconds? Measures {@link VectorGaussianNoise} (grid rounding, table-driven discrete
 * Gaussian, AES-256-CTR bits keyed from SecureRandom) on 200 000 coordinates against, in the same
 * run: {@link Random#nextGaussian()} (the insecure peer everyone reaches for: polar method on
 * doubles from a linear congruential generator, attackable), {@link SecureRandom#nextGaussian()}
 * (a CSPRNG behind the same floating-point sampler, still attackable), and the exact
 * Canonne-Kamath-Steinke discrete Gaussian per coordinate (the slow, obviously correct reference).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar VectorGaussianNoiseBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class VectorGaussianNoiseBenchmark {
    static final int DIMENSION = 200_000;

    private double[] vector;
    private VectorGaussianNoise noise;
    private Random random;
    private SecureRandom secureRandom;
    private DiscreteGaussianSampler exact;
    private Randomness exactRandomness;

    @Setup
    public void setUp() {
        vector = new double[DIMENSION];
        noise = VectorGaussianNoise.create(1.1, 1.0, DIMENSION, Randomness.secure());
        random = new Random(42);
        secureRandom = new SecureRandom();
        exact = DiscreteGaussianSampler.withSigma(noise.standardDeviation() / noise.granularity());
        exactRandomness = Randomness.secure();
    }

    /** Privkit: secure, floating-point safe, proven slack. */
    @Benchmark
    public double[] vectorGaussianNoise() {
        noise.addNoise(vector);
        return vector;
    }

    /** Insecure peer: java.util.Random's polar method. */
    @Benchmark
    public double[] utilRandomNextGaussian() {
        for (int i = 0; i < DIMENSION; i++) {
            vector[i] += 1.1 * random.nextGaussian();
        }
        return vector;
    }

    /** Still floating-point attackable: SecureRandom behind the polar method. */
    @Benchmark
    public double[] secureRandomNextGaussian() {
        for (int i = 0; i < DIMENSION; i++) {
            vector[i] += 1.1 * secureRandom.nextGaussian();
        }
        return vector;
    }

    /** Reference: the exact discrete Gaussian sampler per coordinate, at the same grid scale. */
    @Benchmark
    public double[] exactDiscreteGaussianPerCoordinate() {
        double g = noise.granularity();
        for (int i = 0; i < DIMENSION; i++) {
            vector[i] = (Math.rint(vector[i] / g) + exact.sample(exactRandomness)) * g;
        }
        return vector;
    }
}
