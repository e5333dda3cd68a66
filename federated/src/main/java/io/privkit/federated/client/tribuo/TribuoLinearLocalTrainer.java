package io.privkit.federated.client.tribuo;

import com.oracle.labs.mlrg.olcut.util.Pair;
import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.federated.ModelSpec;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.client.LocalTrainer;
import io.privkit.federated.client.LocalUpdate;
import io.privkit.federated.client.TrainingTask;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.LabelObjective;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SGDVector;
import org.tribuo.math.la.Tensor;

/**
 * A site's local training of a linear classifier (multinomial logistic regression by default) on a
 * Tribuo {@link Dataset}, warm-started from the federation's global model.
 *
 * <pre>{@code
 * FeatureSpace space = new FeatureSpace(List.of("age", "bmi", "glucose"), List.of("healthy", "at-risk"));
 * LocalTrainer trainer = TribuoLinearLocalTrainer.of(localDataset, space, SGD.getSimpleSGD(0.1))
 *         .with(TribuoLinearLocalTrainer.Options.withDefaults().withBatchSize(16));
 * // the coordinator starts from space.initialModel(); at the end space.toModel(run.finalModel()) is a Tribuo Model
 * }</pre>
 *
 * <p>Tribuo's own trainers always start from zero parameters, so this trainer owns the loop (as
 * dp-core's {@code DpSgdLinearTrainer} does for DP-SGD) and reuses Tribuo's pieces: the
 * {@link LabelObjective} for the loss and its gradient with respect to the scores, and the user's
 * {@link StochasticGradientOptimiser} (a fresh copy each round) for the step. For a minibatch
 * {@code B} the optimiser receives the descent direction
 * {@code G = (1/|B|) Σ_{i∈B} w_i d_i [x_i; 1]^T − μ (W − W_g)}, where {@code d_i} is the objective's
 * negative loss gradient at the scores {@code W [x_i; 1]}, {@code w_i} the example weight and
 * {@code μ} FedProx's proximal coefficient from the task (Li et al., MLSys 2020; 0 for FedAvg). With
 * batch size 1, no shuffling and {@code μ = 0} this is exactly Tribuo's {@code LinearSGDTrainer}
 * started from the global model.
 *
 * <p><b>Data mapping.</b> Examples are mapped onto the {@link FeatureSpace} by feature and label
 * name when the trainer is made, and checked there: a feature or label outside the space, an
 * unlabelled example or a non-finite value is an {@link IllegalArgumentException} naming it (a
 * feature the federation does not know would otherwise be silently dropped). A feature of the space
 * absent from an example counts as 0, as in Tribuo.
 *
 * <p>The update is {@code w_trained − w_global} weighted by the number of local examples; metrics:
 * {@code accuracy} of the global model on the local data before training and {@code loss}, the
 * mean loss over the round's examples. Not thread-safe; one task at a time.
 */
public final class TribuoLinearLocalTrainer implements LocalTrainer {

    /**
     * Local training options.
     *
     * @param epochs    local epochs E when the strategy gives no hint; at least 1
     * @param batchSize minibatch size B; at least 1
     * @param shuffles  when present, the examples are reshuffled every epoch with
     *                  {@code shuffles.derive("round-r/epoch-e")}; when empty they are taken in
     *                  dataset order
     */
    public record Options(int epochs, int batchSize, Optional<Randomness> shuffles) {
        public Options {
            Checks.requirePositive(epochs, "epochs");
            Checks.requirePositive(batchSize, "batchSize");
            Checks.requireNonNull(shuffles, "shuffles");
        }

        /** One epoch, minibatches of 1, shuffled with secure randomness. */
        public static Options withDefaults() {
            return new Options(1, 1, Optional.of(Randomness.secure()));
        }

        /** The same options with {@code epochs} local epochs. */
        public Options withEpochs(int epochs) {
            return new Options(epochs, batchSize, shuffles);
        }

        /** The same options with minibatches of {@code batchSize}. */
        public Options withBatchSize(int batchSize) {
            return new Options(epochs, batchSize, shuffles);
        }

        /** The same options, shuffled with {@code shuffles} (seed it to reproduce a run). */
        public Options with(Randomness shuffles) {
            return new Options(epochs, batchSize, Optional.of(Checks.requireNonNull(shuffles, "shuffles")));
        }

        /** The same options, examples in dataset order. */
        public Options inOrder() {
            return new Options(epochs, batchSize, Optional.empty());
        }
    }

    private final FeatureSpace space;
    private final StochasticGradientOptimiser optimiser;
    private final LabelObjective objective;
    private final Options options;
    private final DenseVector[] x;     // features in the space's order, bias 1 last
    private final int[] y;             // label positions in the space
    private final double[] weights;

    private TribuoLinearLocalTrainer(FeatureSpace space, StochasticGradientOptimiser optimiser, LabelObjective objective,
                                     Options options, DenseVector[] x, int[] y, double[] weights) {
        this.space = space;
        this.optimiser = optimiser;
        this.objective = objective;
        this.options = options;
        this.x = x;
        this.y = y;
        this.weights = weights;
    }

    /**
     * A trainer of the logistic (softmax) objective on {@code data}.
     *
     * @param data      the site's labelled examples
     * @param space     the federation's feature names and label order
     * @param optimiser the step rule, e.g. {@code SGD.getSimpleSGD(0.1)}; copied every round
     * @throws IllegalArgumentException naming the first example, feature or label that does not fit
     *                                  the space
     */
    public static TribuoLinearLocalTrainer of(Dataset<Label> data, FeatureSpace space, StochasticGradientOptimiser optimiser) {
        Checks.requireNonNull(data, "data");
        Checks.requireNonNull(space, "space");
        Checks.requireNonNull(optimiser, "optimiser");
        if (data.size() == 0) {
            throw Checks.argument("data").mustBe("non-empty").got(0).fix("Give each site at least one example.").exception();
        }
        Map<String, Integer> features = space.featureIndex();
        Map<String, Integer> labels = space.labelIndex();
        int d = space.features().size();
        int n = data.size();
        DenseVector[] x = new DenseVector[n];
        int[] y = new int[n];
        double[] w = new double[n];
        TreeSet<String> unknown = new TreeSet<>();
        int i = 0;
        for (Example<Label> ex : data) {
            Label label = ex.getOutput();
            Integer k = label == null ? null : labels.get(label.getLabel());
            if (k == null) {
                throw Checks.argument("label of example " + i).mustBe("one of the federation's labels " + space.labels())
                        .got(label == null ? "none" : label.getLabel())
                        .fix("Add the label to the FeatureSpace on every site and the coordinator, or drop the example.").exception();
            }
            double[] v = new double[d + 1];
            for (Feature f : ex) {
                Integer j = features.get(f.getName());
                if (j == null) {
                    unknown.add(f.getName());
                    continue;
                }
                if (!Double.isFinite(f.getValue())) {
                    throw Checks.argument("feature '" + f.getName() + "' of example " + i).mustBe("finite").got(f.getValue())
                            .fix("Drop or impute rows with missing values before training.").exception();
                }
                v[j] += f.getValue();
            }
            v[d] = 1.0;
            double weight = ex.getWeight();
            if (!(weight > 0) || !Double.isFinite(weight)) {
                throw Checks.argument("weight of example " + i).mustBe("positive and finite").got(weight)
                        .fix("Use example weights > 0 (Tribuo's default is 1).").exception();
            }
            x[i] = DenseVector.createDenseVector(v);
            y[i] = k;
            w[i] = weight;
            i++;
        }
        if (!unknown.isEmpty()) {
            throw Checks.argument("features of the local data").mustBe("among the federation's features " + space.features())
                    .got("unknown " + unknown)
                    .fix("Rename or drop these columns at this site, or add them to the FeatureSpace of every site and the coordinator.")
                    .exception();
        }
        return new TribuoLinearLocalTrainer(space, optimiser, new LogMulticlass(), Options.withDefaults(), x, y, w);
    }

    /** The same trainer with other options. */
    public TribuoLinearLocalTrainer with(Options newOptions) {
        return new TribuoLinearLocalTrainer(space, optimiser, objective, Checks.requireNonNull(newOptions, "options"), x, y, weights);
    }

    /** The same trainer with another linear classification objective (e.g. {@code Hinge} for a linear SVM). */
    public TribuoLinearLocalTrainer with(LabelObjective newObjective) {
        return new TribuoLinearLocalTrainer(space, optimiser, Checks.requireNonNull(newObjective, "objective"), options, x, y, weights);
    }

    /** The feature space. */
    public FeatureSpace space() {
        return space;
    }

    /** The number of local examples. */
    public int size() {
        return x.length;
    }

    @Override
    public LocalUpdate train(TrainingTask task) {
        Checks.requireNonNull(task, "task");
        ModelWeights global = task.globalModel();
        space.requireModel(global.spec());
        int epochs = task.instructions().localEpochs() > 0 ? task.instructions().localEpochs() : options.epochs();
        double mu = task.instructions().proximalMu();
        int k = space.labels().size();
        int d = space.features().size();

        DenseMatrix anchor = toMatrix(global, k, d);
        LinearParameters parameters = new LinearParameters(toMatrix(global, k, d));
        double accuracyBefore = accuracy(parameters);
        StochasticGradientOptimiser opt = optimiser.copy();
        opt.initialise(parameters);
        int n = x.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double lossSum = 0;
        long lossCount = 0;
        for (int e = 0; e < epochs; e++) {
            if (options.shuffles().isPresent()) {
                Randomness r = options.shuffles().get().derive("round-" + task.round() + "/epoch-" + e);
                for (int i = n - 1; i > 0; i--) {   // Fisher-Yates
                    int j = r.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
            }
            for (int s = 0; s < n; s += options.batchSize()) {
                int end = Math.min(n, s + options.batchSize());
                DenseMatrix g = new DenseMatrix(k, d + 1);
                for (int b = s; b < end; b++) {
                    int i = order[b];
                    Pair<Double, SGDVector> lg = objective.lossAndGradient(y[i], parameters.predict(x[i]));
                    lossSum += lg.getA();
                    lossCount++;
                    SGDVector dir = lg.getB();
                    for (int r = 0; r < k; r++) {
                        double c = weights[i] * dir.get(r);
                        if (c != 0.0) {
                            for (int j = 0; j <= d; j++) {
                                g.add(r, j, c * x[i].get(j));
                            }
                        }
                    }
                }
                double scale = 1.0 / (end - s);
                DenseMatrix w = parameters.getWeightMatrix();
                for (int r = 0; r < k; r++) {
                    for (int j = 0; j <= d; j++) {
                        double v = g.get(r, j) * scale;
                        if (mu > 0) {
                            v -= mu * (w.get(r, j) - anchor.get(r, j));
                        }
                        g.set(r, j, v);
                    }
                }
                Tensor[] step = opt.step(new Tensor[] {g}, 1.0);
                parameters.update(step);
            }
        }
        opt.finalise();
        ModelWeights trained = fromMatrix(global.spec(), parameters.getWeightMatrix(), k, d);
        LocalUpdate update = LocalUpdate.fromTrained(global, trained, n).withMetric("accuracy", accuracyBefore);
        double meanLoss = lossSum / Math.max(1, lossCount);
        return Double.isFinite(meanLoss) ? update.withMetric("loss", meanLoss) : update;
    }

    private double accuracy(LinearParameters parameters) {
        int correct = 0;
        for (int i = 0; i < x.length; i++) {
            if (parameters.predict(x[i]).indexOfMax() == y[i]) {
                correct++;
            }
        }
        return correct / (double) x.length;
    }

    /** The {@code [k, d+1]} matrix of Tribuo's layout: weights, then the bias column. */
    static DenseMatrix toMatrix(ModelWeights m, int k, int d) {
        double[] w = m.tensor(FeatureSpace.WEIGHTS);
        double[] b = m.tensor(FeatureSpace.BIAS);
        DenseMatrix out = new DenseMatrix(k, d + 1);
        for (int r = 0; r < k; r++) {
            for (int j = 0; j < d; j++) {
                out.set(r, j, w[r * d + j]);
            }
            out.set(r, d, b[r]);
        }
        return out;
    }

    static ModelWeights fromMatrix(ModelSpec spec, DenseMatrix matrix, int k, int d) {
        double[] values = new double[k * d + k];
        for (int r = 0; r < k; r++) {
            for (int j = 0; j < d; j++) {
                values[r * d + j] = matrix.get(r, j);
            }
            values[k * d + r] = matrix.get(r, d);
        }
        // The spec is the space's (checked by requireModel): weights first, then bias.
        return ModelWeights.of(spec, values);
    }
}
