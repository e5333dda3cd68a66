package io.privkit.dp.sgd.dl4j;

import io.privkit.dp.sgd.GradientNoise;
import io.privkit.dp.sgd.PrivateGradientModel;

/**
 * A DL4J network or graph and its in-memory training data as a {@link PrivateGradientModel}:
 * clipped sums by the layer-wise route, the update through the model's own updater
 * ({@link DpSgdNetworkStep}).
 *
 * <p>Not thread-safe.
 */
final class MultiLayerPrivateModel implements PrivateGradientModel {
    private final DpSgdNetworkStep step;
    private final InMemoryData data;

    MultiLayerPrivateModel(ModelRoutes routes, InMemoryData data) {
        this.step = DpSgdNetworkStep.of(routes);
        this.data = data;
    }

    int datasetSize() {
        return data.size();
    }

    @Override
    public int parameterCount() {
        return step.parameterCount();
    }

    @Override
    public void beginStep() {
        step.begin();
    }

    @Override
    public void addClippedGradients(int[] examples, double clippingNorm) {
        step.addClippedRows(data, examples, clippingNorm);
    }

    @Override
    public void applyNoisyStep(GradientNoise noise, double normaliser) {
        step.apply(noise, normaliser);
    }
}
