package io.privkit.dp.sgd.dl4j;

import io.privkit.common.Checks;
import io.privkit.common.InvalidArgumentsException;
import io.privkit.dp.sgd.DpSgdAccounting;
import io.privkit.dp.sgd.DpSgdConfig;
import io.privkit.dp.sgd.DpSgdOptions;
import io.privkit.dp.sgd.DpSgdPlan;
import io.privkit.dp.sgd.DpSgdResult;
import io.privkit.dp.sgd.DpSgdRun;
import io.privkit.dp.sgd.DpSgdRunState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Differentially private training of a DL4J {@link MultiLayerNetwork} or {@link ComputationGraph}
 * with DP-SGD, keeping the data scientist's network configuration, updater (Adam, Nesterovs,
 * schedules, regularisation) and data iterator:
 * <pre>{@code
 * DpSgdConfig config = DpSgdConfig.builder()
 *         .targetEpsilon(3.0).delta(1e-5)      // or .noiseMultiplier(1.1)
 *         .clippingNorm(1.0)
 *         .expectedBatchSize(256).epochs(10)
 *         .build();
 * DpSgdResult result = DpSgdNetworkTrainer.of(network, config).fit(trainIterator);
 * System.out.println(result.summary());
 * }</pre>
 *
 * <p><b>What happens.</b> {@link #of} checks the network (batch normalisation and other layers that
 * mix examples are refused, naming the layer and the fix). {@link #fit} reads the iterator once
 * into memory (Poisson sampling needs random access), resolves the plan (sampling rate, steps,
 * noise calibrated to a target epsilon) and checks it, all before the first step; then each step
 * samples a Poisson batch from secure randomness, computes per-example gradients by the layer-wise
 * route ({@link PerExampleGradients}), clips and sums them (in physical batches of at most
 * {@code maxPhysicalBatchSize}), records the spend with the ledger gate, adds one secure Gaussian
 * noise draw, divides by the expected batch size and applies the network's own updater, exactly as
 * {@code fit()} would apply a gradient. The network's epoch count advances every
 * {@code 1 / samplingRate} steps, so epoch-based schedules work. Training listeners receive
 * {@code iterationDone}; the model's score is not computed (the training loss on private data is
 * not covered by the guarantee).
 *
 * <p><b>Checkpoints and restarts.</b> With {@link DpSgdOptions.Checkpoints}, the network (with its
 * updater state) and the run's privacy state are saved together, atomically; {@link #resume}
 * continues the same run, accounting for every step already recorded.
 *
 * <p><b>Limits.</b> The training set must fit in memory (the logical batch need not: see
 * {@code maxPhysicalBatchSize}). Masks (variable-length sequences) and truncated BPTT are not
 * supported. A {@code DataSetPreProcessor} fitted on the training data (a normaliser) touches the
 * private data outside the guarantee; fit it on public data or with fixed constants.
 *
 * <p>Not thread-safe: it drives the network.
 */
public final class DpSgdNetworkTrainer {
    private final Model network;
    private final DpSgdConfig config;
    private final DpSgdOptions options;
    private final ModelRoutes routes;
    private final DpSgdRunState resumeFrom;

    private DpSgdNetworkTrainer(Model network, DpSgdConfig config, DpSgdOptions options, ModelRoutes routes,
                                DpSgdRunState resumeFrom) {
        this.network = network;
        this.config = config;
        this.options = options;
        this.routes = routes;
        this.resumeFrom = resumeFrom;
    }

    /**
     * A trainer for {@code network} (initialised) under {@code config}, with default options.
     *
     * @throws InvalidArgumentsException listing every layer or setting that per-example clipping
     *                                   cannot handle, each with its fix
     */
    public static DpSgdNetworkTrainer of(MultiLayerNetwork network, DpSgdConfig config) {
        Checks.requireNonNull(network, "network");
        Checks.requireNonNull(config, "config");
        return new DpSgdNetworkTrainer(network, config, DpSgdOptions.withDefaults(), NetworkRoutes.of(network), null);
    }

    /**
     * A trainer for a {@link ComputationGraph} (initialised) under {@code config}, with default
     * options. Its layer vertices get the same per-example routes as a network's layers; vertices
     * without parameters use DL4J's own passes.
     *
     * @throws InvalidArgumentsException listing every vertex or setting that per-example clipping
     *                                   cannot handle, each with its fix
     */
    public static DpSgdNetworkTrainer of(ComputationGraph graph, DpSgdConfig config) {
        Checks.requireNonNull(graph, "graph");
        Checks.requireNonNull(config, "config");
        return new DpSgdNetworkTrainer(graph, config, DpSgdOptions.withDefaults(), GraphRoutes.of(graph), null);
    }

    /**
     * Continues a checkpointed run: loads the network (with its updater state) and the run's
     * privacy state from {@code checkpointDirectory}. Give the same config as the original run.
     */
    public static DpSgdNetworkTrainer resume(Path checkpointDirectory, DpSgdConfig config) throws IOException {
        Checks.requireNonNull(checkpointDirectory, "checkpointDirectory");
        Checks.requireNonNull(config, "config");
        NetworkCheckpoint.Loaded loaded = NetworkCheckpoint.load(checkpointDirectory);
        ModelRoutes routes = loaded.model() instanceof MultiLayerNetwork n ? NetworkRoutes.of(n)
                : GraphRoutes.of((ComputationGraph) loaded.model());
        return new DpSgdNetworkTrainer(loaded.model(), config, DpSgdOptions.withDefaults(), routes, loaded.state());
    }

    /** The same trainer with these options (randomness, ledger gate, accountant, checkpoints, listener). */
    public DpSgdNetworkTrainer with(DpSgdOptions newOptions) {
        return new DpSgdNetworkTrainer(network, config, Checks.requireNonNull(newOptions, "options"), routes, resumeFrom);
    }

    /** The network or graph being trained (the object that was wrapped, or the one loaded on resume). */
    public Model model() {
        return network;
    }

    /**
     * The network being trained.
     *
     * @throws IllegalStateException when the trainer holds a graph
     */
    public MultiLayerNetwork network() {
        if (network instanceof MultiLayerNetwork n) {
            return n;
        }
        throw new IllegalStateException("this trainer trains a ComputationGraph; use graph() or model()");
    }

    /**
     * The graph being trained.
     *
     * @throws IllegalStateException when the trainer holds a MultiLayerNetwork
     */
    public ComputationGraph graph() {
        if (network instanceof ComputationGraph g) {
            return g;
        }
        throw new IllegalStateException("this trainer trains a MultiLayerNetwork; use network() or model()");
    }

    /** How each layer's per-example gradients are computed. */
    public List<String> routes() {
        return routes.describeRoutes();
    }

    /**
     * Trains on every example the iterator yields (read once into memory).
     *
     * @throws InvalidArgumentsException listing every problem with the data, the plan or the ledger,
     *                                   before any training
     */
    public DpSgdResult fit(DataSetIterator data) {
        Checks.requireNonNull(data, "data");
        if (data.resetSupported()) {
            data.reset();
        }
        List<DataSet> all = new ArrayList<>();
        while (data.hasNext()) {
            all.add(data.next());
        }
        if (all.isEmpty()) {
            throw Checks.argument("data").mustBe("a non-empty iterator").got("no batches")
                    .fix("Pass an iterator over the training set.").exception();
        }
        return fit(all.size() == 1 ? all.get(0) : DataSet.merge(all));
    }

    /**
     * Trains on every example the iterator yields (read once into memory); for a graph with several
     * inputs or outputs.
     *
     * @throws InvalidArgumentsException listing every problem with the data, the plan or the ledger,
     *                                   before any training
     */
    public DpSgdResult fit(MultiDataSetIterator data) {
        Checks.requireNonNull(data, "data");
        if (data.resetSupported()) {
            data.reset();
        }
        List<MultiDataSet> all = new ArrayList<>();
        while (data.hasNext()) {
            all.add(data.next());
        }
        if (all.isEmpty()) {
            throw Checks.argument("data").mustBe("a non-empty iterator").got("no batches")
                    .fix("Pass an iterator over the training set.").exception();
        }
        return fit(all.size() == 1 ? all.get(0) : org.nd4j.linalg.dataset.MultiDataSet.merge(all));
    }

    /**
     * Trains on the examples of {@code data}.
     *
     * @throws InvalidArgumentsException listing every problem with the data, the plan or the ledger,
     *                                   before any training
     */
    public DpSgdResult fit(DataSet data) {
        Checks.requireNonNull(data, "data");
        if (data.hasMaskArrays()) {
            throw masksRefused();
        }
        if (data.getFeatures() == null || data.getLabels() == null || data.getFeatures().size(0) < 1) {
            throw Checks.argument("data").mustBe("features and labels with at least one example").got(data.numExamples())
                    .noFix().exception();
        }
        return fit(new INDArray[] {data.getFeatures()}, new INDArray[] {data.getLabels()});
    }

    /**
     * Trains on the examples of {@code data} (several inputs or outputs for a graph).
     *
     * @throws InvalidArgumentsException listing every problem with the data, the plan or the ledger,
     *                                   before any training
     */
    public DpSgdResult fit(MultiDataSet data) {
        Checks.requireNonNull(data, "data");
        if (data.hasMaskArrays()) {
            throw masksRefused();
        }
        if (data.getFeatures() == null || data.getLabels() == null || data.getFeatures().length == 0
                || data.getFeatures(0).size(0) < 1) {
            throw Checks.argument("data").mustBe("features and labels with at least one example").got(0).noFix().exception();
        }
        return fit(data.getFeatures(), data.getLabels());
    }

    private static IllegalArgumentException masksRefused() {
        return Checks.argument("data").mustBe("without mask arrays").got("features or labels masks")
                .fix("Variable-length sequences are not supported by DP-SGD here; pad to a fixed length without masks.")
                .exception();
    }

    private DpSgdResult fit(INDArray[] features, INDArray[] labels) {
        InMemoryData inMemory = new InMemoryData(features, labels, network.params().dataType());
        int n = inMemory.size();
        MultiLayerPrivateModel model = new MultiLayerPrivateModel(routes, inMemory);
        DpSgdAccounting accounting = options.accounting() != null ? options.accounting() : DpSgdAccounting.of(config.accountant());
        DpSgdPlan plan = config.plan(n, model, accounting);
        options.gate().check(plan, resumeFrom == null ? null : resumeFrom.runId());

        DpSgdRun run = resumeFrom == null
                ? DpSgdRun.start(plan, options.randomness(), options.gate())
                : DpSgdRun.resume(plan, resumeFrom, options.randomness(), options.gate());
        DpSgdOptions.Checkpoints checkpoints = options.checkpoints();
        double stepsPerEpoch = 1.0 / plan.samplingRate();
        try {
            while (!run.finished()) {
                long before = run.stepsApplied();
                run.step(model);
                if (Math.floor(run.stepsApplied() / stepsPerEpoch) > Math.floor(before / stepsPerEpoch)) {
                    incrementEpochCount();
                }
                if (options.listener() != null) {
                    options.listener().afterStep(run);
                }
                if (checkpoints != null && (run.stepsApplied() % checkpoints.everySteps() == 0 || run.finished())) {
                    NetworkCheckpoint.save(checkpoints.directory(), network, run.state());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the checkpoint to " + checkpoints.directory() + ": " + e.getMessage(), e);
        }
        return DpSgdResult.of(run, accounting, options.randomness().describe(),
                "DL4J " + network.getClass().getSimpleName(), routes.describeRoutes());
    }

    private void incrementEpochCount() {
        if (network instanceof MultiLayerNetwork n) {
            n.incrementEpochCount();
        } else {
            ((ComputationGraph) network).incrementEpochCount();
        }
    }
}
