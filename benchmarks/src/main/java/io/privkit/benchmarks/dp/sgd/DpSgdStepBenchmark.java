package io.privkit.benchmarks.dp.sgd;

import io.privkit.dp.sgd.GradientNoise;
import io.privkit.dp.sgd.dl4j.DpSgdNetworkStep;
import io.privkit.dp.sgd.dl4j.PerExampleGradients;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what does one private DP-SGD step of a 784-256-10 MLP (float, batch 256, Adam) cost
 * next to DL4J's own non-private {@code fit()} of the same batch? The bar is at most 1.5x.
 *
 * <p>Peers, measured in the same run on the same batch and network shape:
 * <ul>
 *   <li>{@link #nonPrivateFit}: {@code MultiLayerNetwork.fit(features, labels)}, the baseline;</li>
 *   <li>{@link #privateStep}: per-example gradients by the layer-wise route, clipping, the clipped
 *       sum, one draw of dp-core's secure vector Gaussian noise over all 203 530 parameters, and
 *       the same Adam update through the network's updater;</li>
 *   <li>{@link #oneExampleLoop}: the naive route, 256 one-example forward-backward passes (the
 *       per-example gradients only, before clipping and noise), for scale.</li>
 * </ul>
 * Report {@code privateStep / nonPrivateFit}. Run with {@code OMP_NUM_THREADS=1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xmx4g"})
public class DpSgdStepBenchmark {
    static final int BATCH = 256;

    private MultiLayerNetwork fitted;
    private MultiLayerNetwork privateNet;
    private DpSgdNetworkStep step;
    private GradientNoise noise;
    private INDArray features;
    private INDArray labels;

    static MultiLayerNetwork mlp() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER).updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(256).nOut(10).activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    @Setup(Level.Trial)
    public void setUp() {
        StepFixtures.checkThreads();
        Nd4j.getRandom().setSeed(7);
        features = Nd4j.rand(DataType.FLOAT, BATCH, 784);
        labels = StepFixtures.labels(BATCH, 10);
        fitted = mlp();
        privateNet = mlp();
        step = DpSgdNetworkStep.of(privateNet);
        noise = StepFixtures.secureNoise(1.1, 1.0, step.parameterCount());
    }

    /** The baseline: DL4J's own training step. */
    @Benchmark
    public MultiLayerNetwork nonPrivateFit() {
        fitted.fit(features, labels);
        return fitted;
    }

    /** The full private step: per-example clip, sum, secure noise, Adam. */
    @Benchmark
    public MultiLayerNetwork privateStep() {
        step.begin();
        step.addClipped(features, labels, 1.0);
        step.apply(noise, BATCH);
        return privateNet;
    }

    /** Naive per-example gradients by one forward-backward pass per example (no clipping, noise or update). */
    @Benchmark
    @Measurement(iterations = 3, time = 2)
    public INDArray oneExampleLoop() {
        return PerExampleGradients.byOneExampleLoop(privateNet, features, labels);
    }

    /** Runs this benchmark and prints the ratios. */
    public static void main(String[] args) throws Exception {
        Ratios.run(DpSgdStepBenchmark.class, "nonPrivateFit", args);
    }
}
