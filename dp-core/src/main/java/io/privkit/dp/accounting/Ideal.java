package io.privkit.dp.accounting;

import java.util.ArrayList;
import java.util.List;

/**
 * The pre-pass every accountant runs: strips {@link DpEvent.SamplerSlack} nodes (adding their
 * slack, times the enclosing repetition counts, to the totals) and, where an accountant asks for
 * it, replaces a large discrete Gaussian by the continuous Gaussian it is close to, with the slack
 * that closeness costs.
 *
 * <p><b>Discrete to continuous.</b> Adding N<sub>ℤ</sub>(0, σ²) to an integer query x of
 * sensitivity Δ is close to R = round(x + N(0, σ²)), which is post-processing of the Gaussian
 * mechanism with noise multiplier σ/Δ. For σ ≥ 2<sup>10</sup> and |k| ≤ 10σ,
 * |log D(k)/R(k)| ≤ 5/σ² (midpoint rule: R(k) = h(k)(1 + e<sub>k</sub>) with |e<sub>k</sub>| ≤
 * sup|h''/h|/24 ≤ 4.3/σ² for the normal density h; the discrete normaliser is 1 up to
 * 3e<sup>−2π²σ²</sup> by Poisson summation), and |k| &gt; 10σ has probability at most
 * erfc((10 − 1/σ)/√2) under both (Canonne, Kamath and Steinke 2020, Proposition 25, for the
 * discrete tail). That is a {@link DpEvent.SamplerSlack} of (5/σ², erfc((10 − 1/σ)/√2)) per release.
 */
final class Ideal {
    /** Smallest σ for which the discrete-to-continuous slack above is proven. */
    static final double MIN_CONVERTIBLE_SIGMA = 1024;

    /** When to replace a discrete Gaussian by a continuous one. */
    enum DiscreteGaussianPolicy {
        /** Keep it (the accountant handles it exactly). */
        KEEP,
        /** Replace it when it is under a sampling wrapper (sampled mixtures are analysed for the continuous Gaussian). */
        WHEN_SAMPLED,
        /** Replace it whenever σ is above the threshold, and always under sampling. */
        ABOVE_THRESHOLD
    }

    /** The ideal event and the total slack. */
    record Result(DpEvent event, double maxLogRatio, double probability) {
        boolean hasSlack() {
            return maxLogRatio > 0 || probability > 0;
        }
    }

    private double eta;
    private double tau;
    private final DiscreteGaussianPolicy policy;
    private final double threshold;

    private Ideal(DiscreteGaussianPolicy policy, double threshold) {
        this.policy = policy;
        this.threshold = threshold;
    }

    static Result of(DpEvent event, DiscreteGaussianPolicy policy, double threshold) {
        Ideal i = new Ideal(policy, threshold);
        DpEvent e = i.walk(event, 1.0, false);
        return new Result(e, i.eta, i.tau);
    }

    static double discreteEta(double sigma) {
        return 5 / (sigma * sigma);
    }

    static double discreteTau(double sigma) {
        return org.apache.commons.numbers.gamma.Erfc.value((10 - 1 / sigma) / Math.sqrt(2));
    }

    private DpEvent walk(DpEvent e, double multiplicity, boolean sampled) {
        if (e instanceof DpEvent.SamplerSlack s) {
            eta += s.maxLogRatio() * multiplicity;
            tau += s.probability() * multiplicity;
            return walk(s.event(), multiplicity, sampled);
        }
        if (e instanceof DpEvent.SelfComposed s) {
            return new DpEvent.SelfComposed(walk(s.event(), multiplicity * s.count(), sampled), s.count());
        }
        if (e instanceof DpEvent.Composed c) {
            List<DpEvent> out = new ArrayList<>();
            for (DpEvent x : c.events()) {
                out.add(walk(x, multiplicity, sampled));
            }
            return new DpEvent.Composed(out);
        }
        if (e instanceof DpEvent.PoissonSampled p) {
            return new DpEvent.PoissonSampled(p.samplingProbability(), walk(p.event(), multiplicity, true));
        }
        if (e instanceof DpEvent.SampledWithoutReplacement w) {
            return new DpEvent.SampledWithoutReplacement(w.sourceSize(), w.sampleSize(), walk(w.event(), multiplicity, true));
        }
        if (e instanceof DpEvent.DiscreteGaussian g) {
            boolean convert = switch (policy) {
                case KEEP -> false;
                case WHEN_SAMPLED -> sampled;
                case ABOVE_THRESHOLD -> sampled || g.sigma() > threshold;
            };
            if (!convert) {
                return g;
            }
            if (g.sigma() < MIN_CONVERTIBLE_SIGMA) {
                throw new UnsupportedEventException(g, "a discrete Gaussian with sigma below " + (int) MIN_CONVERTIBLE_SIGMA
                        + (sampled ? " under sampling" : ""), "Use a finer grid (a larger sigma in grid units), or no sampling.");
            }
            eta += discreteEta(g.sigma()) * multiplicity;
            tau += discreteTau(g.sigma()) * multiplicity;
            return new DpEvent.Gaussian(Math.nextDown(g.sigma() / g.sensitivity()));
        }
        return e;
    }
}
