package io.privkit.federated.learn;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.federated.ModelSpec;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.TensorSpec;
import java.util.Arrays;

/**
 * A one-hidden-layer perceptron with ReLU: {@code a = max(0, x W1 + b1)},
 * {@code p = softmax(a W2 + b2)}; the "2NN" of McMahan et al. 2017 has two such layers of 200.
 * Back-propagation: {@code δ2 = p - e_y}, {@code ∂W2 = aᵀ δ2}, {@code δ1 = (W2 δ2) ⊙ 1[a > 0]},
 * {@code ∂W1 = xᵀ δ1}. Weights start from He initialisation ({@code N(0, 2 / fan_in)}), biases
 * from zero. Immutable and thread-safe.
 *
 * @param features input dimension
 * @param hidden   hidden units
 * @param classes  number of classes
 */
public record MultilayerPerceptron(int features, int hidden, int classes) implements Classifier {

    public MultilayerPerceptron {
        Checks.requirePositive(features, "features");
        Checks.requirePositive(hidden, "hidden");
        if (classes < 2) {
            throw Checks.argument("classes").mustBe("at least 2").got(classes).noFix().exception();
        }
    }

    @Override
    public ModelSpec spec() {
        return ModelSpec.of(TensorSpec.of("W1", features, hidden), TensorSpec.of("b1", hidden),
                TensorSpec.of("W2", hidden, classes), TensorSpec.of("b2", classes));
    }

    private int w1() {
        return 0;
    }

    private int b1() {
        return features * hidden;
    }

    private int w2() {
        return b1() + hidden;
    }

    private int b2() {
        return w2() + hidden * classes;
    }

    @Override
    public ModelWeights initialize(Randomness randomness) {
        double[] w = new double[spec().size()];
        double s1 = Math.sqrt(2.0 / features);
        double s2 = Math.sqrt(2.0 / hidden);
        for (int j = 0; j < features * hidden; j++) {
            w[w1() + j] = s1 * gaussian(randomness);
        }
        for (int j = 0; j < hidden * classes; j++) {
            w[w2() + j] = s2 * gaussian(randomness);
        }
        return ModelWeights.of(spec(), w);
    }

    /** A standard normal draw (Box-Muller) for initialisation; not privacy noise. */
    static double gaussian(Randomness r) {
        double u1 = 1 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private void forward(double[] w, double[] x, double[] a, double[] z) {
        System.arraycopy(w, b1(), a, 0, hidden);
        for (int i = 0; i < features; i++) {
            double xi = x[i];
            if (xi != 0) {
                int off = w1() + i * hidden;
                for (int h = 0; h < hidden; h++) {
                    a[h] += xi * w[off + h];
                }
            }
        }
        for (int h = 0; h < hidden; h++) {
            a[h] = Math.max(0, a[h]);
        }
        System.arraycopy(w, b2(), z, 0, classes);
        for (int h = 0; h < hidden; h++) {
            double ah = a[h];
            if (ah != 0) {
                int off = w2() + h * classes;
                for (int k = 0; k < classes; k++) {
                    z[k] += ah * w[off + k];
                }
            }
        }
    }

    @Override
    public double lossAndGradient(double[] w, Dataset data, int[] batch, int from, int to, double[] g) {
        Arrays.fill(g, 0);
        double[] a = new double[hidden];
        double[] z = new double[classes];
        double[] d1 = new double[hidden];
        double loss = 0;
        for (int t = from; t < to; t++) {
            int r = batch[t];
            double[] x = data.row(r);
            forward(w, x, a, z);
            Classifier.softmax(z);
            int y = data.label(r);
            loss -= Math.log(Math.max(z[y], 1e-300));
            z[y] -= 1;
            for (int k = 0; k < classes; k++) {
                g[b2() + k] += z[k];
            }
            for (int h = 0; h < hidden; h++) {
                double ah = a[h];
                int off = w2() + h * classes;
                double back = 0;
                for (int k = 0; k < classes; k++) {
                    g[off + k] += ah * z[k];
                    back += w[off + k] * z[k];
                }
                d1[h] = ah > 0 ? back : 0;
            }
            for (int h = 0; h < hidden; h++) {
                g[b1() + h] += d1[h];
            }
            for (int i = 0; i < features; i++) {
                double xi = x[i];
                if (xi != 0) {
                    int off = w1() + i * hidden;
                    for (int h = 0; h < hidden; h++) {
                        g[off + h] += xi * d1[h];
                    }
                }
            }
        }
        int n = to - from;
        for (int j = 0; j < g.length; j++) {
            g[j] /= n;
        }
        return loss / n;
    }

    @Override
    public int predict(double[] w, Dataset data, int i) {
        double[] a = new double[hidden];
        double[] z = new double[classes];
        forward(w, data.row(i), a, z);
        int best = 0;
        for (int k = 1; k < classes; k++) {
            if (z[k] > z[best]) {
                best = k;
            }
        }
        return best;
    }
}
