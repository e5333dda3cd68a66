package io.privkit.dp.sgd.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer without trainable parameters that treats each example on its own (pooling, activation,
 * dropout, padding, cropping, upsampling, a loss layer, a frozen layer): DL4J's own forward and
 * backward passes are used unchanged, because the layer contributes nothing to any example's
 * gradient norm and its error for the layer below is computed example by example anyway.
 */
final class ParameterFreeRoute extends LayerRoute {
    private final boolean output;
    private INDArray labels;

    ParameterFreeRoute(Layer layer, int index) {
        super(layer, index);
        this.output = layer instanceof IOutputLayer;
    }

    @Override
    long numParams() {
        return 0;
    }

    void setLabels(INDArray labels) {
        this.labels = labels;
    }

    boolean isOutput() {
        return output;
    }

    @Override
    INDArray forward(INDArray input, int iteration, int epoch) {
        layer.setInput(input, NO_WORKSPACES);
        if (output) {
            return null;
        }
        return layer.activate(true, NO_WORKSPACES);
    }

    @Override
    INDArray backward(INDArray epsilon, double[] squaredNorms, boolean needBelow) {
        if (output) {
            ((IOutputLayer) layer).setLabels(labels);
        }
        Pair<Gradient, INDArray> p = layer.backpropGradient(epsilon, NO_WORKSPACES);
        return needBelow ? p.getSecond() : null;
    }

    @Override
    void writeClippedSum(INDArray factors, INDArray flat, Map<String, INDArray> views) {
        if (flat != null) {
            flat.assign(0);
        }
    }

    @Override
    void writePerExample(int example, INDArray flat, Map<String, INDArray> views) {
        if (flat != null) {
            flat.assign(0);
        }
    }

    @Override
    void clear() {
        labels = null;
        layer.clear();
    }
}
