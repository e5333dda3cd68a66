package io.privkit.dp.mechanism;

import io.privkit.common.Checks;
import io.privkit.common.Problems;

/**
 * The parameters every bounded aggregation shares, validated together by {@link Builder#build()}
 * (which reports every problem at once).
 *
 * @param epsilon                 the aggregation's total ε
 * @param delta                   its total δ (0 for {@link NoiseKind#LAPLACE})
 * @param noise                   the noise kind
 * @param lower                   lower clamping bound (NaN when not needed, for counts)
 * @param upper                   upper clamping bound (NaN when not needed)
 * @param maxContributionsPerUnit the most rows one unit may contribute
 * @param units                   how rows are attributed to units
 * @param nanPolicy               what to do with NaN values
 */
public record AggregationParameters(double epsilon, double delta, NoiseKind noise, double lower, double upper,
                                    int maxContributionsPerUnit, UnitKeying units, NanPolicy nanPolicy) {

    public AggregationParameters {
        Problems p = Problems.of("AggregationParameters");
        validate(p, epsilon, delta, noise, lower, upper, maxContributionsPerUnit, units, nanPolicy);
        p.throwIfAny();
    }

    private static void validate(Problems p, double epsilon, double delta, NoiseKind noise, double lower, double upper,
                                 int maxContributions, UnitKeying units, NanPolicy nanPolicy) {
        p.check(epsilon > 0 && Double.isFinite(epsilon), () -> Checks.argument("epsilon").mustBe("a finite number > 0")
                .got(epsilon).fix("Give the aggregation's privacy budget, e.g. 1.0."));
        p.check(delta >= 0 && delta < 1, () -> Checks.argument("delta").mustBe("in [0, 1)").got(delta)
                .fix("Use 0 for Laplace noise, or a small delta such as 1e-6 for Gaussian noise."));
        p.check(noise != null, () -> Checks.argument("noise").mustBe("given").got(null).fix("Choose LAPLACE or GAUSSIAN."));
        p.check(noise != NoiseKind.GAUSSIAN || delta > 0, () -> Checks.argument("delta").mustBe("> 0 for Gaussian noise")
                .got(delta).fix("Give a delta such as 1e-6, or use Laplace noise."));
        boolean bothNaN = Double.isNaN(lower) && Double.isNaN(upper);
        p.check(bothNaN || (Double.isFinite(lower) && Double.isFinite(upper) && lower < upper),
                () -> Checks.argument("bounds").mustBe("finite with lower < upper").got("[" + lower + ", " + upper + "]")
                        .fix("Give public bounds on each value, e.g. bounds(0, 100000) for an income; never derive them from the data."));
        p.check(maxContributions >= 1, () -> Checks.argument("maxContributionsPerUnit").mustBe(">= 1").got(maxContributions)
                .fix("Give the most rows one person may contribute, e.g. 1."));
        p.check(units != null, () -> Checks.argument("units").mustBe("given").got(null).fix("Choose BY_KEY or EACH_ROW."));
        p.check(nanPolicy != null, () -> Checks.argument("nanPolicy").mustBe("given").got(null).fix("Choose REJECT or DROP."));
    }

    /** Whether clamping bounds were given. */
    public boolean hasBounds() {
        return !Double.isNaN(lower);
    }

    /** A builder with Laplace noise, δ = 0, one contribution per unit, units by key, NaN rejected. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link AggregationParameters}; not thread-safe. */
    public static final class Builder {
        private double epsilon = Double.NaN;
        private double delta;
        private NoiseKind noise = NoiseKind.LAPLACE;
        private double lower = Double.NaN;
        private double upper = Double.NaN;
        private int maxContributions = 1;
        private UnitKeying units = UnitKeying.BY_KEY;
        private NanPolicy nanPolicy = NanPolicy.REJECT;

        private Builder() {
        }

        public Builder epsilon(double v) {
            this.epsilon = v;
            return this;
        }

        public Builder delta(double v) {
            this.delta = v;
            return this;
        }

        public Builder noise(NoiseKind v) {
            this.noise = v;
            return this;
        }

        /** Public clamping bounds [lower, upper] on each value. */
        public Builder bounds(double lowerBound, double upperBound) {
            this.lower = lowerBound;
            this.upper = upperBound;
            return this;
        }

        public Builder maxContributionsPerUnit(int v) {
            this.maxContributions = v;
            return this;
        }

        public Builder units(UnitKeying v) {
            this.units = v;
            return this;
        }

        public Builder nanPolicy(NanPolicy v) {
            this.nanPolicy = v;
            return this;
        }

        /** Validates and builds, reporting every problem at once. */
        public AggregationParameters build() {
            return new AggregationParameters(epsilon, delta, noise, lower, upper, maxContributions, units, nanPolicy);
        }
    }
}
