package io.privkit.dp.sgd.dl4j;

import io.privkit.common.ArgumentProblem;
import io.privkit.common.Checks;
import io.privkit.common.InvalidArgumentsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.graph.vertex.impl.StackVertex;
import org.deeplearning4j.nn.graph.vertex.impl.UnstackVertex;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The per-example gradient plan of a {@link ComputationGraph}: the same per-layer routes as a
 * {@code MultiLayerNetwork} ({@link NetworkRoutes}) for every layer vertex, DL4J's own passes for
 * the vertices without parameters (merge, element-wise, subset, scale, shift, reshape, L2,
 * preprocessor, pooling helpers, time-series helpers), errors summed where a vertex feeds several
 * others, and one loss term per output layer (an example's loss is the sum over outputs).
 *
 * <p>Refused before training: stack and unstack vertices (they move examples across the batch
 * dimension), vertices with parameters that are not layers (SameDiff vertices), truncated BPTT,
 * and every per-layer problem {@link NetworkRoutes} refuses.
 *
 * <p>Not thread-safe.
 */
final class GraphRoutes implements ModelRoutes {
    private final ComputationGraph graph;
    private final GraphVertex[] vertices;
    private final int[] topological;
    private final LayerRoute[] routes;              // by vertex index; null for non-layer vertices
    private final InputPreProcessor[] preprocessors; // by vertex index
    private final boolean[] trainableUpstream;      // a vertex above it (strictly) has parameters
    private final int[] labelIndex;                 // by vertex index: which label array, or -1
    private final int[] inputIndex;                 // by vertex index: which feature array, or -1
    private final List<Map<String, INDArray>> gradientViews = new ArrayList<>();

    private GraphRoutes(ComputationGraph graph, ConvolutionRoute.NormMethod convNorms) {
        this.graph = graph;
        if (graph.getGradientsViewArray() == null) {
            graph.initGradientsView();
        }
        this.vertices = graph.getVertices();
        this.topological = graph.topologicalSortOrder();
        int n = vertices.length;
        this.routes = new LayerRoute[n];
        this.preprocessors = new InputPreProcessor[n];
        this.labelIndex = new int[n];
        this.inputIndex = new int[n];
        java.util.Arrays.fill(labelIndex, -1);
        java.util.Arrays.fill(inputIndex, -1);
        ComputationGraphConfiguration conf = graph.getConfiguration();
        List<String> outputs = conf.getNetworkOutputs();
        List<String> inputs = conf.getNetworkInputs();
        for (GraphVertex v : vertices) {
            int i = v.getVertexIndex();
            gradientViews.add(null);
            if (v.isInputVertex()) {
                inputIndex[i] = inputs.indexOf(v.getVertexName());
            }
            if (v.hasLayer()) {
                Layer layer = v.getLayer();
                routes[i] = NetworkRoutes.routeFor(layer, i, convNorms);
                preprocessors[i] = ((LayerVertex) v).getLayerPreProcessor();
                labelIndex[i] = outputs.indexOf(v.getVertexName());
            }
        }
        for (GraphVertex v : vertices) {
            int i = v.getVertexIndex();
            gradientViews.set(i, routes[i] == null || routes[i].numParams() == 0 ? Map.of()
                    : v.getLayer().conf().getLayer().initializer().getGradientsFromFlattened(v.getLayer().conf(),
                    v.getLayer().getGradientsViewArray()));
        }
        this.trainableUpstream = new boolean[n];
        for (int i : topological) {
            VertexIndices[] in = vertices[i].getInputVertices();
            if (in == null) {
                continue;
            }
            for (VertexIndices vi : in) {
                int u = vi.getVertexIndex();
                boolean uHas = routes[u] != null && routes[u].numParams() > 0;
                trainableUpstream[i] |= uHas || trainableUpstream[u];
            }
        }
    }

    /**
     * Plans the routes of {@code graph}, after checking it.
     *
     * @throws InvalidArgumentsException listing every problem
     */
    static GraphRoutes of(ComputationGraph graph) {
        return of(graph, ConvolutionRoute.NormMethod.AUTO);
    }

    static GraphRoutes of(ComputationGraph graph, ConvolutionRoute.NormMethod convNorms) {
        Checks.requireNonNull(graph, "graph");
        List<ArgumentProblem> problems = problems(graph);
        if (!problems.isEmpty()) {
            throw new InvalidArgumentsException(problems, "graph");
        }
        return new GraphRoutes(graph, convNorms);
    }

    /** Every reason {@code graph} cannot be trained with per-example clipping; empty when it can. */
    static List<ArgumentProblem> problems(ComputationGraph graph) {
        List<ArgumentProblem> out = new ArrayList<>();
        if (graph.getVertices() == null || graph.params() == null) {
            out.add(Checks.argument("graph").mustBe("initialised").got(NetworkRoutes.Unquoted.of("a graph before init()"))
                    .fix("Call graph.init() before wrapping it."));
            return out;
        }
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (conf.getBackpropType() == BackpropType.TruncatedBPTT) {
            out.add(Checks.argument("graph backpropType").mustBe("Standard").got("TruncatedBPTT")
                    .fix("Truncated BPTT updates several times per sequence; use backpropType(BackpropType.Standard)."));
        }
        DataType type = graph.params().dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            out.add(Checks.argument("graph dataType").mustBe("FLOAT or DOUBLE").got(type)
                    .fix("Build the graph with dataType(DataType.FLOAT) or DOUBLE."));
        }
        List<String> outputs = conf.getNetworkOutputs();
        for (GraphVertex v : graph.getVertices()) {
            String where = "vertex \"" + v.getVertexName() + "\"";
            if (v.hasLayer()) {
                NetworkRoutes.layerProblems(v.getLayer(), v.getVertexIndex(), outputs.contains(v.getVertexName()), out);
            } else if (v instanceof StackVertex || v instanceof UnstackVertex) {
                out.add(Checks.argument(where).mustBe("a vertex that keeps examples apart")
                        .got(NetworkRoutes.Unquoted.of(v.getClass().getSimpleName()))
                        .fix("It moves examples across the batch dimension, which per-example gradients index; "
                                + "restructure the graph without it."));
            } else if (!v.isInputVertex() && !v.paramTable(false).isEmpty()) {
                out.add(Checks.argument(where).mustBe("a layer vertex, or a vertex without parameters")
                        .got(NetworkRoutes.Unquoted.of(v.getClass().getSimpleName() + " with parameters"))
                        .fix("Per-example gradients of this vertex type are not available; express it with layers."));
            }
        }
        if (conf.getDefaultConfiguration().getOptimizationAlgo() != null
                && conf.getDefaultConfiguration().getOptimizationAlgo() != OptimizationAlgorithm.STOCHASTIC_GRADIENT_DESCENT
                && out.stream().noneMatch(p -> p.input().endsWith("optimizationAlgo"))) {
            out.add(Checks.argument("graph optimizationAlgo").mustBe("STOCHASTIC_GRADIENT_DESCENT")
                    .got(conf.getDefaultConfiguration().getOptimizationAlgo())
                    .fix("Use SGD with any updater (Adam, Nesterovs, ...)."));
        }
        return out;
    }

    @Override
    public Model model() {
        return graph;
    }

    ComputationGraph graph() {
        return graph;
    }

    @Override
    public List<String> describeRoutes() {
        List<String> out = new ArrayList<>();
        for (int i : topological) {
            if (routes[i] != null) {
                String how = switch (routes[i].getClass().getSimpleName()) {
                    case "DenseRoute" -> "outer products of inputs and deltas (norms without per-example gradients)";
                    case "ConvolutionRoute" -> "im2col products (materialised or ghost norms, whichever is cheaper)";
                    case "EmbeddingRoute" -> "row scatter of deltas";
                    case "ParameterFreeRoute" -> "no trainable parameters: DL4J's own passes";
                    default -> "one backward call per example (fallback)";
                };
                out.add("vertex \"" + vertices[i].getVertexName() + "\" (" + routes[i].layer.conf().getLayer().getClass().getSimpleName()
                        + "): " + how);
            } else if (!vertices[i].isInputVertex()) {
                out.add("vertex \"" + vertices[i].getVertexName() + "\" (" + vertices[i].getClass().getSimpleName()
                        + "): no trainable parameters: DL4J's own passes");
            }
        }
        return out;
    }

    @Override
    public double[] forwardBackward(INDArray[] features, INDArray[] labels) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (features.length != conf.getNetworkInputs().size() || labels.length != conf.getNetworkOutputs().size()) {
            throw Checks.argument("features").mustBe(conf.getNetworkInputs().size() + " input and "
                    + conf.getNetworkOutputs().size() + " label arrays").got(features.length + " and " + labels.length)
                    .fix("Pass one array per graph input and per graph output.").exception();
        }
        int batch = (int) features[0].size(0);
        DataType type = graph.params().dataType();
        int iteration = graph.getIterationCount();
        int epoch = graph.getEpochCount();
        INDArray[] out = new INDArray[vertices.length];
        for (int i : topological) {
            GraphVertex v = vertices[i];
            if (v.isInputVertex()) {
                out[i] = features[inputIndex[i]].castTo(type);
                continue;
            }
            VertexIndices[] in = v.getInputVertices();
            INDArray[] ins = new INDArray[in.length];
            for (int k = 0; k < in.length; k++) {
                ins[k] = out[in[k].getVertexIndex()];
            }
            if (routes[i] != null) {
                INDArray x = ins[0];
                if (preprocessors[i] != null) {
                    x = preprocessors[i].preProcess(x, batch, LayerRoute.NO_WORKSPACES);
                }
                if (labelIndex[i] >= 0) {
                    NetworkRoutes.setLabels(routes[i], labels[labelIndex[i]].castTo(type));
                }
                out[i] = routes[i].forward(x, iteration, epoch);
            } else {
                v.setInputs(ins);
                out[i] = v.doForward(true, LayerRoute.NO_WORKSPACES);
            }
        }
        double[] squared = new double[batch];
        INDArray[] eps = new INDArray[vertices.length];
        for (int t = topological.length - 1; t >= 0; t--) {
            int i = topological[t];
            GraphVertex v = vertices[i];
            if (v.isInputVertex()) {
                continue;
            }
            boolean isOutput = labelIndex[i] >= 0;
            boolean ownParams = routes[i] != null && routes[i].numParams() > 0;
            if (eps[i] == null && !isOutput) {
                continue;   // nothing below the losses depends on this vertex's output
            }
            if (!ownParams && !trainableUpstream[i]) {
                continue;
            }
            VertexIndices[] in = v.getInputVertices();
            if (routes[i] != null) {
                INDArray e = routes[i].backward(eps[i], squared, trainableUpstream[i]);
                if (e != null && trainableUpstream[i]) {
                    if (preprocessors[i] != null) {
                        e = preprocessors[i].backprop(e, batch, LayerRoute.NO_WORKSPACES);
                    }
                    accumulate(eps, in[0].getVertexIndex(), e);
                }
            } else {
                v.setEpsilon(eps[i]);
                Pair<Gradient, INDArray[]> p = v.doBackward(false, LayerRoute.NO_WORKSPACES);
                for (int k = 0; k < in.length; k++) {
                    if (p.getSecond()[k] != null) {
                        accumulate(eps, in[k].getVertexIndex(), p.getSecond()[k]);
                    }
                }
            }
        }
        return squared;
    }

    private static void accumulate(INDArray[] eps, int vertex, INDArray e) {
        eps[vertex] = eps[vertex] == null ? e : eps[vertex].add(e);
    }

    @Override
    public void writeClippedSum(double[] factors) {
        INDArray f = factors == null ? null : NetworkRoutes.factorsColumn(factors, graph.params().dataType());
        graph.getGradientsViewArray().assign(0);
        for (int i : topological) {
            if (routes[i] != null && routes[i].numParams() > 0) {
                routes[i].writeClippedSum(f, routes[i].layer.getGradientsViewArray(), gradientViews.get(i));
            }
        }
    }

    @Override
    public INDArray perExampleGradients(int batch) {
        DataType type = graph.params().dataType();
        INDArray out = Nd4j.create(type, batch, graph.numParams());
        long offset = 0;
        for (int i : topological) {
            long n = vertices[i].isInputVertex() ? 0 : vertices[i].numParams();
            if (routes[i] != null && n > 0) {
                Layer layer = routes[i].layer;
                for (int b = 0; b < batch; b++) {
                    INDArray flat = Nd4j.create(type, 1, n);
                    Map<String, INDArray> views = layer.conf().getLayer().initializer().getGradientsFromFlattened(layer.conf(), flat);
                    routes[i].writePerExample(b, flat, views);
                    out.get(NDArrayIndex.point(b), NDArrayIndex.interval(offset, offset + n)).assign(flat.reshape(n));
                }
            }
            offset += n;
        }
        return out;
    }

    @Override
    public void clear() {
        for (LayerRoute r : routes) {
            if (r != null) {
                r.clear();
            }
        }
        graph.clearLayersStates();
        for (GraphVertex v : vertices) {
            v.clear();
        }
    }

    @Override
    public Map<String, INDArray> gradientVariables() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (int t = topological.length - 1; t >= 0; t--) {
            int i = topological[t];
            for (Map.Entry<String, INDArray> e : gradientViews.get(i).entrySet()) {
                out.put(vertices[i].getVertexName() + "_" + e.getKey(), e.getValue());
            }
        }
        return out;
    }
}
