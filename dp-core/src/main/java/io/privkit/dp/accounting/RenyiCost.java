package io.privkit.dp.accounting;

import io.privkit.common.Checks;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * What an event costs in the terms a Rényi privacy filter composes: its Rényi DP at each order of a
 * fixed set, the slack of its implemented sampler, and its pure ε when it is pure ε-DP.
 * {@link RdpAccountant#cost(DpEvent, double[])} computes it; the ledger stores it beside the event
 * so an auditor can recompute and compare.
 *
 * @param orders      the Rényi orders
 * @param rdp         the Rényi DP at each order (ideal noise; may be +∞)
 * @param maxLogRatio the sampler slack η (see {@link DpEvent.SamplerSlack})
 * @param probability the sampler slack τ
 * @param pureEpsilon the pure ε when the event is pure ε-DP with no slack; empty otherwise
 */
public record RenyiCost(double[] orders, double[] rdp, double maxLogRatio, double probability, OptionalDouble pureEpsilon) {
    public RenyiCost {
        Checks.requireNonNull(orders, "orders");
        Checks.requireNonNull(rdp, "rdp");
        if (orders.length != rdp.length) {
            throw Checks.argument("rdp.length").mustBe("the number of orders " + orders.length).got(rdp.length).noFix().exception();
        }
        orders = orders.clone();
        rdp = rdp.clone();
        Checks.requireNonNegative(maxLogRatio, "maxLogRatio");
        Checks.requireNonNegative(probability, "probability");
        Checks.requireNonNull(pureEpsilon, "pureEpsilon");
    }

    @Override
    public double[] orders() {
        return orders.clone();
    }

    @Override
    public double[] rdp() {
        return rdp.clone();
    }

    /**
     * The smallest ε this cost alone is (ε, δ)-DP for in the Rényi filter's terms (the conversion of
     * {@link RenyiFilterMath} with δ split over the m orders, plus 2η), or its pure ε when smaller.
     */
    public double epsilonAlone(double delta) {
        double e = RenyiFilterMath.epsilon(orders, rdp, maxLogRatio, probability, delta, Double.POSITIVE_INFINITY);
        return pureEpsilon.isPresent() ? Math.min(e, pureEpsilon.getAsDouble()) : e;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RenyiCost c && Arrays.equals(orders, c.orders) && Arrays.equals(rdp, c.rdp)
                && Double.compare(maxLogRatio, c.maxLogRatio) == 0 && Double.compare(probability, c.probability) == 0
                && pureEpsilon.equals(c.pureEpsilon);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rdp) * 31 + pureEpsilon.hashCode();
    }

    @Override
    public String toString() {
        return "RenyiCost[rdp=" + Arrays.toString(rdp) + ", eta=" + maxLogRatio + ", tau=" + probability + ", pure=" + pureEpsilon + "]";
    }
}
