package io.privkit.dp.sgd.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * With clipping and noise off and the realised batch size as normaliser, a step through the
 * layer-wise route and the network's own updater gives exactly the parameters (and updater state)
 * DL4J's {@code fit()} gives.
 */
class NetworkUpdateTest {

    /** Runs {@code steps} batches through fit() on one copy and through the route on another. */
    private static void assertSameAsFit(MultiLayerNetwork fitted, INDArray[] xs, INDArray[] ys, double tolerance) {
        MultiLayerNetwork ours = fitted.clone();
        NetworkRoutes routes = NetworkRoutes.of(ours);
        NetworkUpdate update = new NetworkUpdate(ours, routes);
        INDArray before = ours.params().dup();
        for (int s = 0; s < xs.length; s++) {
            fitted.fit(xs[s], ys[s]);
            routes.forwardBackward(xs[s], ys[s]);
            routes.writeClippedSum(null);
            routes.clear();
            update.apply(xs[s].size(0));
        }
        assertTrue(ours.params().sub(before).amaxNumber().doubleValue() > 1e-4, "the steps changed the parameters");
        assertEquals(fitted.getIterationCount(), ours.getIterationCount());
        double[] expected = fitted.params().castTo(DataType.DOUBLE).toDoubleVector();
        double[] actual = ours.params().castTo(DataType.DOUBLE).toDoubleVector();
        double[] expectedState = fitted.getUpdater().getStateViewArray().castTo(DataType.DOUBLE).toDoubleVector();
        double[] actualState = ours.getUpdater().getStateViewArray().castTo(DataType.DOUBLE).toDoubleVector();
        if (tolerance == 0) {
            assertArrayEquals(expected, actual, 0.0, "parameters");
            assertArrayEquals(expectedState, actualState, 0.0, "updater state");
        } else {
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], tolerance * Math.max(1, Math.abs(expected[i])), "parameter " + i);
            }
        }
    }

    private static INDArray[] batches(int n, java.util.function.IntFunction<INDArray> make) {
        INDArray[] out = new INDArray[n];
        for (int i = 0; i < n; i++) {
            out[i] = make.apply(i);
        }
        return out;
    }

    @Test
    void apply_mlpWithAdam_bitIdenticalToFit() {
        assertSameAsFit(Networks.mlp(1), batches(4, i -> Networks.gaussian(100 + i, 16, 12)),
                batches(4, i -> Networks.oneHot(200 + i, 16, 4)), 0.0);
    }

    @Test
    void apply_floatMlpWithNesterovsScheduleAndL2_bitIdenticalToFit() {
        MultiLayerNetwork net = Networks.init(Networks.base(3).dataType(DataType.FLOAT)
                .updater(new Nesterovs(new ExponentialSchedule(ScheduleType.ITERATION, 0.1, 0.9), 0.9))
                .l2(1e-3).list()
                .layer(new DenseLayer.Builder().nIn(12).nOut(9).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(9).nOut(4)
                        .activation(Activation.SOFTMAX).build())
                .build());
        assertSameAsFit(net, batches(5, i -> Networks.gaussian(300 + i, 32, 12).castTo(DataType.FLOAT)),
                batches(5, i -> Networks.oneHot(400 + i, 32, 4).castTo(DataType.FLOAT)), 0.0);
    }

    @Test
    void apply_regressionWithoutBias_bitIdenticalToFit() {
        assertSameAsFit(Networks.regression(5), batches(3, i -> Networks.gaussian(500 + i, 8, 6)),
                batches(3, i -> Networks.gaussian(600 + i, 8, 2)), 0.0);
    }

    @Test
    void apply_cnn_matchesFitToDoublePrecision() {
        // DL4J's convolution may run through MKL-DNN, which sums in another order than the
        // built-in im2col path the route follows: equal to double rounding, not bit for bit.
        MultiLayerNetwork net = Networks.cnn(7, CNN2DFormat.NCHW);
        assertSameAsFit(net, batches(3, i -> Networks.gaussian(700 + i, 6, 2, 9, 10)),
                batches(3, i -> Networks.oneHot(800 + i, 6, 3)), 1e-9);
    }

    @Test
    void apply_dropoutLayerNetworkWithDropoutOff_identicalToFit() {
        // A retain probability of 1 keeps every unit, so the masks agree and the paths must too.
        MultiLayerNetwork net = Networks.init(Networks.base(9).list()
                .layer(new DenseLayer.Builder().nIn(12).nOut(9).activation(Activation.TANH).dropOut(1.0).build())
                .layer(new DropoutLayer.Builder(1.0).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(9).nOut(4)
                        .activation(Activation.SOFTMAX).build())
                .build());
        assertSameAsFit(net, batches(2, i -> Networks.gaussian(900 + i, 8, 12)),
                batches(2, i -> Networks.oneHot(1000 + i, 8, 4)), 0.0);
    }
}
