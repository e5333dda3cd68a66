package io.privkit.dp.evidence;

import io.privkit.common.BuildInfo;
import io.privkit.common.Checks;
import io.privkit.common.Problems;
import io.privkit.common.Randomness;
import io.privkit.dp.accounting.DpEvent;
import io.privkit.dp.accounting.PrivacyGuarantee;
import io.privkit.dp.ledger.LedgerEntry;
import io.privkit.dp.ledger.PrivacyLedger;
import io.privkit.dp.noise.SamplerInfo;
import io.privkit.evidence.EvidenceHeader;
import io.privkit.evidence.PrivacyBudgetEvidence;
import io.privkit.evidence.PrivacyBudgetEvidence.SamplingScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fills a {@link PrivacyBudgetEvidence} record from an accounting result, to the standard of
 * Privkit's evidence record (a): the headline (ε, δ) and the full privacy profile, μ-GDP with its
 * fit error, the membership-inference bound as the plain-language statement, the event tree for
 * re-accounting, the implemented versus accounted sampling (refusing a mismatch that would
 * overstate privacy), the neighbouring relation and privacy unit, the ledger's account of the
 * spend, and the implementation hygiene of the noise.
 *
 * <pre>{@code
 * PrivacyBudgetEvidence record = PrivacyBudgetReport.builder()
 *         .header(EvidenceHeader.builder().subject(subject).supports(MeasureId.DP_TRAINING).verdict(Verdict.INFORMATIONAL))
 *         .guarantee(PrivacyAccountant.pld().account(event), 1e-5)
 *         .implementedSampling(SamplingScheme.POISSON)
 *         .privacyUnit(UnitKind.RECORD, null)
 *         .contributionBound(1L, "one row per person by construction")
 *         .release(Release.FINAL_MODEL)
 *         .noise(noise.describe(), randomness)
 *         .ledger(ledger, entry)
 *         .datasetSize(60_000L, true)
 *         .build();
 * }</pre>
 *
 * <p>Not thread-safe; single use.
 */
public final class PrivacyBudgetReport {
    private EvidenceHeader.Builder header;
    private PrivacyGuarantee guarantee;
    private Double delta;
    private SamplingScheme implemented;
    private Long batchSize;
    private Double epochs;
    private PrivacyBudgetEvidence.UnitKind unitKind;
    private String keyColumn;
    private PrivacyBudgetEvidence.ContributionBound contributionBound;
    private final List<PrivacyBudgetEvidence.Release> releases = new ArrayList<>();
    private final List<String> accessesCovered = new ArrayList<>();
    private final List<String> accessesNotCovered = new ArrayList<>();
    private final List<String> unprotected = new ArrayList<>();
    private PrivacyBudgetEvidence.DeploymentModel deployment = PrivacyBudgetEvidence.DeploymentModel.CENTRAL;
    private String trust = "The system that computes the noisy results sees the raw data; only the noisy results leave it.";
    private PrivacyBudgetEvidence.Mechanism mechanism;
    private SamplerInfo sampler;
    private Randomness noiseRandomness;
    private PrivacyBudgetEvidence.LedgerSummary ledger;
    private PrivacyBudgetEvidence.Tuning tuning = new PrivacyBudgetEvidence.Tuning(1, "none: parameters fixed in advance", true,
            "no hyperparameters were tuned on the private data");
    private PrivacyBudgetEvidence.DatasetSize datasetSize;
    private Integer groupSize;
    private String unitPhrase;

    private PrivacyBudgetReport() {
    }

    /** A new report. */
    public static PrivacyBudgetReport builder() {
        return new PrivacyBudgetReport();
    }

    /** The header (subject, inputs, supported measure, verdict); the report adds randomness, claims and limits. */
    public PrivacyBudgetReport header(EvidenceHeader.Builder h) {
        this.header = h;
        return this;
    }

    /** The accountant's guarantee and the δ of the headline ε. */
    public PrivacyBudgetReport guarantee(PrivacyGuarantee g, double headlineDelta) {
        this.guarantee = g;
        this.delta = headlineDelta;
        return this;
    }

    /** The sampling the code implemented; the accounted sampling is read from the event tree. */
    public PrivacyBudgetReport implementedSampling(SamplingScheme scheme) {
        this.implemented = scheme;
        return this;
    }

    /** The (expected) batch size and epochs, for training runs. */
    public PrivacyBudgetReport batches(Long batch, Double passes) {
        this.batchSize = batch;
        this.epochs = passes;
        return this;
    }

    /** Who is protected: the unit and, when it is not a record, the column that identifies it. */
    public PrivacyBudgetReport privacyUnit(PrivacyBudgetEvidence.UnitKind kind, String column) {
        this.unitKind = kind;
        this.keyColumn = column;
        return this;
    }

    /** How contributions were capped. */
    public PrivacyBudgetReport contributionBound(Long maxRecordsPerUnit, String enforcement) {
        this.contributionBound = new PrivacyBudgetEvidence.ContributionBound(maxRecordsPerUnit, enforcement);
        return this;
    }

    /** Adds a release the guarantee covers. */
    public PrivacyBudgetReport release(PrivacyBudgetEvidence.Release r) {
        this.releases.add(r);
        return this;
    }

    /** Adds an access to the private data that the ε accounts for. */
    public PrivacyBudgetReport accessCovered(String s) {
        this.accessesCovered.add(s);
        return this;
    }

    /** Adds an access to the private data that the ε does not account for. */
    public PrivacyBudgetReport accessNotCovered(String s) {
        this.accessesNotCovered.add(s);
        return this;
    }

    /** Adds a quantity released in the clear. */
    public PrivacyBudgetReport unprotectedQuantity(String s) {
        this.unprotected.add(s);
        return this;
    }

    /** Where noise is added and who must be trusted (default: central, the computing system). */
    public PrivacyBudgetReport deployment(PrivacyBudgetEvidence.DeploymentModel model, String trustAssumptions) {
        this.deployment = model;
        this.trust = trustAssumptions;
        return this;
    }

    /** The mechanism's parameters (default: derived from the event tree). */
    public PrivacyBudgetReport mechanism(PrivacyBudgetEvidence.Mechanism m) {
        this.mechanism = m;
        return this;
    }

    /** How the noise was drawn and from which randomness (stamped into the header). */
    public PrivacyBudgetReport noise(SamplerInfo info, Randomness randomness) {
        this.sampler = info;
        this.noiseRandomness = randomness;
        return this;
    }

    /** The ledger's account of the spend. */
    public PrivacyBudgetReport ledger(PrivacyLedger l, LedgerEntry lastEntry) {
        this.ledger = Checks.requireNonNull(l, "ledger").summaryOf(Checks.requireNonNull(lastEntry, "lastEntry"));
        return this;
    }

    /** The ledger's account of the spend, when built elsewhere. */
    public PrivacyBudgetReport ledger(PrivacyBudgetEvidence.LedgerSummary summary) {
        this.ledger = summary;
        return this;
    }

    /** The privacy cost of tuning (default: none, parameters fixed in advance). */
    public PrivacyBudgetReport tuning(PrivacyBudgetEvidence.Tuning t) {
        this.tuning = t;
        return this;
    }

    /** The dataset size, when disclosed, and whether it is treated as public. */
    public PrivacyBudgetReport datasetSize(Long n, boolean treatedAsPublic) {
        this.datasetSize = new PrivacyBudgetEvidence.DatasetSize(n, treatedAsPublic);
        return this;
    }

    /**
     * Adds a person-level bound for record-level accounting when a person has at most k records,
     * by group privacy: (kε, k·e<sup>(k−1)ε</sup>δ).
     */
    public PrivacyBudgetReport groupPrivacy(int recordsPerPerson) {
        this.groupSize = recordsPerPerson;
        return this;
    }

    /** How the statement names the protected unit, e.g. "person's record" (default from the unit kind). */
    public PrivacyBudgetReport unitPhrase(String phrase) {
        this.unitPhrase = phrase;
        return this;
    }

    /** The sampling an event tree accounts for. */
    static SamplingScheme accountedSampling(DpEvent e) {
        if (e instanceof DpEvent.PoissonSampled) {
            return SamplingScheme.POISSON;
        }
        if (e instanceof DpEvent.SampledWithoutReplacement) {
            return SamplingScheme.SAMPLING_WITHOUT_REPLACEMENT;
        }
        if (e instanceof DpEvent.SelfComposed s) {
            return accountedSampling(s.event());
        }
        if (e instanceof DpEvent.SamplerSlack s) {
            return accountedSampling(s.event());
        }
        if (e instanceof DpEvent.Composed c) {
            SamplingScheme found = SamplingScheme.NOT_APPLICABLE;
            for (DpEvent x : c.events()) {
                SamplingScheme s = accountedSampling(x);
                if (s != SamplingScheme.NOT_APPLICABLE) {
                    if (found != SamplingScheme.NOT_APPLICABLE && found != s) {
                        throw Checks.argument("dpEvent").mustBe("one sampling scheme").got(found + " and " + s)
                                .fix("Report each run separately.").exception();
                    }
                    found = s;
                }
            }
            return found;
        }
        return SamplingScheme.NOT_APPLICABLE;
    }

    private static long steps(DpEvent e) {
        if (e instanceof DpEvent.SelfComposed s) {
            return s.count() * steps(s.event());
        }
        if (e instanceof DpEvent.SamplerSlack s) {
            return steps(s.event());
        }
        if (e instanceof DpEvent.Composed c) {
            return c.events().stream().mapToLong(PrivacyBudgetReport::steps).sum();
        }
        return 1;
    }

    private static Double samplingRate(DpEvent e) {
        if (e instanceof DpEvent.PoissonSampled p) {
            return p.samplingProbability();
        }
        if (e instanceof DpEvent.SampledWithoutReplacement w) {
            return w.samplingProbability();
        }
        if (e instanceof DpEvent.SelfComposed s) {
            return samplingRate(s.event());
        }
        if (e instanceof DpEvent.SamplerSlack s) {
            return samplingRate(s.event());
        }
        return null;
    }

    private static PrivacyBudgetEvidence.Mechanism mechanismOf(DpEvent e) {
        if (e instanceof DpEvent.SelfComposed s) {
            return mechanismOf(s.event());
        }
        if (e instanceof DpEvent.SamplerSlack s) {
            return mechanismOf(s.event());
        }
        if (e instanceof DpEvent.PoissonSampled p) {
            return mechanismOf(p.event());
        }
        if (e instanceof DpEvent.SampledWithoutReplacement w) {
            return mechanismOf(w.event());
        }
        if (e instanceof DpEvent.Gaussian g) {
            return new PrivacyBudgetEvidence.Mechanism("gaussian", g.noiseMultiplier(), null, null, null, false, null);
        }
        if (e instanceof DpEvent.Laplace l) {
            return new PrivacyBudgetEvidence.Mechanism("laplace", l.noiseMultiplier(), null, null, null, false, null);
        }
        if (e instanceof DpEvent.DiscreteGaussian g) {
            return new PrivacyBudgetEvidence.Mechanism("discrete-gaussian", g.sigma() / g.sensitivity(), null, g.sigma(),
                    (double) g.sensitivity(), false, null);
        }
        if (e instanceof DpEvent.DiscreteLaplace l) {
            return new PrivacyBudgetEvidence.Mechanism("discrete-laplace", l.scale() / l.sensitivity(), null, l.scale(),
                    (double) l.sensitivity(), false, null);
        }
        if (e instanceof DpEvent.Composed c) {
            java.util.Set<String> kinds = new java.util.TreeSet<>();
            for (DpEvent x : c.events()) {
                kinds.add(mechanismOf(x).name());
            }
            return new PrivacyBudgetEvidence.Mechanism("composition of " + String.join(", ", kinds), null, null, null, null, false, null);
        }
        if (e instanceof DpEvent.EpsilonDelta) {
            return new PrivacyBudgetEvidence.Mechanism("pure or approximate DP selection (e.g. exponential mechanism)", null, null,
                    null, null, false, null);
        }
        return new PrivacyBudgetEvidence.Mechanism(e.describe().kind(), null, null, null, null, false, null);
    }

    /**
     * Validates and builds the record, reporting every missing part at once.
     *
     * @throws IllegalArgumentException if a part is missing, or if the accounted sampling is not the
     *                                  implemented one (the ε would overstate privacy)
     */
    public PrivacyBudgetEvidence build() {
        Problems p = Problems.of("PrivacyBudgetReport");
        p.check(header != null, () -> Checks.argument("header").mustBe("given").got(null).fix("Pass the header builder."));
        p.check(guarantee != null, () -> Checks.argument("guarantee").mustBe("given").got(null)
                .fix("Pass the accountant's guarantee and the headline delta."));
        p.check(implemented != null, () -> Checks.argument("implementedSampling").mustBe("given").got(null)
                .fix("Say which sampling the code implemented (POISSON, SHUFFLE, NOT_APPLICABLE for single releases...)."));
        p.check(unitKind != null, () -> Checks.argument("privacyUnit").mustBe("given").got(null).fix("Say who is protected."));
        p.check(contributionBound != null, () -> Checks.argument("contributionBound").mustBe("given").got(null)
                .fix("Say how each unit's contribution was capped."));
        p.check(!releases.isEmpty(), () -> Checks.argument("releasesCovered").mustBe("at least one").got("none")
                .fix("Say what the guarantee covers."));
        p.check(sampler != null, () -> Checks.argument("noise").mustBe("given").got(null)
                .fix("Pass the noise source's describe() and the randomness it drew from."));
        p.check(datasetSize != null, () -> Checks.argument("datasetSize").mustBe("given").got(null)
                .fix("Say the dataset size (or null) and whether it is public."));
        p.throwIfAny();
        DpEvent event = guarantee.event();
        SamplingScheme accounted = accountedSampling(event);
        if (accounted != implemented) {
            throw Checks.argument("implementedSampling").mustBe("the sampling the event accounts for (" + accounted + ")")
                    .got(implemented.name()).fix("An epsilon accounted for other sampling than the implemented one overstates "
                            + "privacy: account the implemented sampling, or an event without amplification.").exception();
        }
        double eps = guarantee.epsilon(delta);
        String unit = unitPhrase != null ? unitPhrase : switch (unitKind) {
            case RECORD -> "record";
            case USER -> "person's data";
            case USER_DAY -> "person's data of one day";
            case DEVICE -> "device's data";
            case CLIENT -> "client's data";
        };
        String statement = guarantee.attackStatement(unit);
        List<PrivacyBudgetEvidence.ProfilePoint> profile = new ArrayList<>();
        List<Double> deltas = new ArrayList<>(PrivacyGuarantee.STANDARD_DELTAS);
        if (!deltas.contains(delta)) {
            deltas.add(delta);
            deltas.sort(java.util.Comparator.reverseOrder());
        }
        profile.addAll(guarantee.profile(deltas));
        Map<String, String> params = new TreeMap<>(guarantee.parameters());
        PrivacyBudgetEvidence.Accounting accounting = new PrivacyBudgetEvidence.Accounting(guarantee.accountant(), params,
                "privkit-dp-core", BuildInfo.version(), guarantee.conversion(), PrivacyBudgetEvidence.Rounding.UP);
        Randomness r = noiseRandomness;
        boolean insecure = r != null && r.isInsecure();
        PrivacyBudgetEvidence.Hygiene hygiene = new PrivacyBudgetEvidence.Hygiene(sampler.sampler(),
                r == null ? "SecureRandom" : r.describe().algorithm() + (insecure ? " (seeded, test only)" : ""),
                sampler.floatingPointMitigation(), insecure);
        if (r != null) {
            header.randomness(r);
        }
        header.claim(String.format(Locale.ROOT, "The covered releases are differentially private for each %s: epsilon %s at delta %s "
                        + "(%s accountant, %s, rounded up).", unit, fmt(eps), fmt(delta),
                guarantee.accountant().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                guarantee.relation().toEvidence().name().toLowerCase(Locale.ROOT).replace('_', '-')));
        header.limitation("Differential privacy limits what the covered releases reveal about any one " + unit
                + "; it does not by itself make the data anonymous, and accesses listed as not covered are not protected.");
        header.claimNotMade("This record does not show that the processing is lawful or that the chosen epsilon is acceptable: "
                + "that judgement belongs to the DPIA's owners.");
        PrivacyBudgetEvidence.UserLevel user = null;
        if (groupSize != null && groupSize > 1 && Double.isFinite(eps)) {
            double k = groupSize;
            double userDelta = Math.min(0.999999, k * Math.exp((k - 1) * eps) * delta);
            user = new PrivacyBudgetEvidence.UserLevel("group privacy: at most " + groupSize + " records per person",
                    Math.nextUp(k * eps), userDelta);
        }
        Double deltaTimesN = datasetSize.n() == null ? null : delta * datasetSize.n();
        PrivacyBudgetEvidence.Sampling sampling = new PrivacyBudgetEvidence.Sampling(implemented, accounted, samplingRate(event),
                batchSize, steps(event), epochs);
        PrivacyBudgetEvidence.Builder b = PrivacyBudgetEvidence.builder()
                .header(header.build())
                .statement(statement)
                .dpVariant(delta == 0 ? PrivacyBudgetEvidence.DpVariant.PURE : PrivacyBudgetEvidence.DpVariant.APPROXIMATE)
                .neighbouringRelation(guarantee.relation().toEvidence())
                .privacyUnit(new PrivacyBudgetEvidence.PrivacyUnit(unitKind, keyColumn))
                .contributionBound(contributionBound)
                .deploymentModel(deployment)
                .trustAssumptions(trust)
                .mechanism(mechanism != null ? mechanism : mechanismOf(event))
                .sampling(sampling)
                .accounting(accounting)
                .dpEventTree(event.describe())
                .epsilon(eps)
                .delta(delta)
                .deltaTimesN(deltaTimesN)
                .gaussianDp(guarantee.gaussianDp().orElse(null))
                .userLevel(user)
                .attackBounds(guarantee.attackBounds())
                .ledger(ledger)
                .hyperparameterTuning(tuning)
                .implementationHygiene(hygiene)
                .datasetSize(datasetSize);
        releases.forEach(b::releaseCovered);
        accessesCovered.forEach(b::accessCovered);
        accessesNotCovered.forEach(b::accessNotCovered);
        unprotected.forEach(b::unprotectedQuantity);
        profile.forEach(b::profilePoint);
        return b.build();
    }

    private static String fmt(double v) {
        if (Double.isInfinite(v)) {
            return "infinity";
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4, java.math.RoundingMode.CEILING))
                .stripTrailingZeros().toString();
    }
}
