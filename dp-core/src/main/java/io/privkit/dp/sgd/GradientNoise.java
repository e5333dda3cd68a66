package io.privkit.dp.sgd;

/**
 * Adds one step's Gaussian noise to a clipped gradient sum, in place: every coordinate receives
 * independent noise of standard deviation {@link #standardDeviation()} (at least
 * {@code noiseMultiplier * clippingNorm}).
 *
 * <p>Not thread-safe.
 */
public interface GradientNoise {

    /** Adds noise to every coordinate of {@code values}, whose length is the model's dimension. */
    void addNoise(float[] values);

    /** Adds noise to every coordinate of {@code values}, whose length is the model's dimension. */
    void addNoise(double[] values);

    /** The per-coordinate noise standard deviation actually added. */
    double standardDeviation();

    /**
     * The secure noise of a plan: dp-core's vector discrete Gaussian with the plan's noise
     * multiplier and clipping norm, keyed from {@code randomness} (secure in production).
     */
    static GradientNoise secure(DpSgdPlan plan, io.privkit.common.Randomness randomness) {
        io.privkit.common.Checks.requireNonNull(plan, "plan");
        io.privkit.common.Checks.requireNonNull(randomness, "randomness");
        return SecureGradientNoise.create(plan, randomness);
    }
}
