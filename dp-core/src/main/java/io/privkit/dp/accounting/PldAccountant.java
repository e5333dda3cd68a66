package io.privkit.dp.accounting;

import io.privkit.common.Checks;
import io.privkit.evidence.PrivacyBudgetEvidence;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The privacy-loss-distribution accountant: near-tight (ε, δ) for compositions of Gaussian,
 * Laplace, discrete and (ε, δ) mechanisms, with or without Poisson sampling.
 *
 * <p><b>Method.</b> Each mechanism's privacy loss distribution (PLD) is built on the grid h·ℤ by
 * the pessimistic connect-the-dots discretisation (V. Doroshenko, B. Ghazi, P. Kamath, R. Kumar and
 * P. Manurangsi, "Connect the Dots: Tighter Discrete Approximations of Privacy Loss
 * Distributions", PoPETs 2022) from its exact hockey-stick divergence; compositions convolve PLDs,
 * self-compositions raise their discrete Fourier transform to the T-th power (A. Koskela, J. Jälkö
 * and A. Honkela, "Computing Tight Differential Privacy Guarantees Using FFT", AISTATS 2020) over a
 * window certified by Chernoff bounds, with the truncated tail added to the mass at infinity.
 * Under add-or-remove-one, the "remove" and "add" distributions are composed separately and the
 * larger δ (the larger ε) is reported, as Google's dp_accounting does.
 *
 * <p><b>Where it differs from dp_accounting.</b> ε(δ) is solved in closed form on each grid
 * segment from suffix sums of p<sub>i</sub>e<sup>−(l<sub>i</sub>−l<sub>j</sub>)</sup>, which never underflow, so
 * losses far beyond 709 (where exp(−loss) underflows) still give a finite ε, and ε is monotone in δ
 * by construction. The grid is coarsened automatically (h doubled) when a distribution would need
 * more than 2<sup>23</sup> points, which keeps extreme compositions finite at a small cost in
 * tightness; the grid used is in {@link PrivacyGuarantee#parameters()}.
 *
 * <p><b>Rounding.</b> The discretisation is pessimistic, negative masses from rounding become zero
 * and their magnitude is added to the mass at infinity, ε is moved up by a relative 10<sup>−10</sup>,
 * and the minimum with the basic-composition bound is taken (a single pure-DP release is never
 * reported above its ε). Sampling without replacement is not supported here: use the
 * {@link RdpAccountant}.
 *
 * <p>Immutable and thread-safe.
 */
public final class PldAccountant implements PrivacyAccountant {
    /** The default grid step of the privacy loss, as in Google's dp_accounting. */
    public static final double DEFAULT_DISCRETISATION = 1e-4;
    /** Discrete Gaussians with σ up to this are accounted exactly; larger ones through the rounded continuous Gaussian. */
    static final double EXACT_DISCRETE_GAUSSIAN_SIGMA = 4096;

    /** How self-compositions are computed. */
    public enum Composition {
        /** Fourier transform raised to the T-th power over a Chernoff window (the default). */
        FFT,
        /**
         * Exponentiation by squaring with direct convolution: slow, obviously correct, for checking
         * and benchmarking the FFT path against.
         */
        DIRECT
    }

    private final NeighboringRelation relation;
    private final double discretisation;
    private final Composition composition;

    private PldAccountant(NeighboringRelation relation, double discretisation, Composition composition) {
        this.relation = relation;
        this.discretisation = discretisation;
        this.composition = composition;
    }

    /** Add-or-remove-one, grid step 1e-4. */
    public static PldAccountant withDefaults() {
        return new PldAccountant(NeighboringRelation.ADD_OR_REMOVE_ONE, DEFAULT_DISCRETISATION, Composition.FFT);
    }

    /** The same accountant for another neighbouring relation. */
    public PldAccountant with(NeighboringRelation relation) {
        return new PldAccountant(Checks.requireNonNull(relation, "relation"), discretisation, composition);
    }

    /** The same accountant with another grid step (smaller: tighter and slower). */
    public PldAccountant withDiscretisation(double step) {
        Checks.requireIn(step, "discretisation", io.privkit.common.Interval.closed(1e-7, 0.1),
                "Use a grid step such as 1e-4 (the default).");
        return new PldAccountant(relation, step, composition);
    }

    /** The same accountant with another way of computing self-compositions. */
    public PldAccountant withComposition(Composition c) {
        return new PldAccountant(relation, discretisation, Checks.requireNonNull(c, "composition"));
    }

    @Override
    public NeighboringRelation relation() {
        return relation;
    }

    @Override
    public PrivacyBudgetEvidence.AccountantKind kind() {
        return PrivacyBudgetEvidence.AccountantKind.PLD;
    }

    @Override
    public Map<String, String> parameters() {
        return parameters(discretisation);
    }

    private Map<String, String> parameters(double h) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("valueDiscretisationInterval", Double.toString(h));
        p.put("discretisation", "connect-the-dots (pessimistic)");
        p.put("tailTruncation", Double.toString(Pld.TAIL));
        p.put("composition", composition.name().toLowerCase(java.util.Locale.ROOT));
        p.put("neighbouringRelation", relation.name());
        return p;
    }

    @Override
    public PrivacyGuarantee account(DpEvent event) {
        Checks.requireNonNull(event, "event");
        Ideal.Result ideal = Ideal.of(event, Ideal.DiscreteGaussianPolicy.ABOVE_THRESHOLD, EXACT_DISCRETE_GAUSSIAN_SIGMA);
        double h = discretisation;
        Pair pair = null;
        for (int attempt = 0; attempt < 12 && pair == null; attempt++) {
            try {
                pair = build(ideal.event(), h);
            } catch (Pld.GridTooLarge e) {
                h *= 2;
            }
        }
        if (pair == null) {
            throw new UnsupportedEventException(event, "an event whose privacy loss needs more than 2^23 grid points even at step "
                    + h, "Use the RDP accountant for this event.");
        }
        Pair result = pair;
        Curve pld = new Curve() {
            @Override
            public double delta(double epsilon) {
                return SafeMath.up(Math.max(result.remove.delta(epsilon), result.add.delta(epsilon)));
            }

            @Override
            public double epsilon(double delta) {
                return SafeMath.up(Math.max(result.remove.epsilon(delta), result.add.epsilon(delta)));
            }
        };
        Curve curve = Curve.min(Curve.withSlack(pld, ideal.maxLogRatio(), ideal.probability()), BasicComposition.curve(event, relation));
        return new PrivacyGuarantee(event, relation, kind(), parameters(h),
                "PLD: smallest epsilon with delta(epsilon) <= delta, solved exactly on the pessimistic discrete distribution", curve);
    }

    private Pld selfCompose(Pld p, long count) {
        return composition == Composition.FFT ? p.selfCompose(count) : p.selfComposeDirect(count);
    }

    /** The two directions' distributions. */
    private record Pair(Pld remove, Pld add) {
        static Pair symmetric(Pld p) {
            return new Pair(p, p);
        }
    }

    private Pair build(DpEvent e, double h) {
        if (e instanceof DpEvent.Gaussian g) {
            return Pair.symmetric(Pld.connectTheDots(PldMechanisms.gaussian(g.noiseMultiplier(), 1, PldMechanisms.Direction.REMOVE), h));
        }
        if (e instanceof DpEvent.Laplace l) {
            return Pair.symmetric(Pld.connectTheDots(PldMechanisms.laplace(l.noiseMultiplier(), 1, PldMechanisms.Direction.REMOVE), h));
        }
        if (e instanceof DpEvent.DiscreteLaplace l) {
            return Pair.symmetric(Pld.connectTheDots(PldMechanisms.discreteLaplace(l.scale(), l.sensitivity()), h));
        }
        if (e instanceof DpEvent.DiscreteGaussian g) {
            return Pair.symmetric(Pld.connectTheDots(PldMechanisms.discreteGaussian(g.sigma(), g.sensitivity()), h));
        }
        if (e instanceof DpEvent.EpsilonDelta p) {
            return Pair.symmetric(Pld.epsilonDelta(h, p.epsilon(), p.delta()));
        }
        if (e instanceof DpEvent.NoOp) {
            return Pair.symmetric(Pld.identity(h));
        }
        if (e instanceof DpEvent.NonPrivate) {
            return Pair.symmetric(Pld.nonPrivate(h));
        }
        if (e instanceof DpEvent.SelfComposed s) {
            Pair inner = build(s.event(), h);
            Pld r = selfCompose(inner.remove, s.count());
            Pld a = inner.add == inner.remove ? r : selfCompose(inner.add, s.count());
            return new Pair(r, a);
        }
        if (e instanceof DpEvent.Composed c) {
            Pair acc = null;
            for (DpEvent x : c.events()) {
                Pair p = build(x, h);
                acc = acc == null ? p : new Pair(acc.remove.compose(p.remove), acc.add.compose(p.add));
            }
            return acc;
        }
        if (e instanceof DpEvent.PoissonSampled p) {
            if (relation != NeighboringRelation.ADD_OR_REMOVE_ONE) {
                throw new UnsupportedEventException(e, "Poisson sampling under " + relation,
                        "Poisson sampling amplifies under ADD_OR_REMOVE_ONE; account without amplification, or change the relation.");
            }
            double q = p.samplingProbability();
            DpEvent inner = p.event();
            if (inner instanceof DpEvent.Gaussian g) {
                return new Pair(Pld.connectTheDots(PldMechanisms.gaussian(g.noiseMultiplier(), q, PldMechanisms.Direction.REMOVE), h),
                        Pld.connectTheDots(PldMechanisms.gaussian(g.noiseMultiplier(), q, PldMechanisms.Direction.ADD), h));
            }
            if (inner instanceof DpEvent.Laplace l) {
                return new Pair(Pld.connectTheDots(PldMechanisms.laplace(l.noiseMultiplier(), q, PldMechanisms.Direction.REMOVE), h),
                        Pld.connectTheDots(PldMechanisms.laplace(l.noiseMultiplier(), q, PldMechanisms.Direction.ADD), h));
            }
            double[] basic = BasicComposition.of(inner, relation);
            if (inner instanceof DpEvent.EpsilonDelta || inner instanceof DpEvent.DiscreteLaplace || inner instanceof DpEvent.NoOp) {
                double eps = Math.log1p(q * Math.expm1(basic[0]));
                return Pair.symmetric(Pld.epsilonDelta(h, Math.nextUp(eps), q * basic[1]));
            }
            throw new UnsupportedEventException(e, "Poisson sampling of " + inner.describe().kind(),
                    "The PLD accountant samples single Gaussian, Laplace and (epsilon, delta) mechanisms; use the RDP accountant.");
        }
        if (e instanceof DpEvent.SampledWithoutReplacement) {
            throw new UnsupportedEventException(e, "sampling without replacement",
                    "Use the RDP accountant, which analyses fixed-size batches under REPLACE_ONE.");
        }
        throw new UnsupportedEventException(e, e.describe().kind(), "Describe the computation with the DpEvent family.");
    }
}
