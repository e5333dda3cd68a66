package io.privkit.dp.sgd.dl4j;

import io.privkit.common.Checks;
import io.privkit.dp.sgd.GradientNoise;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One DP-SGD step on a {@link MultiLayerNetwork}, for a loop the caller owns: add the clipped
 * per-example gradients of one or more physical batches, then add one noise draw, divide by the
 * normaliser and apply the network's own updater.
 * <pre>{@code
 * DpSgdNetworkStep step = DpSgdNetworkStep.of(network);
 * step.begin();
 * step.addClipped(features, labels, clippingNorm);     // per physical batch
 * step.apply(noise, expectedBatchSize);               // one noise draw, then the updater
 * }</pre>
 * {@link DpSgdNetworkTrainer} runs this loop with Poisson sampling, a ledger and accounting; use
 * this class directly only when you sample batches yourself, and then the privacy accounting is
 * yours: it is valid only for Poisson-sampled batches (see {@code PoissonSampler}), normalised by
 * the expected batch size, with the noise of a secure source.
 *
 * <p>Not thread-safe: it drives the network.
 */
public final class DpSgdNetworkStep {
    private final MultiLayerNetwork net;
    private final NetworkRoutes routes;
    private final NetworkUpdate update;
    private INDArray accumulator;
    private int parts;

    private DpSgdNetworkStep(MultiLayerNetwork net, NetworkRoutes routes) {
        this.net = net;
        this.routes = routes;
        this.update = new NetworkUpdate(net, routes);
    }

    /**
     * A step driver for {@code network}.
     *
     * @throws io.privkit.common.InvalidArgumentsException when a layer cannot be trained with per-example clipping
     */
    public static DpSgdNetworkStep of(MultiLayerNetwork network) {
        return new DpSgdNetworkStep(Checks.requireNonNull(network, "network"), NetworkRoutes.of(network));
    }

    static DpSgdNetworkStep of(MultiLayerNetwork network, NetworkRoutes routes) {
        return new DpSgdNetworkStep(network, routes);
    }

    /** The number of trained parameters (the noise dimension). */
    public int parameterCount() {
        return Math.toIntExact(net.numParams());
    }

    /** Starts a step: the clipped sum becomes zero. */
    public void begin() {
        parts = 0;
    }

    /**
     * Adds {@code sum_i min(1, C / |g_i|) g_i} over the batch's examples to the step's sum.
     *
     * @param clippingNorm C, finite and &gt; 0
     */
    public void addClipped(INDArray features, INDArray labels, double clippingNorm) {
        Checks.requireNonNull(features, "features");
        Checks.requireNonNull(labels, "labels");
        if (!(clippingNorm > 0) || Double.isInfinite(clippingNorm)) {
            throw Checks.argument("clippingNorm").mustBe("a finite number > 0").got(clippingNorm)
                    .fix("Pick the per-example L2 bound, e.g. 1.0.").exception();
        }
        if (features.size(0) == 0) {
            return;
        }
        try {
            double[] squared = routes.forwardBackward(features, labels);
            routes.writeClippedSum(Clipping.factors(squared, clippingNorm));
        } finally {
            routes.clear();
        }
        INDArray view = net.getGradientsViewArray();
        if (parts == 0) {
            if (accumulator == null) {
                accumulator = view.dup();
            } else {
                accumulator.assign(view);
            }
        } else {
            accumulator.addi(view);
        }
        parts++;
    }

    /**
     * Adds one noise draw to the step's clipped sum, divides by {@code normaliser} and applies the
     * result through the network's updater, as {@code fit()} applies a gradient.
     *
     * @param noise      the noise source (secure in production: {@code GradientNoise.secure})
     * @param normaliser the expected batch size, &gt; 0 (never the realised one)
     */
    public void apply(GradientNoise noise, double normaliser) {
        Checks.requireNonNull(noise, "noise");
        Checks.requirePositive(normaliser, "normaliser");
        INDArray view = net.getGradientsViewArray();
        if (parts == 0) {
            view.assign(0);
        } else {
            view.assign(accumulator);
        }
        if (view.dataType() == DataType.DOUBLE) {
            double[] sum = view.toDoubleVector();
            noise.addNoise(sum);
            view.assign(Nd4j.createFromArray(sum).reshape(view.shape()));
        } else {
            float[] sum = view.toFloatVector();
            noise.addNoise(sum);
            view.assign(Nd4j.createFromArray(sum).reshape(view.shape()).castTo(view.dataType()));
        }
        update.apply(normaliser);
        parts = 0;
    }
}
