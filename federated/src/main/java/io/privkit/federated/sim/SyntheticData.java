package io.privkit.federated.sim;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.federated.learn.Dataset;

/**
 * Generated classification data: {@code classes} Gaussian clusters in {@code dims} dimensions,
 * class means drawn with independent {@code N(0, separation²/dims)} coordinates (so their expected
 * distance is about {@code separation·√2}), each example its class mean plus {@code N(0, I)} noise.
 * Used where no real dataset is installed; deterministic for a seeded source.
 */
public final class SyntheticData {
    private SyntheticData() {
    }

    /** {@code n} examples, labels cycling through the classes in random order. */
    public static Dataset gaussianClusters(int n, int dims, int classes, double separation, Randomness randomness) {
        Checks.requirePositive(n, "n");
        Checks.requirePositive(dims, "dims");
        Checks.requirePositive(separation, "separation");
        Randomness means = randomness.derive("means");
        double[][] mu = new double[classes][dims];
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < dims; j++) {
                mu[k][j] = gaussian(means) * separation / Math.sqrt(dims);
            }
        }
        Randomness r = randomness.derive("examples");
        double[][] x = new double[n][dims];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
            for (int j = 0; j < dims; j++) {
                x[i][j] = mu[y[i]][j] + gaussian(r);
            }
        }
        return Dataset.of(x, y, classes);
    }

    /** The same cluster means as {@link #gaussianClusters} with the same randomness, a fresh sample. */
    public static Dataset[] trainTest(int nTrain, int nTest, int dims, int classes, double separation, Randomness randomness) {
        Dataset all = gaussianClusters(nTrain + nTest, dims, classes, separation, randomness);
        int[] tr = new int[nTrain];
        int[] te = new int[nTest];
        for (int i = 0; i < nTrain; i++) {
            tr[i] = i;
        }
        for (int i = 0; i < nTest; i++) {
            te[i] = nTrain + i;
        }
        return new Dataset[] {all.subset(tr), all.subset(te)};
    }

    private static double gaussian(Randomness r) {
        double u1 = 1 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
