package io.privkit.dp.sgd.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.InvalidArgumentsException;
import io.privkit.common.Randomness;
import io.privkit.dp.sgd.DpSgdConfig;
import io.privkit.dp.sgd.DpSgdOptions;
import io.privkit.dp.sgd.DpSgdResult;
import io.privkit.dp.sgd.TestAccounting;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.StackVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Per-example gradients and updates of a ComputationGraph against DL4J's own one-example and fit() results. */
class GraphRoutesTest {
    private static final int BATCH = 6;

    @TempDir
    Path tmp;

    /**
     * Two inputs; "da" feeds both a merge and an element-wise sum (its error is the sum of two
     * paths); two outputs with different losses (an example's loss is their sum).
     */
    static ComputationGraph graph(long seed) {
        ComputationGraphConfiguration conf = Networks.base(seed).graphBuilder()
                .addInputs("a", "b")
                .addLayer("da", new DenseLayer.Builder().nIn(5).nOut(6).activation(Activation.TANH).build(), "a")
                .addLayer("db", new DenseLayer.Builder().nIn(4).nOut(6).activation(Activation.RELU).build(), "b")
                .addVertex("m", new MergeVertex(), "da", "db")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "da", "db")
                .addLayer("h", new DenseLayer.Builder().nIn(12).nOut(5).activation(Activation.SIGMOID).build(), "m")
                .addLayer("h2", new DenseLayer.Builder().nIn(6).nOut(5).activation(Activation.TANH).build(), "sum")
                .addLayer("out1", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "h")
                .addLayer("out2", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(5).nOut(2)
                        .activation(Activation.IDENTITY).build(), "h2")
                .setOutputs("out1", "out2")
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    static INDArray[] features(long seed, int n) {
        return new INDArray[] {Networks.gaussian(seed, n, 5), Networks.gaussian(seed + 1, n, 4)};
    }

    static INDArray[] labels(long seed, int n) {
        return new INDArray[] {Networks.oneHot(seed, n, 3), Networks.gaussian(seed + 1, n, 2)};
    }

    @Test
    void perExample_mergeElementwiseTwoOutputs_equalsOneExampleLoop() {
        ComputationGraph g = graph(1);
        INDArray[] x = features(2, BATCH);
        INDArray[] y = labels(4, BATCH);
        INDArray fast = PerExampleGradients.of(g).perExample(x, y);
        INDArray ref = PerExampleGradients.byOneExampleLoop(g, x, y);
        assertTrue(ref.amaxNumber().doubleValue() > 1e-3);
        PerExampleGradientsTest.assertClose(ref, fast, "graph per-example gradients");
    }

    @Test
    void apply_clippingAndNoiseOff_matchesGraphFit() {
        ComputationGraph fitted = graph(5);
        ComputationGraph ours = fitted.clone();
        GraphRoutes routes = GraphRoutes.of(ours);
        GraphUpdate update = new GraphUpdate(ours, routes);
        INDArray before = ours.params().dup();
        for (int s = 0; s < 3; s++) {
            INDArray[] x = features(10 + 2 * s, BATCH);
            INDArray[] y = labels(20 + 2 * s, BATCH);
            fitted.fit(new MultiDataSet(x, y));
            routes.forwardBackward(x, y);
            routes.writeClippedSum(null);
            routes.clear();
            update.apply(BATCH);
        }
        assertTrue(ours.params().sub(before).amaxNumber().doubleValue() > 1e-4);
        // Errors from the two paths out of "da" are summed in another order than DL4J's: equal to rounding.
        double[] e = fitted.params().toDoubleVector();
        double[] a = ours.params().toDoubleVector();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-12 * Math.max(1, Math.abs(e[i])), "parameter " + i);
        }
        assertEquals(fitted.getIterationCount(), ours.getIterationCount());
    }

    @Test
    void of_batchNormAndStackVertex_refusedTogether() {
        ComputationGraphConfiguration conf = Networks.base(1).graphBuilder()
                .addInputs("a", "b")
                .addLayer("d", new DenseLayer.Builder().nIn(3).nOut(3).build(), "a")
                .setInputTypes(org.deeplearning4j.nn.conf.inputs.InputType.feedForward(3),
                        org.deeplearning4j.nn.conf.inputs.InputType.feedForward(3))
                .addLayer("bn", new BatchNormalization.Builder().nOut(3).build(), "d")
                .addVertex("stack", new StackVertex(), "bn", "b")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(1)
                        .activation(Activation.IDENTITY).build(), "stack")
                .setOutputs("out")
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, () -> DpSgdNetworkTrainer.of(g,
                DpSgdConfig.builder().noiseMultiplier(1).delta(1e-5).clippingNorm(1).expectedBatchSize(2).steps(1).build()));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("(BatchNormalization \"bn\") must be a layer that treats each example on its own"),
                e.getMessage());
        assertTrue(e.getMessage().contains("vertex \"stack\" must be a vertex that keeps examples apart"), e.getMessage());
    }

    @Test
    void fit_graph_trainsAndResumesFromCheckpoint() throws Exception {
        ComputationGraph g = graph(7);
        MultiDataSet data = new MultiDataSet(features(30, 200), labels(40, 200));
        DpSgdConfig config = DpSgdConfig.builder().noiseMultiplier(1.0).delta(1e-5).clippingNorm(1.0).expectedBatchSize(20)
                .steps(6).maxPhysicalBatchSize(8).build();
        Path dir = tmp.resolve("graph-ckpt");
        RuntimeException crash = new RuntimeException("simulated crash");
        DpSgdOptions options = DpSgdOptions.withDefaults().with(Randomness.insecureSeeded(8)).with(new TestAccounting())
                .with(DpSgdOptions.Checkpoints.every(3, dir)).with(run -> {
                    if (run.stepsApplied() == 4) {
                        throw crash;
                    }
                });
        INDArray before = g.params().dup();
        assertThrows(RuntimeException.class, () -> DpSgdNetworkTrainer.of(g, config).with(options).fit(data));
        assertTrue(g.params().sub(before).amaxNumber().doubleValue() > 0, "the steps moved the parameters");
        assertTrue(Files.isRegularFile(dir.resolve(NetworkCheckpoint.GRAPH_FILE)));
        DpSgdNetworkTrainer resumed = DpSgdNetworkTrainer.resume(dir, config)
                .with(DpSgdOptions.withDefaults().with(Randomness.insecureSeeded(9)).with(new TestAccounting()));
        assertEquals(3, resumed.graph().getIterationCount());
        DpSgdResult r = resumed.fit(data);
        assertEquals(6, r.stepsReserved());
        assertEquals(6, resumed.graph().getIterationCount());
        assertTrue(r.perExampleRoutes().stream().anyMatch(l -> l.startsWith("vertex \"m\" (MergeVertex)")), r.perExampleRoutes().toString());
    }
}
