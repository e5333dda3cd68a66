package io.privkit.benchmarks.dp.sgd;

import io.privkit.dp.sgd.GradientNoise;
import io.privkit.dp.sgd.dl4j.DpSgdNetworkStep;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
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
 * Question: what does one private DP-SGD step of a small CNN (the Fashion-MNIST quick start's
 * network: two tanh convolutions with max pooling, a 32-unit dense layer, 26 010 parameters;
 * float, batch 128, Nesterov momentum) cost next to DL4J's own non-private {@code fit()} of the
 * same batch?
 *
 * <p>Peers, measured in the same run: {@link #nonPrivateFit} (DL4J's training step) and
 * {@link #privateStep} (per-example gradients by im2col with materialised or ghost norms,
 * clipping, secure noise, the same updater). Report {@code privateStep / nonPrivateFit}. Run with
 * {@code OMP_NUM_THREADS=1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 2, jvmArgsAppend = {"-Xmx4g"})
public class DpSgdCnnStepBenchmark {
    static final int BATCH = 128;

    private MultiLayerNetwork fitted;
    private MultiLayerNetwork privateNet;
    private DpSgdNetworkStep step;
    private GradientNoise noise;
    private INDArray features;
    private INDArray labels;

    static MultiLayerNetwork cnn() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER).updater(new Nesterovs(0.05, 0.9)).convolutionMode(ConvolutionMode.Truncate).list()
                .layer(new ConvolutionLayer.Builder(8, 8).stride(2, 2).padding(3, 3).nOut(16).activation(Activation.TANH).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(1, 1).build())
                .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).nOut(32).activation(Activation.TANH).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(1, 1).build())
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build());
        net.init();
        return net;
    }

    @Setup(Level.Trial)
    public void setUp() {
        StepFixtures.checkThreads();
        Nd4j.getRandom().setSeed(7);
        features = Nd4j.rand(DataType.FLOAT, BATCH, 1, 28, 28);
        labels = StepFixtures.labels(BATCH, 10);
        fitted = cnn();
        privateNet = cnn();
        step = DpSgdNetworkStep.of(privateNet);
        noise = StepFixtures.secureNoise(1.1, 1.0, step.parameterCount());
    }

    /** The baseline: DL4J's own training step. */
    @Benchmark
    public MultiLayerNetwork nonPrivateFit() {
        fitted.fit(features, labels);
        return fitted;
    }

    /** The full private step. */
    @Benchmark
    public MultiLayerNetwork privateStep() {
        step.begin();
        step.addClipped(features, labels, 1.0);
        step.apply(noise, BATCH);
        return privateNet;
    }

    /** Runs this benchmark and prints the ratio. */
    public static void main(String[] args) throws Exception {
        Ratios.run(DpSgdCnnStepBenchmark.class, "nonPrivateFit", args);
    }
}
