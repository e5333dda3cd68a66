package io.privkit.dp.sgd.dl4j;

import io.privkit.common.ArgumentProblem;
import io.privkit.common.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CenterLossOutputLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SpaceToBatchLayer;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.layers.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The per-example gradient plan of a {@link MultiLayerNetwork}: one {@link LayerRoute} per layer,
 * chosen by layer type, and the network-level forward, backward, clipped-sum and materialising
 * passes over a batch.
 *
 * <p>Routes: {@code DenseLayer} and {@code OutputLayer} by outer products ({@link DenseRoute});
 * {@code ConvolutionLayer} by im2col ({@link ConvolutionRoute}); {@code EmbeddingLayer} and
 * {@code EmbeddingSequenceLayer} by row scatter ({@link EmbeddingRoute}); layers without parameters
 * and frozen layers through DL4J's own passes ({@link ParameterFreeRoute}); every other layer with
 * parameters by one backward call per example ({@link OneExampleRoute}).
 *
 * <p>{@link #problems(MultiLayerNetwork)} lists what cannot be trained with per-example clipping,
 * each naming the layer and the fix: batch normalisation and other layers that mix the examples
 * of a batch, weight noise, dropout on a layer that needs the one-example fallback, truncated
 * backpropagation through time, and optimisers other than stochastic gradient descent.
 *
 * <p>Not thread-safe: it drives the network's layers.
 */
final class NetworkRoutes implements ModelRoutes {
    private final MultiLayerNetwork net;
    private final LayerRoute[] routes;
    private final InputPreProcessor[] preprocessors;
    private final long[] offsets;
    private final List<Map<String, INDArray>> gradientViews = new ArrayList<>();

    private NetworkRoutes(MultiLayerNetwork net, ConvolutionRoute.NormMethod convNorms) {
        this.net = net;
        if (net.getGradientsViewArray() == null) {
            net.initGradientsView();
        }
        Layer[] layers = net.getLayers();
        this.routes = new LayerRoute[layers.length];
        this.preprocessors = new InputPreProcessor[layers.length];
        this.offsets = new long[layers.length + 1];
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        for (int i = 0; i < layers.length; i++) {
            routes[i] = routeFor(layers[i], i, convNorms);
            preprocessors[i] = conf.getInputPreProcess(i);
            offsets[i + 1] = offsets[i] + layers[i].numParams();
            gradientViews.add(layers[i].numParams() == 0 ? Map.of()
                    : layers[i].conf().getLayer().initializer().getGradientsFromFlattened(
                            layers[i].conf(), layers[i].getGradientsViewArray()));
        }
    }

    /**
     * Plans the routes of {@code net}, after checking it.
     *
     * @throws io.privkit.common.InvalidArgumentsException listing every problem, when the network
     *                                                     cannot be trained with per-example clipping
     */
    static NetworkRoutes of(MultiLayerNetwork net) {
        return of(net, ConvolutionRoute.NormMethod.AUTO);
    }

    static NetworkRoutes of(MultiLayerNetwork net, ConvolutionRoute.NormMethod convNorms) {
        Checks.requireNonNull(net, "network");
        List<ArgumentProblem> problems = problems(net);
        if (!problems.isEmpty()) {
            throw new io.privkit.common.InvalidArgumentsException(problems, "network");
        }
        return new NetworkRoutes(net, convNorms);
    }

    /** Every reason {@code net} cannot be trained with per-example gradient clipping; empty when it can. */
    static List<ArgumentProblem> problems(MultiLayerNetwork net) {
        List<ArgumentProblem> out = new ArrayList<>();
        if (!net.isInitCalled()) {
            out.add(Checks.argument("network").mustBe("initialised").got(Unquoted.of("a network before init()"))
                    .fix("Call network.init() before wrapping it."));
            return out;
        }
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        if (conf.getBackpropType() == BackpropType.TruncatedBPTT) {
            out.add(Checks.argument("network backpropType").mustBe("Standard").got("TruncatedBPTT")
                    .fix("Truncated BPTT updates several times per sequence, so one example's influence is not bounded "
                            + "per step; use backpropType(BackpropType.Standard)."));
        }
        DataType type = net.params().dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            out.add(Checks.argument("network dataType").mustBe("FLOAT or DOUBLE").got(type)
                    .fix("Clipping factors are rounded down in the network's precision; build the network with "
                            + "dataType(DataType.FLOAT) or DOUBLE."));
        }
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            layerProblems(layers[i], i, i == layers.length - 1, out);
        }
        return out;
    }

    /** The problems of one layer ({@code index} names it); {@code mustBeOutput} for a network's last layer. */
    static void layerProblems(Layer layer, int index, boolean mustBeOutput, List<ArgumentProblem> out) {
        org.deeplearning4j.nn.conf.layers.Layer lc = layer.conf().getLayer();
        String where = LayerRoute.describe(layer, index);
        OptimizationAlgorithm algo = layer.conf().getOptimizationAlgo();
        if (algo != null && algo != OptimizationAlgorithm.STOCHASTIC_GRADIENT_DESCENT && layer.numParams() > 0) {
            out.add(Checks.argument(where + " optimizationAlgo").mustBe("STOCHASTIC_GRADIENT_DESCENT").got(algo)
                    .fix("Line-search optimisers evaluate the loss on private data several times per step; "
                            + "use SGD with any updater (Adam, Nesterovs, ...)."));
        }
        if (layer instanceof FrozenLayer || layer instanceof FrozenLayerWithBackprop) {
            return;
        }
        if (lc instanceof BatchNormalization) {
            out.add(Checks.argument(where).mustBe("a layer that treats each example on its own")
                    .got(Unquoted.of("batch normalisation"))
                    .fix("It normalises with the batch's statistics, so one example changes every other example's "
                            + "gradient and clipping no longer bounds its influence. Remove the layer, or use layer "
                            + "normalisation (new DenseLayer.Builder().hasLayerNorm(true)) instead."));
        } else if (lc instanceof CenterLossOutputLayer) {
            out.add(Checks.argument(where).mustBe("an output layer whose parameters are trained by gradients only")
                    .got(Unquoted.of("a center-loss output layer"))
                    .fix("Its class centres are updated from batch statistics; use OutputLayer with a standard loss function."));
        } else if (lc instanceof SpaceToBatchLayer) {
            out.add(Checks.argument(where).mustBe("a layer that keeps examples apart")
                    .got(Unquoted.of("space-to-batch"))
                    .fix("It moves parts of each example into the batch dimension; remove it, as per-example "
                            + "gradients need the batch dimension to index examples."));
        }
        if (lc instanceof BaseLayer && ((BaseLayer) lc).getWeightNoise() != null) {
            out.add(Checks.argument(where + " weightNoise").mustBe("null").got(((BaseLayer) lc).getWeightNoise())
                    .fix("Weight noise (DropConnect) is not supported with per-example gradients; remove it, "
                            + "or use dropout on the layer input."));
        }
        if (mustBeOutput && !(layer instanceof IOutputLayer)) {
            out.add(Checks.argument(where).mustBe("an output layer (OutputLayer, LossLayer, RnnOutputLayer, ...)")
                    .got(Unquoted.of(lc.getClass().getSimpleName()))
                    .fix("The last layer must compute the loss so each example's gradient is defined."));
        }
        if (needsOneExampleRoute(layer) && lc.getIDropout() != null) {
            out.add(Checks.argument(where + " dropout").mustBe("null for this layer type").got(lc.getIDropout())
                    .fix("This layer's per-example gradients come from one backward pass per example, which would draw "
                            + "a new dropout mask each time; put a DropoutLayer before it instead."));
        }
    }

    /** A value rendered without quotes in a problem message. */
    record Unquoted(String text) {
        static Unquoted of(String text) {
            return new Unquoted(text);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static boolean needsOneExampleRoute(Layer layer) {
        return layer.numParams() > 0 && !(layer instanceof FrozenLayer || layer instanceof FrozenLayerWithBackprop)
                && routeKind(layer) == Kind.ONE_EXAMPLE;
    }

    private enum Kind { DENSE, CONVOLUTION, EMBEDDING, PARAMETER_FREE, ONE_EXAMPLE }

    private static Kind routeKind(Layer layer) {
        if (layer.numParams() == 0 || layer instanceof FrozenLayer || layer instanceof FrozenLayerWithBackprop) {
            return Kind.PARAMETER_FREE;
        }
        org.deeplearning4j.nn.conf.layers.Layer lc = layer.conf().getLayer();
        Class<?> impl = layer.getClass();
        if ((lc.getClass() == DenseLayer.class && !((DenseLayer) lc).hasLayerNorm()
                && impl == org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer.class)
                || (lc.getClass() == OutputLayer.class && impl == org.deeplearning4j.nn.layers.OutputLayer.class)) {
            return Kind.DENSE;
        }
        if (lc.getClass() == ConvolutionLayer.class
                && impl == org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class) {
            return Kind.CONVOLUTION;
        }
        if ((lc.getClass() == EmbeddingLayer.class
                && impl == org.deeplearning4j.nn.layers.feedforward.embedding.EmbeddingLayer.class)
                || (lc.getClass() == EmbeddingSequenceLayer.class
                && impl == org.deeplearning4j.nn.layers.feedforward.embedding.EmbeddingSequenceLayer.class)) {
            return Kind.EMBEDDING;
        }
        return Kind.ONE_EXAMPLE;
    }

    static LayerRoute routeFor(Layer layer, int index, ConvolutionRoute.NormMethod convNorms) {
        return switch (routeKind(layer)) {
            case DENSE -> new DenseRoute(layer, index);
            case CONVOLUTION -> new ConvolutionRoute(layer, index, convNorms);
            case EMBEDDING -> new EmbeddingRoute(layer, index);
            case PARAMETER_FREE -> new ParameterFreeRoute(layer, index);
            case ONE_EXAMPLE -> new OneExampleRoute(layer, index);
        };
    }

    /** One line per layer: which route computes its per-example gradients. */
    @Override
    public List<String> describeRoutes() {
        List<String> out = new ArrayList<>();
        for (LayerRoute r : routes) {
            String how = switch (r.getClass().getSimpleName()) {
                case "DenseRoute" -> "outer products of inputs and deltas (norms without per-example gradients)";
                case "ConvolutionRoute" -> "im2col products (materialised or ghost norms, whichever is cheaper)";
                case "EmbeddingRoute" -> "row scatter of deltas";
                case "ParameterFreeRoute" -> "no trainable parameters: DL4J's own passes";
                default -> "one backward call per example (fallback)";
            };
            out.add(LayerRoute.describe(r.layer, r.index) + ": " + how);
        }
        return out;
    }

    MultiLayerNetwork network() {
        return net;
    }

    @Override
    public org.deeplearning4j.nn.api.Model model() {
        return net;
    }

    @Override
    public double[] forwardBackward(INDArray[] features, INDArray[] labels) {
        if (features.length != 1 || labels.length != 1) {
            throw io.privkit.common.Checks.argument("features").mustBe("one input and one label array for a MultiLayerNetwork")
                    .got(features.length + " inputs, " + labels.length + " label arrays").noFix().exception();
        }
        return forwardBackward(features[0], labels[0]);
    }

    long numParams() {
        return offsets[offsets.length - 1];
    }

    /**
     * Forward and first backward pass over one batch.
     *
     * @return each example's squared L2 norm of its full gradient (all layers), in double precision
     */
    double[] forwardBackward(INDArray features, INDArray labels) {
        int batch = (int) features.size(0);
        DataType type = net.params().dataType();
        int iteration = net.getIterationCount();
        int epoch = net.getEpochCount();
        INDArray x = features.castTo(type);
        INDArray y = labels.castTo(type);
        for (int i = 0; i < routes.length; i++) {
            if (preprocessors[i] != null) {
                x = preprocessors[i].preProcess(x, batch, LayerRoute.NO_WORKSPACES);
            }
            LayerRoute r = routes[i];
            if (i == routes.length - 1) {
                setLabels(r, y);
            }
            x = r.forward(x, iteration, epoch);
        }
        double[] squared = new double[batch];
        INDArray eps = null;
        int lowestWithParams = lowestLayerWithParams();
        for (int i = routes.length - 1; i >= 0; i--) {
            boolean needBelow = i > lowestWithParams;
            if (i < lowestWithParams) {
                break;
            }
            eps = routes[i].backward(eps, squared, needBelow);
            if (needBelow && eps == null) {
                break;   // a frozen layer stops backpropagation, as in DL4J
            }
            if (needBelow && preprocessors[i] != null) {
                eps = preprocessors[i].backprop(eps, batch, LayerRoute.NO_WORKSPACES);
            }
        }
        return squared;
    }

    private int lowestLayerWithParams() {
        for (int i = 0; i < routes.length; i++) {
            if (routes[i].numParams() > 0) {
                return i;
            }
        }
        return routes.length;
    }

    static void setLabels(LayerRoute r, INDArray labels) {
        if (r instanceof DenseRoute d) {
            d.setLabels(labels);
        } else if (r instanceof ParameterFreeRoute p) {
            p.setLabels(labels);
        } else if (r instanceof OneExampleRoute o) {
            o.setLabels(labels);
        }
    }

    /**
     * Second pass: writes {@code sum_i factor_i g_i} into the network's gradient view
     * ({@link MultiLayerNetwork#getGradientsViewArray()}); layers that were not reached (below a
     * frozen layer) get zero.
     *
     * @param factors per-example factors, or {@code null} for all ones
     */
    @Override
    public void writeClippedSum(double[] factors) {
        INDArray f = factors == null ? null : factorsColumn(factors, net.params().dataType());
        net.getGradientsViewArray().assign(0);
        for (int i = 0; i < routes.length; i++) {
            if (routes[i].numParams() == 0) {
                continue;
            }
            INDArray flat = routes[i].layer.getGradientsViewArray();
            routes[i].writeClippedSum(f, flat, gradientViews.get(i));
        }
    }

    /** Materialises every example's gradient: a [batch, numParams] matrix in DL4J's flattened layout. */
    @Override
    public INDArray perExampleGradients(int batch) {
        DataType type = net.params().dataType();
        INDArray out = Nd4j.create(type, batch, numParams());
        for (int l = 0; l < routes.length; l++) {
            long n = routes[l].numParams();
            if (n == 0) {
                continue;
            }
            Layer layer = routes[l].layer;
            for (int i = 0; i < batch; i++) {
                INDArray flat = Nd4j.create(type, 1, n);
                Map<String, INDArray> views = layer.conf().getLayer().initializer().getGradientsFromFlattened(layer.conf(), flat);
                routes[l].writePerExample(i, flat, views);
                out.get(NDArrayIndex.point(i), NDArrayIndex.interval(offsets[l], offsets[l] + n)).assign(flat.reshape(n));
            }
        }
        return out;
    }

    /** Releases the batch's arrays held by the routes and the layers. */
    @Override
    public void clear() {
        for (LayerRoute r : routes) {
            r.clear();
        }
        net.clearLayersStates();
    }

    /**
     * The clipping factors as a column in the network's data type, each rounded down when the
     * cast is inexact so that a clipped norm can only shrink (never exceed the bound) by the cast.
     */
    static INDArray factorsColumn(double[] factors, DataType type) {
        if (type == DataType.DOUBLE) {
            return Nd4j.createFromArray(factors).reshape(factors.length, 1);
        }
        float[] f = new float[factors.length];
        for (int i = 0; i < f.length; i++) {
            float v = (float) factors[i];
            if (v > factors[i]) {
                v = Math.nextDown(v);
            }
            f[i] = v;
        }
        return Nd4j.createFromArray(f).reshape(f.length, 1).castTo(type);
    }

    /** Layer keys in DL4J's gradient naming, "index_param", to their gradient views. */
    @Override
    public Map<String, INDArray> gradientVariables() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (int i = routes.length - 1; i >= 0; i--) {
            for (Map.Entry<String, INDArray> e : gradientViews.get(i).entrySet()) {
                out.put(i + "_" + e.getKey(), e.getValue());
            }
        }
        return out;
    }
}
