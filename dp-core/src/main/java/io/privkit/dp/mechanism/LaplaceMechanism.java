package io.privkit.dp.mechanism;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.dp.accounting.DpEvent;
import io.privkit.dp.noise.LaplaceNoise;
import io.privkit.dp.noise.SamplerInfo;
import java.math.BigDecimal;

/**
 * The Laplace mechanism (Dwork, McSherry, Nissim and Smith, "Calibrating Noise to Sensitivity in
 * Private Data Analysis", TCC 2006): releases f(D) + Lap(Δ₁/ε), ε-DP for a statistic of L1
 * sensitivity Δ₁. The noise is {@link LaplaceNoise}: granularity-rounded, exact discrete Laplace on
 * a power-of-two grid, so the release is exactly ε-DP with no floating-point leak.
 *
 * <p>Immutable and thread-safe (given a thread-safe {@link Randomness}).
 */
public final class LaplaceMechanism {
    private final LaplaceNoise noise;

    private LaplaceMechanism(LaplaceNoise noise) {
        this.noise = noise;
    }

    /** ε-DP releases of a statistic with the given L1 sensitivity. */
    public static LaplaceMechanism of(double l1Sensitivity, double epsilon) {
        return new LaplaceMechanism(LaplaceNoise.forEpsilon(l1Sensitivity, epsilon));
    }

    /** One noisy release. */
    public Release<Double> release(double value, Randomness random) {
        return new Release<>(noise.addNoise(value, random), event());
    }

    /** One noisy release of an exactly computed value. */
    public Release<Double> release(BigDecimal exactValue, Randomness random) {
        return new Release<>(noise.addNoise(exactValue, random), event());
    }

    /** What one release costs. */
    public DpEvent event() {
        return noise.event();
    }

    /** The noise scale Δ₁/ε (slightly more, for the grid). */
    public double scale() {
        return noise.scale();
    }

    /** How the noise is drawn. */
    public SamplerInfo describe() {
        return noise.describe();
    }
}
