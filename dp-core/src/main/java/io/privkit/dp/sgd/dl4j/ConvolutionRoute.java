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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Per-example gradients of a 2-D convolution ({@code ConvolutionLayer}) through im2col.
 *
 * <p>With {@code A_i} the example's patch matrix (K = channels x kernel height x kernel width
 * rows by P output positions) and {@code D_i} its delta (O output channels by P), the example's
 * weight gradient is {@code G_i = D_i A_i^T} (O by K, DL4J's weight layout) and its bias gradient
 * the row sums of {@code D_i}. The squared norm is computed one of two ways, whichever costs fewer
 * multiply-adds for the layer's shape (or as forced for tests):
 * <ul>
 *   <li>materialised: a batched product {@code D_i A_i^T} (O P K per example), then its squared
 *       Frobenius norm; the clipped sum is then {@code sum_i c_i G_i}, a matrix-vector product;</li>
 *   <li>ghost norm (Li, Tramer, Liang and Hashimoto, "Large Language Models Can Be Strong
 *       Differentially Private Learners", ICLR 2022; Lee and Kifer, "Scaling up Differentially
 *       Private Deep Learning with Fast Per-Example Gradient Clipping", PoPETs 2021):
 *       {@code |D_i A_i^T|_F^2 = <A_i^T A_i, D_i^T D_i>} (P^2 (K + O) per example) without forming
 *       {@code G_i}; the clipped sum is then a batched product of the factor-scaled deltas.</li>
 * </ul>
 *
 * <p>The patches are laid out per example ([batch, C, kH, kW, outH, outW], contiguous), which
 * ND4J's im2col writes several times faster than DL4J's own position-major layout; the forward
 * product, the error for the layer below (col2im) and the data formats (NCHW, NHWC), padding
 * modes and dilation follow DL4J's definitions, and the tests hold the result to DL4J's
 * one-example gradients at double precision.
 */
final class ConvolutionRoute extends LayerRoute {
    /** How per-example squared norms are computed. */
    enum NormMethod { AUTO, MATERIALISE, GHOST }

    /** Above this many values the per-example weight gradients are not materialised (AUTO). */
    private static final long MATERIALISE_LIMIT = 1L << 26;

    private final ConvolutionLayer conf;
    private final boolean hasBias;
    private final boolean nhwc;
    private final IActivation activation;
    private final IDropout dropout;
    private final NormMethod method;

    private INDArray cols;      // [B, K, P]
    private INDArray z;         // [B, O, outH, outW]
    private INDArray delta;     // [B, O, P]
    private INDArray perExample; // [B, O, K] when materialised
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

    /** The weights as [O, K]. */
    private INDArray weights2d() {
        INDArray w = weights();
        INDArray c = w.ordering() == 'c' ? w : w.dup('c');
        return c.reshape('c', w.size(0), w.size(1) * w.size(2) * w.size(3));
    }

    /** {@code m} (rank 2) repeated along a new leading batch dimension. */
    private INDArray tiled(INDArray m) {
        return Nd4j.tile(m.reshape('c', 1, m.size(0), m.size(1)), (int) batch, 1, 1);
    }

    @Override
    INDArray forward(INDArray x, int iteration, int epoch) {
        this.iteration = iteration;
        this.epoch = epoch;
        INDArray w = weights();
        INDArray in = applyDropout(dropout, x.castTo(w.dataType()), iteration, epoch);
        INDArray inN = nhwc ? in.permute(0, 3, 1, 2).dup('c') : in;
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
        long positions = (long) outH * outW;
        long k = inDepth * kH * kW;

        INDArray col = Nd4j.createUninitialized(w.dataType(), new long[] {batch, inDepth, kH, kW, outH, outW}, 'c');
        Convolution.im2col(inN, kH, kW, strides[0], strides[1], pad[0], pad[1], dilation[0], dilation[1],
                conf.getConvolutionMode() == ConvolutionMode.Same, col);
        cols = col.reshape('c', batch, k, positions);
        INDArray z3 = Nd4j.matmul(tiled(weights2d()), cols);
        if (hasBias) {
            z3.addi(layer.getParam(ConvolutionParamInitializer.BIAS_KEY).reshape(1, outDepth, 1));
        }
        z = z3.reshape('c', batch, outDepth, outH, outW);
        INDArray out = activation.getActivation(z.dup('c'), true);
        return nhwc ? out.permute(0, 2, 3, 1).dup('c') : out;
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
        INDArray d = activation.backprop(z, epsN.castTo(z.dataType())).getFirst();
        z = null;
        delta = d.dup('c').reshape('c', batch, outDepth, positions);

        boolean ghost = switch (method) {
            case GHOST -> true;
            case MATERIALISE -> false;
            case AUTO -> positions * positions * (k + outDepth) < outDepth * positions * k
                    || batch * outDepth * k > MATERIALISE_LIMIT;
        };
        if (ghost) {
            perExample = null;
            INDArray ata = Nd4j.matmul(cols, cols, true, false, false);
            INDArray dtd = Nd4j.matmul(delta, delta, true, false, false);
            addInto(squaredNorms, ata.castTo(DataType.DOUBLE).muli(dtd.castTo(DataType.DOUBLE)).sum(1, 2).toDoubleVector());
        } else {
            perExample = Nd4j.matmul(delta, cols, false, true, false);
            addInto(squaredNorms, rowSquaredNorms(perExample));
        }
        if (hasBias) {
            addInto(squaredNorms, rowSquaredNorms(delta.sum(2)));
        }
        if (!needBelow) {
            return null;
        }
        int[] strides = conf.getStride();
        int[] dilation = conf.getDilation();
        INDArray epsCols = Nd4j.matmul(tiled(weights2d()), delta, true, false, false);
        INDArray col6 = epsCols.reshape('c', batch, inDepth, kH, kW, outH, outW);
        INDArray epsNext = Nd4j.createUninitialized(col6.dataType(), new long[] {batch, inDepth, inH, inW}, 'c');
        Convolution.col2im(col6, epsNext, strides[0], strides[1], pad[0], pad[1], inH, inW, dilation[0], dilation[1]);
        epsNext = backpropDropout(dropout, epsNext, iteration, epoch);
        return nhwc ? epsNext.permute(0, 2, 3, 1) : epsNext;
    }

    @Override
    void writeClippedSum(INDArray factors, INDArray flat, Map<String, INDArray> views) {
        INDArray wGrad = views.get(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray c = factors == null ? Nd4j.ones(delta.dataType(), batch, 1) : factors.reshape(batch, 1).castTo(delta.dataType());
        INDArray sum;
        if (perExample != null) {
            sum = c.reshape(1, batch).mmul(perExample.reshape('c', batch, perExample.size(1) * perExample.size(2)));
        } else {
            INDArray scaled = delta.mul(c.reshape(batch, 1, 1));
            sum = Nd4j.matmul(scaled, cols, false, true, false).sum(0);
        }
        wGrad.assign(sum.reshape('c', wGrad.shape()));
        if (hasBias) {
            INDArray bGrad = views.get(ConvolutionParamInitializer.BIAS_KEY);
            bGrad.assign(c.reshape(1, batch).mmul(delta.sum(2)).reshape(bGrad.shape()));
        }
    }

    @Override
    void writePerExample(int example, INDArray flat, Map<String, INDArray> views) {
        INDArray d = delta.get(NDArrayIndex.point(example));                       // [O, P]
        INDArray a = cols.get(NDArrayIndex.point(example));                        // [K, P]
        INDArray g = d.mmul(a.transpose());                                        // [O, K]
        INDArray wGrad = views.get(ConvolutionParamInitializer.WEIGHT_KEY);
        wGrad.assign(g.reshape('c', wGrad.shape()));
        if (hasBias) {
            INDArray bGrad = views.get(ConvolutionParamInitializer.BIAS_KEY);
            bGrad.assign(d.sum(1).reshape(bGrad.shape()));
        }
    }

    @Override
    void clear() {
        cols = null;
        z = null;
        delta = null;
        perExample = null;
    }
}
