package io.privkit.federated.client.dl4j;

import io.privkit.common.Checks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The few operations the adapter needs from a {@link MultiLayerNetwork} or a
 * {@link ComputationGraph}, which share no interface for them. Not thread-safe (as the networks).
 */
abstract sealed class Network {

    static Network of(MultiLayerNetwork net) {
        Checks.requireNonNull(net, "network");
        requireInitialised(net.params(), "MultiLayerNetwork");
        return new MultiLayer(net);
    }

    static Network of(ComputationGraph net) {
        Checks.requireNonNull(net, "network");
        requireInitialised(net.params(), "ComputationGraph");
        return new Graph(net);
    }

    private static void requireInitialised(INDArray params, String kind) {
        if (params == null) {
            throw Checks.argument("network").mustBe("initialised").got("a " + kind + " without parameters")
                    .fix("Call network.init() before handing it to the federated trainer.").exception();
        }
    }

    abstract Model model();

    /** The parameters by DL4J's keys ({@code 0_W}, {@code dense_b}), in the network's order. */
    final Map<String, INDArray> paramTable() {
        return model().paramTable();
    }

    abstract void fit(DataSetIterator data);

    abstract Collection<TrainingListener> listeners();

    abstract void setListeners(Collection<TrainingListener> listeners);

    abstract Updater updater();

    abstract void resetCounters();

    abstract int iterationCount();

    abstract int epochCount();

    /** The layer a parameter key belongs to ({@code 1} of {@code 1_W}, {@code dense} of {@code dense_W}). */
    abstract Layer layerOf(String key);

    /** "layer 1 (DenseLayer)" or "vertex 'dense' (DenseLayer)", for messages. */
    final String describeLayerOf(String key) {
        String owner = key.substring(0, Math.max(0, key.lastIndexOf('_')));
        String kind;
        try {
            kind = layerOf(key).conf().getLayer().getClass().getSimpleName();
        } catch (RuntimeException e) {
            kind = "unknown layer type";
        }
        return (this instanceof MultiLayer ? "layer " + owner : "vertex '" + owner + "'") + " (" + kind + ")";
    }

    /** The updater configured for one parameter. */
    final IUpdater updaterOf(String key) {
        return layerOf(key).conf().getLayer().getUpdaterByParam(key.substring(key.lastIndexOf('_') + 1));
    }

    static final class MultiLayer extends Network {
        private final MultiLayerNetwork net;

        MultiLayer(MultiLayerNetwork net) {
            this.net = net;
        }

        @Override
        Model model() {
            return net;
        }

        @Override
        void fit(DataSetIterator data) {
            net.fit(data);
        }

        @Override
        Collection<TrainingListener> listeners() {
            return new ArrayList<>(net.getListeners() == null ? List.of() : net.getListeners());
        }

        @Override
        void setListeners(Collection<TrainingListener> listeners) {
            net.setListeners(listeners);
        }

        @Override
        Updater updater() {
            return net.getUpdater(true);
        }

        @Override
        void resetCounters() {
            net.setIterationCount(0);
            net.setEpochCount(0);
        }

        @Override
        int iterationCount() {
            return net.getIterationCount();
        }

        @Override
        int epochCount() {
            return net.getEpochCount();
        }

        @Override
        Layer layerOf(String key) {
            return net.getLayer(Integer.parseInt(key.substring(0, key.lastIndexOf('_'))));
        }
    }

    static final class Graph extends Network {
        private final ComputationGraph net;

        Graph(ComputationGraph net) {
            this.net = net;
        }

        @Override
        Model model() {
            return net;
        }

        @Override
        void fit(DataSetIterator data) {
            net.fit(data);
        }

        @Override
        Collection<TrainingListener> listeners() {
            return new ArrayList<>(net.getListeners() == null ? List.of() : net.getListeners());
        }

        @Override
        void setListeners(Collection<TrainingListener> listeners) {
            net.setListeners(listeners);
        }

        @Override
        Updater updater() {
            return net.getUpdater(true);
        }

        @Override
        void resetCounters() {
            net.getConfiguration().setIterationCount(0);
            net.getConfiguration().setEpochCount(0);
        }

        @Override
        int iterationCount() {
            return net.getIterationCount();
        }

        @Override
        int epochCount() {
            return net.getEpochCount();
        }

        @Override
        Layer layerOf(String key) {
            return net.getLayer(key.substring(0, key.lastIndexOf('_')));
        }
    }
}
