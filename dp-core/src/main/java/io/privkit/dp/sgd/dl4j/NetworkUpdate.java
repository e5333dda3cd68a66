package io.privkit.dp.sgd.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.StepFunction;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.optimize.stepfunctions.NegativeGradientStepFunction;
import org.deeplearning4j.optimize.stepfunctions.StepFunctions;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Applies the gradient held in a network's gradient view through the network's own updater, the
 * way {@code MultiLayerNetwork.fit} does after computing its gradient (DL4J's
 * {@code StochasticGradientDescent.optimize}): updater (learning-rate schedules, momentum, Adam,
 * regularisation, gradient normalisation), step function, listeners' {@code iterationDone},
 * iteration count, constraints.
 *
 * <p>The only difference is who divides by the batch size: DL4J's updater divides by the realised
 * batch size; here the caller divides by a normaliser it chooses (for DP-SGD with Poisson sampling,
 * the public expected batch size, because the realised size is private) and the updater is told
 * the batch size is 1. With the realised batch size as normaliser the two are bit-identical.
 *
 * <p>Not thread-safe.
 */
final class NetworkUpdate implements ModelUpdate {
    private final MultiLayerNetwork net;
    private final Map<String, INDArray> variables;
    private final StepFunction stepFunction;

    NetworkUpdate(MultiLayerNetwork net, NetworkRoutes routes) {
        this.net = net;
        this.variables = routes.gradientVariables();
        StepFunction configured = StepFunctions.createStepFunction(net.conf().getStepFunction());
        this.stepFunction = configured != null ? configured : new NegativeGradientStepFunction();
        // The updater and its state are created now, outside any workspace, so they persist.
        try (org.nd4j.linalg.api.memory.MemoryWorkspace out = org.nd4j.linalg.factory.Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            net.getUpdater();
        }
    }

    /**
     * Divides the gradient view by {@code normaliser} and applies it.
     *
     * @param normaliser the divisor of the summed gradient, &gt; 0
     */
    @Override
    public void apply(double normaliser) {
        INDArray view = net.getGradientsViewArray();
        if (normaliser != 1.0) {
            view.divi(normaliser);
        }
        Gradient gradient = new DefaultGradient(view);
        for (Map.Entry<String, INDArray> e : variables.entrySet()) {
            gradient.setGradientFor(e.getKey(), e.getValue());
        }
        int iteration = net.getIterationCount();
        int epoch = net.getEpochCount();
        Updater updater = net.getUpdater();
        updater.update(net, gradient, iteration, epoch, 1, LayerRoute.NO_WORKSPACES);
        INDArray params = net.params();
        stepFunction.step(params.reshape(params.length()), view.reshape(view.length()));
        for (TrainingListener l : net.getListeners()) {
            l.iterationDone(net, iteration, epoch);
        }
        net.setIterationCount(iteration + 1);
        for (Layer l : net.getLayers()) {
            l.setIterationCount(iteration + 1);
            l.setEpochCount(epoch);
        }
        net.applyConstraints(iteration + 1, epoch);
    }
}
