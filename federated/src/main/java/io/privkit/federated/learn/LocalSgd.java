package io.privkit.federated.learn;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.client.LocalTrainer;
import io.privkit.federated.client.LocalUpdate;
import io.privkit.federated.client.TrainingTask;

/**
 * Local training for a {@link Classifier}: {@code E} epochs of minibatch SGD with batch size
 * {@code B} and learning rate {@code η} over the site's data, reshuffled every epoch, starting from
 * the global model {@code w_g}; with FedProx's coefficient {@code μ} from the task each step is
 * {@code w ← w - η (∇F(w) + μ (w - w_g))} (Li et al., MLSys 2020). {@code B = 0} means the full
 * local dataset per step ("B = ∞"), so {@code E = 1, B = 0} is FedSGD (McMahan et al. 2017).
 *
 * <p>The update also reports {@code accuracy}: the global model's accuracy on the local data
 * before training (an aggregate, not data), which the coordinator summarises across sites.
 * Shuffles come from {@code shuffles.derive("round-r/epoch-e")}, so a seeded client is
 * reproducible. Thread-safe if the classifier is (a task at a time).
 *
 * @param classifier the model
 * @param data       the site's data
 * @param options    epochs, batch size, learning rate
 * @param shuffles   the shuffle randomness
 */
public record LocalSgd(Classifier classifier, Dataset data, Options options, Randomness shuffles) implements LocalTrainer {

    /**
     * SGD options.
     *
     * @param epochs       local epochs E (a task's hint overrides it when given)
     * @param batchSize    minibatch size B; 0 for the whole local dataset
     * @param learningRate η
     */
    public record Options(int epochs, int batchSize, double learningRate) {
        public Options {
            Checks.requirePositive(epochs, "epochs");
            Checks.requireNonNegative(batchSize, "batchSize");
            Checks.requirePositive(learningRate, "learningRate", "Use e.g. 0.1 for softmax regression on standardised features.");
        }
    }

    public LocalSgd {
        Checks.requireNonNull(classifier, "classifier");
        Checks.requireNonNull(data, "data");
        Checks.requireNonNull(options, "options");
        Checks.requireNonNull(shuffles, "shuffles");
        if (data.size() == 0) {
            throw Checks.argument("data").mustBe("non-empty").got(0).fix("Give each site at least one example.").exception();
        }
    }

    @Override
    public LocalUpdate train(TrainingTask task) {
        ModelWeights global = task.globalModel();
        double[] w0 = global.values();
        double[] w = w0.clone();
        int epochs = task.instructions().localEpochs() > 0 ? task.instructions().localEpochs() : options.epochs();
        double mu = task.instructions().proximalMu();
        int n = data.size();
        int b = options.batchSize() == 0 ? n : Math.min(options.batchSize(), n);
        double[] g = new double[w.length];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int e = 0; e < epochs; e++) {
            Randomness r = shuffles.derive("round-" + task.round() + "/epoch-" + e);
            for (int i = n - 1; i > 0; i--) {   // Fisher-Yates
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int s = 0; s < n; s += b) {
                classifier.lossAndGradient(w, data, order, s, Math.min(n, s + b), g);
                double lr = options.learningRate();
                for (int j = 0; j < w.length; j++) {
                    w[j] -= lr * (g[j] + mu * (w[j] - w0[j]));
                }
            }
        }
        double before = classifier.accuracy(global, data);
        return LocalUpdate.fromTrained(global, ModelWeights.of(global.spec(), w), n).withMetric("accuracy", before);
    }

    /** Trains centrally on {@code data} for {@code epochs} epochs (the baseline federated training is compared with). */
    public static ModelWeights trainCentrally(Classifier classifier, Dataset data, Options options, int epochs, Randomness shuffles) {
        LocalSgd sgd = new LocalSgd(classifier, data, new Options(epochs, options.batchSize(), options.learningRate()), shuffles);
        ModelWeights w0 = classifier.initialize(shuffles.derive("init"));
        LocalUpdate u = sgd.train(new TrainingTask("central", 1, w0, io.privkit.federated.strategy.ClientInstructions.NONE,
                java.time.Instant.MAX));
        return w0.plus(u.delta(), 1.0);
    }
}
