package io.privkit.fairness.mitigation.tribuo;

import io.privkit.common.Checks;
import io.privkit.fairness.mitigation.BinaryClassifier;
import io.privkit.fairness.mitigation.WeightedLearner;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A {@link WeightedLearner} over Tribuo: logistic regression ({@link LinearSGDTrainer} with the
 * {@link LogMulticlass} objective and AdaGrad) on dense {@code double[]} features, trained with one
 * example per step so that Tribuo applies each example's weight to its own gradient step (with
 * larger minibatches Tribuo uses only the batch's mean weight). Deterministic for a fixed seed.
 *
 * <p>Immutable and thread-safe; each {@link #fit} builds its own trainer.
 */
public final class TribuoLogisticLearner implements WeightedLearner<double[]> {
    private static final LabelFactory FACTORY = new LabelFactory();
    private final int epochs;
    private final double learningRate;
    private final long seed;

    /**
     * A learner.
     *
     * @param epochs       passes over the data, at least 1
     * @param learningRate AdaGrad's initial learning rate, greater than 0
     * @param seed         the trainer's seed (shuffling, initialisation)
     */
    public TribuoLogisticLearner(int epochs, double learningRate, long seed) {
        this.epochs = Checks.requirePositive(epochs, "epochs");
        this.learningRate = Checks.requirePositive(learningRate, "learningRate");
        this.seed = seed;
    }

    /** Five epochs at learning rate 0.5 with the given seed. */
    public static TribuoLogisticLearner withSeed(long seed) {
        return new TribuoLogisticLearner(5, 0.5, seed);
    }

    @Override
    public BinaryClassifier<double[]> fit(List<double[]> features, int[] labels, double[] weights) {
        Checks.requireNonNull(features, "features");
        if (features.isEmpty() || features.size() != labels.length || weights.length != labels.length) {
            throw Checks.argument("features").mustBe("non-empty, with one label and weight each").got(features.size()).noFix().exception();
        }
        int d = features.get(0).length;
        String[] names = new String[d];
        for (int f = 0; f < d; f++) {
            names[f] = String.format("f%04d", f);
        }
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("privkit reductions", FACTORY), FACTORY);
        for (int i = 0; i < labels.length; i++) {
            ArrayExample<Label> e = new ArrayExample<>(new Label(Integer.toString(labels[i])), names, features.get(i));
            e.setWeight((float) weights[i]);
            data.add(e);
        }
        if (data.getOutputs().size() < 2) {
            // Only one label: the best classifier predicts it everywhere.
            int only = labels[0];
            return x -> only;
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(learningRate), epochs, -1, 1, seed);
        Model<Label> model = trainer.train(data);
        return x -> {
            Example<Label> e = new ArrayExample<>(FACTORY.getUnknownOutput(), names, x);
            return model.predict(e).getOutput().getLabel().equals("1") ? 1 : 0;
        };
    }

    @Override
    public String toString() {
        return "Tribuo LinearSGDTrainer(LogMulticlass, AdaGrad(" + learningRate + "), " + epochs + " epochs, minibatch 1, seed " + seed + ")";
    }
}
