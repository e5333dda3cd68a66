package io.privkit.federated.client.dl4j;

import io.privkit.common.Checks;
import io.privkit.federated.ModelSpec;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The mapping between a DL4J network's parameters and the federation's named tensors.
 *
 * <p>Every entry of the network's parameter table becomes one tensor of the same name and shape:
 * DL4J's keys, {@code <layer index>_<parameter>} for a {@link MultiLayerNetwork} ({@code 0_W},
 * {@code 0_b}, {@code 1_W}, ...) and {@code <vertex name>_<parameter>} for a
 * {@link ComputationGraph}, in the network's own order. Values travel row-major ('c' order)
 * whatever the storage order of DL4J's parameter views, so two sites with the same configuration
 * agree element by element. Non-trainable entries of the table (batch normalisation's running
 * mean and variance) are federated too, and averaged like the weights.
 *
 * <p>Start a coordinator with {@link #weights(MultiLayerNetwork)} of a freshly initialised network
 * as the initial model; every site builds its network from the same configuration. Loading checks
 * names and shapes first and changes nothing when they differ (check then commit). Precision: the
 * federation carries binary64; a network of data type FLOAT rounds the global model to binary32 on
 * loading (round to nearest).
 *
 * <p>Stateless and thread-safe; the networks passed in are not.
 */
public final class Dl4jParameters {
    private Dl4jParameters() {
    }

    /** The tensor names and shapes of {@code network}. */
    public static ModelSpec spec(MultiLayerNetwork network) {
        return spec(Network.of(network));
    }

    /** The tensor names and shapes of {@code network}. */
    public static ModelSpec spec(ComputationGraph network) {
        return spec(Network.of(network));
    }

    /** The current parameters of {@code network}, e.g. the initial model of a federation. */
    public static ModelWeights weights(MultiLayerNetwork network) {
        return weights(Network.of(network));
    }

    /** The current parameters of {@code network}, e.g. the initial model of a federation. */
    public static ModelWeights weights(ComputationGraph network) {
        return weights(Network.of(network));
    }

    /**
     * Sets the parameters of {@code network} to {@code weights}, e.g. the final global model of a
     * run, to evaluate or save it with DL4J.
     *
     * @throws IllegalArgumentException naming the first tensor whose name or shape differs; the
     *                                  network is then unchanged
     */
    public static void load(ModelWeights weights, MultiLayerNetwork network) {
        load(weights, Network.of(network));
    }

    /** As {@link #load(ModelWeights, MultiLayerNetwork)}, for a computation graph. */
    public static void load(ModelWeights weights, ComputationGraph network) {
        load(weights, Network.of(network));
    }

    static ModelSpec spec(Network net) {
        List<TensorSpec> tensors = new ArrayList<>();
        for (Map.Entry<String, INDArray> e : net.paramTable().entrySet()) {
            tensors.add(TensorSpec.of(e.getKey(), shapeOf(e.getValue())));
        }
        return new ModelSpec(tensors);
    }

    static ModelWeights weights(Network net) {
        ModelSpec spec = spec(net);
        double[] values = new double[spec.size()];
        int offset = 0;
        for (INDArray p : net.paramTable().values()) {
            double[] v = rowMajor(p);
            System.arraycopy(v, 0, values, offset, v.length);
            offset += v.length;
        }
        return ModelWeights.of(spec, values);
    }

    /** The values of one parameter array, row-major, in binary64. */
    static double[] rowMajor(INDArray p) {
        return Nd4j.toFlattened('c', p).castTo(DataType.DOUBLE).toDoubleVector();
    }

    static void load(ModelWeights weights, Network net) {
        Checks.requireNonNull(weights, "weights");
        requireCompatible(weights.spec(), net);
        for (Map.Entry<String, INDArray> e : net.paramTable().entrySet()) {
            INDArray target = e.getValue();
            INDArray source = Nd4j.create(weights.tensor(e.getKey()), target.shape(), 'c').castTo(target.dataType());
            target.assign(source);
        }
    }

    /**
     * Checks that {@code global} has exactly the network's tensors, by name and shape.
     *
     * @throws IllegalArgumentException naming the tensor, its layer and the fix
     */
    static void requireCompatible(ModelSpec global, Network net) {
        Checks.requireNonNull(global, "global model spec");
        String fix = "Build every site's network from the configuration the coordinator's initial model came from "
                + "(Dl4jParameters.spec(network) must equal the federation's model spec).";
        Map<String, INDArray> table = net.paramTable();
        for (Map.Entry<String, INDArray> e : table.entrySet()) {
            String key = e.getKey();
            int i = global.indexOf(key);
            if (i < 0) {
                throw Checks.argument("global model").mustBe("a tensor '" + key + "' for the parameter of " + net.describeLayerOf(key)
                                + " of the local network").got("tensors " + global.tensors())
                        .fix(fix).exception();
            }
            List<Integer> expected = Arrays.stream(shapeOf(e.getValue())).boxed().toList();
            List<Integer> got = global.tensors().get(i).shape();
            if (!expected.equals(got)) {
                throw Checks.argument("global model tensor '" + key + "'").mustBe("of shape " + expected + " as in "
                        + net.describeLayerOf(key) + " of the local network").got(got).fix(fix).exception();
            }
        }
        for (TensorSpec t : global.tensors()) {
            if (!table.containsKey(t.name())) {
                throw Checks.argument("global model tensor '" + t.name() + "'").mustBe("a parameter of the local network, whose "
                        + "parameters are " + table.keySet()).got(t).fix(fix).exception();
            }
        }
    }

    private static int[] shapeOf(INDArray a) {
        long[] s = a.shape();
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = Math.toIntExact(s[i]);
        }
        return out;
    }
}
