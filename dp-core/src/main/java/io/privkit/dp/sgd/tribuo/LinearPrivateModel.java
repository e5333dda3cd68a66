package io.privkit.dp.sgd.tribuo;

import io.privkit.dp.sgd.GradientNoise;
import io.privkit.dp.sgd.PrivateGradientModel;
import org.tribuo.common.sgd.SGDObjective;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.SGDVector;
import org.tribuo.math.la.Tensor;
import org.tribuo.math.la.VectorTuple;

/**
 * A Tribuo linear model (weights {@code W}, outputs by features plus a bias column) over in-memory
 * training data as a {@link PrivateGradientModel}.
 *
 * <p>For example {@code i} with feature vector {@code x_i} (bias feature 1 appended), objective
 * gradient {@code d_i} with respect to the prediction {@code W x_i} (Tribuo's
 * {@link SGDObjective#lossAndGradient}) and example weight {@code w_i}, the parameter gradient is the
 * outer product {@code w_i d_i x_i^T}, so its L2 norm is {@code |w_i| |d_i| |x_i|} and the clipped
 * sum is accumulated coordinate by coordinate without forming per-example matrices. The noisy sum,
 * divided by the expected batch size, goes to the configured Tribuo
 * {@link StochasticGradientOptimiser} as its gradient (Tribuo's objectives return the descent
 * direction, the negative loss gradient; noise is symmetric, so the sign does not matter).
 *
 * <p>Not thread-safe.
 */
final class LinearPrivateModel<U> implements PrivateGradientModel {
    private final SGDVector[] features;
    private final U[] targets;
    private final double[] weights;
    private final LinearParameters parameters;
    private final SGDObjective<U> objective;
    private final StochasticGradientOptimiser optimiser;
    private final int outputs;
    private final int inputs;
    private final double[] sum;

    LinearPrivateModel(SGDVector[] features, U[] targets, double[] weights, LinearParameters parameters,
                       SGDObjective<U> objective, StochasticGradientOptimiser optimiser) {
        this.features = features;
        this.targets = targets;
        this.weights = weights;
        this.parameters = parameters;
        this.objective = objective;
        this.optimiser = optimiser;
        DenseMatrix w = parameters.getWeightMatrix();
        this.outputs = w.getDimension1Size();
        this.inputs = w.getDimension2Size();
        this.sum = new double[outputs * inputs];
    }

    @Override
    public int parameterCount() {
        return sum.length;
    }

    @Override
    public void beginStep() {
        java.util.Arrays.fill(sum, 0.0);
    }

    /** The objective's gradient with respect to the prediction, for example {@code i}. */
    SGDVector delta(int i) {
        SGDVector prediction = parameters.predict(features[i]);
        return objective.lossAndGradient(targets[i], prediction).getB();
    }

    @Override
    public void addClippedGradients(int[] examples, double clippingNorm) {
        for (int i : examples) {
            SGDVector d = delta(i);
            double norm = Math.abs(weights[i]) * d.twoNorm() * features[i].twoNorm();
            if (!Double.isFinite(norm)) {
                throw new IllegalStateException("the gradient of a training example is not finite (norm " + norm
                        + "): the model has diverged or a feature is not finite. Lower the learning rate or check the data.");
            }
            double factor = weights[i] * (norm > CLIP_BOUND * clippingNorm ? CLIP_BOUND * clippingNorm / norm : 1.0);
            for (int r = 0; r < outputs; r++) {
                double coef = factor * d.get(r);
                if (coef == 0.0) {
                    continue;
                }
                int base = r * inputs;
                for (VectorTuple t : features[i]) {
                    sum[base + t.index] += coef * t.value;
                }
            }
        }
    }

    /** 1 - 2^-20: see the DL4J adapter's clipping; keeps the computed norm at most C. */
    static final double CLIP_BOUND = 1.0 - 0x1p-20;

    @Override
    public void applyNoisyStep(GradientNoise noise, double normaliser) {
        double[] noisy = sum.clone();
        noise.addNoise(noisy);
        DenseMatrix update = new DenseMatrix(outputs, inputs);
        for (int r = 0; r < outputs; r++) {
            for (int c = 0; c < inputs; c++) {
                update.set(r, c, noisy[r * inputs + c] / normaliser);
            }
        }
        Tensor[] step = optimiser.step(new Tensor[] {update}, 1.0);
        parameters.update(step);
    }

    /** The step's clipped sum so far, row-major (outputs x inputs); for tests. */
    double[] clippedSum() {
        return sum.clone();
    }

    LinearParameters parameters() {
        return parameters;
    }

    int size() {
        return features.length;
    }
}
