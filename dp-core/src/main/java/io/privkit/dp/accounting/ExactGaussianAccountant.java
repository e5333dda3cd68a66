package io.privkit.dp.accounting;

import io.privkit.common.Checks;
import io.privkit.evidence.PrivacyBudgetEvidence;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exact privacy profile of Gaussian mechanisms without sampling (B. Balle and Y.-X. Wang,
 * "Improving the Gaussian Mechanism for Differential Privacy: Analytical Calibration and Optimal
 * Denoising", ICML 2018, Theorem 8): δ(ε) = Φ(Δ/(2σ) − εσ/Δ) − e<sup>ε</sup>Φ(−Δ/(2σ) − εσ/Δ). A
 * composition of Gaussian mechanisms with noise multipliers z<sub>i</sub> is exactly one Gaussian
 * mechanism with z = (Σ z<sub>i</sub><sup>−2</sup>)<sup>−1/2</sup> (μ-GDP with μ = 1/z, Dong, Roth and Su 2022).
 * ε(δ) is found by bisection and the upper end returned.
 *
 * <p>Accepts Gaussian, discrete Gaussian (through the rounded continuous Gaussian with its
 * slack), no-op, and their (self-)compositions; anything else is an
 * {@link UnsupportedEventException}. Immutable and thread-safe.
 */
public final class ExactGaussianAccountant implements PrivacyAccountant {
    private final NeighboringRelation relation;

    private ExactGaussianAccountant(NeighboringRelation relation) {
        this.relation = relation;
    }

    /** Add-or-remove-one. */
    public static ExactGaussianAccountant withDefaults() {
        return new ExactGaussianAccountant(NeighboringRelation.ADD_OR_REMOVE_ONE);
    }

    /** The same accountant for another relation (the noise multiplier is relative to its sensitivity). */
    public ExactGaussianAccountant with(NeighboringRelation relation) {
        return new ExactGaussianAccountant(Checks.requireNonNull(relation, "relation"));
    }

    @Override
    public NeighboringRelation relation() {
        return relation;
    }

    @Override
    public PrivacyBudgetEvidence.AccountantKind kind() {
        return PrivacyBudgetEvidence.AccountantKind.EXACT_GAUSSIAN;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("neighbouringRelation", relation.name());
        return p;
    }

    /** μ = (Σ 1/z²)^{1/2} of an event made of Gaussians. */
    static double mu(DpEvent e) {
        if (e instanceof DpEvent.Gaussian g) {
            return 1 / g.noiseMultiplier();
        }
        if (e instanceof DpEvent.NoOp) {
            return 0;
        }
        if (e instanceof DpEvent.SelfComposed s) {
            return mu(s.event()) * Math.sqrt(s.count());
        }
        if (e instanceof DpEvent.Composed c) {
            double sum = 0;
            for (DpEvent x : c.events()) {
                double m = mu(x);
                sum += m * m;
            }
            return Math.sqrt(sum);
        }
        throw new UnsupportedEventException(e, e.describe().kind(),
                "The exact Gaussian accountant covers Gaussian mechanisms without sampling; use the PLD accountant.");
    }

    @Override
    public PrivacyGuarantee account(DpEvent event) {
        Checks.requireNonNull(event, "event");
        Ideal.Result ideal = Ideal.of(event, Ideal.DiscreteGaussianPolicy.ABOVE_THRESHOLD, 0);
        // mu rounded up: a larger mu is a weaker guarantee.
        double mu = Math.nextUp(Math.nextUp(mu(ideal.event())));
        Curve exact = new Curve() {
            @Override
            public double delta(double epsilon) {
                return Math.min(1, SafeMath.up(Gdp.delta(mu, epsilon)));
            }

            @Override
            public double epsilon(double delta) {
                return SafeMath.up(Gdp.epsilon(mu, delta));
            }
        };
        return new PrivacyGuarantee(event, relation, kind(), parameters(),
                "exact analytic Gaussian (Balle and Wang 2018, Theorem 8), epsilon by bisection, upper end",
                Curve.min(Curve.withSlack(exact, ideal.maxLogRatio(), ideal.probability()), BasicComposition.curve(event, relation)));
    }
}
