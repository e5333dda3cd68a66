package io.privkit.dp.sgd.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterUpdate;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-example gradients of an embedding layer: {@code EmbeddingLayer} (one index per example) and
 * {@code EmbeddingSequenceLayer} (a sequence of T indices per example).
 *
 * <p>Example {@code i}'s weight gradient is {@code sum_t e_{k_t} d_t^T} (row {@code k_t} of the
 * table receives the delta {@code d_t} of position {@code t}) and its bias gradient
 * {@code sum_t d_t}. Rows hit by several positions of one example add up before squaring:
 * <pre>
 *   |g_i|^2 = sum_v | sum_{t : k_t = v} d_t |^2  +  | sum_t d_t |^2
 * </pre>
 * computed in double precision on the host from the batch's deltas (batch x T x nOut values);
 * the table itself (vocabulary x nOut) is never materialised per example. The clipped sum is one
 * scatter-add of the factor-scaled deltas, as DL4J's own backward pass does it.
 */
final class EmbeddingRoute extends LayerRoute {
    private final boolean sequence;
    private final boolean ncw;
    private final boolean hasBias;
    private final IActivation activation;

    private int[] indexes;      // batch * T, example-major
    private int positions;      // T (1 for EmbeddingLayer)
    private INDArray z;
    private INDArray delta2d;   // [batch * T, nOut], example-major rows
    private long batch;

    EmbeddingRoute(Layer layer, int index) {
        super(layer, index);
        BaseLayer conf = (BaseLayer) layer.conf().getLayer();
        this.sequence = conf instanceof EmbeddingSequenceLayer;
        this.ncw = sequence && ((EmbeddingSequenceLayer) conf).getOutputFormat() == RNNFormat.NCW;
        this.hasBias = ((org.deeplearning4j.nn.layers.BaseLayer<?>) layer).hasBias();
        this.activation = conf.getActivationFn();
    }

    @Override
    INDArray forward(INDArray x, int iteration, int epoch) {
        INDArray w = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
        batch = x.size(0);
        INDArray idx = x.rank() == 3 ? x.reshape(x.ordering(), x.size(0), x.size(2)) : x;
        if (idx.rank() == 1) {
            idx = idx.reshape(idx.length(), 1);
        }
        positions = (int) idx.size(1);
        long nIn = w.size(0);
        indexes = idx.dup('c').castTo(DataType.INT32).data().asInt();
        for (int i = 0; i < indexes.length; i++) {
            if (indexes[i] < 0 || indexes[i] >= nIn) {
                throw new IllegalArgumentException("embedding index of example " + (i / positions) + " must be in 0.."
                        + (nIn - 1) + " (" + describe(layer, index) + " has nIn = " + nIn + "); got " + indexes[i]
                        + ". Map the categories to 0..nIn-1 or enlarge nIn.");
            }
        }
        INDArray rows = Nd4j.pullRows(w, 1, indexes);
        if (hasBias) {
            rows.addiRowVector(layer.getParam(DefaultParamInitializer.BIAS_KEY));
        }
        if (sequence) {
            INDArray r = rows.reshape('c', batch, positions, w.size(1));
            z = ncw ? r.permute(0, 2, 1) : r;
        } else {
            z = rows;
        }
        return activation.getActivation(z.dup(), true);
    }

    @Override
    INDArray backward(INDArray epsilon, double[] squaredNorms, boolean needBelow) {
        INDArray delta = activation.backprop(z, epsilon.castTo(z.dataType())).getFirst();
        z = null;
        if (sequence && ncw) {
            delta = delta.permute(0, 2, 1);
        }
        long nOut = delta.size(delta.rank() - 1);
        delta2d = delta.dup('c').reshape('c', batch * positions, nOut);
        double[] d = delta2d.castTo(DataType.DOUBLE).data().asDouble();
        int width = (int) nOut;
        for (int i = 0; i < batch; i++) {
            squaredNorms[i] += exampleSquaredNorm(d, i, width);
        }
        return null;
    }

    private double exampleSquaredNorm(double[] d, int example, int width) {
        int base = example * positions;
        double total = 0;
        boolean[] done = new boolean[positions];
        for (int t = 0; t < positions; t++) {
            if (done[t]) {
                continue;
            }
            double[] acc = new double[width];
            for (int s = t; s < positions; s++) {
                if (!done[s] && indexes[base + s] == indexes[base + t]) {
                    done[s] = true;
                    int off = (base + s) * width;
                    for (int j = 0; j < width; j++) {
                        acc[j] += d[off + j];
                    }
                }
            }
            for (double v : acc) {
                total += v * v;
            }
        }
        if (hasBias) {
            double[] acc = new double[width];
            for (int t = 0; t < positions; t++) {
                int off = (base + t) * width;
                for (int j = 0; j < width; j++) {
                    acc[j] += d[off + j];
                }
            }
            for (double v : acc) {
                total += v * v;
            }
        }
        return total;
    }

    @Override
    void writeClippedSum(INDArray factors, INDArray flat, Map<String, INDArray> views) {
        INDArray d = delta2d;
        if (factors != null) {
            INDArray perRow = factors.reshape(factors.length(), 1).castTo(delta2d.dataType());
            if (positions > 1) {
                perRow = perRow.repeat(1, positions).reshape('c', batch * positions, 1);
            }
            d = delta2d.mulColumnVector(perRow);
        }
        INDArray wGrad = views.get(DefaultParamInitializer.WEIGHT_KEY);
        wGrad.assign(0);
        Nd4j.scatterUpdate(ScatterUpdate.UpdateOp.ADD, wGrad, Nd4j.createFromArray(indexes), d, 1);
        if (hasBias) {
            d.sum(views.get(DefaultParamInitializer.BIAS_KEY), 0);
        }
    }

    @Override
    void writePerExample(int example, INDArray flat, Map<String, INDArray> views) {
        INDArray wGrad = views.get(DefaultParamInitializer.WEIGHT_KEY);
        wGrad.assign(0);
        INDArray bias = Nd4j.zeros(delta2d.dataType(), delta2d.size(1));
        for (int t = 0; t < positions; t++) {
            int row = example * positions + t;
            INDArray d = delta2d.getRow(row);
            wGrad.getRow(indexes[row]).addi(d);
            bias.addi(d);
        }
        if (hasBias) {
            INDArray b = views.get(DefaultParamInitializer.BIAS_KEY);
            b.assign(bias.reshape(b.shape()));
        }
    }

    @Override
    void clear() {
        z = null;
        delta2d = null;
        indexes = null;
    }
}
