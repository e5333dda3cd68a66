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
}
