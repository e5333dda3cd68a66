package io.privkit.dp.sgd.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Per-example gradients of a dense layer ({@code DenseLayer}) or a dense output layer
 * ({@code OutputLayer}) by outer products (Goodfellow, "Efficient Per-Example Gradient
 * Computations", arXiv:1510.01799, 2015).
 *
 * <p>With input {@code a_i} (after dropout) and delta {@code d_i = dL_i/dz_i} of example
 * {@code i}, the example's gradients are {@code dW_i = a_i d_i^T} and {@code db_i = d_i}, so
 * <pre>
 *   |g_i|^2 = |a_i|^2 |d_i|^2 + |d_i|^2
 * </pre>
 * without forming {@code dW_i}, and the clipped sum is one matrix product,
 * {@code sum_i c_i dW_i = A^T diag(c) D}. The arithmetic (forward product, bias row-add, the
 * activation's or loss function's backprop, the {@code gemm} of the weight gradient and the
 * epsilon for the layer below) is done by the same ND4J calls, in the same order, as DL4J's own
 * {@code BaseLayer} and {@code BaseOutputLayer}, so with every factor equal to one the result is
 * bit-identical to DL4J's batch gradient.
 *
 * <p>Supports dropout on the layer input; layer normalisation and weight noise are routed
 * elsewhere (see {@link NetworkRoutes}).
 */
final class DenseRoute extends LayerRoute {
    private final boolean output;
    private final boolean hasBias;
    private final IActivation activation;
    private final ILossFunction loss;
    private final IDropout dropout;

    private INDArray input;
    private INDArray z;
    private INDArray delta;
    private INDArray labels;
    private int iteration;
    private int epoch;

    DenseRoute(Layer layer, int index) {
        super(layer, index);
        BaseLayer conf = (BaseLayer) layer.conf().getLayer();
        this.output = conf instanceof BaseOutputLayer;
        this.hasBias = ((org.deeplearning4j.nn.layers.BaseLayer<?>) layer).hasBias();
        this.activation = conf.getActivationFn();
        this.loss = output ? ((BaseOutputLayer) conf).getLossFn() : null;
        this.dropout = conf.getIDropout();
    }

    boolean isOutput() {
        return output;
    }

    void setLabels(INDArray labels) {
        this.labels = labels;
    }

    @Override
    INDArray forward(INDArray x, int iteration, int epoch) {
        this.iteration = iteration;
        this.epoch = epoch;
        INDArray w = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray in = applyDropout(dropout, x.castTo(w.dataType()), iteration, epoch);
        INDArray ret = Nd4j.createUninitialized(w.dataType(), in.size(0), w.size(1));
        in.mmuli(w, ret);
        if (hasBias) {
            ret.addiRowVector(layer.getParam(DefaultParamInitializer.BIAS_KEY));
        }
        this.input = in;
        this.z = ret;
        if (output) {
            return null;
        }
        return activation.getActivation(ret.dup(), true);
    }

    @Override
    INDArray backward(INDArray epsilon, double[] squaredNorms, boolean needBelow) {
        if (output) {
            delta = loss.computeGradient(labels, z, activation, null);
        } else {
            delta = activation.backprop(z, epsilon).getFirst();
        }
        z = null;
        double[] a2 = rowSquaredNorms(input);
        double[] d2 = rowSquaredNorms(delta);
        for (int i = 0; i < squaredNorms.length; i++) {
            squaredNorms[i] += a2[i] * d2[i] + (hasBias ? d2[i] : 0.0);
        }
        if (!needBelow) {
            return null;
        }
        INDArray w = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray epsNext = Nd4j.createUninitialized(delta.dataType(), new long[] {w.size(0), delta.size(0)}, 'f');
        epsNext = w.mmuli(delta.transpose(), epsNext).transpose();
        return backpropDropout(dropout, epsNext, iteration, epoch);
    }

    @Override
    void writeClippedSum(INDArray factors, INDArray flat, Map<String, INDArray> views) {
        INDArray d = factors == null ? delta : delta.mulColumnVector(factors);
        INDArray wGrad = views.get(DefaultParamInitializer.WEIGHT_KEY);
        if (hasBias) {
            d.sum(views.get(DefaultParamInitializer.BIAS_KEY), 0);
        }
        Nd4j.gemm(input.castTo(wGrad.dataType()), d, wGrad, true, false, 1.0, 0.0);
    }

    @Override
    void writePerExample(int example, INDArray flat, Map<String, INDArray> views) {
        INDArray a = input.getRow(example).reshape(input.size(1), 1);
        INDArray d = delta.getRow(example).reshape(1, delta.size(1));
        views.get(DefaultParamInitializer.WEIGHT_KEY).assign(a.mmul(d));
        if (hasBias) {
            views.get(DefaultParamInitializer.BIAS_KEY).assign(d.reshape(views.get(DefaultParamInitializer.BIAS_KEY).shape()));
        }
    }

    @Override
    void clear() {
        input = null;
        z = null;
        delta = null;
        labels = null;
    }
}
