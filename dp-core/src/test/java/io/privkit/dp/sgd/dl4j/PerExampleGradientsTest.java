package io.privkit.dp.sgd.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.InvalidArgumentsException;
import java.util.List;
import java.util.function.LongFunction;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer-wise route against the one-example loop, for every supported layer type, in double
 * precision.
 *
 * <p>Tolerance: both routes compute the same sums in a different order, so they differ by rounding
 * only. In double (unit roundoff 1.1e-16) with sums of at most a few hundred terms through at most
 * five layers, the relative difference is below 1e-12; we allow {@code 1e-10 * max(1, max|g|)}.
 * A wrong layout, a missing factor or a wrong delta gives differences of order |g| itself.
 */
class PerExampleGradientsTest {
    private static final int BATCH = 7;

    static void assertClose(INDArray expected, INDArray actual, String what) {
        assertEquals(List.of(expected.shape()[0], expected.shape()[1]), List.of(actual.shape()[0], actual.shape()[1]), what + " shape");
        double scale = Math.max(1.0, expected.amaxNumber().doubleValue());
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-10 * scale, what + ": max |difference| " + diff + " at scale " + scale);
    }

    private static void checkAgainstLoop(MultiLayerNetwork net, INDArray x, INDArray y, String what) {
        PerExampleGradients pe = PerExampleGradients.of(net);
        INDArray fast = pe.perExample(x, y);
        INDArray ref = PerExampleGradients.byOneExampleLoop(net, x, y);
        assertTrue(ref.amaxNumber().doubleValue() > 1e-3, what + ": reference gradients are not trivial");
        assertClose(ref, fast, what + " per-example gradients");

        double[] norms = pe.norms(x, y);
        INDArray refNorms = ref.norm2(1);
        for (int i = 0; i < norms.length; i++) {
            assertEquals(refNorms.getDouble(i), norms[i], 1e-10 * Math.max(1, refNorms.getDouble(i)), what + " norm " + i);
        }

        // Clip to the median norm, so some examples are clipped and some are not.
        double[] sorted = refNorms.toDoubleVector();
        java.util.Arrays.sort(sorted);
        double c = sorted[norms.length / 2];
        INDArray expected = Nd4j.zeros(DataType.DOUBLE, 1, ref.columns());
        for (int i = 0; i < norms.length; i++) {
            double f = Math.min(1.0, Clipping.BOUND * c / refNorms.getDouble(i));
            expected.addi(ref.getRow(i).reshape(1, ref.columns()).mul(f));
        }
        INDArray sum = pe.clippedSum(x, y, c);
        assertClose(expected, sum.reshape(1, sum.length()), what + " clipped sum");
    }

    @Test
    void perExample_denseAndOutputLayers_equalOneExampleLoop() {
        checkAgainstLoop(Networks.mlp(1), Networks.gaussian(2, BATCH, 12), Networks.oneHot(3, BATCH, 4), "mlp");
    }

    @Test
    void perExample_regressionWithoutBias_equalsOneExampleLoop() {
        checkAgainstLoop(Networks.regression(4), Networks.gaussian(5, BATCH, 6), Networks.gaussian(6, BATCH, 2), "regression");
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void perExample_convolutionLayers_equalOneExampleLoop(CNN2DFormat format) {
        long[] shape = format == CNN2DFormat.NCHW ? new long[] {BATCH, 2, 9, 10} : new long[] {BATCH, 9, 10, 2};
        checkAgainstLoop(Networks.cnn(7, format), Networks.gaussian(8, shape), Networks.oneHot(9, BATCH, 3), "cnn " + format);
    }

    @ParameterizedTest
    @EnumSource(value = ConvolutionRoute.NormMethod.class, names = {"GHOST", "MATERIALISE"})
    void norms_convolutionGhostAndMaterialised_equalOneExampleLoop(ConvolutionRoute.NormMethod method) {
        MultiLayerNetwork net = Networks.cnn(10, CNN2DFormat.NCHW);
        INDArray x = Networks.gaussian(11, BATCH, 2, 9, 10);
        INDArray y = Networks.oneHot(12, BATCH, 3);
        double[] norms = PerExampleGradients.of(net, method).norms(x, y);
        INDArray ref = PerExampleGradients.byOneExampleLoop(net, x, y).norm2(1);
        for (int i = 0; i < BATCH; i++) {
            assertEquals(ref.getDouble(i), norms[i], 1e-10 * Math.max(1, ref.getDouble(i)), method + " norm " + i);
        }
    }

    @Test
    void perExample_embeddingLayer_equalsOneExampleLoop() {
        checkAgainstLoop(Networks.embedding(13), Networks.indices(14, 10, BATCH, 1), Networks.oneHot(15, BATCH, 3), "embedding");
    }

    @Test
    void perExample_embeddingSequenceWithRepeatedIndices_equalsOneExampleLoop() {
        // 6 symbols over 5 positions: most sequences repeat a symbol, which the norm must add before squaring.
        checkAgainstLoop(Networks.embeddingSequence(16), Networks.indices(17, 6, BATCH, 5), Networks.oneHot(18, BATCH, 3),
                "embedding sequence");
    }

    @Test
    void perExample_recurrentFallbackWithRnnOutput_equalsOneExampleLoop() {
        checkAgainstLoop(Networks.fallback(19), Networks.gaussian(20, BATCH, 3, 4), Networks.gaussian(21, BATCH, 2, 4), "lstm");
    }

    @Test
    void perExample_fallbackLayersAndLossLayer_equalOneExampleLoop() {
        checkAgainstLoop(Networks.fallbackFeedForward(22), Networks.gaussian(23, BATCH, 3, 4), Networks.oneHot(24, BATCH, 3),
                "layer norm, PReLU, last time step, loss layer");
    }

    @Test
    void perExample_activationLayer_equalsOneExampleLoop() {
        checkAgainstLoop(Networks.withActivationLayer(25), Networks.gaussian(26, BATCH, 8),
                Networks.oneHot(27, BATCH, 1).assign(Networks.indices(28, 2, BATCH, 1)), "activation layer");
    }

    @Test
    void routes_supportedLayers_nameTheFastRoutes() {
        List<String> routes = PerExampleGradients.of(Networks.cnn(1, CNN2DFormat.NCHW)).routes();
        assertEquals(5, routes.size());
        assertTrue(routes.get(0).startsWith("layer 0 (ConvolutionLayer): im2col"), routes.get(0));
        assertTrue(routes.get(1).contains("no trainable parameters"), routes.get(1));
        assertTrue(routes.get(4).startsWith("layer 4 (OutputLayer): outer products"), routes.get(4));
        List<String> fb = PerExampleGradients.of(Networks.fallback(1)).routes();
        assertTrue(fb.get(0).contains("one backward call per example"), fb.get(0));
    }

    @Test
    void of_batchNormalisation_refusedNamingTheLayerAndFix() {
        MultiLayerNetwork net = Networks.withBatchNorm(1);
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, () -> PerExampleGradients.of(net));
        assertTrue(e.getMessage().startsWith("layer 1 (BatchNormalization) must be a layer that treats each example on its own; "
                + "got batch normalisation. It normalises with the batch's statistics"), e.getMessage());
        assertTrue(e.getMessage().contains("hasLayerNorm(true)"), e.getMessage());
        assertEquals(1, PerExampleGradients.problems(net).size());
    }

    @Test
    void clippedSum_clipNormNotPositive_rejected() {
        PerExampleGradients pe = PerExampleGradients.of(Networks.mlp(1));
        INDArray x = Networks.gaussian(2, 3, 12);
        INDArray y = Networks.oneHot(3, 3, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pe.clippedSum(x, y, 0.0));
        assertEquals("clipNorm must be > 0; got 0.0. Pick the per-example L2 bound, e.g. 1.0.", e.getMessage());
    }

    @Test
    void clippedSum_everyClippedNormBoundedByClipNorm() {
        MultiLayerNetwork net = Networks.cnn(30, CNN2DFormat.NCHW);
        INDArray x = Networks.gaussian(31, BATCH, 2, 9, 10).muli(5);
        INDArray y = Networks.oneHot(32, BATCH, 3);
        PerExampleGradients pe = PerExampleGradients.of(net);
        double[] norms = pe.norms(x, y);
        double c = 1e-3;   // far below every norm, so every example is clipped
        INDArray per = pe.perExample(x, y);
        double[] f = Clipping.factors(java.util.Arrays.stream(norms).map(n -> n * n).toArray(), c);
        for (int i = 0; i < BATCH; i++) {
            assertTrue(norms[i] > c);
            double clipped = per.getRow(i).mul(f[i]).norm2Number().doubleValue();
            assertTrue(clipped <= c, "example " + i + ": clipped norm " + clipped + " > " + c);
            assertEquals(Clipping.BOUND * c, clipped, 1e-12 * c);
        }
        // The sum of BATCH clipped gradients has norm at most BATCH * c (triangle inequality).
        assertTrue(pe.clippedSum(x, y, c).norm2Number().doubleValue() <= BATCH * c * (1 + 1e-12));
    }

    @Test
    void perExample_floatNetwork_matchesDoubleLoopToFloatPrecision() {
        LongFunction<MultiLayerNetwork> make = seed -> Networks.init(Networks.base(seed).dataType(DataType.FLOAT).list()
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(12).nOut(9)
                        .activation(org.nd4j.linalg.activations.Activation.TANH).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                        org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT).nIn(9).nOut(4)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .build());
        MultiLayerNetwork net = make.apply(40);
        INDArray x = Networks.gaussian(41, BATCH, 12).castTo(DataType.FLOAT);
        INDArray y = Networks.oneHot(42, BATCH, 4).castTo(DataType.FLOAT);
        INDArray fast = PerExampleGradients.of(net).perExample(x, y).castTo(DataType.DOUBLE);
        INDArray ref = PerExampleGradients.byOneExampleLoop(net, x, y).castTo(DataType.DOUBLE);
        // float: unit roundoff 6e-8; sums of <= 12 terms through two layers: 1e-5 relative is generous.
        double scale = Math.max(1, ref.amaxNumber().doubleValue());
        assertTrue(ref.sub(fast).amaxNumber().doubleValue() <= 1e-5 * scale);
    }
}
