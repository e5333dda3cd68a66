package io.privkit.dp.noise;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.dp.accounting.DpEvent;
import java.math.BigInteger;

/**
 * Laplace noise for real-valued statistics, safe against floating-point attacks: the value is
 * rounded to a power-of-two grid and exact discrete Laplace noise is added on the grid.
 *
 * <p><b>Method</b> (the granularity approach of Google's differential-privacy library, "Secure Noise
 * Generation", and of OpenDP). For L1 sensitivity Δ and privacy parameter ε:
 * <ol>
 *   <li>granularity g = the smallest power of two ≥ (Δ/ε)·2<sup>−40</sup>, chosen from public
 *       parameters only, never from the data;</li>
 *   <li>the value x is rounded to the integer x<sub>g</sub> = round(x/g) exactly; neighbouring
 *       inputs now differ by at most Δ<sub>g</sub> = ⌊Δ/g⌋ + 1 ≤ (Δ + g)/g grid steps;</li>
 *   <li>noise Z is drawn from the discrete Laplace distribution with scale
 *       λ ≥ (Δ + g)/(ε·g) grid steps by {@link DiscreteLaplaceSampler} (exact, Canonne, Kamath and
 *       Steinke 2020, Algorithm 2);</li>
 *   <li>the release is (x<sub>g</sub> + Z)·g.</li>
 * </ol>
 * The release is exactly (Δ<sub>g</sub>/λ)-DP with Δ<sub>g</sub>/λ ≤ ε: the rounding is paid for in
 * the sensitivity, so the guarantee holds for the requested ε with no extra delta. The noise is
 * larger than ideal Laplace noise by a factor of at most 1 + 2<sup>−39</sup>.
 *
 * <p><b>Limits.</b> Timing: the discrete Laplace sampler is a rejection sampler whose running time
 * varies weakly with the value drawn (Jin et al., IEEE S&amp;P 2022). The true value must itself be
 * computed with its stated sensitivity; for sums of floating-point values see Casacuberta et al.,
 * CCS 2022, and the exact sums of {@link io.privkit.dp.mechanism}.
 *
 * <p>Immutable and thread-safe (given a thread-safe {@link Randomness}).
 */
public final class LaplaceNoise {
    private static final int GRANULARITY_BITS = 40;

    private final double sensitivity;
    private final double epsilon;
    private final double granularity;
    private final long gridSensitivity;
    private final DiscreteLaplaceSampler sampler;
    private final DpEvent.DiscreteLaplace event;

    private LaplaceNoise(double sensitivity, double epsilon) {
        this.sensitivity = sensitivity;
        this.epsilon = epsilon;
        this.granularity = Grid.ceilPowerOfTwo(Math.scalb(sensitivity / epsilon, -GRANULARITY_BITS));
        this.gridSensitivity = (long) Math.floor(sensitivity / granularity) + 1;
        // λ ≥ (Δ + g)/(ε g), computed exactly and rounded up to a double: more noise, never less.
        Rational deltaPlusG = Rational.of(sensitivity).add(Rational.of(granularity));
        Rational lambda = deltaPlusG.divide(Rational.of(epsilon).multiply(Rational.of(granularity)));
        double scale = lambda.toDoubleCeiling();
        this.sampler = DiscreteLaplaceSampler.withScale(scale);
        this.event = new DpEvent.DiscreteLaplace(scale, gridSensitivity);
    }

    /**
     * The first half of {@code LaplaceNoise.withL1Sensitivity(Δ).forEpsilon(ε)}: the statistic's L1
     * sensitivity (the two numbers are named, so they cannot be swapped).
     *
     * @param l1Sensitivity the most one unit can change the statistic
     */
    public static L1Sensitivity withL1Sensitivity(double l1Sensitivity) {
        Checks.requirePositive(l1Sensitivity, "l1Sensitivity", "Give the most one unit can change the statistic.");
        return new L1Sensitivity(l1Sensitivity);
    }

    /**
     * A statistic's L1 sensitivity, waiting for its ε.
     *
     * @param value Δ₁ &gt; 0
     */
    public record L1Sensitivity(double value) {
        public L1Sensitivity {
            Checks.requirePositive(value, "l1Sensitivity", "Give the most one unit can change the statistic.");
        }

        /** Noise for an ε-DP release. */
        public LaplaceNoise forEpsilon(double epsilon) {
            Checks.requirePositive(epsilon, "epsilon", "Give the privacy parameter epsilon > 0, e.g. 1.0.");
            if (!Double.isFinite(value / epsilon) || value / epsilon < 0x1p-900) {
                throw Checks.argument("l1Sensitivity / epsilon").mustBe("between 1e-270 and the double range")
                        .got(value / epsilon).fix("Rescale the statistic.").exception();
            }
            return new LaplaceNoise(value, epsilon);
        }
    }

    /** Returns the value rounded to the grid plus discrete Laplace noise on the grid. */
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

    /** The privacy event one release costs: a discrete Laplace on the grid, exactly ε' ≤ ε pure DP. */
    public DpEvent.DiscreteLaplace event() {
        return event;
    }

    /** The grid step g. */
    public double granularity() {
        return granularity;
    }

    /** The requested epsilon. */
    public double epsilon() {
        return epsilon;
    }

    /** The L1 sensitivity. */
    public double sensitivity() {
        return sensitivity;
    }

    /** The scale of the noise in the statistic's unit (λ·g), at least Δ/ε. */
    public double scale() {
        return event.scale() * granularity;
    }

    /** The standard deviation of the noise, about √2·Δ/ε. */
    public double standardDeviation() {
        double lambda = event.scale();
        double x = Math.exp(-1 / lambda);
        return Math.sqrt(2 * x) / -Math.expm1(-1 / lambda) * granularity;
    }

    /** How the noise is drawn, for evidence records. */
    public SamplerInfo describe() {
        return new SamplerInfo("discrete Laplace on a 2^-40 power-of-two grid (Canonne, Kamath, Steinke 2020, Algorithm 2)",
                "granularity rounding with integer noise; rounding paid for in the sensitivity (Google DP secure noise; OpenDP)");
    }

    @Override
    public String toString() {
        return "LaplaceNoise[sensitivity=" + sensitivity + ", epsilon=" + epsilon + ", granularity=" + granularity + "]";
    }
}
