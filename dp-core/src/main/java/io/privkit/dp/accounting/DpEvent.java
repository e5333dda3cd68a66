package io.privkit.dp.accounting;

import io.privkit.common.Checks;
import io.privkit.common.Interval;
import io.privkit.evidence.DpEventDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An immutable description of a differentially private computation: the parameters that are
 * necessary and sufficient to account for its privacy loss, and nothing else. Events form a tree
 * (sampling and composition wrap other events), accountants interpret them, ledgers store them so
 * that an auditor can re-account a release later with another tool. The design follows Google's
 * {@code dp_accounting} {@code DpEvent} family so that a Privkit event tree can be re-accounted
 * there, and maps one-to-one onto {@link DpEventDescription} for evidence records
 * ({@link #describe()}, {@link #fromDescription(DpEventDescription)}).
 *
 * <p>Noise parameters are <em>relative to the sensitivity under the accountant's
 * {@link NeighboringRelation}</em>: a Gaussian with noise multiplier z adds noise of standard
 * deviation z times the L2 sensitivity.
 *
 * <p>Build trees fluently: {@code DpEvent.gaussian(1.1).poissonSampled(0.01).selfComposed(10_000)}
 * is one DP-SGD run of 10 000 steps with Poisson sampling rate 0.01 and noise multiplier 1.1.
 *
 * <p>All records validate their parameters on construction and are thread-safe.
 */
public sealed interface DpEvent {

    /** The event as an accountant-neutral tree for evidence records and ledgers. */
    DpEventDescription describe();

    // ------------------------------------------------------------------ fluent construction

    /** The Gaussian mechanism with the given noise multiplier (standard deviation over L2 sensitivity). */
    static Gaussian gaussian(double noiseMultiplier) {
        return new Gaussian(noiseMultiplier);
    }

    /** The Laplace mechanism with the given noise multiplier (scale over L1 sensitivity). */
    static Laplace laplace(double noiseMultiplier) {
        return new Laplace(noiseMultiplier);
    }

    /** A pure epsilon-DP (delta = 0) or approximate (epsilon, delta)-DP computation. */
    static EpsilonDelta epsilonDelta(double epsilon, double delta) {
        return new EpsilonDelta(epsilon, delta);
    }

    /** This event run on a Poisson sample that includes each unit independently with probability q. */
    default PoissonSampled poissonSampled(double samplingProbability) {
        return new PoissonSampled(samplingProbability, this);
    }

    /** This event run on a uniformly random subset of {@code sampleSize} of {@code sourceSize} units. */
    default SampledWithoutReplacement sampledWithoutReplacement(long sourceSize, long sampleSize) {
        return new SampledWithoutReplacement(sourceSize, sampleSize, this);
    }

    /** This event repeated {@code count} times (adaptively chosen inputs allowed, parameters fixed). */
    default SelfComposed selfComposed(long count) {
        return new SelfComposed(this, count);
    }

    /** This event followed by others. */
    default Composed composedWith(DpEvent... others) {
        List<DpEvent> all = new ArrayList<>();
        all.add(this);
        all.addAll(List.of(others));
        return new Composed(all);
    }

    // ------------------------------------------------------------------ leaves

    /**
     * The Gaussian mechanism: adds N(0, (z·Δ₂)²) to a query of L2 sensitivity Δ₂.
     *
     * @param noiseMultiplier z, the noise standard deviation over the L2 sensitivity
     */
    record Gaussian(double noiseMultiplier) implements DpEvent {
        public Gaussian {
            Checks.requirePositive(noiseMultiplier, "noiseMultiplier",
                    "Give the noise standard deviation divided by the L2 sensitivity, e.g. 1.1.");
        }

        @Override
        public DpEventDescription describe() {
            return DpEventDescription.leaf("gaussian", Map.of("noiseMultiplier", noiseMultiplier));
        }
    }

    /**
     * The Laplace mechanism: adds Laplace noise of scale b·Δ₁ to a query of L1 sensitivity Δ₁.
     * It is (1/b)-DP.
     *
     * @param noiseMultiplier b, the Laplace scale over the L1 sensitivity
     */
    record Laplace(double noiseMultiplier) implements DpEvent {
        public Laplace {
            Checks.requirePositive(noiseMultiplier, "noiseMultiplier",
                    "Give the Laplace scale divided by the L1 sensitivity, e.g. 1.0 for epsilon = 1.");
        }

        @Override
        public DpEventDescription describe() {
            return DpEventDescription.leaf("laplace", Map.of("noiseMultiplier", noiseMultiplier));
        }
    }

    /**
     * The discrete Gaussian mechanism on the integers (Canonne, Kamath and Steinke, "The Discrete
     * Gaussian for Differential Privacy", NeurIPS 2020): adds noise with P(x) ∝ exp(-x²/(2σ²)) to an
     * integer query of L2 sensitivity Δ. Privkit's granular Gaussian noise reports this event with σ
     * and Δ in grid units.
     *
     * @param sigma       σ, the discrete Gaussian's scale parameter (in the query's integer unit)
     * @param sensitivity Δ, the query's integer L2 sensitivity
     */
    record DiscreteGaussian(double sigma, long sensitivity) implements DpEvent {
        public DiscreteGaussian {
            Checks.requirePositive(sigma, "sigma", "Give the discrete Gaussian's scale, in the query's integer unit.");
            Checks.requirePositive(sensitivity, "sensitivity", "Give the integer sensitivity, at least 1.");
        }

        @Override
        public DpEventDescription describe() {
            return DpEventDescription.leaf("discrete-gaussian", Map.of("sigma", sigma, "sensitivity", (double) sensitivity));
        }
    }

    /**
     * The discrete Laplace (two-sided geometric) mechanism: adds noise with P(x) ∝ exp(-|x|/scale)
     * to an integer query of L1 sensitivity Δ. It is (Δ/scale)-DP. Privkit's granular Laplace noise
     * reports this event with the scale and Δ in grid units.
     *
     * @param scale       the noise scale (in the query's integer unit)
     * @param sensitivity Δ, the query's integer L1 sensitivity
     */
    record DiscreteLaplace(double scale, long sensitivity) implements DpEvent {
        public DiscreteLaplace {
            Checks.requirePositive(scale, "scale", "Give the discrete Laplace scale, in the query's integer unit.");
            Checks.requirePositive(sensitivity, "sensitivity", "Give the integer sensitivity, at least 1.");
        }

        /** The pure epsilon: sensitivity / scale, rounded up exactly. */
        public double epsilon() {
            return SafeMath.divideUp(sensitivity, scale);
        }

        @Override
        public DpEventDescription describe() {
            return DpEventDescription.leaf("discrete-laplace", Map.of("scale", scale, "sensitivity", (double) sensitivity));
        }
    }

    /**
     * A computation known only to be (epsilon, delta)-DP, e.g. the exponential mechanism or
     * randomized response (pure, delta = 0). Accountants use the (epsilon, delta) dominating pair
     * (Kairouz, Oh and Viswanath 2015), which is exact for randomized response.
     *
     * @param epsilon the epsilon
     * @param delta   the delta, 0 for pure DP
     */
    record EpsilonDelta(double epsilon, double delta) implements DpEvent {
        public EpsilonDelta {
            Checks.requireNonNegative(epsilon, "epsilon");
            Checks.requireIn(delta, "delta", Interval.closedOpen(0, 1), "Give a delta in [0, 1), 0 for pure DP.");
        }

        /** Whether this is pure epsilon-DP. */
        public boolean isPure() {
            return delta == 0;
        }

        @Override
        public DpEventDescription describe() {
            return DpEventDescription.leaf("epsilon-delta", Map.of("epsilon", epsilon, "delta", delta));
        }
    }

    /** A computation that touches no private data: no privacy loss. */
    record NoOp() implements DpEvent {
        @Override
        public DpEventDescription describe() {
            return DpEventDescription.leaf("no-op", Map.of());
        }
    }

    /** A computation with no privacy guarantee (e.g. an unnoised statistic): epsilon is infinite. */
    record NonPrivate() implements DpEvent {
        @Override
        public DpEventDescription describe() {
            return DpEventDescription.leaf("non-private", Map.of());
        }
    }

    // ------------------------------------------------------------------ wrappers

    /**
     * The event run on a Poisson sample: each unit is included independently with probability q.
     * Accounted with amplification under {@link NeighboringRelation#ADD_OR_REMOVE_ONE}.
     *
     * @param samplingProbability q, in (0, 1]
     * @param event               the event run on the sample
     */
    record PoissonSampled(double samplingProbability, DpEvent event) implements DpEvent {
        public PoissonSampled {
            Checks.requireIn(samplingProbability, "samplingProbability", Interval.openClosed(0, 1),
                    "Give the per-step inclusion probability, e.g. expected batch size / dataset size.");
            Checks.requireNonNull(event, "event");
        }

        @Override
        public DpEventDescription describe() {
            return new DpEventDescription("poisson-sampled", Map.of("samplingProbability", samplingProbability),
                    List.of(event.describe()));
        }
    }

    /**
     * The event run on a uniformly random subset of exactly {@code sampleSize} of
     * {@code sourceSize} units (a fixed batch size). Accounted with amplification under
     * {@link NeighboringRelation#REPLACE_ONE} (Wang, Balle and Kasiviswanathan 2019).
     *
     * @param sourceSize the number of units sampled from
     * @param sampleSize the number of units in each sample
     * @param event      the event run on the sample
     */
    record SampledWithoutReplacement(long sourceSize, long sampleSize, DpEvent event) implements DpEvent {
        public SampledWithoutReplacement {
            Checks.requirePositive(sourceSize, "sourceSize");
            Checks.requirePositive(sampleSize, "sampleSize");
            if (sampleSize > sourceSize) {
                throw Checks.argument("sampleSize").mustBe("at most sourceSize (" + sourceSize + ")").got(sampleSize)
                        .fix("The sample is drawn from the source without replacement.").exception();
            }
            Checks.requireNonNull(event, "event");
        }

        /** The inclusion probability sampleSize / sourceSize. */
        public double samplingProbability() {
            return (double) sampleSize / sourceSize;
        }

        @Override
        public DpEventDescription describe() {
            return new DpEventDescription("sampled-without-replacement",
                    Map.of("sourceSize", (double) sourceSize, "sampleSize", (double) sampleSize), List.of(event.describe()));
        }
    }

    /**
     * The event repeated {@code count} times. Each repetition may see the earlier outputs
     * (adaptive composition), but its parameters are fixed in advance.
     *
     * @param event the repeated event
     * @param count how many times, at least 1
     */
    record SelfComposed(DpEvent event, long count) implements DpEvent {
        public SelfComposed {
            Checks.requireNonNull(event, "event");
            Checks.requirePositive(count, "count", "Give the number of repetitions, at least 1.");
        }

        @Override
        public DpEventDescription describe() {
            return new DpEventDescription("self-composed", Map.of("count", (double) count), List.of(event.describe()));
        }
    }

    /**
     * Several events run one after the other on the same data.
     *
     * @param events the events, at least one
     */
    record Composed(List<DpEvent> events) implements DpEvent {
        public Composed {
            events = List.copyOf(Checks.requireNonEmpty(events, "events"));
        }

        @Override
        public DpEventDescription describe() {
            return new DpEventDescription("composed", Map.of(), events.stream().map(DpEvent::describe).toList());
        }
    }

    /**
     * The event as implemented by a sampler that is close to, but not exactly, the ideal noise the
     * wrapped event describes. For every input there is a set of outputs G of probability at least
     * 1 - {@code probability} under both the ideal and the implemented distribution, on which the
     * two densities differ by at most a factor exp(±{@code maxLogRatio}). Then if the ideal
     * mechanism is (ε, δ)-DP the implemented one is
     * (ε + 2η, e<sup>η</sup>δ + (1 + e<sup>ε+η</sup>)τ)-DP with η = maxLogRatio and τ = probability;
     * under composition η and τ add up over the whole transcript (union bound over the bad sets,
     * product of the ratios on the good set), which is how every Privkit accountant applies them.
     * A pure total-variation bound τ is the case η = 0.
     *
     * @param event       the ideal event
     * @param maxLogRatio η ≥ 0
     * @param probability τ in [0, 1)
     */
    record SamplerSlack(DpEvent event, double maxLogRatio, double probability) implements DpEvent {
        public SamplerSlack {
            Checks.requireNonNull(event, "event");
            Checks.requireNonNegative(maxLogRatio, "maxLogRatio");
            Checks.requireIn(probability, "probability", Interval.closedOpen(0, 1));
        }

        @Override
        public DpEventDescription describe() {
            return new DpEventDescription("sampler-slack", Map.of("maxLogRatio", maxLogRatio, "probability", probability),
                    List.of(event.describe()));
        }
    }

    // ------------------------------------------------------------------ reading back

    /**
     * Rebuilds an event from its description (as stored in a ledger or an evidence record).
     *
     * @throws IllegalArgumentException naming the node when the description is not a valid event
     */
    static DpEvent fromDescription(DpEventDescription d) {
        Checks.requireNonNull(d, "dpEvent");
        return switch (d.kind()) {
            case "gaussian" -> new Gaussian(leaf(d, "noiseMultiplier")[0]);
            case "laplace" -> new Laplace(leaf(d, "noiseMultiplier")[0]);
            case "discrete-gaussian" -> {
                double[] v = leaf(d, "sigma", "sensitivity");
                yield new DiscreteGaussian(v[0], whole(d, "sensitivity", v[1]));
            }
            case "discrete-laplace" -> {
                double[] v = leaf(d, "scale", "sensitivity");
                yield new DiscreteLaplace(v[0], whole(d, "sensitivity", v[1]));
            }
            case "epsilon-delta" -> {
                double[] v = leaf(d, "epsilon", "delta");
                yield new EpsilonDelta(v[0], v[1]);
            }
            case "no-op" -> {
                leaf(d);
                yield new NoOp();
            }
            case "non-private" -> {
                leaf(d);
                yield new NonPrivate();
            }
            case "poisson-sampled" -> new PoissonSampled(params(d, "samplingProbability")[0], fromDescription(child(d)));
            case "sampled-without-replacement" -> {
                double[] v = params(d, "sourceSize", "sampleSize");
                yield new SampledWithoutReplacement(whole(d, "sourceSize", v[0]), whole(d, "sampleSize", v[1]),
                        fromDescription(child(d)));
            }
            case "self-composed" -> new SelfComposed(fromDescription(child(d)), whole(d, "count", params(d, "count")[0]));
            case "composed" -> {
                params(d);
                if (d.children().isEmpty()) {
                    throw Checks.argument("dpEvent composed").mustBe("a composition of at least one event").got("no children")
                            .noFix().exception();
                }
                yield new Composed(d.children().stream().map(DpEvent::fromDescription).toList());
            }
            case "sampler-slack" -> {
                double[] v = params(d, "maxLogRatio", "probability");
                yield new SamplerSlack(fromDescription(child(d)), v[0], v[1]);
            }
            default -> throw Checks.argument("dpEvent.kind").mustBe("a known event kind (gaussian, laplace, "
                    + "discrete-gaussian, discrete-laplace, epsilon-delta, no-op, non-private, poisson-sampled, "
                    + "sampled-without-replacement, self-composed, composed, sampler-slack)").got(d.kind())
                    .fix("Use an event tree written by Privkit.").exception();
        };
    }

    private static double[] leaf(DpEventDescription d, String... names) {
        if (!d.children().isEmpty()) {
            throw Checks.argument("dpEvent " + d.kind()).mustBe("a leaf without children").got(d.children().size() + " children")
                    .noFix().exception();
        }
        return params(d, names);
    }

    private static double[] params(DpEventDescription d, String... names) {
        if (!d.parameters().keySet().equals(new java.util.TreeSet<>(List.of(names)))) {
            throw Checks.argument("dpEvent " + d.kind() + " parameters").mustBe("exactly " + List.of(names))
                    .got(d.parameters().keySet().toString()).noFix().exception();
        }
        double[] v = new double[names.length];
        for (int i = 0; i < names.length; i++) {
            v[i] = d.parameters().get(names[i]);
        }
        return v;
    }

    private static DpEventDescription child(DpEventDescription d) {
        if (d.children().size() != 1) {
            throw Checks.argument("dpEvent " + d.kind()).mustBe("a wrapper of exactly one event").got(d.children().size() + " children")
                    .noFix().exception();
        }
        return d.children().get(0);
    }

    private static long whole(DpEventDescription d, String name, double v) {
        if (v != Math.rint(v) || Math.abs(v) > 0x1p53) {
            throw Checks.argument("dpEvent " + d.kind() + "." + name).mustBe("a whole number").got(v).noFix().exception();
        }
        return (long) v;
    }
}
