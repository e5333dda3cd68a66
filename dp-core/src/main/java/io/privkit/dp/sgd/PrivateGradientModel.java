package io.privkit.dp.sgd;

/**
 * What the DP-SGD engine needs from a model: per-example clipped gradient sums over chosen
 * training examples, and an update from a noisy sum. The DL4J and Tribuo adapters implement it;
 * the engine owns sampling, noise, the ledger and the step count.
 *
 * <p>A step is {@link #beginStep()}, then {@link #addClippedGradients} once per physical batch (the
 * sums add up, so a logical batch larger than memory is processed in parts), then
 * {@link #applyNoisyStep} once. An implementation must compute each example's gradient from that
 * example alone (no batch statistics) and clip it to L2 norm at most {@code clippingNorm} before
 * adding it: that is what bounds the sum's sensitivity.
 *
 * <p>Implementations are not expected to be thread-safe.
 */
public interface PrivateGradientModel {

    /** The number of trainable parameters: the dimension of each step's noise. */
    int parameterCount();

    /** Starts a step: the clipped sum becomes zero. */
    void beginStep();

    /**
     * Adds {@code sum_i min(1, C / |g_i|) g_i} over the given examples to the step's sum.
     *
     * @param examples     indices of training examples, possibly empty
     * @param clippingNorm C &gt; 0
     */
    void addClippedGradients(int[] examples, double clippingNorm);

    /**
     * Adds noise to the step's clipped sum with {@code noise} (in place, in the model's own
     * precision), divides by {@code normaliser} and applies the result through the model's optimiser.
     *
     * @param noise      the step's Gaussian noise
     * @param normaliser the divisor: the expected batch size (public), never the realised one
     */
    void applyNoisyStep(GradientNoise noise, double normaliser);
}
