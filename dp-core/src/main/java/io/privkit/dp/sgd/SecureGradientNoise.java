package io.privkit.dp.sgd;

import io.privkit.common.Randomness;
import io.privkit.dp.accounting.DpEvent;
import io.privkit.dp.noise.SamplerInfo;
import io.privkit.dp.noise.VectorGaussianNoise;

/**
 * DP-SGD's per-step noise: dp-core's {@link VectorGaussianNoise} (a discrete Gaussian on a
 * power-of-two grid, from an AES-CTR keystream keyed by the run's secure randomness, with its
 * sampler slack carried into the accounting) with noise multiplier sigma and sensitivity C, the
 * clipping norm.
 *
 * <p>Not thread-safe (it owns a keystream).
 */
final class SecureGradientNoise implements GradientNoise {
    private final VectorGaussianNoise noise;

    private SecureGradientNoise(VectorGaussianNoise noise) {
        this.noise = noise;
    }

    static SecureGradientNoise create(DpSgdPlan plan, Randomness randomness) {
        return new SecureGradientNoise(VectorGaussianNoise.builder().noiseMultiplier(plan.noiseMultiplier()).l2Sensitivity(plan.clippingNorm())
                .dimension(plan.dimension()).seedSource(randomness).build());
    }

    /**
     * The privacy event of one step with this noise: the Poisson-sampled Gaussian (or the Gaussian
     * on the whole dataset, without amplification), wrapped in the sampler's slack.
     */
    static DpEvent stepEvent(double noiseMultiplier, double clippingNorm, int dimension, boolean poisson, double samplingRate) {
        // The slack depends only on public parameters; a throwaway seeded key is enough to compute it.
        VectorGaussianNoise v = VectorGaussianNoise.builder().noiseMultiplier(noiseMultiplier).l2Sensitivity(clippingNorm)
                .dimension(dimension).seedSource(Randomness.insecureSeeded(0)).build();
        return poisson ? v.eventForPoissonStep(samplingRate) : v.eventPerRelease();
    }

    static SamplerInfo describe() {
        return VectorGaussianNoise.builder().noiseMultiplier(1.0).l2Sensitivity(1.0)
                .dimension(1).seedSource(Randomness.insecureSeeded(0)).build().describe();
    }

    @Override
    public void addNoise(float[] values) {
        noise.addNoise(values);
    }

    @Override
    public void addNoise(double[] values) {
        noise.addNoise(values);
    }

    @Override
    public double standardDeviation() {
        return noise.standardDeviation();
    }

    boolean insecure() {
        return noise.insecure();
    }
}
