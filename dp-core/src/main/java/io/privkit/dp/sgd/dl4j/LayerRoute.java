package io.privkit.dp.sgd.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How one DL4J layer takes part in a per-example gradient computation. A route runs in three
 * passes over one batch:
 * <ol>
 *   <li>{@link #forward}: the layer's training-mode forward pass, keeping what the backward pass
 *       needs (the layer input after dropout, pre-activations, im2col patches);</li>
 *   <li>{@link #backward}: the error for the layer below, and each example's squared L2 norm of
 *       this layer's parameter gradient, added into a per-example accumulator;</li>
 *   <li>{@link #writeClippedSum}: the sum over examples of {@code factor_i * g_i} into the
 *       layer's slice of the network's gradient view, where {@code factor_i} is the example's
 *       clipping factor.</li>
 * </ol>
 * {@link #writePerExample} materialises the per-example gradients instead (for tests, debugging
 * and small models).
 *
 * <p>Single-use per batch; not thread-safe (it holds the batch's intermediate arrays).
 */
abstract class LayerRoute {
    /** The layer this route drives. */
    final Layer layer;
    /** The layer's index in the network. */
    final int index;
    /** Workspace manager: the routes allocate on the heap, outside any workspace. */
    static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    LayerRoute(Layer layer, int index) {
        this.layer = layer;
        this.index = index;
    }

    /** Number of trainable parameters this route produces gradients for (0 for parameter-free layers). */
    long numParams() {
        return layer.numParams();
    }

    /**
     * Training-mode forward pass of the whole batch.
     *
     * @param input     the layer's input (after the network's input preprocessor, if any)
     * @param iteration the network's iteration count (for dropout schedules)
     * @param epoch     the network's epoch count
     * @return the layer's activations; may be {@code null} for an output layer
     */
    abstract INDArray forward(INDArray input, int iteration, int epoch);

    /**
     * Backward pass: computes this layer's per-example deltas and adds each example's squared
     * gradient norm into {@code squaredNorms}.
     *
     * @param epsilon        dL/d(output) for each example, or {@code null} for an output layer
     * @param squaredNorms   per-example accumulator, length = batch size
     * @param needBelow      whether the error for the layer below is needed
     * @return the error for the layer below, dL/d(input), or {@code null} when not needed
     */
    abstract INDArray backward(INDArray epsilon, double[] squaredNorms, boolean needBelow);

    /**
     * Writes {@code sum_i factor_i g_i} into this layer's gradient views.
     *
     * @param factors per-example multipliers as a column vector in the network's data type, or
     *                {@code null} for all ones (no clipping)
     * @param flat    this layer's slice of the gradient, flattened as DL4J lays it out
     * @param views   views of {@code flat} by parameter key, shaped by the layer's parameter
     *                initializer
     */
    abstract void writeClippedSum(INDArray factors, INDArray flat, Map<String, INDArray> views);

    /**
     * Writes example {@code example}'s gradient into {@code flat} (and so into {@code views},
     * its shaped views).
     */
    abstract void writePerExample(int example, INDArray flat, Map<String, INDArray> views);

    /** Drops references to the batch's arrays. */
    void clear() {
        layer.clear();
    }

    // ------------------------------------------------------------------ shared helpers

    static IDropout dropoutOf(Layer layer) {
        return layer.conf().getLayer().getIDropout();
    }

    /** Applies the layer's dropout to its input as DL4J does in training mode; identity when none. */
    static INDArray applyDropout(IDropout dropout, INDArray input, int iteration, int epoch) {
        if (dropout == null) {
            return input;
        }
        INDArray result = Nd4j.createUninitialized(input.dataType(), input.shape(), input.ordering());
        return dropout.applyDropout(input, result, iteration, epoch, NO_WORKSPACES);
    }

    /** Back-propagates the layer's dropout (in place), as DL4J does. */
    static INDArray backpropDropout(IDropout dropout, INDArray epsilon, int iteration, int epoch) {
        if (dropout != null && epsilon != null) {
            dropout.backprop(epsilon, epsilon, iteration, epoch);
        }
        return epsilon;
    }

    /** Row-wise sums of squares in double precision: |x_i|^2 for each example (first dimension). */
    static double[] rowSquaredNorms(INDArray x) {
        INDArray d = x.castTo(DataType.DOUBLE);
        if (d.rank() != 2) {
            d = d.reshape('c', d.size(0), d.length() / d.size(0));
        }
        return d.mul(d).sum(1).toDoubleVector();
    }

    static void addInto(double[] acc, double[] add) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += add[i];
        }
    }

    /** "layer 2 (DenseLayer "hidden")" for messages. */
    static String describe(Layer layer, int index) {
        String name = layer.conf().getLayer().getLayerName();
        String kind = layer.conf().getLayer().getClass().getSimpleName();
        return "layer " + index + " (" + kind + (name == null || name.equals(String.valueOf(index)) || name.equals("layer" + index) ? "" : " \"" + name + "\"") + ")";
    }
}
