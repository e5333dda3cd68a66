package io.privkit.federated.learn;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.federated.ModelSpec;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.TensorSpec;
import java.util.Arrays;

/**
 * Multinomial logistic regression: {@code p = softmax(x W + b)} with {@code W} of shape
 * {@code [features, classes]} and {@code b} of shape {@code [classes]}; loss
 * {@code -log p_y}; gradient {@code ∂/∂W_ik = x_i (p_k - 1[k = y])}, {@code ∂/∂b_k = p_k - 1[k = y]}.
 * Starts from zeros. Immutable and thread-safe.
 *
 * @param features input dimension
 * @param classes  number of classes
 */
public record SoftmaxRegression(int features, int classes) implements Classifier {

    public SoftmaxRegression {
        Checks.requirePositive(features, "features");
        if (classes < 2) {
            throw Checks.argument("classes").mustBe("at least 2").got(classes).noFix().exception();
        }
    }

    @Override
    public ModelSpec spec() {
        return ModelSpec.of(TensorSpec.of("W", features, classes), TensorSpec.of("b", classes));
    }

    @Override
    public ModelWeights initialize(Randomness randomness) {
        return ModelWeights.zeros(spec());
    }

    private void logits(double[] w, double[] x, double[] z) {
        int bOff = features * classes;
        System.arraycopy(w, bOff, z, 0, classes);
        for (int i = 0; i < features; i++) {
            double xi = x[i];
            if (xi != 0) {
                int off = i * classes;
                for (int k = 0; k < classes; k++) {
                    z[k] += xi * w[off + k];
                }
            }
        }
    }

    @Override
    public double lossAndGradient(double[] w, Dataset data, int[] batch, int from, int to, double[] gradient) {
        Arrays.fill(gradient, 0);
        double[] z = new double[classes];
        double loss = 0;
        int bOff = features * classes;
        for (int t = from; t < to; t++) {
            int r = batch[t];
            double[] x = data.row(r);
            logits(w, x, z);
            Classifier.softmax(z);
            int y = data.label(r);
            loss -= Math.log(Math.max(z[y], 1e-300));
            z[y] -= 1;
            for (int i = 0; i < features; i++) {
                double xi = x[i];
                if (xi != 0) {
                    int off = i * classes;
                    for (int k = 0; k < classes; k++) {
                        gradient[off + k] += xi * z[k];
                    }
                }
            }
            for (int k = 0; k < classes; k++) {
                gradient[bOff + k] += z[k];
            }
        }
        int n = to - from;
        for (int j = 0; j < gradient.length; j++) {
            gradient[j] /= n;
        }
        return loss / n;
    }

    @Override
    public int predict(double[] w, Dataset data, int i) {
        double[] z = new double[classes];
        logits(w, data.row(i), z);
        int best = 0;
        for (int k = 1; k < classes; k++) {
            if (z[k] > z[best]) {
                best = k;
            }
        }
        return best;
    }
}
