package io.privkit.dp.mechanism;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.dp.accounting.Calibration;
import io.privkit.dp.accounting.DpEvent;
import io.privkit.dp.accounting.ExactGaussianAccountant;
import io.privkit.dp.accounting.PrivacyTarget;
import io.privkit.dp.noise.GaussianNoise;
import io.privkit.dp.noise.SamplerInfo;
import java.math.BigDecimal;

/**
 * The Gaussian mechanism: releases f(D) + N(0, σ²) for a statistic of L2 sensitivity Δ₂, with σ
 * from the analytic calibration of B. Balle and Y.-X. Wang ("Improving the Gaussian Mechanism for
 * Differential Privacy: Analytical Calibration and Optimal Denoising", ICML 2018): the smallest σ
 * with Φ(Δ/(2σ) − εσ/Δ) − e<sup>ε</sup>Φ(−Δ/(2σ) − εσ/Δ) ≤ δ, found by bisection that returns the
 * upper end, and checked on the event actually released (the discrete Gaussian on a power-of-two
 * grid of {@link GaussianNoise}, with its tiny sampler slack), so the target is never overshot.
 * Unlike the classic σ = Δ√(2 ln(1.25/δ))/ε it is valid for ε ≥ 1 and needs less noise.
 *
 * <p>Immutable and thread-safe (given a thread-safe {@link Randomness}).
 */
public final class GaussianMechanism {
    private final GaussianNoise noise;

    private GaussianMechanism(GaussianNoise noise) {
        this.noise = noise;
    }

    /** (ε, δ)-DP releases of a statistic with the given L2 sensitivity, analytically calibrated. */
    public static GaussianMechanism calibrated(double l2Sensitivity, PrivacyTarget target) {
        Checks.requirePositive(l2Sensitivity, "l2Sensitivity", "Give the most one unit can change the statistic (L2).");
        Checks.requireNonNull(target, "target");
        if (target.delta() == 0) {
            throw Checks.argument("delta").mustBe("> 0 for the Gaussian mechanism").got(0.0)
                    .fix("Give a delta such as 1e-6, or use the Laplace mechanism for pure epsilon-DP.").exception();
        }
        Calibration.Result r = Calibration.noiseMultiplier(ExactGaussianAccountant.withDefaults(),
                z -> GaussianNoise.withStandardDeviation(l2Sensitivity, z * l2Sensitivity).event(), target);
        return new GaussianMechanism(GaussianNoise.withStandardDeviation(l2Sensitivity, r.value() * l2Sensitivity));
    }

    /** Releases with noise standard deviation noiseMultiplier × l2Sensitivity. */
    public static GaussianMechanism withNoiseMultiplier(double l2Sensitivity, double noiseMultiplier) {
        Checks.requirePositive(noiseMultiplier, "noiseMultiplier", "Give the noise multiplier, e.g. 1.0.");
        return new GaussianMechanism(GaussianNoise.withStandardDeviation(l2Sensitivity, noiseMultiplier * l2Sensitivity));
    }

    /** One noisy release. */
    public Release<Double> release(double value, Randomness random) {
        return new Release<>(noise.addNoise(value, random), event());
    }

    /** One noisy release of an exactly computed value. */
    public Release<Double> release(BigDecimal exactValue, Randomness random) {
        return new Release<>(noise.addNoise(exactValue, random), event());
    }

    /** What one release costs: the discrete Gaussian on the grid. */
    public DpEvent event() {
        return noise.event();
    }

    /** The noise standard deviation. */
    public double standardDeviation() {
        return noise.event().sigma() * noise.granularity();
    }

    /** The noise multiplier achieved. */
    public double noiseMultiplier() {
        return noise.noiseMultiplier();
    }

    /** How the noise is drawn. */
    public SamplerInfo describe() {
        return noise.describe();
    }
}
