package io.privkit.dp.accounting;

/**
 * The conversion a Rényi filter over m orders uses: with slack allowances (η*, τ*) and budget
 * (ε<sub>B</sub>, δ<sub>B</sub>), the ideal part may spend at order α up to
 * B<sub>α</sub> = ε − log((α−1)/α) + (log(δ'/m) + log α)/(α − 1), with ε = ε<sub>B</sub> − 2η* and
 * δ' = (δ<sub>B</sub> − (1 + e<sup>ε<sub>B</sub></sup>)τ*)/e<sup>η*</sup>: the conversion of Canonne, Kamath
 * and Steinke (2020, Proposition 12) at δ'/m, which needs only the moment bound
 * E[e<sup>(α−1)L</sup>] ≤ e<sup>(α−1)B<sub>α</sub></sup> that the filter guarantees at its stopping time,
 * summed over the m orders. See {@link io.privkit.dp.ledger.PrivacyLedger} for the theorem.
 */
public final class RenyiFilterMath {
    private RenyiFilterMath() {
    }

    /** δ' for the ideal part, or a non-positive number when the slack allowance eats the whole δ. */
    public static double idealDelta(double budgetEpsilon, double budgetDelta, double slackEta, double slackTau) {
        return (budgetDelta - (1 + Math.exp(budgetEpsilon)) * slackTau) / Math.exp(slackEta);
    }

    /**
     * The smallest ε (rounded up) at which totals of Rényi DP {@code rdp} over {@code orders} pass the
     * filter with slack allowance η, τ at δ: min<sub>α</sub> RDP(α) + log(m/δ')/(α−1) + 2η. The
     * {@code budgetEpsilonForTau} is the ε used in the slack's δ term (the budget's, or +∞ to use
     * e<sup>ε</sup> of the result itself, found by a short fixed point).
     */
    static double epsilon(double[] orders, double[] rdp, double eta, double tau, double delta, double budgetEpsilonForTau) {
        double m = orders.length;
        double e = Double.isInfinite(budgetEpsilonForTau) ? 0 : budgetEpsilonForTau;
        double result = Double.POSITIVE_INFINITY;
        for (int iteration = 0; iteration < 50; iteration++) {
            double dPrime = idealDelta(e, delta, eta, tau);
            if (!(dPrime > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < orders.length; i++) {
                best = Math.min(best, convert(orders[i], rdp[i], dPrime / m));
            }
            result = SafeMath.up(best + 2 * eta);
            if (!Double.isInfinite(budgetEpsilonForTau) || result <= e) {
                return result;
            }
            e = result;
        }
        return result;
    }

    /** Whether totals pass the filter at (ε_B, δ_B) with the given slack allowances. */
    public static boolean accepts(double[] orders, double[] rdp, double budgetEpsilon, double budgetDelta,
                                  double slackEta, double slackTau) {
        double dPrime = idealDelta(budgetEpsilon, budgetDelta, slackEta, slackTau);
        if (!(dPrime > 0)) {
            return false;
        }
        double m = orders.length;
        for (int i = 0; i < orders.length; i++) {
            // Rounded up: a spend is accepted only if its converted epsilon is within the budget.
            if (SafeMath.up(convert(orders[i], rdp[i], dPrime / m)) + 2 * slackEta <= budgetEpsilon) {
                return true;
            }
        }
        return false;
    }

    /** ε = ρ + log((α−1)/α) − (log δ + log α)/(α−1), at least 0 (Canonne, Kamath and Steinke 2020, Proposition 12). */
    static double convert(double alpha, double rho, double delta) {
        return Math.max(0, rho + Math.log1p(-1 / alpha) - (Math.log(delta) + Math.log(alpha)) / (alpha - 1));
    }

    /** The spent ε of filter totals at the budget: the smallest ε the totals would pass at. */
    public static double spent(double[] orders, double[] rdp, double budgetEpsilon, double budgetDelta,
                               double slackEta, double slackTau) {
        return epsilon(orders, rdp, slackEta, slackTau, budgetDelta, budgetEpsilon);
    }
}
