package io.privkit.dp.sgd.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.optimize.api.StepFunction;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.optimize.stepfunctions.NegativeGradientStepFunction;
import org.deeplearning4j.optimize.stepfunctions.StepFunctions;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link NetworkUpdate} for a {@link ComputationGraph}: the graph's own updater, step function,
 * listeners, iteration count and constraints, as {@code ComputationGraph.fit} applies a gradient.
 *
 * <p>Not thread-safe.
 */
final class GraphUpdate implements ModelUpdate {
    private final ComputationGraph graph;
    private final Map<String, INDArray> variables;
    private final StepFunction stepFunction;
    private final ComputationGraphUpdater updater;

    GraphUpdate(ComputationGraph graph, GraphRoutes routes) {
        this.graph = graph;
        this.variables = routes.gradientVariables();
        StepFunction configured = StepFunctions.createStepFunction(graph.conf().getStepFunction());
        this.stepFunction = configured != null ? configured : new NegativeGradientStepFunction();
        try (MemoryWorkspace out = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            this.updater = graph.getUpdater(true);
        }
    }

    @Override
    public void apply(double normaliser) {
        INDArray view = graph.getGradientsViewArray();
        if (normaliser != 1.0) {
            view.divi(normaliser);
        }
        Gradient gradient = new DefaultGradient(view);
        for (Map.Entry<String, INDArray> e : variables.entrySet()) {
            gradient.setGradientFor(e.getKey(), e.getValue());
        }
        int iteration = graph.getIterationCount();
        int epoch = graph.getEpochCount();
        updater.update(gradient, iteration, epoch, 1, LayerRoute.NO_WORKSPACES);
        INDArray params = graph.params();
        stepFunction.step(params.reshape(params.length()), view.reshape(view.length()));
        for (TrainingListener l : graph.getListeners()) {
            l.iterationDone(graph, iteration, epoch);
        }
        graph.getConfiguration().setIterationCount(iteration + 1);
        for (Layer l : graph.getLayers()) {
            l.setIterationCount(iteration + 1);
            l.setEpochCount(epoch);
        }
        graph.applyConstraints(iteration + 1, epoch);
    }
}
