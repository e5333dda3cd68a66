package io.privkit.dp.accounting;

/**
 * The (ε, δ) bound of an event tree by basic composition (Dwork et al. 2006: epsilons and deltas
 * add) and amplification by sampling for (ε, δ)-DP inner events (Balle, Barthe and Gaboardi,
 * "Privacy Amplification by Subsampling", NeurIPS 2018: ε' = log(1 + q(e<sup>ε</sup> − 1)), δ' = qδ for
 * Poisson sampling under add-or-remove and for sampling without replacement under replace-one).
 * Gaussian events have no finite bound at δ = 0, so a tree containing one has ε = +∞ here; the
 * accountants take the minimum of their own curve and this one, so a pure-DP release is never
 * reported above its pure epsilon.
 */
final class BasicComposition {
    private BasicComposition() {
    }

    /** {ε, δ}. */
    static double[] of(DpEvent event, NeighboringRelation relation) {
        if (event instanceof DpEvent.Laplace l) {
            return new double[] {SafeMath.divideUp(1, l.noiseMultiplier()), 0};
        }
        if (event instanceof DpEvent.DiscreteLaplace l) {
            return new double[] {l.epsilon(), 0};
        }
        if (event instanceof DpEvent.EpsilonDelta e) {
            return new double[] {e.epsilon(), e.delta()};
        }
        if (event instanceof DpEvent.NoOp) {
            return new double[] {0, 0};
        }
        if (event instanceof DpEvent.PoissonSampled p) {
            double[] inner = of(p.event(), relation);
            if (relation != NeighboringRelation.ADD_OR_REMOVE_ONE) {
                return inner;
            }
            return amplify(inner, p.samplingProbability());
        }
        if (event instanceof DpEvent.SampledWithoutReplacement w) {
            double[] inner = of(w.event(), relation);
            if (relation != NeighboringRelation.REPLACE_ONE) {
                return inner;
            }
            return amplify(inner, w.samplingProbability());
        }
        if (event instanceof DpEvent.SelfComposed s) {
            double[] inner = of(s.event(), relation);
            return new double[] {times(inner[0], s.count()), Math.min(1, times(inner[1], s.count()))};
        }
        if (event instanceof DpEvent.Composed c) {
            double eps = 0;
            double delta = 0;
            for (DpEvent e : c.events()) {
                double[] inner = of(e, relation);
                eps = plus(eps, inner[0]);
                delta = plus(delta, inner[1]);
            }
            return new double[] {eps, Math.min(1, delta)};
        }
        if (event instanceof DpEvent.SamplerSlack s) {
            double[] inner = of(s.event(), relation);
            double eta = s.maxLogRatio();
            return new double[] {up(inner[0] + 2 * eta),
                Math.min(1, up(Math.exp(eta) * inner[1] + (1 + Math.exp(inner[0] + eta)) * s.probability()))};
        }
        return new double[] {Double.POSITIVE_INFINITY, 0};
    }

    private static double[] amplify(double[] inner, double q) {
        if (Double.isInfinite(inner[0])) {
            return inner;
        }
        return new double[] {up(Math.log1p(q * Math.expm1(inner[0]))), up(q * inner[1])};
    }

    private static double plus(double a, double b) {
        return Double.isInfinite(a) || Double.isInfinite(b) ? Double.POSITIVE_INFINITY : SafeMath.addUp(a, b);
    }

    private static double times(double a, long n) {
        return Double.isInfinite(a) ? a : SafeMath.timesUp(a, n);
    }

    /** x moved up by a few ulps: covers the rounding of one floating-point operation. */
    private static double up(double x) {
        if (x == 0 || Double.isInfinite(x)) {
            return x;
        }
        return Math.nextUp(Math.nextUp(Math.nextUp(x)));
    }

    /** The curve of the basic bound (already rounded up operation by operation). */
    static Curve curve(DpEvent event, NeighboringRelation relation) {
        double[] b = of(event, relation);
        return Curve.basic(b[0], b[1]);
    }
}
