package io.privkit.dp.sgd;

import io.privkit.common.BuildInfo;
import io.privkit.common.Checks;
import io.privkit.common.Problems;
import io.privkit.common.Randomness;
import io.privkit.dp.accounting.PrivacyAccountant;
import io.privkit.dp.accounting.PrivacyGuarantee;
import io.privkit.dp.noise.SamplerInfo;
import io.privkit.evidence.EvidenceHeader;
import io.privkit.evidence.InputRef;
import io.privkit.evidence.PrivacyBudgetEvidence;
import io.privkit.evidence.PrivacyBudgetEvidence.SamplingScheme;
import io.privkit.evidence.RandomnessStamp;
import io.privkit.evidence.Subject;
import io.privkit.evidence.Verdict;
import io.privkit.evidence.measure.MeasureId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a {@link DpSgdResult} into the {@link PrivacyBudgetEvidence} record a DPIA cites: the
 * privacy unit and neighbouring relation (one training record, added or removed), the DP-SGD
 * mechanism (noise multiplier, clipping norm, the noise actually added), the sampling implemented
 * next to the sampling accounted (Poisson as Poisson; shuffled batches as no amplification), the
 * accountant with its parameters and conversion, the event tree for re-accounting, epsilon at delta
 * with the privacy profile, the Gaussian-DP mu and the membership-inference bound, the noise
 * sampler's hygiene, the dataset size (treated as public), and the accuracy next to the
 * non-private baseline.
 *
 * <p>The guarantee is re-derived from the run's event with dp-core's accountant of the plan's
 * kind, so the record's figures are that accountant's (rounded up), for exactly the steps the run
 * recorded.
 * <pre>{@code
 * PrivacyBudgetEvidence record = DpSgdEvidence.of(result)
 *         .subject(Subject.system("Product classifier"))
 *         .utility("test-accuracy", 0.86).nonPrivateBaseline(0.91)
 *         .build();
 * }</pre>
 *
 * <p>Not thread-safe (a builder).
 */
public final class DpSgdEvidence {
    private final DpSgdResult result;
    private Subject subject;
    private final List<InputRef> inputs = new ArrayList<>();
    private final List<String> accessesNotCovered = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private PrivacyBudgetEvidence.Utility utility;
    private PrivacyBudgetEvidence.Tuning tuning;
    private PrivacyBudgetEvidence.LedgerSummary ledger;
    private PrivacyBudgetEvidence.ContributionBound contributionBound;
    private RandomnessStamp randomness;

    private DpSgdEvidence(DpSgdResult result) {
        this.result = result;
    }

    /** A record builder for {@code result}. */
    public static DpSgdEvidence of(DpSgdResult result) {
        return new DpSgdEvidence(Checks.requireNonNull(result, "result"));
    }

    /** The system and model the record is about (required). */
    public DpSgdEvidence subject(Subject s) {
        this.subject = Checks.requireNonNull(s, "subject");
        return this;
    }

    /** The training data, by digest. */
    public DpSgdEvidence input(InputRef input) {
        inputs.add(Checks.requireNonNull(input, "input"));
        return this;
    }

    /** A touch of the private data the guarantee does not cover (e.g. "normalisation fitted on the training set"). */
    public DpSgdEvidence accessNotCovered(String access) {
        accessesNotCovered.add(Checks.requireNonBlank(access, "access"));
        return this;
    }

    /** The private model's utility, e.g. {@code utility("test-accuracy", 0.86)}. */
    public DpSgdEvidence utility(String metric, double privateValue) {
        this.utility = new PrivacyBudgetEvidence.Utility(metric, privateValue,
                utility == null ? null : utility.nonPrivateBaseline());
        return this;
    }

    /** The same metric for the same model trained without privacy; call after {@link #utility}. */
    public DpSgdEvidence nonPrivateBaseline(double value) {
        if (utility == null) {
            throw new IllegalStateException("call utility(metric, privateValue) before nonPrivateBaseline(value)");
        }
        this.utility = new PrivacyBudgetEvidence.Utility(utility.metric(), utility.dpValue(), value);
        return this;
    }

    /** How hyperparameters were chosen; by default "one configuration, fixed before training". */
    public DpSgdEvidence tuning(PrivacyBudgetEvidence.Tuning t) {
        this.tuning = Checks.requireNonNull(t, "tuning");
        return this;
    }

    /** The ledger's account of this spend, when a ledger gate recorded the run. */
    public DpSgdEvidence ledger(PrivacyBudgetEvidence.LedgerSummary summary) {
        this.ledger = Checks.requireNonNull(summary, "ledger");
        return this;
    }

    /** How each person's contribution was capped; by default none (record-level protection only). */
    public DpSgdEvidence contributionBound(PrivacyBudgetEvidence.ContributionBound bound) {
        this.contributionBound = Checks.requireNonNull(bound, "contributionBound");
        return this;
    }

    /** The exact randomness stamp (with the seed of a seeded run); by default derived from the result. */
    public DpSgdEvidence randomness(Randomness r) {
        this.randomness = RandomnessStamp.of(Checks.requireNonNull(r, "randomness"));
        return this;
    }

    /** The clock for the record's time. */
    public DpSgdEvidence clock(Clock c) {
        this.clock = Checks.requireNonNull(c, "clock");
        return this;
    }

    /**
     * Builds the record.
     *
     * @throws io.privkit.common.InvalidArgumentsException when the subject is missing, or a seeded
     *                                                     run is given no exact randomness stamp
     */
    public PrivacyBudgetEvidence build() {
        Problems p = Problems.of("DpSgdEvidence");
        p.check(subject != null, () -> Checks.argument("subject").mustBe("given").got(null)
                .fix("Call subject(Subject.system(\"...\")) with the system the DPIA assesses."));
        RandomnessStamp stamp = randomness != null ? randomness : stampOf(result.randomness());
        p.throwIfAny();

        DpSgdPlan plan = result.plan();
        boolean poisson = plan.sampling() == DpSgdConfig.BatchSampling.POISSON;
        PrivacyAccountant accountant = DpCoreAccounting.accountant(plan.config().accountant());
        long steps = Math.max(1, result.stepsReserved());
        PrivacyGuarantee guarantee = accountant.account(plan.runEvent(steps));
        double epsilon = result.stepsReserved() == 0 ? 0.0 : guarantee.epsilon(plan.delta());
        boolean seeded = stamp.insecure();

        EvidenceHeader.Builder h = EvidenceHeader.builder().clock(clock).subject(subject).supports(MeasureId.DP_TRAINING)
                .verdict(Verdict.INFORMATIONAL).randomness(stamp);
        inputs.forEach(h::input);
        h.claim(String.format(Locale.ROOT, "The model was trained with DP-SGD: each training record's influence on every "
                + "released parameter vector is bounded by (epsilon, delta) = (%s, %s) under adding or removing one record.",
                fmt(epsilon), fmt(plan.delta())));
        h.claim(guarantee.attackStatement("training record"));
        h.limitation("The guarantee is per record: a person with several records is protected only to the extent of "
                + "group privacy over those records.");
        h.limitation("The number of training records is treated as public (it sets the sampling rate).");
        h.limitation("Floating-point rounding of the clipped gradient sum is not accounted for (as in other DP-SGD "
                + "implementations); the noise itself is drawn on an exact integer grid.");
        if (seeded) {
            h.limitation("The noise and sampling came from a fixed seed: this run is a test or replay and gives no privacy.");
        }
        h.claimNotMade("This record does not show that the processing is lawful or that the model is fit for purpose.");
        h.claimNotMade("This record does not cover data used before or after training (collection, preprocessing "
                + "fitted on the training data, evaluation, hyperparameter search beyond what is stated).");

        SamplerInfo sampler = SecureGradientNoise.describe();
        PrivacyBudgetEvidence.Builder b = PrivacyBudgetEvidence.builder()
                .header(h.build())
                .statement(guarantee.attackStatement("training record"))
                .dpVariant(PrivacyBudgetEvidence.DpVariant.APPROXIMATE)
                .neighbouringRelation(PrivacyBudgetEvidence.NeighbouringRelation.ADD_REMOVE)
                .privacyUnit(new PrivacyBudgetEvidence.PrivacyUnit(PrivacyBudgetEvidence.UnitKind.RECORD, null))
                .contributionBound(contributionBound != null ? contributionBound
                        : new PrivacyBudgetEvidence.ContributionBound(null, "each record's gradient is clipped to L2 norm "
                        + fmt(plan.clippingNorm()) + " at every step; records per person are not capped"))
                .releaseCovered(PrivacyBudgetEvidence.Release.FINAL_MODEL)
                .releaseCovered(PrivacyBudgetEvidence.Release.ALL_CHECKPOINTS)
                .accessCovered("per-example gradients of the records sampled at each of the " + result.stepsReserved()
                        + " noisy steps")
                .unprotectedQuantity("the number of training records (" + plan.datasetSize() + ")")
                .deploymentModel(PrivacyBudgetEvidence.DeploymentModel.CENTRAL)
                .trustAssumptions("The training process sees raw records, per-example gradients and the noise; only the "
                        + "noisy model parameters (final model and checkpoints) leave it.")
                .mechanism(new PrivacyBudgetEvidence.Mechanism("dp-sgd", plan.noiseMultiplier(), plan.clippingNorm(),
                        result.noiseStandardDeviation(), plan.clippingNorm(), false, null))
                .sampling(new PrivacyBudgetEvidence.Sampling(
                        poisson ? SamplingScheme.POISSON : SamplingScheme.SHUFFLE,
                        poisson ? SamplingScheme.POISSON : SamplingScheme.NO_AMPLIFICATION,
                        plan.samplingRate(), Math.max(1L, Math.round(plan.expectedBatchSize())), steps,
                        plan.epochs() * steps / plan.steps()))
                .accounting(new PrivacyBudgetEvidence.Accounting(guarantee.accountant(), guarantee.parameters(),
                        "Privkit dp-core", BuildInfo.version(), guarantee.conversion(), PrivacyBudgetEvidence.Rounding.UP))
                .dpEventTree(plan.runEvent(steps).describe())
                .epsilon(epsilon)
                .delta(plan.delta())
                .deltaTimesN(plan.delta() * plan.datasetSize())
                .attackBounds(guarantee.attackBounds())
                .hyperparameterTuning(tuning != null ? tuning
                        : new PrivacyBudgetEvidence.Tuning(1, "none: one configuration, fixed before training", true,
                        "no tuning on the private data; only this run's cost applies"))
                .implementationHygiene(new PrivacyBudgetEvidence.Hygiene(sampler.sampler(),
                        stamp.algorithm(), sampler.floatingPointMitigation(), seeded))
                .datasetSize(new PrivacyBudgetEvidence.DatasetSize((long) plan.datasetSize(), true))
                .ledger(ledger)
                .utility(utility);
        accessesNotCovered.forEach(b::accessNotCovered);
        b.accessNotCovered("evaluation of the trained model on held-out data");
        List<Double> deltas = new ArrayList<>(PrivacyGuarantee.STANDARD_DELTAS);
        if (!deltas.contains(plan.delta())) {
            deltas.add(plan.delta());
            deltas.sort(java.util.Comparator.reverseOrder());
        }
        guarantee.profile(deltas).forEach(b::profilePoint);
        guarantee.gaussianDp().ifPresent(b::gaussianDp);
        return b.build();
    }

    private static RandomnessStamp stampOf(Randomness.Description d) {
        if (d.kind() == Randomness.Kind.INSECURE_SEEDED) {
            return new RandomnessStamp(d.kind(), d.algorithm(), d.seed().orElseThrow());
        }
        return new RandomnessStamp(d.kind(), d.algorithm(), null);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("\\.?0+(e|$)", "$1");
    }
}
