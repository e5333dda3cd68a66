package io.privkit.federated.learn;

import io.privkit.common.Randomness;
import io.privkit.federated.ModelSpec;
import io.privkit.federated.ModelWeights;

/**
 * A small classifier trained with minibatch SGD on cross-entropy, written out in plain Java so a
 * client needs no ML framework: {@link SoftmaxRegression} and {@link MultilayerPerceptron}. Used
 * by the CLI's built-in task, simulations and examples; for real models plug a DL4J or Tribuo
 * training loop into {@link io.privkit.federated.client.LocalTrainer}.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface Classifier {

    /** The tensors of the model. */
    ModelSpec spec();

    /** Initial parameters (deterministic for a seeded source). */
    ModelWeights initialize(Randomness randomness);

    /**
     * The mean cross-entropy over {@code batch[from .. to)} and its gradient with respect to
     * {@code w}, written (not added) into {@code gradient}.
     */
    double lossAndGradient(double[] w, Dataset data, int[] batch, int from, int to, double[] gradient);

    /** The most probable class of row {@code i}. */
    int predict(double[] w, Dataset data, int i);

    /** The fraction of rows predicted correctly. */
    default double accuracy(ModelWeights w, Dataset data) {
        if (data.size() == 0) {
            return Double.NaN;
        }
        double[] v = w.values();
        int ok = 0;
        for (int i = 0; i < data.size(); i++) {
            if (predict(v, data, i) == data.label(i)) {
                ok++;
            }
        }
        return ok / (double) data.size();
    }

    /** Numerically stable softmax of {@code z} in place. */
    static void softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double s = 0;
        for (int k = 0; k < z.length; k++) {
            z[k] = Math.exp(z[k] - max);
            s += z[k];
        }
        for (int k = 0; k < z.length; k++) {
            z[k] /= s;
        }
    }
}
