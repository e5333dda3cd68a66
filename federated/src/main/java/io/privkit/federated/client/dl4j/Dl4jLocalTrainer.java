package io.privkit.federated.client.dl4j;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.client.LocalTrainer;
import io.privkit.federated.client.LocalUpdate;
import io.privkit.federated.client.TrainingTask;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A site's local training with DL4J: the user's own {@link MultiLayerNetwork} or
 * {@link ComputationGraph}, with its own updater, loss and listeners, on the site's data.
 *
 * <pre>{@code
 * MultiLayerNetwork net = new MultiLayerNetwork(sameConfigurationOnEverySite);
 * net.init();
 * LocalTrainer trainer = Dl4jLocalTrainer.of(net, localIterator);          // or of(net, dataSet, Batches.shuffled(32, r))
 * try (FederatedClient client = FederatedClient.open(clientConfig, trainer)) {
 *     client.run();
 * }
 * }</pre>
 *
 * <p>Per task: (1) the global model's tensors are checked against the network's parameters by
 * name and shape ({@link Dl4jParameters}; a mismatch is an {@link IllegalArgumentException} naming
 * the tensor and its layer, and nothing is changed); (2) they are copied into the network;
 * (3) with {@link UpdaterState#RESET_EACH_ROUND} the updater's state (momentum, Adam's moments) and
 * the iteration and epoch counters are zeroed, as for a freshly built optimiser;
 * (4) {@code E} epochs of {@code network.fit(iterator)} run, {@code E} being the strategy's hint
 * when it gives one and {@link Options#epochs()} otherwise; (5) the update is
 * {@code w_trained − w_start}, where {@code w_start} is the global model as loaded into the
 * network (so a FLOAT network's rounding of the global model is not reported as training), with
 * the number of examples of one local epoch as its weight and the mean minibatch loss of the round
 * as metric {@code loss}.
 *
 * <p><b>FedProx.</b> When the strategy sends a proximal coefficient {@code μ > 0} (Li et al.,
 * "Federated Optimization in Heterogeneous Networks", MLSys 2020), every parameter update is
 * followed by the proximal map of {@code (μ/2)||w − w_g||²} with the parameter's learning rate
 * {@code η}: {@code w ← w_g + (w − w_g) / (1 + ημ)}. For plain SGD this is proximal gradient descent
 * on FedProx's local objective, which differs from FedProx's explicit step
 * {@code w − η(∇F(w) + μ(w − w_g))} by {@code O(η²μ²)}; for adaptive updaters it is a heuristic.
 * An updater without a learning rate is refused under FedProx.
 *
 * <p>Not thread-safe: it trains the network it was given, one task at a time (which is how
 * {@link io.privkit.federated.client.FederatedClient} calls it); do not train the same network
 * elsewhere meanwhile.
 */
public final class Dl4jLocalTrainer implements LocalTrainer {

    /** What happens to the updater's state between rounds. */
    public enum UpdaterState {
        /** Zeroed, with the iteration and epoch counters, at the start of every round (default). */
        RESET_EACH_ROUND,
        /** Kept from the previous round (momentum built on an older global model carries over). */
        CARRY_OVER
    }

    /**
     * Local training options.
     *
     * @param epochs       local epochs E when the strategy gives no hint; at least 1
     * @param updaterState what happens to the updater's state between rounds
     */
    public record Options(int epochs, UpdaterState updaterState) {
        public Options {
            Checks.requirePositive(epochs, "epochs");
            Checks.requireNonNull(updaterState, "updaterState");
        }

        /** One local epoch, updater state reset every round. */
        public static Options withDefaults() {
            return new Options(1, UpdaterState.RESET_EACH_ROUND);
        }

        /** The same options with {@code epochs} local epochs. */
        public Options withEpochs(int epochs) {
            return new Options(epochs, updaterState);
        }

        /** The same options with another updater-state policy. */
        public Options with(UpdaterState state) {
            return new Options(epochs, state);
        }
    }

    /**
     * How an in-memory {@link DataSet} is cut into minibatches each epoch.
     *
     * @param size     the minibatch size (the last batch of an epoch may be smaller)
     * @param shuffles when present, the examples are reshuffled every epoch with
     *                 {@code shuffles.derive("round-r/epoch-e")} (reproducible when seeded);
     *                 when empty they are taken in order
     */
    public record Batches(int size, Optional<Randomness> shuffles) {
        public Batches {
            Checks.requirePositive(size, "batch size");
            Checks.requireNonNull(shuffles, "shuffles");
        }

        /** Minibatches of {@code size}, reshuffled every epoch. */
        public static Batches shuffled(int size, Randomness shuffles) {
            return new Batches(size, Optional.of(Checks.requireNonNull(shuffles, "shuffles")));
        }

        /** Minibatches of {@code size} in the data set's order. */
        public static Batches inOrder(int size) {
            return new Batches(size, Optional.empty());
        }
    }

    private final Network network;
    private final LocalData data;
    private final Options options;

    private Dl4jLocalTrainer(Network network, LocalData data, Options options) {
        this.network = network;
        this.data = data;
        this.options = options;
    }

    /** Trains {@code network} on the batches of {@code data} (reset before every epoch). */
    public static Dl4jLocalTrainer of(MultiLayerNetwork network, DataSetIterator data) {
        return new Dl4jLocalTrainer(Network.of(network), new IteratorData(data), Options.withDefaults());
    }

    /** Trains {@code network} on the batches of {@code data} (reset before every epoch). */
    public static Dl4jLocalTrainer of(ComputationGraph network, DataSetIterator data) {
        return new Dl4jLocalTrainer(Network.of(network), new IteratorData(data), Options.withDefaults());
    }

    /** Trains {@code network} on the in-memory {@code data}, in minibatches. */
    public static Dl4jLocalTrainer of(MultiLayerNetwork network, DataSet data, Batches batches) {
        return new Dl4jLocalTrainer(Network.of(network), new InMemoryData(data, batches), Options.withDefaults());
    }

    /** Trains {@code network} on the in-memory {@code data}, in minibatches. */
    public static Dl4jLocalTrainer of(ComputationGraph network, DataSet data, Batches batches) {
        return new Dl4jLocalTrainer(Network.of(network), new InMemoryData(data, batches), Options.withDefaults());
    }

    /** The same network and data with other options. */
    public Dl4jLocalTrainer with(Options newOptions) {
        return new Dl4jLocalTrainer(network, data, Checks.requireNonNull(newOptions, "options"));
    }

    /** The options. */
    public Options options() {
        return options;
    }

    @Override
    public LocalUpdate train(TrainingTask task) {
        Checks.requireNonNull(task, "task");
        ModelWeights global = task.globalModel();
        // Check everything before touching the network.
        Dl4jParameters.requireCompatible(global.spec(), network);
        int epochs = task.instructions().localEpochs() > 0 ? task.instructions().localEpochs() : options.epochs();
        data.requireEpochs(epochs);
        double mu = task.instructions().proximalMu();
        Map<String, IUpdater> updaters = mu > 0 ? proximalUpdaters() : Map.of();

        Dl4jParameters.load(global, network);
        ModelWeights start = Dl4jParameters.weights(network);
        if (options.updaterState() == UpdaterState.RESET_EACH_ROUND) {
            INDArray state = network.updater() == null ? null : network.updater().getStateViewArray();
            if (state != null) {
                state.assign(0);
            }
            network.resetCounters();
        }
        Collection<TrainingListener> userListeners = network.listeners();
        LossTracker loss = new LossTracker();
        List<TrainingListener> listeners = new ArrayList<>(userListeners);
        listeners.add(loss);
        if (mu > 0) {
            listeners.add(new ProximalStep(network, start, updaters, mu));
        }
        long examples;
        network.setListeners(listeners);
        try {
            examples = data.train(network, epochs, task.round());
        } finally {
            network.setListeners(userListeners);
        }
        if (examples == 0) {
            throw new IllegalStateException("the local data yielded no examples in round " + task.round()
                    + ". Give the site's iterator at least one batch (is it exhausted and not resettable?).");
        }
        ModelWeights trained = Dl4jParameters.weights(network);
        LocalUpdate update = LocalUpdate.fromTrained(start, trained, examples);
        return loss.count > 0 && Double.isFinite(loss.sum / loss.count) ? update.withMetric("loss", loss.sum / loss.count) : update;
    }

    private Map<String, IUpdater> proximalUpdaters() {
        Map<String, IUpdater> out = new LinkedHashMap<>();
        for (String key : network.paramTable().keySet()) {
            IUpdater u = network.updaterOf(key);
            if (u == null || !u.hasLearningRate()) {
                throw Checks.argument("updater of parameter '" + key + "' (" + network.describeLayerOf(key) + ")")
                        .mustBe("one with a learning rate under FedProx (proximal coefficient > 0)")
                        .got(u == null ? "none" : u.getClass().getSimpleName())
                        .fix("Use an updater with a learning rate (Sgd, Nesterovs, Adam, ...), or a strategy without a proximal term.")
                        .exception();
            }
            out.put(key, u);
        }
        return out;
    }

    /** Sums the minibatch scores of a round. */
    private static final class LossTracker extends BaseTrainingListener {
        double sum;
        long count;

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            double s = model.score();
            if (Double.isFinite(s)) {
                sum += s;
                count++;
            }
        }
    }

    /** FedProx's proximal map after every parameter update. */
    private static final class ProximalStep extends BaseTrainingListener {
        private final Map<String, INDArray> params;
        private final Map<String, INDArray> anchor = new LinkedHashMap<>();
        private final Map<String, IUpdater> updaters;
        private final double mu;

        ProximalStep(Network network, ModelWeights start, Map<String, IUpdater> updaters, double mu) {
            this.params = network.paramTable();
            this.updaters = updaters;
            this.mu = mu;
            for (Map.Entry<String, INDArray> e : params.entrySet()) {
                anchor.put(e.getKey(), e.getValue().dup());
            }
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            for (Map.Entry<String, INDArray> e : params.entrySet()) {
                double eta = updaters.get(e.getKey()).getLearningRate(iteration, epoch);
                INDArray g = anchor.get(e.getKey());
                e.getValue().subi(g).divi(1 + eta * mu).addi(g);
            }
        }
    }

    /** Where the examples come from. */
    private sealed interface LocalData {
        void requireEpochs(int epochs);

        /** Runs {@code epochs} epochs of fit; returns the number of examples of one epoch. */
        long train(Network network, int epochs, int round);
    }

    private static final class IteratorData implements LocalData {
        private final DataSetIterator iterator;

        IteratorData(DataSetIterator iterator) {
            this.iterator = Checks.requireNonNull(iterator, "data");
        }

        @Override
        public void requireEpochs(int epochs) {
            if (epochs > 1 && !iterator.resetSupported()) {
                throw Checks.argument("data").mustBe("a resettable iterator for " + epochs + " local epochs")
                        .got(iterator.getClass().getSimpleName() + " (resetSupported() is false)")
                        .fix("Pass a resettable iterator or a DataSet, or train one local epoch.").exception();
            }
        }

        @Override
        public long train(Network network, int epochs, int round) {
            long first = 0;
            for (int e = 0; e < epochs; e++) {
                if (iterator.resetSupported()) {
                    iterator.reset();
                }
                Counting counting = new Counting(iterator);
                network.fit(counting);
                if (e == 0) {
                    first = counting.examples.get();
                }
            }
            return first;
        }
    }

    private static final class InMemoryData implements LocalData {
        private final List<DataSet> examples;
        private final Batches batches;

        InMemoryData(DataSet data, Batches batches) {
            Checks.requireNonNull(data, "data");
            this.batches = Checks.requireNonNull(batches, "batches");
            if (data.numExamples() == 0) {
                throw Checks.argument("data").mustBe("non-empty").got(0).fix("Give each site at least one example.").exception();
            }
            this.examples = List.copyOf(data.asList());
        }

        @Override
        public void requireEpochs(int epochs) {
        }

        @Override
        public long train(Network network, int epochs, int round) {
            for (int e = 0; e < epochs; e++) {
                List<DataSet> order = new ArrayList<>(examples);
                if (batches.shuffles().isPresent()) {
                    Randomness r = batches.shuffles().get().derive("round-" + round + "/epoch-" + e);
                    for (int i = order.size() - 1; i > 0; i--) {   // Fisher-Yates
                        int j = r.nextInt(i + 1);
                        DataSet t = order.get(i);
                        order.set(i, order.get(j));
                        order.set(j, t);
                    }
                }
                network.fit(new ListDataSetIterator<>(order, batches.size()));
            }
            return examples.size();
        }
    }

    /** Counts the examples an epoch hands to {@code fit}. */
    private static final class Counting implements DataSetIterator {
        private static final long serialVersionUID = 1L;
        private final DataSetIterator delegate;
        private final AtomicLong examples = new AtomicLong();

        Counting(DataSetIterator delegate) {
            this.delegate = delegate;
        }

        @Override
        public DataSet next(int num) {
            return count(delegate.next(num));
        }

        @Override
        public DataSet next() {
            return count(delegate.next());
        }

        private DataSet count(DataSet d) {
            examples.addAndGet(d.numExamples());
            return d;
        }

        @Override
        public boolean hasNext() {
            return delegate.hasNext();
        }

        @Override
        public int inputColumns() {
            return delegate.inputColumns();
        }

        @Override
        public int totalOutcomes() {
            return delegate.totalOutcomes();
        }

        @Override
        public boolean resetSupported() {
            return false;   // one epoch per wrapper; the trainer resets the delegate
        }

        @Override
        public boolean asyncSupported() {
            return delegate.asyncSupported();
        }

        @Override
        public void reset() {
            throw new UnsupportedOperationException("reset the underlying iterator");
        }

        @Override
        public int batch() {
            return delegate.batch();
        }

        @Override
        public void setPreProcessor(DataSetPreProcessor preProcessor) {
            delegate.setPreProcessor(preProcessor);
        }

        @Override
        public DataSetPreProcessor getPreProcessor() {
            return delegate.getPreProcessor();
        }

        @Override
        public List<String> getLabels() {
            return delegate.getLabels();
        }
    }
}
