package io.privkit.dp.sgd.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Per-example gradients of a 2-D convolution ({@code ConvolutionLayer}) through im2col.
 *
 * <p>With {@code A_i} the example's im2col patch matrix (P output positions by K = channels x
 * kernel height x kernel width) and {@code D_i} its delta (O output channels by P), the example's
 * weight gradient is {@code G_i = D_i A_i} (O by K, DL4J's weight layout) and its bias gradient the
 * row sums of {@code D_i}. The squared norm is computed one of two ways, whichever costs fewer
 * multiply-adds for the layer's shape:
 * <ul>
 *   <li>materialised: a batched product {@code D_i A_i} (cost O P K per example), then its squared
 *       Frobenius norm;</li>
 *   <li>ghost norm (Li, Tramer, Liang, Hashimoto, "Large Language Models Can Be Strong
 *       Differentially Private Learners", ICLR 2022; Lee and Kifer, "Scaling up Differentially
 *       Private Deep Learning with Fast Per-Example Gradient Clipping", PoPETs 2021):
 *       {@code |D_i A_i|_F^2 = <A_i A_i^T, D_i^T D_i>}, cost P^2 (K + O) per example, without
 *       forming {@code G_i}.</li>
 * </ul>
 * The clipped sum is one product of the batch's patch matrix with the factor-scaled deltas, the
 * same {@code gemm} DL4J's built-in (non-MKL-DNN) path uses; the forward pass, the error for the
 * layer below (col2im) and the data formats (NCHW, NHWC), padding modes and dilation also follow
 * DL4J's built-in path.
 */
final class ConvolutionRoute extends LayerRoute {
    /** How per-example squared norms are computed. */
    enum NormMethod { AUTO, MATERIALISE, GHOST }

    private final ConvolutionLayer conf;
    private final boolean hasBias;
    private final boolean nhwc;
    private final IActivation activation;
    private final IDropout dropout;
    private final NormMethod method;

    private INDArray im2col2d;
    private INDArray zN;
    private INDArray delta;
    private int[] pad;
    private int outH;
    private int outW;
    private int inH;
    private int inW;
    private long batch;
    private int iteration;
    private int epoch;

    ConvolutionRoute(Layer layer, int index, NormMethod method) {
        super(layer, index);
        this.conf = (ConvolutionLayer) layer.conf().getLayer();
        this.hasBias = conf.hasBias();
        this.nhwc = conf.getCnn2dDataFormat() == CNN2DFormat.NHWC;
        this.activation = conf.getActivationFn();
        this.dropout = conf.getIDropout();
        this.method = method;
    }

    private INDArray weights() {
        return layer.getParam(ConvolutionParamInitializer.WEIGHT_KEY);
    }

    @Override
    INDArray forward(INDArray x, int iteration, int epoch) {
        this.iteration = iteration;
        this.epoch = epoch;
        INDArray w = weights();
        INDArray in = applyDropout(dropout, x.castTo(w.dataType()), iteration, epoch);
        INDArray inN = nhwc ? in.permute(0, 3, 1, 2).dup() : in;
        batch = inN.size(0);
        long outDepth = w.size(0);
        long inDepth = w.size(1);
        int kH = (int) w.size(2);
        int kW = (int) w.size(3);
        int[] dilation = conf.getDilation();
        int[] kernel = conf.getKernelSize();
        int[] strides = conf.getStride();
        inH = (int) inN.size(2);
        inW = (int) inN.size(3);
        int[] outSize;
        if (conf.getConvolutionMode() == ConvolutionMode.Same) {
            outSize = ConvolutionUtils.getOutputSize(inN, kernel, strides, null, ConvolutionMode.Same, dilation, CNN2DFormat.NCHW);
            pad = ConvolutionUtils.getSameModeTopLeftPadding(outSize, new int[] {inH, inW}, kernel, strides, dilation);
        } else {
            pad = conf.getPadding();
            outSize = ConvolutionUtils.getOutputSize(inN, kernel, strides, pad, conf.getConvolutionMode(), dilation, CNN2DFormat.NCHW);
        }
        outH = outSize[0];
        outW = outSize[1];

        INDArray col = Nd4j.createUninitialized(w.dataType(), new long[] {batch, outH, outW, inDepth, kH, kW}, 'c');
        INDArray col2 = col.permute(0, 3, 4, 5, 1, 2);
        Convolution.im2col(inN, kH, kW, strides[0], strides[1], pad[0], pad[1], dilation[0], dilation[1],
                conf.getConvolutionMode() == ConvolutionMode.Same, col2);
        im2col2d = Shape.newShapeNoCopy(col, new long[] {batch * outH * outW, inDepth * kH * kW}, false);

        INDArray w2d = w.permute(3, 2, 1, 0).reshape('f', kW * kH * inDepth, outDepth);
        INDArray z = Nd4j.createUninitialized(w.dataType(), new long[] {im2col2d.size(0), w2d.size(1)}, 'f');
        im2col2d.mmuli(w2d, z);
        if (hasBias) {
            z.addiRowVector(layer.getParam(ConvolutionParamInitializer.BIAS_KEY));
        }
        z = Shape.newShapeNoCopy(z, new long[] {outW, outH, batch, outDepth}, true);
        zN = z.permute(2, 3, 1, 0);
        INDArray out = activation.getActivation(zN.dup(), true);
        return nhwc ? out.permute(0, 2, 3, 1).dup() : out;
    }

    @Override
    INDArray backward(INDArray epsilon, double[] squaredNorms, boolean needBelow) {
        INDArray w = weights();
        long outDepth = w.size(0);
        long inDepth = w.size(1);
        int kH = (int) w.size(2);
        int kW = (int) w.size(3);
        long positions = (long) outH * outW;
        long k = inDepth * kH * kW;
        INDArray epsN = nhwc ? epsilon.permute(0, 3, 1, 2) : epsilon;
        delta = activation.backprop(zN, epsN.castTo(zN.dataType())).getFirst();
        zN = null;

        INDArray deltaB = delta.dup('c').reshape('c', batch, outDepth, positions);
        INDArray colsB = im2col2d.reshape('c', batch, positions, k);
        boolean ghost = switch (method) {
            case GHOST -> true;
            case MATERIALISE -> false;
            case AUTO -> positions * positions * (k + outDepth) < outDepth * positions * k;
        };
        double[] wsq;
        if (ghost) {
            INDArray aat = Nd4j.matmul(colsB, colsB, false, true, false);
            INDArray dtd = Nd4j.matmul(deltaB, deltaB, true, false, false);
            wsq = aat.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                    .muli(dtd.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)).sum(1, 2).toDoubleVector();
        } else {
            wsq = rowSquaredNorms(Nd4j.matmul(deltaB, colsB));
        }
        addInto(squaredNorms, wsq);
        if (hasBias) {
            addInto(squaredNorms, rowSquaredNorms(deltaB.sum(2)));
        }
        if (!needBelow) {
            return null;
        }
        int[] strides = conf.getStride();
        int[] dilation = conf.getDilation();
        INDArray delta2d = delta.permute(1, 0, 2, 3).reshape('c', outDepth, batch * positions);
        INDArray w2d = w.permute(3, 2, 1, 0).reshape('f', inDepth * kH * kW, outDepth);
        INDArray epsNext2d = w2d.mmul(delta2d);
        INDArray eps6d = Shape.newShapeNoCopy(epsNext2d, new long[] {kW, kH, inDepth, outW, outH, batch}, true);
        eps6d = eps6d.permute(5, 2, 1, 0, 4, 3);
        INDArray epsNextOrig = Nd4j.createUninitialized(eps6d.dataType(), new long[] {inDepth, batch, inH, inW}, 'c');
        INDArray epsNext = epsNextOrig.permute(1, 0, 2, 3);
        Convolution.col2im(eps6d, epsNext, strides[0], strides[1], pad[0], pad[1], inH, inW, dilation[0], dilation[1]);
        epsNext = backpropDropout(dropout, epsNext, iteration, epoch);
        return nhwc ? epsNext.permute(0, 2, 3, 1) : epsNext;
    }

    @Override
    void writeClippedSum(INDArray factors, INDArray flat, Map<String, INDArray> views) {
        INDArray w = weights();
        long outDepth = w.size(0);
        long k = w.size(1) * w.size(2) * w.size(3);
        INDArray d = delta;
        if (factors != null) {
            d = Broadcast.mul(delta, factors.reshape(factors.length()).castTo(delta.dataType()),
                    Nd4j.createUninitialized(delta.dataType(), delta.shape(), 'c'), 0);
        }
        INDArray delta2d = d.permute(1, 0, 2, 3).reshape('c', outDepth, batch * outH * outW);
        INDArray wGrad = views.get(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray wGrad2df = Shape.newShapeNoCopy(wGrad, new long[] {outDepth, k}, false).transpose();
        Nd4j.gemm(im2col2d, delta2d, wGrad2df, true, true, 1.0, 0.0);
        if (hasBias) {
            delta2d.sum(views.get(ConvolutionParamInitializer.BIAS_KEY), 1);
        }
    }

    @Override
    void writePerExample(int example, INDArray flat, Map<String, INDArray> views) {
        INDArray w = weights();
        long outDepth = w.size(0);
        long positions = (long) outH * outW;
        INDArray d = delta.get(NDArrayIndex.point(example)).dup('c').reshape('c', outDepth, positions);
        INDArray a = im2col2d.get(NDArrayIndex.interval(example * positions, (example + 1) * positions), NDArrayIndex.all());
        INDArray g = d.mmul(a);
        INDArray wGrad = views.get(ConvolutionParamInitializer.WEIGHT_KEY);
        wGrad.assign(g.reshape('c', wGrad.shape()));
        if (hasBias) {
            INDArray bGrad = views.get(ConvolutionParamInitializer.BIAS_KEY);
            bGrad.assign(d.sum(1).reshape(bGrad.shape()));
        }
    }

    @Override
    void clear() {
        im2col2d = null;
        zN = null;
        delta = null;
    }
}
