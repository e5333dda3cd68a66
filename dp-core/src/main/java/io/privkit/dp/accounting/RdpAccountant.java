package io.privkit.dp.accounting;

import io.privkit.common.Checks;
import io.privkit.evidence.PrivacyBudgetEvidence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Rényi DP accountant (I. Mironov, "Rényi Differential Privacy", CSF 2017): each event's
 * Rényi divergence at a set of orders α, added up under composition, converted to (ε, δ) at the
 * best order.
 *
 * <p><b>Events.</b> Gaussian α/(2z²); discrete Gaussian αΔ²/(2σ²) (Canonne, Kamath and Steinke
 * 2020); Laplace and discrete Laplace exactly; pure ε-DP events by the randomized-response bound;
 * the Poisson-subsampled Gaussian by Mironov, Talwar and Zhang (2019), fractional orders included
 * and computed so that the series never fails silently (see {@link RdpMath#subsampledGaussian});
 * Poisson subsampling of other mechanisms by Zhu and Wang (ICML 2019) and sampling without
 * replacement under replace-one by Wang, Balle and Kasiviswanathan (AISTATS 2019), fractional
 * orders by log-convex interpolation. (ε, δ)-DP events with δ &gt; 0 are composed separately by
 * basic composition and added at the end.
 *
 * <p><b>Conversion.</b> ε(δ) = min<sub>α</sub> RDP(α) + log((α−1)/α) − (log δ + log α)/(α−1)
 * (Canonne, Kamath and Steinke 2020, Proposition 12; Balle et al., "Hypothesis Testing
 * Interpretations and Rényi Differential Privacy", AISTATS 2020, Theorem 21), the conversion
 * Google's dp_accounting and Opacus use; δ(ε) is its inverse at the best order. For ε(δ) the integer
 * orders up to 64 are evaluated (the larger ones when the optimum may lie beyond), then the
 * fractional orders within 1 of the best integer order (a smaller set of orders can only give a
 * larger, still valid, ε). Results are moved up by a
 * relative 10<sup>−10</sup>, and the minimum with the basic-composition bound is taken, so a single
 * pure-DP release is never reported above its ε.
 *
 * <p>Immutable and thread-safe.
 */
public final class RdpAccountant implements PrivacyAccountant {
    /**
     * The default orders: Google dp_accounting's 156 (1.1 to 10.9 by 0.1, 11 to 63, 128, 256, 512,
     * 1024), which contain Opacus's, plus 1.01 to 1.09 by 0.01.
     */
    public static final List<Double> DEFAULT_ORDERS = defaultOrders();

    private final NeighboringRelation relation;
    private final double[] orders;

    private RdpAccountant(NeighboringRelation relation, double[] orders) {
        this.relation = relation;
        this.orders = orders;
    }

    private static List<Double> defaultOrders() {
        List<Double> o = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            o.add(1 + i / 100.0);
        }
        for (int i = 11; i <= 109; i++) {
            o.add(i / 10.0);
        }
        for (int i = 11; i <= 63; i++) {
            o.add((double) i);
        }
        for (double x : new double[] {128, 256, 512, 1024}) {
            o.add(x);
        }
        return List.copyOf(o);
    }

    /** Add-or-remove-one, default orders. */
    public static RdpAccountant withDefaults() {
        return new RdpAccountant(NeighboringRelation.ADD_OR_REMOVE_ONE, toArray(DEFAULT_ORDERS));
    }

    /** The same accountant for another neighbouring relation. */
    public RdpAccountant with(NeighboringRelation relation) {
        return new RdpAccountant(Checks.requireNonNull(relation, "relation"), orders);
    }

    /**
     * The same accountant with other orders (each &gt; 1 and finite; sorted and deduplicated).
     */
    public RdpAccountant withOrders(List<Double> orders) {
        Checks.requireNonEmpty(orders, "orders");
        for (double a : orders) {
            if (!(a > 1) || Double.isInfinite(a)) {
                throw Checks.argument("orders").mustBe("finite numbers > 1").got(a)
                        .fix("Use Rényi orders such as 1.5, 2, 8, 32.").exception();
            }
        }
        return new RdpAccountant(relation, toArray(orders));
    }

    private static double[] toArray(List<Double> orders) {
        return orders.stream().mapToDouble(Double::doubleValue).distinct().sorted().toArray();
    }

    /** The orders. */
    public List<Double> orders() {
        return Arrays.stream(orders).boxed().toList();
    }

    @Override
    public NeighboringRelation relation() {
        return relation;
    }

    @Override
    public PrivacyBudgetEvidence.AccountantKind kind() {
        return PrivacyBudgetEvidence.AccountantKind.RDP;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("orders", orders.length + " orders from " + orders[0] + " to " + orders[orders.length - 1]);
        p.put("neighbouringRelation", relation.name());
        return p;
    }

    @Override
    public PrivacyGuarantee account(DpEvent event) {
        Checks.requireNonNull(event, "event");
        Ideal.Result ideal = Ideal.of(event, Ideal.DiscreteGaussianPolicy.WHEN_SAMPLED, 0);
        Built b = new Builder(relation).build(ideal.event());
        Curve rdp = Curve.withSlack(new RdpCurve(orders, b), ideal.maxLogRatio(), ideal.probability());
        Curve curve = Curve.min(rdp, BasicComposition.curve(event, relation));
        return new PrivacyGuarantee(event, relation, kind(), parameters(),
                "min over orders of RDP(a) + log((a-1)/a) - (log delta + log a)/(a-1) (Balle et al. 2020, Theorem 21)", curve);
    }

    /**
     * The Rényi DP of an event at each of the given orders, for the ledger's filter. The event must
     * have a finite Rényi DP (no (ε, δ) parts with δ &gt; 0); sampler slack is not included (the
     * caller accounts for it separately).
     *
     * @throws UnsupportedEventException if the event has (ε, δ) parts or unsupported sampling
     */
    public double[] rdp(DpEvent event, double[] atOrders) {
        Ideal.Result ideal = Ideal.of(event, Ideal.DiscreteGaussianPolicy.WHEN_SAMPLED, 0);
        Built b = new Builder(relation).build(ideal.event());
        if (b.approxDelta > 0 || b.approxEpsilon > 0) {
            throw new UnsupportedEventException(event, "an (epsilon, delta) event with delta > 0",
                    "A Rényi filter needs events with a Rényi DP bound: Gaussian, Laplace, pure epsilon-DP, and their sampling.");
        }
        double[] out = new double[atOrders.length];
        for (int i = 0; i < atOrders.length; i++) {
            out[i] = b.fn.at(atOrders[i]);
        }
        return out;
    }

    /**
     * What an event costs for a Rényi filter over the given orders: its ideal Rényi DP at each
     * order, its sampler slack, and its pure ε when it is pure ε-DP without slack.
     *
     * @throws UnsupportedEventException for events with an (ε, δ) part with δ &gt; 0 or unsupported sampling
     */
    public RenyiCost cost(DpEvent event, double[] atOrders) {
        Checks.requireNonNull(event, "event");
        Ideal.Result ideal = Ideal.of(event, Ideal.DiscreteGaussianPolicy.WHEN_SAMPLED, 0);
        double[] values = rdp(event, atOrders);
        for (int i = 0; i < values.length; i++) {
            values[i] = SafeMath.up(values[i]);
        }
        double[] basic = BasicComposition.of(event, relation);
        java.util.OptionalDouble pure = basic[1] == 0 && Double.isFinite(basic[0]) && !ideal.hasSlack()
                ? java.util.OptionalDouble.of(basic[0]) : java.util.OptionalDouble.empty();
        return new RenyiCost(atOrders, values, ideal.maxLogRatio(), ideal.probability(), pure);
    }

    // ------------------------------------------------------------------ building the RDP function

    /** An event's Rényi DP as a function of the order. */
    interface Fn {
        double at(double alpha);

        double atInfinity();
    }

    /** The RDP function and the (ε, δ) parts composed by basic composition. */
    record Built(Fn fn, double approxEpsilon, double approxDelta) {
    }

    private static final class Builder {
        private final NeighboringRelation relation;
        private double approxEpsilon;
        private double approxDelta;

        Builder(NeighboringRelation relation) {
            this.relation = relation;
        }

        Built build(DpEvent e) {
            Fn fn = fn(e, 1);
            return new Built(fn, approxEpsilon, approxDelta);
        }

        private Fn fn(DpEvent e, double multiplicity) {
            if (e instanceof DpEvent.Gaussian g) {
                return fixed(a -> RdpMath.gaussian(g.noiseMultiplier(), a), Double.POSITIVE_INFINITY);
            }
            if (e instanceof DpEvent.DiscreteGaussian g) {
                double z = g.sigma() / g.sensitivity();
                return fixed(a -> RdpMath.gaussian(z, a), Double.POSITIVE_INFINITY);
            }
            if (e instanceof DpEvent.Laplace l) {
                return fixed(a -> RdpMath.laplace(l.noiseMultiplier(), a), SafeMath.divideUp(1, l.noiseMultiplier()));
            }
            if (e instanceof DpEvent.DiscreteLaplace l) {
                return fixed(a -> RdpMath.discreteLaplace(l.scale(), l.sensitivity(), a), l.epsilon());
            }
            if (e instanceof DpEvent.EpsilonDelta p) {
                if (p.isPure()) {
                    return fixed(a -> RdpMath.pure(p.epsilon(), a), p.epsilon());
                }
                approxEpsilon += p.epsilon() * multiplicity;
                approxDelta += p.delta() * multiplicity;
                return fixed(a -> 0, 0);
            }
            if (e instanceof DpEvent.NoOp) {
                return fixed(a -> 0, 0);
            }
            if (e instanceof DpEvent.NonPrivate) {
                return fixed(a -> Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
            }
            if (e instanceof DpEvent.SelfComposed s) {
                Fn inner = fn(s.event(), multiplicity * s.count());
                long n = s.count();
                return new Fn() {
                    @Override
                    public double at(double alpha) {
                        return inner.at(alpha) * n;
                    }

                    @Override
                    public double atInfinity() {
                        return inner.atInfinity() * n;
                    }
                };
            }
            if (e instanceof DpEvent.Composed c) {
                List<Fn> parts = new ArrayList<>();
                for (DpEvent x : c.events()) {
                    parts.add(fn(x, multiplicity));
                }
                return new Fn() {
                    @Override
                    public double at(double alpha) {
                        double s = 0;
                        for (Fn f : parts) {
                            s += f.at(alpha);
                        }
                        return s;
                    }

                    @Override
                    public double atInfinity() {
                        double s = 0;
                        for (Fn f : parts) {
                            s += f.atInfinity();
                        }
                        return s;
                    }
                };
            }
            if (e instanceof DpEvent.PoissonSampled p) {
                if (relation != NeighboringRelation.ADD_OR_REMOVE_ONE) {
                    throw new UnsupportedEventException(e, "Poisson sampling under " + relation,
                            "Poisson sampling amplifies under ADD_OR_REMOVE_ONE; for a fixed batch size under REPLACE_ONE use "
                                    + "sampled-without-replacement.");
                }
                double q = p.samplingProbability();
                if (p.event() instanceof DpEvent.Gaussian g) {
                    return memo(a -> RdpMath.subsampledGaussian(q, g.noiseMultiplier(), a), Double.POSITIVE_INFINITY);
                }
                Fn inner = innerWithoutApprox(p.event(), multiplicity, e);
                IntegerCache cache = new IntegerCache(inner);
                double inf = Double.isFinite(inner.atInfinity()) ? Math.log1p(q * Math.expm1(inner.atInfinity())) : Double.POSITIVE_INFINITY;
                return memo(a -> generic(a, k -> RdpMath.poissonGeneric(q, cache, k)), inf);
            }
            if (e instanceof DpEvent.SampledWithoutReplacement w) {
                if (relation != NeighboringRelation.REPLACE_ONE) {
                    throw new UnsupportedEventException(e, "sampling without replacement under " + relation,
                            "Account fixed-size batches under REPLACE_ONE, or use Poisson sampling under ADD_OR_REMOVE_ONE.");
                }
                double gamma = w.samplingProbability();
                Fn inner = innerWithoutApprox(w.event(), multiplicity, e);
                IntegerCache cache = new IntegerCache(inner);
                double inf = Double.isFinite(inner.atInfinity()) ? Math.log1p(gamma * Math.expm1(inner.atInfinity())) : Double.POSITIVE_INFINITY;
                return memo(a -> generic(a, k -> RdpMath.withoutReplacementGeneric(gamma, cache, k)), inf);
            }
            throw new UnsupportedEventException(e, e.describe().kind(), "Describe the computation with the DpEvent family.");
        }

        private Fn innerWithoutApprox(DpEvent inner, double multiplicity, DpEvent outer) {
            double beforeE = approxEpsilon;
            double beforeD = approxDelta;
            Fn f = fn(inner, multiplicity);
            if (approxEpsilon != beforeE || approxDelta != beforeD) {
                throw new UnsupportedEventException(outer, "sampling of an (epsilon, delta) event with delta > 0",
                        "Use the PLD accountant, which amplifies (epsilon, delta) events by sampling.");
            }
            return f;
        }

        private static double generic(double alpha, java.util.function.LongToDoubleFunction atInteger) {
            if (alpha == Math.rint(alpha)) {
                return atInteger.applyAsDouble((long) alpha);
            }
            return RdpMath.interpolate(alpha, atInteger);
        }
    }

    private static Fn fixed(java.util.function.DoubleUnaryOperator f, double inf) {
        return new Fn() {
            @Override
            public double at(double alpha) {
                return f.applyAsDouble(alpha);
            }

            @Override
            public double atInfinity() {
                return inf;
            }
        };
    }

    /** Memoises an expensive function of the order (thread-safe). */
    private static Fn memo(java.util.function.DoubleUnaryOperator f, double inf) {
        java.util.concurrent.ConcurrentHashMap<Double, Double> cache = new java.util.concurrent.ConcurrentHashMap<>();
        return new Fn() {
            @Override
            public double at(double alpha) {
                return cache.computeIfAbsent(alpha, f::applyAsDouble);
            }

            @Override
            public double atInfinity() {
                return inf;
            }
        };
    }

    /** Integer-order values of an inner mechanism, cached for the generic amplification sums. */
    private static final class IntegerCache implements RdpMath.IntegerRdp {
        private final Fn inner;
        private final java.util.concurrent.ConcurrentHashMap<Long, Double> values = new java.util.concurrent.ConcurrentHashMap<>();

        IntegerCache(Fn inner) {
            this.inner = inner;
        }

        @Override
        public double at(long alpha) {
            return values.computeIfAbsent(alpha, a -> inner.at(a));
        }

        @Override
        public double atInfinity() {
            return inner.atInfinity();
        }
    }

    // ------------------------------------------------------------------ conversion

    /** ε(δ) and δ(ε) from the RDP curve, plus the (ε, δ) parts by basic composition. */
    private static final class RdpCurve implements Curve {
        private final double[] orders;
        private final Built built;
        private final double[] values;
        private final int[] integerIndices;

        RdpCurve(double[] orders, Built built) {
            this.orders = orders;
            this.built = built;
            this.values = new double[orders.length];
            Arrays.fill(values, Double.NaN);
            this.integerIndices = java.util.stream.IntStream.range(0, orders.length)
                    .filter(i -> orders[i] == Math.rint(orders[i])).toArray();
        }

        private synchronized double rdp(int i) {
            if (Double.isNaN(values[i])) {
                double v = built.fn().at(orders[i]);
                values[i] = Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
            }
            return values[i];
        }

        private static double epsilonAt(double alpha, double rdp, double logDelta) {
            return rdp + Math.log1p(-1 / alpha) - (logDelta + Math.log(alpha)) / (alpha - 1);
        }

        /**
         * Indices to evaluate: the integer orders up to 64 (and the larger ones only when the best so
         * far is at least 48, i.e. the optimum may lie beyond), then the fractional orders within 1 of
         * the best integer order. Leaving an order out can only raise ε: the result stays valid.
         */
        private int[] candidates(java.util.function.IntToDoubleFunction score) {
            int best = -1;
            double bestScore = Double.POSITIVE_INFINITY;
            for (int i : integerIndices) {
                if (orders[i] > 64) {
                    continue;
                }
                double s = score.applyAsDouble(i);
                if (s < bestScore) {
                    bestScore = s;
                    best = i;
                }
            }
            boolean large = best < 0 || orders[best] >= 48;
            if (large) {
                for (int i : integerIndices) {
                    if (orders[i] > 64) {
                        double s = score.applyAsDouble(i);
                        if (s < bestScore) {
                            bestScore = s;
                            best = i;
                        }
                    }
                }
            }
            if (best < 0) {
                return java.util.stream.IntStream.range(0, orders.length).toArray();
            }
            double center = orders[best];
            return java.util.stream.IntStream.range(0, orders.length)
                    .filter(i -> (orders[i] == Math.rint(orders[i]) && (orders[i] <= 64 || large)) || Math.abs(orders[i] - center) < 1)
                    .toArray();
        }

        @Override
        public double epsilon(double delta) {
            double rdpDelta = delta - built.approxDelta();
            if (!(rdpDelta > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            double logDelta = Math.log(rdpDelta);
            double best = Double.POSITIVE_INFINITY;
            for (int i : candidates(i -> epsilonAt(orders[i], rdp(i), logDelta))) {
                double e = epsilonAt(orders[i], rdp(i), logDelta);
                if (e < best) {
                    best = e;
                }
            }
            if (Double.isInfinite(best)) {
                return best;
            }
            return SafeMath.up(Math.max(0, best) + built.approxEpsilon());
        }

        @Override
        public double delta(double epsilon) {
            double e = epsilon - built.approxEpsilon();
            double logBest = 0;
            for (int i = 0; i < orders.length; i++) {
                double a = orders[i];
                double r = rdp(i);
                if (Double.isInfinite(r)) {
                    continue;
                }
                double logDelta = (a - 1) * (r - e + Math.log1p(-1 / a)) - Math.log(a);
                logBest = Math.min(logBest, logDelta);
            }
            return Math.min(1, SafeMath.up(Math.exp(logBest) + built.approxDelta()));
        }
    }
}
