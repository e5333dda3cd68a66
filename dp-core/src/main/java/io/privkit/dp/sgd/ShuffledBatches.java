package io.privkit.dp.sgd;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;

/**
 * Fixed-size batches from a fresh random permutation each epoch (Fisher-Yates): every epoch visits
 * {@code floor(n / b)} batches of exactly {@code b} examples and drops the remaining
 * {@code n mod b}, so each example is in at most one batch per epoch.
 *
 * <p><b>Accounting.</b> No amplification-by-sampling theorem covers shuffled batches (Chua et al.,
 * "How Private are DP-SGD Implementations?", ICML 2024, show that Poisson accounting for them can
 * understate epsilon badly). Privkit therefore accounts each step of this mode as a Gaussian
 * mechanism on the full dataset (no amplification), which holds whatever the batches were; the
 * evidence says "implemented: shuffle, accounted as: no amplification". Prefer
 * {@link PoissonSampler} unless fixed batch shapes are a hard requirement.
 *
 * <p>Not thread-safe: it holds the current epoch's permutation.
 */
public final class ShuffledBatches {
    private final int datasetSize;
    private final int batchSize;
    private int[] permutation;
    private int position;

    private ShuffledBatches(int datasetSize, int batchSize) {
        this.datasetSize = datasetSize;
        this.batchSize = batchSize;
        this.position = 0;
    }

    /** Batches of {@code batchSize} from {@code datasetSize} examples. */
    public static ShuffledBatches of(int datasetSize, int batchSize) {
        Checks.requirePositive(datasetSize, "datasetSize");
        Checks.requirePositive(batchSize, "batchSize");
        if (batchSize > datasetSize) {
            throw Checks.argument("batchSize").mustBe("at most the dataset size (" + datasetSize + ")").got(batchSize)
                    .fix("Use a smaller batch.").exception();
        }
        return new ShuffledBatches(datasetSize, batchSize);
    }

    /** Batches per epoch, {@code floor(n / b)}. */
    public int batchesPerEpoch() {
        return datasetSize / batchSize;
    }

    /** The next batch of exactly {@code batchSize} indices, reshuffling at each epoch's start. */
    public int[] next(Randomness random) {
        Checks.requireNonNull(random, "random");
        if (permutation == null || position + batchSize > (datasetSize / batchSize) * batchSize) {
            permutation = new int[datasetSize];
            for (int i = 0; i < datasetSize; i++) {
                permutation[i] = i;
            }
            for (int i = datasetSize - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = permutation[i];
                permutation[i] = permutation[j];
                permutation[j] = t;
            }
            position = 0;
        }
        int[] out = java.util.Arrays.copyOfRange(permutation, position, position + batchSize);
        position += batchSize;
        java.util.Arrays.sort(out);
        return out;
    }
}
