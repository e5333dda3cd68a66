package io.privkit.dp.sgd;

import io.privkit.common.Randomness;

/**
 * Makes a run's {@link GradientNoise} once the model's dimension is known.
 */
@FunctionalInterface
public interface GradientNoiseFactory {

    /**
     * @param plan       the run's plan (noise multiplier, clipping norm)
     * @param dimension  the number of coordinates per step
     * @param randomness where the noise's randomness comes from
     */
    GradientNoise create(DpSgdPlan plan, int dimension, Randomness randomness);
}
