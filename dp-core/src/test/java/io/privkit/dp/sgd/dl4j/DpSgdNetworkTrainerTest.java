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
import io.privkit.dp.sgd.GradientNoise;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class DpSgdNetworkTrainerTest {
    @TempDir
    Path tmp;

    /** Two Gaussian blobs in 4 dimensions, centres at +-1.5 on every axis: linearly separable with margin. */
    static DataSet blobs(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        INDArray x = Nd4j.create(DataType.FLOAT, n, 4);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 2);
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            for (int j = 0; j < 4; j++) {
                x.putScalar(i, j, (c == 0 ? -1.5 : 1.5) + r.nextGaussian());
            }
            y.putScalar(i, c, 1.0);
        }
        return new DataSet(x, y);
    }

    static MultiLayerNetwork small(long seed, org.nd4j.linalg.learning.config.IUpdater updater) {
        return Networks.init(Networks.base(seed).dataType(DataType.FLOAT).updater(updater).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(2).activation(Activation.SOFTMAX).build())
                .build());
    }

    static double accuracy(MultiLayerNetwork net, DataSet d) {
        return net.evaluate(new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(d.asList(), 100)).accuracy();
    }

    private static DpSgdOptions seeded(long seed) {
        return DpSgdOptions.withDefaults().with(Randomness.insecureSeeded(seed)).with(new TestAccounting());
    }

    @Test
    void fit_separableBlobs_learnsWithNoiseAndClipping() {
        MultiLayerNetwork net = small(1, new org.nd4j.linalg.learning.config.Adam(0.05));
        DpSgdConfig config = DpSgdConfig.builder().noiseMultiplier(1.0).delta(1e-5).clippingNorm(1.0)
                .expectedBatchSize(64).epochs(5).build();
        DataSet train = blobs(1000, 2);
        double before = accuracy(net, blobs(500, 3));
        DpSgdResult result = DpSgdNetworkTrainer.of(net, config).with(seeded(4)).fit(train);
        double after = accuracy(net, blobs(500, 3));
        assertEquals((long) Math.ceil(5 * 1000 / 64.0), result.stepsReserved());
        assertEquals(result.stepsReserved(), result.stepsApplied());
        assertEquals(result.stepsApplied(), net.getIterationCount());
        assertEquals(5, net.getEpochCount(), "one epoch per 1/q steps");
        assertTrue(after > 0.95, "accuracy after DP training " + after + " (before " + before + ")");
        assertTrue(result.insecureRandomness());
        assertTrue(result.summary().contains("[SEEDED RANDOMNESS: NO PRIVACY]"), result.summary());
    }

    @Test
    void of_batchNormalisation_refusedBeforeTraining() {
        MultiLayerNetwork net = Networks.withBatchNorm(1);
        DpSgdConfig config = DpSgdConfig.builder().noiseMultiplier(1.0).delta(1e-5).clippingNorm(1.0).expectedBatchSize(8)
                .steps(3).build();
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, () -> DpSgdNetworkTrainer.of(net, config));
        assertTrue(e.getMessage().startsWith("layer 1 (BatchNormalization) must be a layer that treats each example on its own"));
    }

    @Test
    void fit_updateNoise_hasScaleSigmaTimesClippingNormOverBatch() {
        // Sampling rate 1: every step uses the whole dataset, so two runs with different noise seeds
        // differ only by their noise. With plain SGD (learning rate eta) the parameter difference is
        // eta (z1 - z2) / n per coordinate, z ~ N(0, (sigma C)^2): standard deviation eta sqrt(2) sigma C / n.
        // With d = 58 parameters the sample sd has relative standard error 1 / sqrt(2 d) = 9.3%;
        // we accept within 5 of those (false rejection 5.7e-7).
        double sigma = 2.0;
        double clip = 0.5;
        double eta = 0.1;
        DataSet train = blobs(20, 5);
        DpSgdConfig config = DpSgdConfig.builder().noiseMultiplier(sigma).delta(1e-5).clippingNorm(clip).samplingRate(1.0)
                .steps(1).build();
        MultiLayerNetwork a = small(6, new Sgd(eta));
        MultiLayerNetwork b = a.clone();
        DpSgdNetworkTrainer.of(a, config).with(seeded(7)).fit(train);
        DpSgdNetworkTrainer.of(b, config).with(seeded(8)).fit(train);
        double[] diff = a.params().sub(b.params()).castTo(DataType.DOUBLE).toDoubleVector();
        double ss = 0;
        for (double v : diff) {
            ss += v * v;
        }
        double sd = Math.sqrt(ss / diff.length);
        double expected = eta * Math.sqrt(2) * sigma * clip / 20;
        assertEquals(expected, sd, 5 * expected / Math.sqrt(2.0 * diff.length), "update noise sd");
    }

    @Test
    void addClippedGradients_severalPhysicalBatches_sameSumAsOne() {
        MultiLayerNetwork net = small(9, new Sgd(0.1));
        DataSet d = blobs(30, 10);
        MultiLayerPrivateModel model = new MultiLayerPrivateModel(NetworkRoutes.of(net),
                new InMemoryData(new INDArray[] {d.getFeatures()}, new INDArray[] {d.getLabels()}, DataType.FLOAT));
        int[] all = new int[30];
        for (int i = 0; i < 30; i++) {
            all[i] = i;
        }
        double[] one = captureSum(model, new int[][] {all});
        double[] parts = captureSum(model, new int[][] {java.util.Arrays.copyOfRange(all, 0, 7),
                java.util.Arrays.copyOfRange(all, 7, 20), java.util.Arrays.copyOfRange(all, 20, 30)});
        double max = 0;
        for (int i = 0; i < one.length; i++) {
            max = Math.max(max, Math.abs(one[i] - parts[i]));
            assertEquals(one[i], parts[i], 1e-5 * Math.max(1, Math.abs(one[i])), "coordinate " + i);
        }
        assertTrue(java.util.Arrays.stream(one).map(Math::abs).max().orElse(0) > 1e-2, "non-trivial sum");
    }

    /** The step's clipped sum, seen through a noise source that records it and adds nothing. */
    private static double[] captureSum(MultiLayerPrivateModel model, int[][] chunks) {
        double[][] seen = new double[1][];
        GradientNoise recorder = new GradientNoise() {
            @Override
            public void addNoise(float[] values) {
                seen[0] = new double[values.length];
                for (int i = 0; i < values.length; i++) {
                    seen[0][i] = values[i];
                }
                java.util.Arrays.fill(values, 0f);
            }

            @Override
            public void addNoise(double[] values) {
                seen[0] = values.clone();
                java.util.Arrays.fill(values, 0.0);
            }

            @Override
            public double standardDeviation() {
                return 0;
            }
        };
        model.beginStep();
        for (int[] c : chunks) {
            model.addClippedGradients(c, 0.5);
        }
        model.applyNoisyStep(recorder, 1.0);
        return seen[0];
    }

    @Test
    void resume_afterCrash_continuesTheSameRunToThePlannedSteps() throws Exception {
        MultiLayerNetwork net = small(11, new org.nd4j.linalg.learning.config.Adam(0.01));
        DpSgdConfig config = DpSgdConfig.builder().noiseMultiplier(1.0).delta(1e-5).clippingNorm(1.0).expectedBatchSize(10)
                .steps(6).build();
        DataSet train = blobs(100, 12);
        Path dir = tmp.resolve("ckpt");
        RuntimeException crash = new RuntimeException("simulated crash");
        DpSgdOptions options = seeded(13).with(DpSgdOptions.Checkpoints.every(2, dir)).with(run -> {
            if (run.stepsApplied() == 5) {
                throw crash;
            }
        });
        assertThrows(RuntimeException.class, () -> DpSgdNetworkTrainer.of(net, config).with(options).fit(train));
        assertTrue(Files.isRegularFile(dir.resolve(NetworkCheckpoint.NETWORK_FILE)));
        assertEquals(4, io.privkit.dp.sgd.DpSgdRunState.read(dir.resolve("privacy-state.json")).stepsApplied());

        DpSgdNetworkTrainer resumed = DpSgdNetworkTrainer.resume(dir, config).with(seeded(14));
        assertEquals(4, resumed.network().getIterationCount(), "the checkpointed network");
        DpSgdResult result = resumed.fit(train);
        assertEquals(6, result.stepsReserved());
        assertEquals(6, result.stepsApplied());
        assertEquals(6, resumed.network().getIterationCount());
    }
}
