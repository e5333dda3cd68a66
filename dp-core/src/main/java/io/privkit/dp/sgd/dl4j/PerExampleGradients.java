package io.privkit.dp.sgd.dl4j;

import io.privkit.common.ArgumentProblem;
import io.privkit.common.Checks;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-example gradients of a DL4J {@link MultiLayerNetwork}, by the layer-wise route and by the
 * one-example loop it must agree with.
 *
 * <p><b>Layer-wise route</b> (Goodfellow, "Efficient Per-Example Gradient Computations",
 * arXiv:1510.01799, 2015; the route Opacus takes): one forward pass keeps each layer's input; one
 * backward pass gives each layer's per-example deltas, from the loss function at the output layer
 * and the activations' backprop below it; each layer's per-example gradient is then a function of
 * its input and delta (an outer product for dense layers, an im2col product for convolutions, a
 * row scatter for embeddings). Squared norms are computed without materialising per-example
 * gradients where the algebra allows ({@code |a_i|^2 |d_i|^2 + |d_i|^2} for dense layers, the ghost
 * norm for convolutions with few output positions), and the clipped sum
 * {@code sum_i min(1, C / |g_i|) g_i} is one product per layer. Layers with parameters but no
 * dedicated rule fall back to one backward call per example (correct for any layer that treats
 * examples independently, and slower). Layers that mix examples, batch normalisation above all,
 * are refused up front: see {@link #problems(MultiLayerNetwork)}.
 *
 * <p><b>One-example loop</b> ({@link #byOneExampleLoop}): the definition, one full DL4J
 * forward-backward pass per example. It is the slow, obviously correct reference the tests hold
 * the layer-wise route to.
 *
 * <p>A per-example gradient here is the gradient of the example's own loss term (DL4J's loss
 * functions sum over the batch; regularisation is applied by the updater and is not part of it).
 * Masks (variable-length sequences) are not supported.
 *
 * <p>Not thread-safe: it drives the network's layers. Use one instance per network and thread.
 */
public final class PerExampleGradients {
    private final ModelRoutes routes;

    private PerExampleGradients(ModelRoutes routes) {
        this.routes = routes;
    }

    /**
     * The per-example gradient plan of {@code network}.
     *
     * @throws io.privkit.common.InvalidArgumentsException listing every layer or setting that per-example
     *                                                     clipping cannot handle, each with its fix
     */
    public static PerExampleGradients of(MultiLayerNetwork network) {
        return new PerExampleGradients(NetworkRoutes.of(network));
    }

    static PerExampleGradients of(MultiLayerNetwork network, ConvolutionRoute.NormMethod convNorms) {
        return new PerExampleGradients(NetworkRoutes.of(network, convNorms));
    }

    /**
     * The per-example gradient plan of a {@link ComputationGraph}.
     *
     * @throws io.privkit.common.InvalidArgumentsException listing every vertex or setting that
     *                                                     per-example clipping cannot handle
     */
    public static PerExampleGradients of(ComputationGraph graph) {
        return new PerExampleGradients(GraphRoutes.of(graph));
    }

    /** Every reason {@code graph} cannot be trained with per-example clipping; empty when it can. */
    public static List<ArgumentProblem> problems(ComputationGraph graph) {
        Checks.requireNonNull(graph, "graph");
        return GraphRoutes.problems(graph);
    }

    /** Every reason {@code network} cannot be trained with per-example clipping; empty when it can. */
    public static List<ArgumentProblem> problems(MultiLayerNetwork network) {
        Checks.requireNonNull(network, "network");
        return NetworkRoutes.problems(network);
    }

    /** One line per layer saying how its per-example gradients are computed. */
    public List<String> routes() {
        return routes.describeRoutes();
    }

    /**
     * Every example's gradient by the layer-wise route, materialised.
     *
     * @return a [batch, numParams] matrix; row {@code i} is example {@code i}'s gradient, flattened
     *         as {@link MultiLayerNetwork#params()} is
     */
    public INDArray perExample(INDArray features, INDArray labels) {
        checkBatch(features, labels);
        return perExample(new INDArray[] {features}, new INDArray[] {labels});
    }

    /** As {@link #perExample(INDArray, INDArray)}, for a graph's several inputs and outputs. */
    public INDArray perExample(INDArray[] features, INDArray[] labels) {
        Checks.requireNonNull(features, "features");
        Checks.requireNonNull(labels, "labels");
        try {
            routes.forwardBackward(features, labels);
            return routes.perExampleGradients((int) features[0].size(0));
        } finally {
            routes.clear();
        }
    }

    /** Every example's gradient L2 norm by the layer-wise route, without materialising the gradients. */
    public double[] norms(INDArray features, INDArray labels) {
        checkBatch(features, labels);
        try {
            double[] sq = routes.forwardBackward(new INDArray[] {features}, new INDArray[] {labels});
            double[] out = new double[sq.length];
            for (int i = 0; i < sq.length; i++) {
                out[i] = Math.sqrt(sq[i]);
            }
            return out;
        } finally {
            routes.clear();
        }
    }

    /**
     * The sum of the clipped per-example gradients, {@code sum_i min(1, C / |g_i|) g_i}, written into
     * the network's gradient view ({@link MultiLayerNetwork#getGradientsViewArray()}) and returned
     * as a copy.
     *
     * @param clipNorm the L2 bound C, &gt; 0 (may be infinite: no clipping)
     */
    public INDArray clippedSum(INDArray features, INDArray labels, double clipNorm) {
        if (!(clipNorm > 0)) {
            throw Checks.argument("clipNorm").mustBe("> 0").got(clipNorm).fix("Pick the per-example L2 bound, e.g. 1.0.").exception();
        }
        checkBatch(features, labels);
        try {
            double[] sq = routes.forwardBackward(new INDArray[] {features}, new INDArray[] {labels});
            routes.writeClippedSum(Double.isInfinite(clipNorm) ? null : Clipping.factors(sq, clipNorm));
            return routes.model().getGradientsViewArray().dup();
        } finally {
            routes.clear();
        }
    }

    ModelRoutes modelRoutes() {
        return routes;
    }

    /**
     * The reference: each example's gradient by its own DL4J forward-backward pass
     * ({@code computeGradientAndScore} on a batch of one). Slow (one network pass per example);
     * use it to check the layer-wise route.
     *
     * @return a [batch, numParams] matrix as {@link #perExample}
     */
    public static INDArray byOneExampleLoop(MultiLayerNetwork network, INDArray features, INDArray labels) {
        Checks.requireNonNull(network, "network");
        checkBatch(features, labels);
        int batch = (int) features.size(0);
        INDArray out = Nd4j.create(network.params().dataType(), batch, network.numParams());
        for (int i = 0; i < batch; i++) {
            network.setInput(OneExampleRoute.slice(features, i));
            network.setLabels(OneExampleRoute.slice(labels, i));
            network.computeGradientAndScore();
            out.putRow(i, network.getGradientsViewArray().dup().reshape(1, network.numParams()));
        }
        network.clear();
        return out;
    }

    /**
     * The reference for a graph: each example's gradient by its own {@code computeGradientAndScore}.
     *
     * @return a [batch, numParams] matrix in the graph's flattened layout
     */
    public static INDArray byOneExampleLoop(ComputationGraph graph, INDArray[] features, INDArray[] labels) {
        Checks.requireNonNull(graph, "graph");
        int batch = (int) features[0].size(0);
        INDArray out = Nd4j.create(graph.params().dataType(), batch, graph.numParams());
        for (int i = 0; i < batch; i++) {
            INDArray[] f = new INDArray[features.length];
            INDArray[] l = new INDArray[labels.length];
            for (int k = 0; k < f.length; k++) {
                f[k] = OneExampleRoute.slice(features[k], i);
            }
            for (int k = 0; k < l.length; k++) {
                l[k] = OneExampleRoute.slice(labels[k], i);
            }
            graph.setInputs(f);
            graph.setLabels(l);
            graph.computeGradientAndScore();
            out.putRow(i, graph.getGradientsViewArray().dup().reshape(1, graph.numParams()));
        }
        graph.clear();
        return out;
    }

    private static void checkBatch(INDArray features, INDArray labels) {
        Checks.requireNonNull(features, "features");
        Checks.requireNonNull(labels, "labels");
        if (features.size(0) != labels.size(0)) {
            throw Checks.argument("labels").mustBe("one row per example (" + features.size(0) + ")").got(labels.size(0) + " rows")
                    .fix("Pass features and labels of the same batch.").exception();
        }
        if (features.size(0) < 1) {
            throw Checks.argument("features").mustBe("at least one example").got(0).noFix().exception();
        }
    }
}
