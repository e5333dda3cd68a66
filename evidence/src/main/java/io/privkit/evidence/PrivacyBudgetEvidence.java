package io.privkit.evidence;

import io.privkit.common.Checks;
import io.privkit.common.Interval;
import io.privkit.common.Problems;
import io.privkit.evidence.json.JsonNames;
import io.privkit.evidence.json.JsonNumbers;
import io.privkit.evidence.schema.Doc;
import io.privkit.evidence.schema.MayBeInfinite;
import io.privkit.evidence.schema.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What privacy a differentially private release or training run gives, stated to the standard a
 * DPIA author and an independent auditor need: the DP variant, the neighbouring relation and the
 * privacy unit (who is protected), what was released and what was not covered, the mechanism and
 * the sampling actually implemented, the accountant and its rounding, the event tree for
 * re-accounting, the headline (epsilon, delta) and the full privacy profile, Gaussian-DP mu, the
 * bound on a membership-inference attacker's success, the ledger's budget, tuning cost and
 * implementation hygiene.
 *
 * <p><b>Guarantees enforced on construction.</b> The headline epsilon must be valid for the
 * sampling actually implemented: {@code sampling.accountedAs} must equal
 * {@code sampling.implemented}, or be {@code no-amplification} (the conservative bound that holds
 * for any sampling). A record that reports Poisson accounting for shuffled batches cannot be built
 * (Chua et al., "How Private are DP-SGD Implementations?", ICML 2024, show the gap). Accounting
 * must round up. A fixed seed is stamped, never hidden.
 *
 * <p>Filled by dp-core's accountants and DP-SGD; the field list follows Privkit's evidence design
 * notes, record (a), which align with the OpenDP DP Deployments Registry's Tier 3 fields.
 *
 * @param header                the common header
 * @param statement             a plain-language sentence the DPIA can quote
 * @param dpVariant             the differential-privacy definition the guarantee is stated in
 * @param neighbouringRelation  which datasets are neighbours
 * @param privacyUnit           who is protected
 * @param contributionBound     how each unit's contribution was capped
 * @param releasesCovered       what the guarantee covers
 * @param accessesCovered       touches of the private data that were accounted
 * @param accessesNotCovered    touches of the private data that were not accounted
 * @param unprotectedQuantities quantities released in the clear
 * @param deploymentModel       where noise is added relative to the data
 * @param trustAssumptions      who must be trusted with raw data or unnoised values
 * @param mechanism             the noise mechanism and its parameters
 * @param sampling              the sampling implemented and the sampling accounted
 * @param accounting            the accountant, its parameters and rounding
 * @param dpEventTree           the privacy events, for re-accounting with another tool
 * @param epsilon               the headline epsilon at {@code delta}, rounded up; may be infinite
 * @param delta                 the headline delta
 * @param deltaTimesN           delta times the dataset size, when n is known
 * @param privacyProfile        epsilon at several deltas
 * @param gaussianDp            the Gaussian-DP mu that dominates the profile, when fitted
 * @param userLevel             a bound for a person contributing several records, when derived
 * @param attackBounds          the bound on a membership-inference attacker's success
 * @param ledger                the budget ledger's account of this spend, when a ledger was used
 * @param hyperparameterTuning  the privacy cost of tuning on private data
 * @param implementationHygiene how known implementation attacks were addressed
 * @param datasetSize           the dataset size and whether it is treated as public
 * @param empiricalAudit        an empirical attack's result, labelled as a lower bound, when run
 * @param utility               the accuracy cost, next to the non-private baseline, when measured
 */
@Doc("Privacy-budget evidence: what privacy a differentially private release or training run gives, who is protected, what is not covered, and how the figure was computed and rounded.")
public record PrivacyBudgetEvidence(
        @Doc("The common header.") EvidenceHeader header,
        @Doc("A plain-language sentence the DPIA can quote.") String statement,
        @Doc("The differential-privacy definition: pure (epsilon), approximate (epsilon, delta), zero-concentrated, renyi or gaussian. Epsilon means different things under different definitions.")
        DpVariant dpVariant,
        @Doc("Which datasets count as neighbours: add-remove (one unit added or removed), replace-one (one unit's data replaced; about twice the epsilon of add-remove for the same mechanism) or zero-out.")
        NeighbouringRelation neighbouringRelation,
        @Doc("Who is protected. An epsilon without a unit is meaningless.") PrivacyUnit privacyUnit,
        @Doc("How each unit's contribution was capped; a user-level statement only holds if contributions were capped.")
        ContributionBound contributionBound,
        @Doc("What the guarantee covers: the final model, every checkpoint, training metrics, aggregate statistics.")
        List<Release> releasesCovered,
        @Doc("Touches of the private data that the epsilon accounts for.") List<String> accessesCovered,
        @Doc("Touches of the private data the epsilon does not account for (e.g. normalisation statistics, vocabulary, early stopping on private validation data).")
        List<String> accessesNotCovered,
        @Doc("Quantities released without protection (e.g. the exact number of records).") List<String> unprotectedQuantities,
        @Doc("Where noise is added: central (by a trusted curator), local (by each person), shuffle or federated.")
        DeploymentModel deploymentModel,
        @Doc("Who sees raw data or unnoised values and must be trusted.") String trustAssumptions,
        @Doc("The noise mechanism and its parameters, enough to re-check the guarantee.") Mechanism mechanism,
        @Doc("The sampling implemented and the sampling the accountant assumed; the headline epsilon is valid for the implemented one.")
        Sampling sampling,
        @Doc("The accountant, its parameters, and the rounding (always up: never a smaller epsilon than the truth).")
        Accounting accounting,
        @Doc("The privacy events that were accounted, as a tree, so an auditor can re-account with another tool.")
        DpEventDescription dpEventTree,
        @Doc("The headline epsilon at 'delta', rounded up. 'Infinity' when the release gives no differential-privacy guarantee.")
        @MayBeInfinite double epsilon,
        @Doc("The headline delta; 0 for pure differential privacy.") double delta,
        @Doc("delta times the number of units n; it should be well below 1. Null when n is unknown or not disclosed.")
        @Nullable Double deltaTimesN,
        @Doc("Epsilon at several deltas: the privacy profile, which avoids comparing at one arbitrary delta.")
        List<ProfilePoint> privacyProfile,
        @Doc("The Gaussian-DP mu whose profile lies above this one, with the fit error; null when not fitted.")
        @Nullable GaussianDp gaussianDp,
        @Doc("A bound for a person contributing several records when training is per record; null when not derived.")
        @Nullable UserLevel userLevel,
        @Doc("The most a membership-inference attacker can achieve: the highest true-positive rate at given false-positive rates, and the highest advantage (TPR - FPR).")
        AttackBounds attackBounds,
        @Doc("The budget ledger's account of this spend; null when no ledger was used.") @Nullable LedgerSummary ledger,
        @Doc("The privacy cost of tuning hyperparameters on private data.") Tuning hyperparameterTuning,
        @Doc("How known implementation attacks were addressed: noise sampler, CSPRNG, floating-point mitigation, no fixed seed.")
        Hygiene implementationHygiene,
        @Doc("The dataset size and whether it is treated as public.") DatasetSize datasetSize,
        @Doc("An empirical attack's result, always labelled as a lower bound, never a guarantee; null when none was run.")
        @Nullable EmpiricalAudit empiricalAudit,
        @Doc("The accuracy cost of privacy, next to the non-private baseline; null when not measured.") @Nullable Utility utility)
        implements EvidenceRecord {

    public PrivacyBudgetEvidence {
        Checks.requireNonNull(header, "header");
        Checks.requireNonBlank(statement, "statement");
        Checks.requireNonNull(dpVariant, "dpVariant");
        Checks.requireNonNull(neighbouringRelation, "neighbouringRelation");
        Checks.requireNonNull(privacyUnit, "privacyUnit");
        Checks.requireNonNull(contributionBound, "contributionBound");
        releasesCovered = List.copyOf(Checks.requireNonEmpty(releasesCovered, "releasesCovered"));
        accessesCovered = List.copyOf(Checks.requireNoNullElements(accessesCovered, "accessesCovered"));
        accessesNotCovered = List.copyOf(Checks.requireNoNullElements(accessesNotCovered, "accessesNotCovered"));
        unprotectedQuantities = List.copyOf(Checks.requireNoNullElements(unprotectedQuantities, "unprotectedQuantities"));
        Checks.requireNonNull(deploymentModel, "deploymentModel");
        Checks.requireNonBlank(trustAssumptions, "trustAssumptions");
        Checks.requireNonNull(mechanism, "mechanism");
        Checks.requireNonNull(sampling, "sampling");
        Checks.requireNonNull(accounting, "accounting");
        Checks.requireNonNull(dpEventTree, "dpEventTree");
        if (Double.isNaN(epsilon) || epsilon < 0) {
            throw Checks.argument("epsilon").mustBe(">= 0 (or Infinity)").got(epsilon).noFix().exception();
        }
        Checks.requireIn(delta, "delta", Interval.closedOpen(0, 1));
        if (dpVariant == DpVariant.PURE && delta != 0) {
            throw Checks.argument("delta").mustBe("0 for pure differential privacy").got(delta)
                    .fix("Use dpVariant approximate for (epsilon, delta) guarantees.").exception();
        }
        if (deltaTimesN != null) {
            Checks.requireNonNegative(deltaTimesN, "deltaTimesN");
        }
        privacyProfile = List.copyOf(Checks.requireNoNullElements(privacyProfile, "privacyProfile"));
        Checks.requireNonNull(attackBounds, "attackBounds");
        Checks.requireNonNull(hyperparameterTuning, "hyperparameterTuning");
        Checks.requireNonNull(implementationHygiene, "implementationHygiene");
        Checks.requireNonNull(datasetSize, "datasetSize");
        if (implementationHygiene.fixedSeed() != header.usedInsecureRandomness()) {
            throw Checks.argument("implementationHygiene.fixedSeed").mustBe("true exactly when header.randomness is insecure-seeded")
                    .got(implementationHygiene.fixedSeed())
                    .fix("Stamp the Randomness the noise came from into the header.").exception();
        }
    }

    @Override
    public String headline() {
        // Four significant digits for people, rounded up so the headline never understates the loss.
        String eps = Double.isInfinite(epsilon) ? "infinite (no DP guarantee)"
                : new java.math.BigDecimal(epsilon).round(new java.math.MathContext(4, java.math.RoundingMode.CEILING))
                        .stripTrailingZeros().toPlainString();
        return "epsilon = " + eps + " at delta = " + JsonNumbers.format(delta) + " ("
                + JsonNames.of(dpVariant) + " DP, " + JsonNames.of(neighbouringRelation) + ", per "
                + JsonNames.of(privacyUnit.kind()) + "; " + JsonNames.of(accounting.accountant()) + " accountant, "
                + JsonNames.of(sampling.implemented()) + " sampling)";
    }

    /** A builder; {@link Builder#build()} reports every missing field at once. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ vocabulary

    /** The differential-privacy definition a guarantee is stated in. */
    public enum DpVariant {
        /** epsilon-DP (Dwork et al. 2006). */
        PURE,
        /** (epsilon, delta)-DP. */
        APPROXIMATE,
        /** rho-zCDP (Bun and Steinke 2016). */
        ZERO_CONCENTRATED,
        /** Renyi DP (Mironov 2017). */
        RENYI,
        /** mu-Gaussian DP (Dong, Roth and Su 2022). */
        GAUSSIAN
    }

    /** Which datasets are neighbours. */
    public enum NeighbouringRelation {
        /** One unit's data added or removed. */
        ADD_REMOVE,
        /** One unit's data replaced by other data. */
        REPLACE_ONE,
        /** One unit's data replaced by a special "zero" element. */
        ZERO_OUT
    }

    /** The kind of unit protected. */
    public enum UnitKind {
        /** One record (row, example). */
        RECORD,
        /** One person, across all their records. */
        USER,
        /** One person's records of one day. */
        USER_DAY,
        /** One device. */
        DEVICE,
        /** One federated client (site, device, organisation). */
        CLIENT
    }

    /** What a guarantee covers. */
    public enum Release {
        /** The final trained model. */
        FINAL_MODEL,
        /** Every intermediate checkpoint as well. */
        ALL_CHECKPOINTS,
        /** Training metrics computed on private data. */
        TRAINING_METRICS,
        /** Aggregate statistics released by a mechanism. */
        AGGREGATE_STATISTICS
    }

    /** Where noise is added relative to the data. */
    public enum DeploymentModel {
        /** A trusted curator sees the data and adds noise. */
        CENTRAL,
        /** Each person randomises their own data. */
        LOCAL,
        /** Reports are anonymised by a shuffler. */
        SHUFFLE,
        /** Clients train locally; the server (or a secure aggregate) adds noise. */
        FEDERATED
    }

    /** How examples (or clients) were selected for each step. */
    public enum SamplingScheme {
        /** Each unit included independently with probability q each step. */
        POISSON,
        /** A random permutation split into fixed-size batches each epoch. */
        SHUFFLE,
        /** A fixed-size batch drawn uniformly without replacement, independently each step. */
        SAMPLING_WITHOUT_REPLACEMENT,
        /** Every unit in every step. */
        FULL_BATCH,
        /** A single release with no sampling. */
        NOT_APPLICABLE,
        /** Accounting only: no privacy amplification by sampling claimed (valid for any sampling). */
        NO_AMPLIFICATION
    }

    /** The accountant family. */
    public enum AccountantKind {
        /** Privacy loss distributions composed numerically (Koskela et al. 2020; Doroshenko et al. 2022). */
        PLD,
        /** Renyi DP (Mironov 2017; Mironov, Talwar and Zhang 2019). */
        RDP,
        /** Exact analytic Gaussian (Balle and Wang 2018), one release. */
        EXACT_GAUSSIAN,
        /** Basic composition of pure-DP releases (epsilons add). */
        PURE_COMPOSITION,
        /** Zero-concentrated DP composition (Bun and Steinke 2016). */
        ZCDP
    }

    /** Rounding direction of reported privacy loss. Only up is allowed. */
    public enum Rounding {
        /** Every rounding and search errs towards more privacy loss. */
        UP
    }

    // ------------------------------------------------------------------ parts

    /**
     * Who is protected.
     *
     * @param kind      the unit
     * @param keyColumn the column identifying a unit, when the unit is not a record
     */
    @Doc("Who is protected.")
    public record PrivacyUnit(
            @Doc("record, user, user-day, device or client.") UnitKind kind,
            @Doc("The column that identifies a unit when the unit is not a record; null otherwise.") @Nullable String keyColumn) {
        public PrivacyUnit {
            Checks.requireNonNull(kind, "privacyUnit.kind");
        }
    }

    /**
     * How each unit's contribution was capped.
     *
     * @param maxRecordsPerUnit the cap, when there is one
     * @param enforcement       how the cap is enforced
     */
    @Doc("How each unit's contribution was capped.")
    public record ContributionBound(
            @Doc("The most records one unit may contribute; null when not capped (then only record-level protection holds).")
            @Nullable Long maxRecordsPerUnit,
            @Doc("How the cap is enforced, e.g. 'one row per person by construction'.") String enforcement) {
        public ContributionBound {
            if (maxRecordsPerUnit != null) {
                Checks.requirePositive(maxRecordsPerUnit, "contributionBound.maxRecordsPerUnit");
            }
            Checks.requireNonBlank(enforcement, "contributionBound.enforcement");
        }
    }

    /**
     * The noise mechanism and its parameters.
     *
     * @param name             e.g. {@code gaussian}, {@code laplace}, {@code dp-sgd}
     * @param noiseMultiplier  noise standard deviation over sensitivity (Gaussian, DP-SGD)
     * @param clipNorm         the per-example (or per-client) L2 clipping norm
     * @param noiseScale       the absolute noise scale (Laplace b, Gaussian sigma), when meaningful
     * @param sensitivity      the sensitivity the noise was calibrated to
     * @param adaptiveClipping whether the clipping norm adapted during training
     * @param microbatchSize   examples per clipped microbatch, when microbatching was used
     */
    @Doc("The noise mechanism and its parameters, enough to re-check the guarantee independently.")
    public record Mechanism(
            @Doc("The mechanism, e.g. gaussian, laplace, discrete-gaussian, dp-sgd.") String name,
            @Doc("Noise standard deviation divided by sensitivity (Gaussian, DP-SGD); null when not applicable.") @Nullable Double noiseMultiplier,
            @Doc("L2 clipping norm per example (or per client); null when not applicable.") @Nullable Double clipNorm,
            @Doc("Absolute noise scale (Laplace b or Gaussian sigma); null when not applicable.") @Nullable Double noiseScale,
            @Doc("The sensitivity the noise was calibrated to; null when given by clipNorm.") @Nullable Double sensitivity,
            @Doc("Whether the clipping norm adapted during training (its privacy cost is then part of the events).") boolean adaptiveClipping,
            @Doc("Examples per clipped microbatch; null when each example was clipped on its own.") @Nullable Integer microbatchSize) {
        public Mechanism {
            Checks.requireNonBlank(name, "mechanism.name");
            if (noiseMultiplier != null) {
                Checks.requireNonNegative(noiseMultiplier, "mechanism.noiseMultiplier");
            }
            if (clipNorm != null) {
                Checks.requirePositive(clipNorm, "mechanism.clipNorm");
            }
            if (noiseScale != null) {
                Checks.requireNonNegative(noiseScale, "mechanism.noiseScale");
            }
            if (sensitivity != null) {
                Checks.requirePositive(sensitivity, "mechanism.sensitivity");
            }
            if (microbatchSize != null) {
                Checks.requirePositive(microbatchSize, "mechanism.microbatchSize");
            }
        }
    }

    /**
     * The sampling implemented and the sampling accounted.
     *
     * @param implemented  what the code did
     * @param accountedAs  what the accountant assumed: the same, or {@code no-amplification}
     * @param samplingRate the per-step inclusion probability, when Poisson or derived
     * @param batchSize    the (expected) batch size
     * @param steps        the number of noisy steps (1 for a single release)
     * @param epochs       passes over the data, when meaningful
     */
    @Doc("The sampling implemented and the sampling the accountant assumed. They must agree, or the accountant must claim no amplification.")
    public record Sampling(
            @Doc("What the code did.") SamplingScheme implemented,
            @Doc("What the accountant assumed: the implemented scheme, or no-amplification.") SamplingScheme accountedAs,
            @Doc("Per-step inclusion probability q; null when not applicable.") @Nullable Double samplingRate,
            @Doc("The batch size (expected batch size under Poisson sampling); null when not applicable.") @Nullable Long batchSize,
            @Doc("Number of noisy steps or releases accounted.") long steps,
            @Doc("Passes over the data; null when not meaningful.") @Nullable Double epochs) {
        public Sampling {
            Checks.requireNonNull(implemented, "sampling.implemented");
            Checks.requireNonNull(accountedAs, "sampling.accountedAs");
            if (implemented == SamplingScheme.NO_AMPLIFICATION) {
                throw Checks.argument("sampling.implemented").mustBe("a sampling scheme, not no-amplification")
                        .got(JsonNames.of(implemented)).fix("no-amplification describes accounting, not what the code did.").exception();
            }
            if (accountedAs != implemented && accountedAs != SamplingScheme.NO_AMPLIFICATION) {
                throw Checks.argument("sampling.accountedAs").mustBe("'" + JsonNames.of(implemented)
                                + "' (the implemented sampling) or 'no-amplification'").got(JsonNames.of(accountedAs))
                        .fix("An epsilon accounted for other sampling than the implemented one overstates privacy; "
                                + "account for the implemented sampling or claim no amplification.").exception();
            }
            if (samplingRate != null) {
                Checks.requireIn(samplingRate, "sampling.samplingRate", Interval.openClosed(0, 1));
            }
            if (batchSize != null) {
                Checks.requirePositive(batchSize, "sampling.batchSize");
            }
            Checks.requirePositive(steps, "sampling.steps");
            if (epochs != null) {
                Checks.requireNonNegative(epochs, "sampling.epochs");
            }
        }
    }

    /**
     * How the epsilon was computed.
     *
     * @param accountant the accountant family
     * @param parameters its parameters (e.g. discretisation interval, orders), as text
     * @param library    the implementation
     * @param version    the implementation's version
     * @param conversion how the accountant's quantity became (epsilon, delta)
     * @param rounding   always up
     */
    @Doc("The accountant that computed epsilon, its parameters, and the rounding applied.")
    public record Accounting(
            @Doc("pld, rdp, exact-gaussian, pure-composition or zcdp.") AccountantKind accountant,
            @Doc("The accountant's parameters, as text, sorted by name (e.g. discretisation interval, Renyi orders).")
            Map<String, String> parameters,
            @Doc("The implementation that computed the figures.") String library,
            @Doc("The implementation's version.") String version,
            @Doc("How the accountant's quantity was converted to (epsilon, delta), with its reference.") String conversion,
            @Doc("Always 'up': every rounding and search errs towards more privacy loss.") Rounding rounding) {
        public Accounting {
            Checks.requireNonNull(accountant, "accounting.accountant");
            parameters = java.util.Collections.unmodifiableMap(new TreeMap<>(Checks.requireNoNullEntries(parameters, "accounting.parameters")));
            Checks.requireNonBlank(library, "accounting.library");
            Checks.requireNonBlank(version, "accounting.version");
            Checks.requireNonBlank(conversion, "accounting.conversion");
            Checks.requireNonNull(rounding, "accounting.rounding");
        }
    }

    /**
     * One point of the privacy profile.
     *
     * @param epsilon epsilon at this delta (may be infinite)
     * @param delta   the delta
     */
    @Doc("One point of the privacy profile: the smallest epsilon (rounded up) at this delta.")
    public record ProfilePoint(
            @Doc("Epsilon at this delta; 'Infinity' if unbounded.") @MayBeInfinite double epsilon,
            @Doc("The delta.") double delta) {
        public ProfilePoint {
            if (Double.isNaN(epsilon) || epsilon < 0) {
                throw Checks.argument("privacyProfile.epsilon").mustBe(">= 0 (or Infinity)").got(epsilon).noFix().exception();
            }
            Checks.requireIn(delta, "privacyProfile.delta", Interval.closedOpen(0, 1));
        }
    }

    /**
     * The Gaussian-DP parameter whose tradeoff curve lies at or below this release's (so the
     * release is at least as private as mu-GDP would say), and how far the fit is from tight.
     *
     * @param mu       the mu
     * @param fitError the largest gap between the mu-GDP profile and the accounted one, in epsilon
     */
    @Doc("Gaussian differential privacy (Dong, Roth and Su): the mu whose profile lies above this release's, with the fit error.")
    public record GaussianDp(
            @Doc("The mu of mu-GDP.") double mu,
            @Doc("Largest epsilon gap between the mu-GDP profile and the accounted profile, over the profile's deltas.") double fitError) {
        public GaussianDp {
            Checks.requireNonNegative(mu, "gaussianDp.mu");
            Checks.requireNonNegative(fitError, "gaussianDp.fitError");
        }
    }

    /**
     * A person-level bound derived from a record-level one.
     *
     * @param method  how it was derived (e.g. group privacy with k records)
     * @param epsilon the person-level epsilon
     * @param delta   the person-level delta
     */
    @Doc("A bound for a person who contributes several records, derived from the record-level guarantee.")
    public record UserLevel(
            @Doc("How it was derived, e.g. 'group privacy, at most 5 records per person'.") String method,
            @Doc("Person-level epsilon; 'Infinity' if unbounded.") @MayBeInfinite double epsilon,
            @Doc("Person-level delta.") double delta) {
        public UserLevel {
            Checks.requireNonBlank(method, "userLevel.method");
            if (Double.isNaN(epsilon) || epsilon < 0) {
                throw Checks.argument("userLevel.epsilon").mustBe(">= 0 (or Infinity)").got(epsilon).noFix().exception();
            }
            Checks.requireIn(delta, "userLevel.delta", Interval.closedOpen(0, 1));
        }
    }

    /**
     * The best membership-inference attack the guarantee allows.
     *
     * @param maxTprAtFpr  highest true-positive rate at given false-positive rates
     * @param maxAdvantage highest TPR - FPR
     */
    @Doc("The most a membership-inference attacker can achieve under the guarantee (hypothesis-testing view of DP).")
    public record AttackBounds(
            @Doc("The highest true-positive rate at given false-positive rates.") List<TprAtFpr> maxTprAtFpr,
            @Doc("The highest advantage, TPR - FPR, at any threshold.") double maxAdvantage) {
        public AttackBounds {
            maxTprAtFpr = List.copyOf(Checks.requireNoNullElements(maxTprAtFpr, "attackBounds.maxTprAtFpr"));
            Checks.requireProbability(maxAdvantage, "attackBounds.maxAdvantage");
        }
    }

    /**
     * A point of the attack bound.
     *
     * @param fpr    the false-positive rate
     * @param maxTpr the highest true-positive rate any attack can have at that rate
     */
    @Doc("The highest true-positive rate any membership-inference attack can reach at a false-positive rate.")
    public record TprAtFpr(
            @Doc("False-positive rate.") double fpr,
            @Doc("Highest possible true-positive rate at that false-positive rate.") double maxTpr) {
        public TprAtFpr {
            Checks.requireProbability(fpr, "attackBounds.fpr");
            Checks.requireProbability(maxTpr, "attackBounds.maxTpr");
        }
    }

    /**
     * The ledger's account of this spend.
     *
     * @param ledgerId           the ledger
     * @param budgetEpsilon      the total budget's epsilon
     * @param budgetDelta        the total budget's delta
     * @param spentBefore        epsilon spent before this spend, as the ledger composes it
     * @param thisSpend          this spend's epsilon on its own
     * @param remainingAfter     epsilon left after this spend
     * @param compositionTheorem how the ledger composes spends
     * @param adaptive           whether the theorem holds for adaptively chosen spends
     */
    @Doc("The budget ledger's account of this spend: total budget, spent before, this spend, remaining.")
    public record LedgerSummary(
            @Doc("The ledger's identifier.") String ledgerId,
            @Doc("The total approved budget's epsilon.") double budgetEpsilon,
            @Doc("The total approved budget's delta.") double budgetDelta,
            @Doc("Epsilon spent before this spend, composed as the ledger composes.") double spentBefore,
            @Doc("This spend's epsilon on its own.") @MayBeInfinite double thisSpend,
            @Doc("Epsilon left after this spend.") double remainingAfter,
            @Doc("How the ledger composes spends, with its reference.") String compositionTheorem,
            @Doc("Whether the composition holds when each spend is chosen after seeing earlier results.") boolean adaptive) {
        public LedgerSummary {
            Checks.requireNonBlank(ledgerId, "ledger.ledgerId");
            Checks.requireNonNegative(budgetEpsilon, "ledger.budgetEpsilon");
            Checks.requireIn(budgetDelta, "ledger.budgetDelta", Interval.closedOpen(0, 1));
            Checks.requireNonNegative(spentBefore, "ledger.spentBefore");
            if (Double.isNaN(thisSpend) || thisSpend < 0) {
                throw Checks.argument("ledger.thisSpend").mustBe(">= 0").got(thisSpend).noFix().exception();
            }
            Checks.requireNonNegative(remainingAfter, "ledger.remainingAfter");
            Checks.requireNonBlank(compositionTheorem, "ledger.compositionTheorem");
        }
    }

    /**
     * The privacy cost of hyperparameter tuning.
     *
     * @param trials   how many configurations were tried
     * @param dataUsed on what data they were evaluated
     * @param accounted whether their cost is in the epsilon
     * @param method   how it was accounted, or why it need not be
     */
    @Doc("Hyperparameter tuning on private data costs privacy; this says how many trials, on what data, and whether accounted.")
    public record Tuning(
            @Doc("Configurations tried, including the final one.") int trials,
            @Doc("The data the trials were evaluated on.") String dataUsed,
            @Doc("Whether the trials' privacy cost is included in the epsilon.") boolean accounted,
            @Doc("How the cost was accounted, or why none is due (e.g. 'tuned on public data').") String method) {
        public Tuning {
            Checks.requirePositive(trials, "hyperparameterTuning.trials");
            Checks.requireNonBlank(dataUsed, "hyperparameterTuning.dataUsed");
            Checks.requireNonBlank(method, "hyperparameterTuning.method");
        }
    }

    /**
     * How known implementation attacks were addressed.
     *
     * @param noiseSampler            the sampler and its reference
     * @param csprng                  the random source
     * @param floatingPointMitigation how floating-point attacks were addressed
     * @param fixedSeed               whether a fixed seed was used (never in production)
     */
    @Doc("How known implementation attacks on DP were addressed (Mironov 2012 and later floating-point attacks).")
    public record Hygiene(
            @Doc("The noise sampler and the paper it follows.") String noiseSampler,
            @Doc("The random source, e.g. SecureRandom/NativePRNG.") String csprng,
            @Doc("How floating-point attacks were addressed (discrete sampling, snapping, granularity rounding).")
            String floatingPointMitigation,
            @Doc("Whether the noise came from a fixed seed. True only for tests and replays; such a release gives no privacy.")
            boolean fixedSeed) {
        public Hygiene {
            Checks.requireNonBlank(noiseSampler, "implementationHygiene.noiseSampler");
            Checks.requireNonBlank(csprng, "implementationHygiene.csprng");
            Checks.requireNonBlank(floatingPointMitigation, "implementationHygiene.floatingPointMitigation");
        }
    }

    /**
     * The dataset size.
     *
     * @param n               the number of units, when disclosed
     * @param treatedAsPublic whether n is treated as public (released without noise)
     */
    @Doc("The dataset size, and whether that size itself is treated as public.")
    public record DatasetSize(
            @Doc("Number of units; null when not disclosed.") @Nullable Long n,
            @Doc("Whether n is treated as public information (released without noise).") boolean treatedAsPublic) {
        public DatasetSize {
            if (n != null) {
                Checks.requireNonNegative(n, "datasetSize.n");
            }
        }
    }

    /**
     * An empirical membership-inference audit.
     *
     * @param attack            the attack run
     * @param auc               its ROC AUC
     * @param advantage         its TPR - FPR at the best threshold
     * @param epsilonLowerBound the epsilon lower bound it implies
     * @param confidence        the confidence of that lower bound
     */
    @Doc("An empirical attack's result. It is a lower bound on leakage, never a guarantee.")
    public record EmpiricalAudit(
            @Doc("The attack run.") String attack,
            @Doc("The attack's ROC AUC.") double auc,
            @Doc("The attack's TPR - FPR at its best threshold.") double advantage,
            @Doc("The empirical lower bound on epsilon the attack implies.") double epsilonLowerBound,
            @Doc("Confidence level of the lower bound, e.g. 0.95.") double confidence) {
        public EmpiricalAudit {
            Checks.requireNonBlank(attack, "empiricalAudit.attack");
            Checks.requireProbability(auc, "empiricalAudit.auc");
            Checks.requireIn(advantage, "empiricalAudit.advantage", Interval.closed(-1, 1));
            Checks.requireNonNegative(epsilonLowerBound, "empiricalAudit.epsilonLowerBound");
            Checks.requireIn(confidence, "empiricalAudit.confidence", Interval.open(0, 1));
        }
    }

    /**
     * The accuracy cost of privacy.
     *
     * @param metric             the metric, e.g. {@code test-accuracy}
     * @param dpValue            the private model's value
     * @param nonPrivateBaseline the same model trained without privacy, when measured
     */
    @Doc("The accuracy cost of privacy, next to the non-private baseline, for the necessity and proportionality discussion.")
    public record Utility(
            @Doc("The metric, e.g. test-accuracy.") String metric,
            @Doc("The private model's value.") double dpValue,
            @Doc("The same model trained without privacy; null when not measured.") @Nullable Double nonPrivateBaseline) {
        public Utility {
            Checks.requireNonBlank(metric, "utility.metric");
            Checks.requireFinite(dpValue, "utility.dpValue");
            if (nonPrivateBaseline != null) {
                Checks.requireFinite(nonPrivateBaseline, "utility.nonPrivateBaseline");
            }
        }
    }

    // ------------------------------------------------------------------ builder

    /** Builds a {@link PrivacyBudgetEvidence}; reports every missing field at once. Not thread-safe. */
    public static final class Builder {
        private EvidenceHeader header;
        private String statement;
        private DpVariant dpVariant;
        private NeighbouringRelation neighbouringRelation;
        private PrivacyUnit privacyUnit;
        private ContributionBound contributionBound;
        private final List<Release> releasesCovered = new ArrayList<>();
        private final List<String> accessesCovered = new ArrayList<>();
        private final List<String> accessesNotCovered = new ArrayList<>();
        private final List<String> unprotectedQuantities = new ArrayList<>();
        private DeploymentModel deploymentModel;
        private String trustAssumptions;
        private Mechanism mechanism;
        private Sampling sampling;
        private Accounting accounting;
        private DpEventDescription dpEventTree;
        private Double epsilon;
        private Double delta;
        private Double deltaTimesN;
        private final List<ProfilePoint> privacyProfile = new ArrayList<>();
        private GaussianDp gaussianDp;
        private UserLevel userLevel;
        private AttackBounds attackBounds;
        private LedgerSummary ledger;
        private Tuning hyperparameterTuning;
        private Hygiene implementationHygiene;
        private DatasetSize datasetSize;
        private EmpiricalAudit empiricalAudit;
        private Utility utility;

        private Builder() {
        }

        public Builder header(EvidenceHeader v) { this.header = v; return this; }
        public Builder statement(String v) { this.statement = v; return this; }
        public Builder dpVariant(DpVariant v) { this.dpVariant = v; return this; }
        public Builder neighbouringRelation(NeighbouringRelation v) { this.neighbouringRelation = v; return this; }
        public Builder privacyUnit(PrivacyUnit v) { this.privacyUnit = v; return this; }
        public Builder contributionBound(ContributionBound v) { this.contributionBound = v; return this; }
        public Builder releaseCovered(Release v) { this.releasesCovered.add(v); return this; }
        public Builder accessCovered(String v) { this.accessesCovered.add(v); return this; }
        public Builder accessNotCovered(String v) { this.accessesNotCovered.add(v); return this; }
        public Builder unprotectedQuantity(String v) { this.unprotectedQuantities.add(v); return this; }
        public Builder deploymentModel(DeploymentModel v) { this.deploymentModel = v; return this; }
        public Builder trustAssumptions(String v) { this.trustAssumptions = v; return this; }
        public Builder mechanism(Mechanism v) { this.mechanism = v; return this; }
        public Builder sampling(Sampling v) { this.sampling = v; return this; }
        public Builder accounting(Accounting v) { this.accounting = v; return this; }
        public Builder dpEventTree(DpEventDescription v) { this.dpEventTree = v; return this; }
        public Builder epsilon(double v) { this.epsilon = v; return this; }
        public Builder delta(double v) { this.delta = v; return this; }
        public Builder deltaTimesN(Double v) { this.deltaTimesN = v; return this; }
        public Builder profilePoint(ProfilePoint v) { this.privacyProfile.add(v); return this; }
        public Builder gaussianDp(GaussianDp v) { this.gaussianDp = v; return this; }
        public Builder userLevel(UserLevel v) { this.userLevel = v; return this; }
        public Builder attackBounds(AttackBounds v) { this.attackBounds = v; return this; }
        public Builder ledger(LedgerSummary v) { this.ledger = v; return this; }
        public Builder hyperparameterTuning(Tuning v) { this.hyperparameterTuning = v; return this; }
        public Builder implementationHygiene(Hygiene v) { this.implementationHygiene = v; return this; }
        public Builder datasetSize(DatasetSize v) { this.datasetSize = v; return this; }
        public Builder empiricalAudit(EmpiricalAudit v) { this.empiricalAudit = v; return this; }
        public Builder utility(Utility v) { this.utility = v; return this; }

        /** Validates and builds. */
        public PrivacyBudgetEvidence build() {
            Problems p = Problems.of("PrivacyBudgetEvidence");
            BuilderSupport.require(p, header, "header");
            BuilderSupport.require(p, statement, "statement");
            BuilderSupport.require(p, dpVariant, "dpVariant");
            BuilderSupport.require(p, neighbouringRelation, "neighbouringRelation");
            BuilderSupport.require(p, privacyUnit, "privacyUnit");
            BuilderSupport.require(p, contributionBound, "contributionBound");
            BuilderSupport.require(p, releasesCovered.isEmpty() ? null : releasesCovered, "releasesCovered");
            BuilderSupport.require(p, deploymentModel, "deploymentModel");
            BuilderSupport.require(p, trustAssumptions, "trustAssumptions");
            BuilderSupport.require(p, mechanism, "mechanism");
            BuilderSupport.require(p, sampling, "sampling");
            BuilderSupport.require(p, accounting, "accounting");
            BuilderSupport.require(p, dpEventTree, "dpEventTree");
            BuilderSupport.require(p, epsilon, "epsilon");
            BuilderSupport.require(p, delta, "delta");
            BuilderSupport.require(p, attackBounds, "attackBounds");
            BuilderSupport.require(p, hyperparameterTuning, "hyperparameterTuning");
            BuilderSupport.require(p, implementationHygiene, "implementationHygiene");
            BuilderSupport.require(p, datasetSize, "datasetSize");
            p.throwIfAny();
            return new PrivacyBudgetEvidence(header, statement, dpVariant, neighbouringRelation, privacyUnit,
                    contributionBound, releasesCovered, accessesCovered, accessesNotCovered, unprotectedQuantities,
                    deploymentModel, trustAssumptions, mechanism, sampling, accounting, dpEventTree, epsilon, delta,
                    deltaTimesN, privacyProfile, gaussianDp, userLevel, attackBounds, ledger, hyperparameterTuning,
                    implementationHygiene, datasetSize, empiricalAudit, utility);
        }
    }
}
