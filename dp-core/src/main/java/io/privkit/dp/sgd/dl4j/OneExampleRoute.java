package io.privkit.dp.sgd.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The fallback for a layer with parameters but no dedicated rule (recurrent layers, 1-D, separable,
 * depthwise and transposed convolutions, layers with layer normalisation, PReLU, ...): the layer's
 * own backward pass is run once per example, on that example's slice of the input and the error.
 * This is correct for every layer that treats each example on its own (the one-example loop is
 * the definition of a per-example gradient) and costs one DL4J backward call per example.
 *
 * <p>The per-example gradients of this layer are kept (batch size times the layer's parameter
 * count), so the clipped sum is a matrix-vector product without a second backward pass.
 *
 * <p>Layers with dropout are refused before training by {@link NetworkRoutes}: DL4J would draw a
 * new dropout mask for each one-example call, inconsistent with the forward pass.
 */
final class OneExampleRoute extends LayerRoute {
    private final boolean output;
    private INDArray input;
    private INDArray labels;
    private INDArray perExample;   // [batch, numParams], rows in the layer's flattened layout

    OneExampleRoute(Layer layer, int index) {
        super(layer, index);
        this.output = layer instanceof IOutputLayer;
    }

    void setLabels(INDArray labels) {
        this.labels = labels;
    }

    boolean isOutput() {
        return output;
    }

    @Override
    INDArray forward(INDArray x, int iteration, int epoch) {
        this.input = x;
        if (output) {
            return null;
        }
        layer.setInput(x, NO_WORKSPACES);
        return layer.activate(true, NO_WORKSPACES);
    }

    @Override
    INDArray backward(INDArray epsilon, double[] squaredNorms, boolean needBelow) {
        int batch = (int) input.size(0);
        INDArray view = layer.getGradientsViewArray();
        perExample = Nd4j.create(view.dataType(), batch, view.length());
        INDArray below = null;
        for (int i = 0; i < batch; i++) {
            layer.setInput(slice(input, i), NO_WORKSPACES);
            if (output) {
                ((IOutputLayer) layer).setLabels(slice(labels, i));
            } else {
                layer.activate(true, NO_WORKSPACES);   // wrappers (last time step, ...) keep per-batch state from the forward pass
            }
            Pair<Gradient, INDArray> p = layer.backpropGradient(epsilon == null ? null : slice(epsilon, i), NO_WORKSPACES);
            perExample.putRow(i, view.reshape(1, view.length()));
            if (needBelow && p.getSecond() != null) {
                INDArray e = p.getSecond();
                if (below == null) {
                    long[] shape = e.shape().clone();
                    shape[0] = batch;
                    below = Nd4j.create(e.dataType(), shape);
                }
                below.get(sliceIndex(below.rank(), i)).assign(e);
            }
        }
        double[] sq = rowSquaredNorms(perExample);
        addInto(squaredNorms, sq);
        return below;
    }

    @Override
    void writeClippedSum(INDArray factors, INDArray flat, Map<String, INDArray> views) {
        INDArray sum = factors == null
                ? perExample.sum(0)
                : factors.reshape(1, factors.length()).castTo(perExample.dataType()).mmul(perExample);
        flat.assign(sum.reshape(flat.shape()));
    }

    @Override
    void writePerExample(int example, INDArray flat, Map<String, INDArray> views) {
        flat.assign(perExample.getRow(example).reshape(flat.shape()));
    }

    @Override
    void clear() {
        input = null;
        labels = null;
        perExample = null;
        layer.clear();
    }

    static INDArray slice(INDArray x, int i) {
        return x.get(sliceIndex(x.rank(), i));
    }

    static INDArrayIndex[] sliceIndex(int rank, int i) {
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        idx[0] = NDArrayIndex.interval(i, i + 1);
        for (int d = 1; d < rank; d++) {
            idx[d] = NDArrayIndex.all();
        }
        return idx;
    }
}
