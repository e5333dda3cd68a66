package io.privkit.dp.accounting;

/**
 * An upper bound on a privacy profile: for every epsilon, the delta at which the release is
 * (epsilon, delta)-DP, and its inverse. Both directions are upper bounds on the truth.
 */
interface Curve {
    /** δ(ε): the release is (ε, δ(ε))-DP. In [0, 1]. */
    double delta(double epsilon);

    /** ε(δ): the release is (ε(δ), δ)-DP; +∞ when no finite epsilon is known at this delta. ≥ 0. */
    double epsilon(double delta);

    /** The pointwise minimum of two valid bounds, itself a valid bound. */
    static Curve min(Curve a, Curve b) {
        return new Curve() {
            @Override
            public double delta(double epsilon) {
                return Math.min(a.delta(epsilon), b.delta(epsilon));
            }

            @Override
            public double epsilon(double delta) {
                return Math.min(a.epsilon(delta), b.epsilon(delta));
            }
        };
    }

    /**
     * The curve of an implementation whose noise is within (η, τ) of the ideal this curve
     * describes (see {@link DpEvent.SamplerSlack}): δ(ε) = e<sup>η</sup>δ<sub>ideal</sub>(ε − 2η)
     * + (1 + e<sup>ε−η</sup>)τ, and ε(δ) the smallest ε meeting it, found by a monotone fixed point.
     */
    static Curve withSlack(Curve ideal, double eta, double tau) {
        if (eta == 0 && tau == 0) {
            return ideal;
        }
        return new Curve() {
            @Override
            public double delta(double epsilon) {
                double d = Math.exp(eta) * ideal.delta(epsilon - 2 * eta) + (1 + Math.exp(epsilon - eta)) * tau;
                return Math.min(1, d);
            }

            @Override
            public double epsilon(double delta) {
                double e = 0;
                for (int i = 0; i < 100; i++) {
                    double idealDelta = (delta - (1 + Math.exp(e)) * tau) / Math.exp(eta);
                    if (!(idealDelta > 0)) {
                        return Double.POSITIVE_INFINITY;
                    }
                    double next = ideal.epsilon(idealDelta) + 2 * eta;
                    if (Double.isInfinite(next)) {
                        return next;
                    }
                    // delta(next) <= e^eta * idealDelta + (1 + e^(next - eta)) tau <= delta when next - eta <= e.
                    if (next - eta <= e) {
                        return next;
                    }
                    e = next;
                }
                return Double.POSITIVE_INFINITY;
            }
        };
    }

    /**
     * The bound from basic composition of pure and approximate parts: (E, D)-DP, so δ(ε) = D for
     * ε ≥ E and δ(ε) ≤ 1 − e<sup>ε−E</sup>(1 − D) below (from P(S) ≤ e<sup>E</sup>Q(S) + D and P(S) ≤ 1).
     */
    static Curve basic(double epsilonBound, double deltaBound) {
        return new Curve() {
            @Override
            public double delta(double epsilon) {
                if (Double.isInfinite(epsilonBound)) {
                    return 1;
                }
                if (epsilon >= epsilonBound) {
                    return deltaBound;
                }
                return Math.min(1, 1 - Math.exp(epsilon - epsilonBound) * (1 - deltaBound));
            }

            @Override
            public double epsilon(double delta) {
                return delta >= deltaBound ? epsilonBound : Double.POSITIVE_INFINITY;
            }
        };
    }
}
