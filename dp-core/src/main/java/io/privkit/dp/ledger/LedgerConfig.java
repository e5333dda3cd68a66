package io.privkit.dp.ledger;

import io.privkit.common.Checks;
import io.privkit.common.Problems;
import io.privkit.dp.accounting.NeighboringRelation;
import java.util.List;

/**
 * A ledger's fixed parameters, chosen at creation and hashed into its chain: the total budget
 * (ε, δ), the neighbouring relation, the Rényi orders of its filter, and the slack allowances for
 * implemented samplers ({@link io.privkit.dp.accounting.DpEvent.SamplerSlack}).
 *
 * @param name          a human name, e.g. "loans-2026"
 * @param epsilon       the total ε budget
 * @param delta         the total δ budget, in (0, 1)
 * @param relation      the neighbouring relation every spend is accounted under
 * @param orders        the Rényi orders of the filter (each &gt; 1)
 * @param slackEpsilon  η*: the total sampler log-ratio slack allowed (costs 2η* of ε)
 * @param slackDelta    τ*: the total sampler probability slack allowed (costs (1 + e^ε)τ* of δ)
 */
public record LedgerConfig(String name, double epsilon, double delta, NeighboringRelation relation, List<Double> orders,
                           double slackEpsilon, double slackDelta) {

    /**
     * The filter's default orders: 14 orders from 1.25 to 256, enough for budgets from about 0.1 to
     * 100; each extra order costs log(m) in the union bound, so the set is kept small.
     */
    public static final List<Double> DEFAULT_ORDERS = List.of(1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0, 32.0, 64.0,
            128.0, 256.0);

    public LedgerConfig {
        validate(name, epsilon, delta, relation, orders, slackEpsilon, slackDelta);
        orders = orders.stream().distinct().sorted().toList();
    }

    private static void validate(String name, double epsilon, double delta, NeighboringRelation relation, List<Double> orders,
                                 double slackEpsilon, double slackDelta) {
        Problems p = Problems.of("LedgerConfig");
        p.check(name != null && !name.isBlank() && name.length() <= 200, () -> Checks.argument("name")
                .mustBe("a non-blank name of at most 200 characters").got(name).fix("Name the budget, e.g. \"loans-2026\"."));
        p.check(epsilon > 0 && Double.isFinite(epsilon), () -> Checks.argument("epsilon").mustBe("a finite number > 0")
                .got(epsilon).fix("Give the total epsilon the DPIA approved, e.g. 3.0."));
        p.check(delta > 0 && delta < 1, () -> Checks.argument("delta").mustBe("in (0, 1)").got(delta)
                .fix("Give the total delta, well below 1/n, e.g. 1e-6."));
        p.check(relation != null, () -> Checks.argument("relation").mustBe("given").got(null).fix("Use ADD_OR_REMOVE_ONE."));
        p.check(orders != null && !orders.isEmpty() && orders.stream().allMatch(a -> a != null && a > 1 && Double.isFinite(a)),
                () -> Checks.argument("orders").mustBe("a non-empty list of finite numbers > 1").got(String.valueOf(orders))
                        .fix("Use the default orders."));
        p.check(slackEpsilon >= 0 && Double.isFinite(slackEpsilon) && slackEpsilon < epsilon / 4, () -> Checks.argument("slackEpsilon")
                .mustBe("in [0, epsilon/4)").got(slackEpsilon).fix("Keep the default (min(0.001, epsilon/100)) unless a noise source needs more."));
        p.check(slackDelta >= 0 && slackDelta < delta / 4, () -> Checks.argument("slackDelta").mustBe("in [0, delta/4)")
                .got(slackDelta).fix("Keep the default (delta / (1000 (1 + e^epsilon)))."));
        p.throwIfAny();
    }

    /** A builder with add-or-remove-one, the default orders, η* = min(0.001, ε/100) and τ* = δ/(1000(1 + e<sup>ε</sup>)). */
    public static Builder builder() {
        return new Builder();
    }

    /** The orders as an array. */
    double[] orderArray() {
        return orders.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Builds a {@link LedgerConfig}; not thread-safe. */
    public static final class Builder {
        private String name;
        private double epsilon = Double.NaN;
        private double delta = Double.NaN;
        private NeighboringRelation relation = NeighboringRelation.ADD_OR_REMOVE_ONE;
        private List<Double> orders = DEFAULT_ORDERS;
        private Double slackEpsilon;
        private Double slackDelta;

        private Builder() {
        }

        public Builder name(String v) {
            this.name = v;
            return this;
        }

        public Builder epsilon(double v) {
            this.epsilon = v;
            return this;
        }

        public Builder delta(double v) {
            this.delta = v;
            return this;
        }

        public Builder relation(NeighboringRelation v) {
            this.relation = v;
            return this;
        }

        public Builder orders(List<Double> v) {
            this.orders = v;
            return this;
        }

        public Builder slackEpsilon(double v) {
            this.slackEpsilon = v;
            return this;
        }

        public Builder slackDelta(double v) {
            this.slackDelta = v;
            return this;
        }

        /** Validates and builds, reporting every problem at once. */
        public LedgerConfig build() {
            // The slack's delta cost is (1 + e^epsilon) tau*: keep it a thousandth of delta.
            double tau = slackDelta != null ? slackDelta : (delta > 0 && epsilon > 0 ? delta / (1000 * (1 + Math.exp(Math.min(epsilon, 700)))) : 0);
            double eta = slackEpsilon != null ? slackEpsilon : (epsilon > 0 ? Math.min(0.001, epsilon / 100) : 0);
            return new LedgerConfig(name, epsilon, delta, relation, orders, eta, tau);
        }
    }
}
