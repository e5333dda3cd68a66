package io.privkit.dp.sgd.dl4j;

import io.privkit.common.Checks;
import io.privkit.dp.sgd.GradientNoise;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
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
 * <p><b>Memory.</b> The temporaries of a step (layer inputs, deltas, im2col patches, per-example
 * norms) live in an ND4J workspace that is reused from step to step, so memory stays flat over a
 * long run instead of waiting for the garbage collector to release off-heap arrays.
 *
 * <p>Not thread-safe: it drives the network.
 */
public final class DpSgdNetworkStep {
    /** The per-thread workspace of a step's temporaries. */
    static final String WORKSPACE = "PRIVKIT_DP_SGD_STEP";
    static final WorkspaceConfiguration WORKSPACE_CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.2)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .build();

    private final org.deeplearning4j.nn.api.Model net;
    private final ModelRoutes routes;
    private final ModelUpdate update;
    private INDArray accumulator;
    private int parts;

    private DpSgdNetworkStep(org.deeplearning4j.nn.api.Model net, ModelRoutes routes, ModelUpdate update) {
        this.net = net;
        this.routes = routes;
        this.update = update;
    }

    /**
     * A step driver for {@code network}.
     *
     * @throws io.privkit.common.InvalidArgumentsException when a layer cannot be trained with per-example clipping
     */
    public static DpSgdNetworkStep of(MultiLayerNetwork network) {
        Checks.requireNonNull(network, "network");
        return of(NetworkRoutes.of(network));
    }

    /**
     * A step driver for a {@link org.deeplearning4j.nn.graph.ComputationGraph}.
     *
     * @throws io.privkit.common.InvalidArgumentsException when a vertex cannot be trained with per-example clipping
     */
    public static DpSgdNetworkStep of(org.deeplearning4j.nn.graph.ComputationGraph graph) {
        Checks.requireNonNull(graph, "graph");
        return of(GraphRoutes.of(graph));
    }

    static DpSgdNetworkStep of(ModelRoutes routes) {
        ModelUpdate update = routes instanceof NetworkRoutes n ? new NetworkUpdate(n.network(), n)
                : new GraphUpdate(((GraphRoutes) routes).graph(), (GraphRoutes) routes);
        return new DpSgdNetworkStep(routes.model(), routes, update);
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
        addClipped(new INDArray[] {features}, new INDArray[] {labels}, clippingNorm);
    }

    /** As {@link #addClipped(INDArray, INDArray, double)}, for a graph with several inputs or outputs. */
    public void addClipped(INDArray[] features, INDArray[] labels, double clippingNorm) {
        Checks.requireNonNull(features, "features");
        Checks.requireNonNull(labels, "labels");
        if (!(clippingNorm > 0) || Double.isInfinite(clippingNorm)) {
            throw Checks.argument("clippingNorm").mustBe("a finite number > 0").got(clippingNorm)
                    .fix("Pick the per-example L2 bound, e.g. 1.0.").exception();
        }
        if (features.length == 0 || features[0].size(0) == 0) {
            return;
        }
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE_CONFIG, WORKSPACE)) {
            clippedSumInWorkspace(features, labels, clippingNorm);
        }
    }

    /**
     * As {@link #addClipped}, for rows {@code examples} of in-memory data flattened to
     * [n, features] (the rows are gathered inside the step's workspace).
     */
    void addClippedRows(InMemoryData data, int[] examples, double clippingNorm) {
        if (examples.length == 0) {
            return;
        }
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE_CONFIG, WORKSPACE)) {
            clippedSumInWorkspace(data.features(examples), data.labels(examples), clippingNorm);
        }
    }

    private void clippedSumInWorkspace(INDArray[] features, INDArray[] labels, double clippingNorm) {
        try {
            double[] squared = routes.forwardBackward(features, labels);
            routes.writeClippedSum(Clipping.factors(squared, clippingNorm));
        } finally {
            routes.clear();
        }
        INDArray view = net.getGradientsViewArray();
        if (parts == 0) {
            if (accumulator == null) {
                try (MemoryWorkspace out = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    accumulator = view.dup();
                }
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
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE_CONFIG, WORKSPACE)) {
            if (view.dataType() == DataType.DOUBLE) {
                double[] sum = view.toDoubleVector();
                noise.addNoise(sum);
                view.assign(Nd4j.createFromArray(sum).reshape(view.shape()));
            } else {
                float[] sum = view.toFloatVector();
                noise.addNoise(sum);
                view.assign(Nd4j.createFromArray(sum).reshape(view.shape()).castTo(view.dataType()));
            }
        }
        update.apply(normaliser);
        parts = 0;
    }
}
