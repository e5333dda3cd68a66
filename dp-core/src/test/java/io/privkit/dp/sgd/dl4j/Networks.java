package io.privkit.dp.sgd.dl4j;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks of every supported layer type, in double precision, for the per-example tests. */
final class Networks {
    private Networks() {
    }

    static NeuralNetConfiguration.Builder base(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER).updater(new Adam(1e-2));
    }

    static MultiLayerNetwork init(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static MultiLayerNetwork mlp(long seed) {
        return init(base(seed).list()
                .layer(new DenseLayer.Builder().nIn(12).nOut(9).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nIn(9).nOut(7).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(7).nOut(4)
                        .activation(Activation.SOFTMAX).build())
                .build());
    }

    static MultiLayerNetwork regression(long seed) {
        return init(base(seed).list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(5).activation(Activation.SIGMOID).hasBias(false).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(5).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build());
    }

    static MultiLayerNetwork cnn(long seed, CNN2DFormat format) {
        return init(base(seed).convolutionMode(ConvolutionMode.Truncate).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).stride(1, 1).padding(1, 0)
                        .activation(Activation.TANH).dataFormat(format).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).dataFormat(format).build())
                .layer(new ConvolutionLayer.Builder(2, 2).nOut(3).stride(2, 1).dilation(1, 2)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU).dataFormat(format).build())
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.ELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(9, 10, 2, format))
                .build());
    }

    static MultiLayerNetwork embedding(long seed) {
        return init(base(seed).list()
                .layer(new EmbeddingLayer.Builder().nIn(10).nOut(5).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nIn(5).nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
    }

    static MultiLayerNetwork embeddingSequence(long seed) {
        return init(base(seed).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(6).nOut(4).inputLength(5)
                        .outputDataFormat(RNNFormat.NCW).activation(Activation.TANH).hasBias(true).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
    }

    /** Layers without a dedicated rule: LSTM, layer-normalised dense, PReLU, an RNN output layer. */
    static MultiLayerNetwork fallback(long seed) {
        return init(base(seed).list()
                .layer(new LSTM.Builder().nIn(3).nOut(4).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build());
    }

    static MultiLayerNetwork fallbackFeedForward(long seed) {
        return init(base(seed).list()
                .layer(new LastTimeStep(new LSTM.Builder().nIn(3).nOut(5).activation(Activation.TANH).build()))
                .layer(new DenseLayer.Builder().nIn(5).nOut(4).hasLayerNorm(true).activation(Activation.IDENTITY).build())
                .layer(new PReLULayer.Builder().inputShape(4).build())
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.IDENTITY).build())
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).build())
                .build());
    }

    static MultiLayerNetwork withActivationLayer(long seed) {
        return init(base(seed).list()
                .layer(new DenseLayer.Builder().nIn(8).nOut(6).activation(Activation.IDENTITY).build())
                .layer(new ActivationLayer.Builder().activation(Activation.LEAKYRELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(6).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build());
    }

    static MultiLayerNetwork withBatchNorm(long seed) {
        return init(base(seed).list()
                .layer(new DenseLayer.Builder().nIn(8).nOut(6).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().nOut(6).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(6).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
    }

    // ------------------------------------------------------------------ data

    static INDArray gaussian(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.DOUBLE, shape);
    }

    static INDArray oneHot(long seed, int rows, int classes) {
        java.util.Random r = new java.util.Random(seed);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, rows, classes);
        for (int i = 0; i < rows; i++) {
            y.putScalar(i, r.nextInt(classes), 1.0);
        }
        return y;
    }

    static INDArray indices(long seed, int bound, long... shape) {
        java.util.Random r = new java.util.Random(seed);
        INDArray x = Nd4j.zeros(DataType.DOUBLE, shape);
        for (long i = 0; i < x.length(); i++) {
            x.putScalar(i, r.nextInt(bound));
        }
        return x;
    }
}
