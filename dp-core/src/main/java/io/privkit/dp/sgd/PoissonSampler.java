package io.privkit.dp.sgd;

import io.privkit.common.Checks;
import io.privkit.common.Interval;
import io.privkit.common.Randomness;

/**
 * Poisson sampling of a training batch: each of the {@code n} examples is included independently
 * with probability {@code q}, so the batch size varies from step to step (and may be zero). This is
 * the sampling the privacy amplification of the subsampled Gaussian mechanism assumes (Abadi et al.,
 * "Deep Learning with Differential Privacy", CCS 2016; Mironov, Talwar and Zhang, "Renyi
 * Differential Privacy of the Sampled Gaussian Mechanism", arXiv:1908.10530, 2019), which
 * fixed-size shuffled batches do not satisfy (Chua et al., "How Private are DP-SGD
 * Implementations?", ICML 2024).
 *
 * <p><b>Exactness.</b> Inclusion is decided with integers, not floating point: example {@code i}
 * is included when a uniform 32-bit integer is below {@code m = ceil(q * 2^32)}. The implemented
 * inclusion probability is therefore exactly {@code m / 2^32}, which is at least {@code q} and at
 * most {@code q + 2^-32}; {@link #samplingRate()} returns it and it is the rate the accountant must
 * use (rounding q up errs towards more privacy loss).
 *
 * <p><b>Randomness.</b> Which examples were sampled must stay secret for the amplification to hold,
 * so draw from {@link Randomness#secure()} in production. Each step consumes {@code 4 n} random
 * bytes.
 *
 * <p>Immutable and thread-safe (the randomness passed to {@link #next} is the caller's).
 */
public final class PoissonSampler {
    private static final double TWO_32 = 4294967296.0;

    private final int datasetSize;
    private final long threshold;

    private PoissonSampler(int datasetSize, long threshold) {
        this.datasetSize = datasetSize;
        this.threshold = threshold;
    }

    /**
     * A sampler over {@code datasetSize} examples with inclusion probability {@code samplingRate},
     * rounded up to the next multiple of 2^-32.
     */
    public static PoissonSampler of(int datasetSize, double samplingRate) {
        Checks.requirePositive(datasetSize, "datasetSize");
        Checks.requireIn(samplingRate, "samplingRate", Interval.openClosed(0, 1),
                "Give the probability with which each example joins a batch, e.g. expectedBatchSize / datasetSize.");
        // q * 2^32 is exact in double (a power-of-two scaling), so ceil is exact: m / 2^32 >= q.
        long m = (long) Math.ceil(samplingRate * TWO_32);
        return new PoissonSampler(datasetSize, Math.min(m, 1L << 32));
    }

    /** The implemented inclusion probability, {@code m / 2^32}: the rate to account for. */
    public double samplingRate() {
        return threshold / TWO_32;
    }

    /** Rounds {@code q} up to the rate this sampler implements, without building one. */
    public static double implementedRate(double samplingRate) {
        return of(1, samplingRate).samplingRate();
    }

    /** The number of examples sampled from. */
    public int datasetSize() {
        return datasetSize;
    }

    /** The expected batch size, {@code n * samplingRate()}. */
    public double expectedBatchSize() {
        return datasetSize * samplingRate();
    }

    /**
     * One batch: the indices of the included examples, in increasing order; possibly empty.
     *
     * @param random the source of the inclusion decisions (secure in production)
     */
    public int[] next(Randomness random) {
        Checks.requireNonNull(random, "random");
        byte[] bits = new byte[4 * datasetSize];
        random.nextBytes(bits);
        int[] chosen = new int[Math.max(16, (int) Math.min(datasetSize, 2 * expectedBatchSize() + 16))];
        int count = 0;
        for (int i = 0; i < datasetSize; i++) {
            int o = 4 * i;
            long u = (bits[o] & 0xFFL) | (bits[o + 1] & 0xFFL) << 8 | (bits[o + 2] & 0xFFL) << 16 | (bits[o + 3] & 0xFFL) << 24;
            if (u < threshold) {
                if (count == chosen.length) {
                    chosen = java.util.Arrays.copyOf(chosen, Math.min(datasetSize, 2 * chosen.length));
                }
                chosen[count++] = i;
            }
        }
        return java.util.Arrays.copyOf(chosen, count);
    }
}
