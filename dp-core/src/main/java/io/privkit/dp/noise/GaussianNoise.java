package io.privkit.dp.noise;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.dp.accounting.DpEvent;
import java.math.BigInteger;

/**
 * Gaussian noise for real-valued statistics, safe against floating-point attacks: the value is
 * rounded to a power-of-two grid and exact discrete Gaussian noise is added on the grid.
 *
 * <p><b>Method.</b> For L2 sensitivity Δ and target standard deviation σ:
 * <ol>
 *   <li>granularity g = the smallest power of two ≥ min(σ, Δ)·2<sup>−30</sup> (public parameters
 *       only);</li>
 *   <li>x<sub>g</sub> = round(x/g) exactly; neighbours differ by at most Δ<sub>g</sub> = ⌊Δ/g⌋ + 1
 *       grid steps;</li>
 *   <li>the grid-unit scale s is the smallest double ≥ σ·Δ<sub>g</sub>/Δ, so that the noise multiplier
 *       s/Δ<sub>g</sub> is at least the requested σ/Δ: the rounding is paid for with slightly more
 *       noise (a factor at most 1 + 2<sup>−29</sup>), never with privacy;</li>
 *   <li>Z ~ N<sub>ℤ</sub>(0, s²) exactly ({@link DiscreteGaussianSampler}, Canonne, Kamath and
 *       Steinke 2020, Algorithm 3) and the release is (x<sub>g</sub> + Z)·g.</li>
 * </ol>
 * The release is the discrete Gaussian mechanism of {@link #event()}; accountants treat it exactly
 * (Rényi DP) or through its closeness to the rounded continuous Gaussian (privacy loss
 * distributions), see {@link io.privkit.dp.accounting}.
 *
 * <p><b>Limits.</b> A rejection sampler: running time varies weakly with the value drawn (Jin et
 * al., IEEE S&amp;P 2022). For vectors use {@link VectorGaussianNoise}.
 *
 * <p>Immutable and thread-safe (given a thread-safe {@link Randomness}).
 */
public final class GaussianNoise {
    private static final int GRANULARITY_BITS = 30;

    private final double sensitivity;
    private final double standardDeviation;
    private final double granularity;
    private final DiscreteGaussianSampler sampler;
    private final DpEvent.DiscreteGaussian event;

    private GaussianNoise(double sensitivity, double standardDeviation) {
        this.sensitivity = sensitivity;
        this.standardDeviation = standardDeviation;
        this.granularity = Grid.ceilPowerOfTwo(Math.scalb(Math.min(standardDeviation, sensitivity), -GRANULARITY_BITS));
        long gridSensitivity = (long) Math.floor(sensitivity / granularity) + 1;
        Rational s = Rational.of(standardDeviation).multiply(new Rational(BigInteger.valueOf(gridSensitivity), BigInteger.ONE))
                .divide(Rational.of(sensitivity));
        double scale = s.toDoubleCeiling();
        this.sampler = DiscreteGaussianSampler.withSigma(scale);
        this.event = new DpEvent.DiscreteGaussian(scale, gridSensitivity);
    }

    /**
     * The first half of {@code GaussianNoise.withL2Sensitivity(Δ).standardDeviation(σ)} (or
     * {@code .noiseMultiplier(z)}): the statistic's L2 sensitivity.
     *
     * @param l2Sensitivity the most one unit can change the statistic
     */
    public static L2Sensitivity withL2Sensitivity(double l2Sensitivity) {
        Checks.requirePositive(l2Sensitivity, "l2Sensitivity", "Give the most one unit can change the statistic.");
        return new L2Sensitivity(l2Sensitivity);
    }

    /**
     * A statistic's L2 sensitivity, waiting for the noise's size.
     *
     * @param value Δ₂ &gt; 0
     */
    public record L2Sensitivity(double value) {
        public L2Sensitivity {
            Checks.requirePositive(value, "l2Sensitivity", "Give the most one unit can change the statistic.");
        }

        /** Noise of standard deviation σ. */
        public GaussianNoise standardDeviation(double sigma) {
            Checks.requirePositive(sigma, "standardDeviation", "Give the noise standard deviation sigma > 0.");
            double ratio = sigma / value;
            if (!(ratio >= 1e-6) || ratio > 1e12 || Math.min(sigma, value) < 0x1p-900) {
                throw Checks.argument("standardDeviation / l2Sensitivity").mustBe("between 1e-6 and 1e12").got(ratio)
                        .fix("Rescale the statistic, or use a noise multiplier in a meaningful range.").exception();
            }
            return new GaussianNoise(value, sigma);
        }

        /** Noise of standard deviation z·Δ₂. */
        public GaussianNoise noiseMultiplier(double z) {
            Checks.requirePositive(z, "noiseMultiplier", "Give the noise multiplier, e.g. 1.0.");
            return standardDeviation(z * value);
        }
    }

    /** Returns the value rounded to the grid plus discrete Gaussian noise on the grid. */
    public double addNoise(double value, Randomness random) {
        Checks.requireNonNull(random, "random");
        BigInteger x = Grid.roundToGrid(value, granularity, "value");
        return Grid.fromGrid(x.add(BigInteger.valueOf(sampler.sample(random))), granularity);
    }

    /**
     * Returns an exact value (e.g. an exact sum of clamped contributions) rounded to the grid plus
     * noise: rounding the exact value, not a floating-point approximation of it, keeps the
     * sensitivity analysis exact (Casacuberta et al., "Widespread Underestimation of Sensitivity in
     * Differentially Private Libraries", CCS 2022).
     */
    public double addNoise(java.math.BigDecimal exactValue, Randomness random) {
        Checks.requireNonNull(exactValue, "exactValue");
        Checks.requireNonNull(random, "random");
        return Grid.fromGrid(Grid.roundToGrid(exactValue, granularity).add(BigInteger.valueOf(sampler.sample(random))), granularity);
    }

    /** The privacy event one release costs: the discrete Gaussian on the grid. */
    public DpEvent.DiscreteGaussian event() {
        return event;
    }

    /** The grid step g. */
    public double granularity() {
        return granularity;
    }

    /** The L2 sensitivity. */
    public double sensitivity() {
        return sensitivity;
    }

    /** The requested standard deviation σ; the noise drawn has s·g ≥ σ. */
    public double standardDeviation() {
        return standardDeviation;
    }

    /** The noise multiplier actually achieved, s/Δ<sub>g</sub> ≥ σ/Δ. */
    public double noiseMultiplier() {
        return event.sigma() / event.sensitivity();
    }

    /** How the noise is drawn, for evidence records. */
    public SamplerInfo describe() {
        return new SamplerInfo("discrete Gaussian on a 2^-30 power-of-two grid (Canonne, Kamath, Steinke 2020, Algorithm 3)",
                "granularity rounding with exact integer noise; rounding paid for with more noise");
    }

    @Override
    public String toString() {
        return "GaussianNoise[sensitivity=" + sensitivity + ", standardDeviation=" + standardDeviation
                + ", granularity=" + granularity + "]";
    }
}
