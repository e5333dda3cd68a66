package io.privkit.dp.sgd.dl4j;

import io.privkit.common.Checks;
import io.privkit.dp.sgd.GradientNoise;
import io.privkit.dp.sgd.PrivateGradientModel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link MultiLayerNetwork} and its in-memory training data as a {@link PrivateGradientModel}:
 * clipped sums by the layer-wise route ({@link NetworkRoutes}), the update through the network's
 * own updater ({@link NetworkUpdate}).
 *
 * <p>The clipped sum of a step accumulates in the network's gradient view when the logical batch
 * is one physical batch, and in a separate accumulator when it takes several.
 *
 * <p>Not thread-safe.
 */
final class MultiLayerPrivateModel implements PrivateGradientModel {
    private final MultiLayerNetwork net;
    private final DpSgdNetworkStep step;
    private final INDArray features;
    private final INDArray labels;
    private final long[] featureShape;
    private final long[] labelShape;
    private final INDArray flatFeatures;
    private final INDArray flatLabels;
    private final int dimension;

    MultiLayerPrivateModel(MultiLayerNetwork net, NetworkRoutes routes, INDArray features, INDArray labels) {
        this.net = net;
        this.step = DpSgdNetworkStep.of(net, routes);
        DataType type = net.params().dataType();
        this.features = features;
        this.labels = labels;
        this.featureShape = features.shape();
        this.labelShape = labels.shape();
        this.flatFeatures = flatten(features.castTo(type));
        this.flatLabels = flatten(labels.castTo(type));
        long n = net.numParams();
        if (n > Integer.MAX_VALUE) {
            throw Checks.argument("network numParams").mustBe("at most " + Integer.MAX_VALUE).got(n).noFix().exception();
        }
        this.dimension = (int) n;
    }

    private static INDArray flatten(INDArray x) {
        INDArray c = x.ordering() == 'c' && !x.isView() ? x : x.dup('c');
        return c.reshape('c', c.size(0), c.length() / c.size(0));
    }

    int datasetSize() {
        return (int) featureShape[0];
    }

    @Override
    public int parameterCount() {
        return dimension;
    }

    @Override
    public void beginStep() {
        step.begin();
    }

    @Override
    public void addClippedGradients(int[] examples, double clippingNorm) {
        if (examples.length == 0) {
            return;
        }
        step.addClipped(rows(flatFeatures, featureShape, examples), rows(flatLabels, labelShape, examples), clippingNorm);
    }

    private static INDArray rows(INDArray flat, long[] shape, int[] examples) {
        INDArray r = Nd4j.pullRows(flat, 1, examples);
        long[] s = shape.clone();
        s[0] = examples.length;
        return r.reshape('c', s);
    }

    @Override
    public void applyNoisyStep(GradientNoise noise, double normaliser) {
        step.apply(noise, normaliser);
    }

    MultiLayerNetwork network() {
        return net;
    }

    INDArray features() {
        return features;
    }

    INDArray labels() {
        return labels;
    }
}
