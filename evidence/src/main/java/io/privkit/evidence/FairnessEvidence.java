package io.privkit.evidence;

import io.privkit.common.Checks;
import io.privkit.common.Interval;
import io.privkit.common.Problems;
import io.privkit.common.Sha256;
import io.privkit.evidence.json.JsonNames;
import io.privkit.evidence.schema.Doc;
import io.privkit.evidence.schema.Nullable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An evaluation of a model's outcomes and errors across protected groups, as the ICO expects
 * ("documented evaluations of fairness across protected characteristics") and as the CNIL's audit
 * measures to identify and correct biases call for.
 *
 * <p>Per group (intersections included, declared-but-empty groups listed) it keeps every metric
 * as an {@link Estimate} with its interval, or undefined with a reason (undefined is never zero);
 * disparities against a named, justified reference group; the pre-registered criteria and their
 * verdicts (pass, fail or inconclusive); the multiple-testing correction; suppressed small cells
 * (the report must not itself be a privacy leak); and mitigation with before and after figures.
 *
 * <p>Filled by the fairness module; field list from Privkit's evidence design notes, record (b).
 *
 * @param header              the common header
 * @param evaluationData      the data evaluated
 * @param decisionRule        how scores became decisions
 * @param decisionPolarity    whether the favourable outcome helps or harms the person
 * @param favourableOutcome   the outcome value treated as favourable
 * @param sensitiveAttributes the protected characteristics, with their source and legal basis
 * @param groups              every group, intersections included
 * @param minCellSize         the disclosure floor: smaller cells are suppressed in published reports
 * @param reliabilityFloor    below this size a group makes verdicts inconclusive
 * @param minConditionalCount below this denominator a conditional rate (TPR, FPR, ...) makes verdicts inconclusive
 * @param suppressedCells     what was suppressed, and why
 * @param overall             metrics over everyone
 * @param perGroupMetrics     metrics per group
 * @param uncertainty         how intervals were computed
 * @param referenceGroup      the group disparities are measured against, and why
 * @param disparities         differences and ratios with intervals
 * @param aggregates          aggregates over groups (spread between groups, distance to overall, indices), with what they left out
 * @param criteria            the pre-registered fairness criteria
 * @param verdicts            one verdict per criterion
 * @param multipleTesting     the multiplicity correction for the verdicts
 * @param screening           the correction of the disparities' p-values across groups, when applied
 * @param mitigation          the mitigation applied, with before and after figures
 * @param tradeOffs           accuracy and fairness trade-offs
 * @param oversightRecordId   the human-oversight record for the same decisions, when there is one
 */
@Doc("Fairness evidence: outcomes and errors per protected group with intervals, disparities against a named reference group, and verdicts against pre-registered criteria.")
public record FairnessEvidence(
        @Doc("The common header.") EvidenceHeader header,
        @Doc("The data evaluated.") EvaluationData evaluationData,
        @Doc("How scores became decisions: fairness depends on the operating point actually deployed.") DecisionRule decisionRule,
        @Doc("punitive (the favourable outcome avoids a harm) or assistive (it grants a benefit); drives which error rates matter.")
        DecisionPolarity decisionPolarity,
        @Doc("The outcome value treated as favourable for the person (the sign of disparate impact depends on it).") String favourableOutcome,
        @Doc("The protected characteristics analysed, with their source, missing values and legal basis.") List<SensitiveAttribute> sensitiveAttributes,
        @Doc("Every group, intersections included; declared-but-empty combinations are listed, not dropped.") List<Group> groups,
        @Doc("Disclosure floor: cells with fewer people are suppressed in published reports.") int minCellSize,
        @Doc("Reliability floor: a group with fewer people makes a verdict inconclusive.") int reliabilityFloor,
        @Doc("Reliability floor for conditional rates: a TPR, FPR, precision... whose denominator is smaller makes a verdict inconclusive.")
        int minConditionalCount,
        @Doc("Cells suppressed to protect small groups, and why.") List<SuppressedCell> suppressedCells,
        @Doc("Metrics over everyone evaluated.") GroupMetrics overall,
        @Doc("Metrics per group, each with its interval or the reason it is undefined.") List<GroupMetrics> perGroupMetrics,
        @Doc("How intervals were computed.") Uncertainty uncertainty,
        @Doc("The group disparities are measured against, and why it was chosen.") ReferenceGroup referenceGroup,
        @Doc("Differences and ratios of metrics between groups, with intervals and tests.") List<Disparity> disparities,
        @Doc("Aggregates over groups: spread between groups, distance to everyone, named criteria, inequality indices; each names the groups it left out.")
        List<AggregateFigure> aggregates,
        @Doc("The pre-registered fairness criteria.") List<Criterion> criteria,
        @Doc("One verdict per criterion: pass, fail or inconclusive.") List<CriterionVerdict> verdicts,
        @Doc("The multiple-testing correction applied to the verdicts.") MultipleTesting multipleTesting,
        @Doc("The correction applied to the disparities' p-values across the groups compared on one metric (a screen, not a verdict); null when none.")
        @Nullable MultipleTesting screening,
        @Doc("The mitigation applied, with before and after figures on the same evaluation data; null when none.")
        @Nullable Mitigation mitigation,
        @Doc("Accuracy and fairness trade-offs; null when not assessed.") @Nullable TradeOffs tradeOffs,
        @Doc("The human-oversight record for the same decisions (selective adherence by group); null when none.")
        @Nullable UUID oversightRecordId)
        implements EvidenceRecord {

    public FairnessEvidence {
        Checks.requireNonNull(header, "header");
        Checks.requireNonNull(evaluationData, "evaluationData");
        Checks.requireNonNull(decisionRule, "decisionRule");
        Checks.requireNonNull(decisionPolarity, "decisionPolarity");
        Checks.requireNonBlank(favourableOutcome, "favourableOutcome");
        sensitiveAttributes = List.copyOf(Checks.requireNonEmpty(sensitiveAttributes, "sensitiveAttributes"));
        groups = List.copyOf(Checks.requireNonEmpty(groups, "groups"));
        Checks.requireNonNegative(minCellSize, "minCellSize");
        Checks.requireNonNegative(reliabilityFloor, "reliabilityFloor");
        Checks.requireNonNegative(minConditionalCount, "minConditionalCount");
        suppressedCells = List.copyOf(Checks.requireNoNullElements(suppressedCells, "suppressedCells"));
        Checks.requireNonNull(overall, "overall");
        perGroupMetrics = List.copyOf(Checks.requireNoNullElements(perGroupMetrics, "perGroupMetrics"));
        Checks.requireNonNull(uncertainty, "uncertainty");
        Checks.requireNonNull(referenceGroup, "referenceGroup");
        disparities = List.copyOf(Checks.requireNoNullElements(disparities, "disparities"));
        aggregates = List.copyOf(Checks.requireNoNullElements(aggregates, "aggregates"));
        criteria = List.copyOf(Checks.requireNoNullElements(criteria, "criteria"));
        verdicts = List.copyOf(Checks.requireNoNullElements(verdicts, "verdicts"));
        Checks.requireNonNull(multipleTesting, "multipleTesting");
        if (groups.stream().noneMatch(g -> g.label().equals(referenceGroup.label()))) {
            throw Checks.argument("referenceGroup.label").mustBe("one of the groups").got(referenceGroup.label())
                    .fix("Name a group that appears in 'groups'.").exception();
        }
        for (CriterionVerdict v : verdicts) {
            if (criteria.stream().noneMatch(c -> c.name().equals(v.criterion()))) {
                throw Checks.argument("verdicts.criterion").mustBe("the name of a criterion").got(v.criterion()).noFix().exception();
            }
        }
    }

    @Override
    public String headline() {
        if (verdicts.isEmpty()) {
            return groups.size() + " groups assessed against reference '" + referenceGroup.label() + "'; no pre-registered criteria";
        }
        long pass = verdicts.stream().filter(v -> v.verdict() == Verdict.PASS).count();
        long fail = verdicts.stream().filter(v -> v.verdict() == Verdict.FAIL).count();
        long inconclusive = verdicts.stream().filter(v -> v.verdict() == Verdict.INCONCLUSIVE).count();
        return groups.size() + " groups against reference '" + referenceGroup.label() + "': " + pass + " criteria pass, "
                + fail + " fail, " + inconclusive + " inconclusive ("
                + String.join(", ", verdicts.stream().map(v -> v.criterion() + " " + JsonNames.of(v.verdict())).toList()) + ")";
    }

    /** A builder; {@link Builder#build()} reports every missing field at once. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ vocabulary

    /** Whether the favourable outcome avoids a harm or grants a benefit. */
    public enum DecisionPolarity {
        /** The decision can harm (e.g. flagged for fraud review): false positives matter most. */
        PUNITIVE,
        /** The decision grants a benefit (e.g. a loan): false negatives matter most. */
        ASSISTIVE
    }

    /**
     * What a sensitive attribute stands for: one of the nine protected characteristics of the UK
     * Equality Act 2010 (s.4), a proxy for one, or another attribute.
     */
    public enum ProtectedCharacteristic {
        /** Age. */
        AGE,
        /** Disability. */
        DISABILITY,
        /** Gender reassignment. */
        GENDER_REASSIGNMENT,
        /** Marriage and civil partnership. */
        MARRIAGE_AND_CIVIL_PARTNERSHIP,
        /** Pregnancy and maternity. */
        PREGNANCY_AND_MATERNITY,
        /** Race. */
        RACE,
        /** Religion or belief. */
        RELIGION_OR_BELIEF,
        /** Sex. */
        SEX,
        /** Sexual orientation. */
        SEXUAL_ORIENTATION,
        /** A proxy for a protected characteristic. */
        PROXY,
        /** Not a protected characteristic. */
        OTHER
    }

    /** Where a sensitive attribute's values came from. */
    public enum AttributeSource {
        /** Declared by the person. */
        SELF_DECLARED,
        /** Held in administrative records. */
        ADMINISTRATIVE,
        /** Inferred by a model (error-prone; say so). */
        INFERRED,
        /** A proxy for the characteristic (e.g. postcode for ethnicity). */
        PROXY
    }

    /** Where a mitigation acts. */
    public enum MitigationKind {
        /** On the training data (e.g. reweighing). */
        PRE_PROCESSING,
        /** In training (e.g. exponentiated gradient reductions). */
        IN_PROCESSING,
        /** On the decisions (e.g. group-specific thresholds). */
        POST_PROCESSING
    }

    // ------------------------------------------------------------------ parts

    /**
     * The data evaluated.
     *
     * @param sha256       its digest
     * @param period       the period it covers
     * @param n            rows
     * @param labelSource  where the ground-truth labels came from
     * @param labelQuality known limits of the labels
     */
    @Doc("The data the audit was run on.")
    public record EvaluationData(
            @Doc("SHA-256 of the evaluation data.") Sha256 sha256,
            @Doc("The period it covers; null when unknown.") @Nullable TimeRange period,
            @Doc("Rows evaluated.") long n,
            @Doc("Where the ground-truth labels came from.") String labelSource,
            @Doc("Known limits of the labels (e.g. 'recorded re-arrest, a proxy for re-offending').") String labelQuality) {
        public EvaluationData {
            Checks.requireNonNull(sha256, "evaluationData.sha256");
            Checks.requireNonNegative(n, "evaluationData.n");
            Checks.requireNonBlank(labelSource, "evaluationData.labelSource");
            Checks.requireNonBlank(labelQuality, "evaluationData.labelQuality");
        }
    }

    /**
     * How scores became decisions.
     *
     * @param threshold       the score threshold, when one global threshold applies
     * @param scoreToDecision the rule in words
     */
    @Doc("How scores became decisions.")
    public record DecisionRule(
            @Doc("The score threshold, when one global threshold applies; null otherwise.") @Nullable Double threshold,
            @Doc("The rule in words, e.g. 'predict 1 when score >= 0.5'.") String scoreToDecision) {
        public DecisionRule {
            if (threshold != null) {
                Checks.requireFinite(threshold, "decisionRule.threshold");
            }
            Checks.requireNonBlank(scoreToDecision, "decisionRule.scoreToDecision");
        }
    }

    /**
     * A protected characteristic.
     *
     * @param name          the column
     * @param characteristic what it stands for
     * @param source        where its values came from
     * @param missing       rows with the value missing
     * @param missingPolicy what was done with them
     * @param binning       how a numeric attribute was binned, when it was
     * @param legalBasis    the legal basis for processing it for bias detection, when recorded
     * @param deletionDate  when it will be deleted, when set
     */
    @Doc("A protected characteristic analysed. Processing special-category data for bias detection needs a legal basis and safeguards.")
    public record SensitiveAttribute(
            @Doc("The column name.") String name,
            @Doc("The protected characteristic it stands for (UK Equality Act 2010), proxy, or other.") ProtectedCharacteristic characteristic,
            @Doc("self-declared, administrative, inferred or proxy.") AttributeSource source,
            @Doc("Rows with the value missing.") long missing,
            @Doc("What was done with missing values, e.g. 'own group \"(missing)\"' or 'rows dropped and counted'.") String missingPolicy,
            @Doc("How a numeric attribute was binned into groups; null when categorical.") @Nullable String binning,
            @Doc("The legal basis for processing it for bias detection (e.g. EU AI Act Art. 10(5)); null when not recorded.")
            @Nullable String legalBasis,
            @Doc("When the attribute data will be deleted; null when not set.") @Nullable LocalDate deletionDate) {
        public SensitiveAttribute {
            Checks.requireNonBlank(name, "sensitiveAttribute.name");
            Checks.requireNonNull(characteristic, "sensitiveAttribute.characteristic");
            Checks.requireNonNull(source, "sensitiveAttribute.source");
            Checks.requireNonNegative(missing, "sensitiveAttribute.missing");
            Checks.requireNonBlank(missingPolicy, "sensitiveAttribute.missingPolicy");
        }
    }

    /**
     * A group.
     *
     * @param label            display label, e.g. {@code race=Black & sex=Female}
     * @param values           attribute values by attribute name
     * @param n                size, or null when suppressed
     * @param suppressed       whether its figures are suppressed in this report
     * @param declaredButEmpty whether the combination was declared but has nobody
     */
    @Doc("A group of people sharing sensitive-attribute values (an intersection when several attributes).")
    public record Group(
            @Doc("Display label, e.g. 'race=Black & sex=Female'.") String label,
            @Doc("Attribute values by attribute name.") Map<String, String> values,
            @Doc("Number of people; null when suppressed.") @Nullable Long n,
            @Doc("Whether the group's figures are suppressed in this report (fewer than minCellSize people).") boolean suppressed,
            @Doc("Whether this combination was declared but nobody has it; listed so its absence is visible.") boolean declaredButEmpty) {
        public Group {
            Checks.requireNonBlank(label, "group.label");
            values = Collections.unmodifiableMap(new TreeMap<>(Checks.requireNoNullEntries(values, "group.values")));
            if (n != null) {
                Checks.requireNonNegative(n, "group.n");
            }
            if (n == null && !suppressed) {
                throw Checks.argument("group " + label + " n").mustBe("given unless the group is suppressed").got(null).noFix().exception();
            }
        }
    }

    /**
     * A suppressed cell.
     *
     * @param group  the group
     * @param metric the metric, or null for the whole group
     * @param reason why
     */
    @Doc("A figure suppressed so the report does not disclose facts about a few people.")
    public record SuppressedCell(
            @Doc("The group label.") String group,
            @Doc("The metric suppressed; null when the whole group is.") @Nullable String metric,
            @Doc("Why, e.g. 'fewer than 10 people'.") String reason) {
        public SuppressedCell {
            Checks.requireNonBlank(group, "suppressedCell.group");
            Checks.requireNonBlank(reason, "suppressedCell.reason");
        }
    }

    /**
     * The metrics of one group (or of everyone).
     *
     * @param group   the group label ({@code overall} for everyone)
     * @param metrics every metric, each with interval or reason
     */
    @Doc("The metrics of one group.")
    public record GroupMetrics(
            @Doc("The group label; 'overall' for everyone.") String group,
            @Doc("Every metric, each with its interval or the reason it is undefined.") List<Estimate> metrics) {
        public GroupMetrics {
            Checks.requireNonBlank(group, "groupMetrics.group");
            metrics = List.copyOf(Checks.requireNoNullElements(metrics, "groupMetrics.metrics"));
        }
    }

    /**
     * How intervals were computed.
     *
     * @param method             the interval method for per-group proportions
     * @param ciLevel            the coverage
     * @param bootstrapResamples resamples, when a bootstrap was used
     * @param seed               the bootstrap seed, when one was used
     */
    @Doc("How intervals were computed.")
    public record Uncertainty(
            @Doc("The interval method for per-group proportions.") IntervalMethod method,
            @Doc("The coverage, e.g. 0.95.") double ciLevel,
            @Doc("Bootstrap resamples; null when no bootstrap was used.") @Nullable Integer bootstrapResamples,
            @Doc("The bootstrap seed, so the figures can be replayed; null when no bootstrap was used.") @Nullable Long seed) {
        public Uncertainty {
            Checks.requireNonNull(method, "uncertainty.method");
            Checks.requireIn(ciLevel, "uncertainty.ciLevel", Interval.open(0, 1));
            if (bootstrapResamples != null) {
                Checks.requirePositive(bootstrapResamples, "uncertainty.bootstrapResamples");
            }
        }
    }

    /**
     * The reference group.
     *
     * @param label     its label
     * @param rationale why it was chosen
     */
    @Doc("The group disparities are measured against.")
    public record ReferenceGroup(
            @Doc("The group's label.") String label,
            @Doc("Why it was chosen, e.g. 'largest group' or 'historically advantaged group'.") String rationale) {
        public ReferenceGroup {
            Checks.requireNonBlank(label, "referenceGroup.label");
            Checks.requireNonBlank(rationale, "referenceGroup.rationale");
        }
    }

    /**
     * A disparity between a group and a reference.
     *
     * @param metric          the metric compared
     * @param group           the group
     * @param reference       what it is compared with (a group label, or {@code overall})
     * @param difference      group minus reference, when defined
     * @param differenceCi    its interval
     * @param ratio           group over reference, when defined
     * @param ratioCi         its interval
     * @param test            the test of equality, when run
     * @param pValue          its p-value
     * @param adjustedPValue  the p-value adjusted across the groups compared on this metric, when adjusted
     * @param undefinedReason why the disparity is undefined, when it is
     */
    @Doc("A disparity of a metric between a group and a reference, with intervals.")
    public record Disparity(
            @Doc("The metric compared, e.g. selection-rate, tpr, fpr.") String metric,
            @Doc("The group.") String group,
            @Doc("What it is compared with: a group label, or 'overall'.") String reference,
            @Doc("Group minus reference; null when undefined.") @Nullable Double difference,
            @Doc("Interval on the difference; null when not computed.") @Nullable ConfidenceInterval differenceCi,
            @Doc("Group divided by reference; null when undefined.") @Nullable Double ratio,
            @Doc("Interval on the ratio; null when not computed.") @Nullable ConfidenceInterval ratioCi,
            @Doc("The test of equality, e.g. fisher-exact, two-proportion-z; null when none was run.") @Nullable String test,
            @Doc("The test's p-value; null when none was run.") @Nullable Double pValue,
            @Doc("The p-value adjusted across the groups compared on this metric (see screening); null when not adjusted.")
            @Nullable Double adjustedPValue,
            @Doc("Why the disparity is undefined (e.g. the reference rate is undefined); null when defined.") @Nullable String undefinedReason) {
        public Disparity {
            Checks.requireNonBlank(metric, "disparity.metric");
            Checks.requireNonBlank(group, "disparity.group");
            Checks.requireNonBlank(reference, "disparity.reference");
            if (pValue != null) {
                Checks.requireProbability(pValue, "disparity.pValue");
            }
            if (adjustedPValue != null) {
                Checks.requireProbability(adjustedPValue, "disparity.adjustedPValue");
            }
            if (difference == null && ratio == null && undefinedReason == null) {
                throw Checks.argument("disparity " + metric + " " + group).mustBe("given a difference, a ratio, or an undefinedReason")
                        .got("none").noFix().exception();
            }
        }
    }

    /**
     * An aggregate over the groups of one view.
     *
     * @param view            the view, e.g. {@code race x sex}
     * @param name            the aggregate, e.g. {@code selection-rate/difference-between-groups}
     * @param value           its value, when defined
     * @param undefinedReason why it is undefined, when it is
     * @param ci              its interval, when computed
     * @param excluded        the groups left out (undefined, or below the reliability floor), with the reason
     */
    @Doc("An aggregate of a metric over the groups of one view, naming the groups it left out.")
    public record AggregateFigure(
            @Doc("The view, e.g. 'race' or 'race x sex'.") String view,
            @Doc("The aggregate, e.g. 'selection-rate/difference-between-groups' or 'theil-index'.") String name,
            @Doc("Its value; null when undefined.") @Nullable Double value,
            @Doc("Why it is undefined; null when defined.") @Nullable String undefinedReason,
            @Doc("Its interval (e.g. a seeded bootstrap); null when not computed.") @Nullable ConfidenceInterval ci,
            @Doc("Groups left out, each with the reason (undefined value, below the reliability floor).") List<String> excluded) {
        public AggregateFigure {
            Checks.requireNonBlank(view, "aggregate.view");
            Checks.requireNonBlank(name, "aggregate.name");
            if ((value == null) == (undefinedReason == null)) {
                throw Checks.argument("aggregate " + name).mustBe("either a value or an undefinedReason").got(value + ", " + undefinedReason)
                        .noFix().exception();
            }
            if (value != null) {
                Checks.requireFinite(value, "aggregate " + name + " value");
            }
            excluded = List.copyOf(Checks.requireNoNullElements(excluded, "aggregate.excluded"));
        }
    }

    /**
     * A pre-registered fairness criterion.
     *
     * @param name        its name, e.g. {@code demographic-parity}
     * @param metric      the metric it constrains
     * @param aggregation how group disparities are aggregated (e.g. {@code max-difference})
     * @param tolerance   the largest acceptable disparity
     * @param rationale   why this criterion and tolerance
     */
    @Doc("A fairness criterion fixed before the evaluation.")
    public record Criterion(
            @Doc("The criterion's name, e.g. demographic-parity, equalized-odds, equal-opportunity, four-fifths.") String name,
            @Doc("The metric it constrains.") String metric,
            @Doc("How group disparities are aggregated, e.g. max-difference, min-ratio, mean-difference.") String aggregation,
            @Doc("The largest acceptable disparity (or the smallest acceptable ratio for ratio criteria).") double tolerance,
            @Doc("Why this criterion and tolerance were chosen.") String rationale) {
        public Criterion {
            Checks.requireNonBlank(name, "criterion.name");
            Checks.requireNonBlank(metric, "criterion.metric");
            Checks.requireNonBlank(aggregation, "criterion.aggregation");
            Checks.requireFinite(tolerance, "criterion.tolerance");
            Checks.requireNonBlank(rationale, "criterion.rationale");
        }
    }

    /**
     * A criterion's verdict.
     *
     * @param criterion the criterion's name
     * @param verdict   pass, fail or inconclusive
     * @param reason    where the interval lay against the tolerance, or which group was too small
     */
    @Doc("The verdict on one criterion, from where the interval lies against the tolerance.")
    public record CriterionVerdict(
            @Doc("The criterion's name.") String criterion,
            @Doc("pass, fail or inconclusive.") Verdict verdict,
            @Doc("Why: where the interval lay against the tolerance, or which group was below the reliability floor.") String reason) {
        public CriterionVerdict {
            Checks.requireNonBlank(criterion, "verdict.criterion");
            Checks.requireNonNull(verdict, "verdict.verdict");
            if (verdict == Verdict.INFORMATIONAL) {
                throw Checks.argument("verdict.verdict").mustBe("pass, fail or inconclusive").got("informational").noFix().exception();
            }
            Checks.requireNonBlank(reason, "verdict.reason");
        }
    }

    /**
     * A mitigation and its effect.
     *
     * @param kind           where it acts
     * @param method         the method, e.g. {@code reweighing}
     * @param parameters     its parameters, as text
     * @param beforeRecordId the fairness record before mitigation, when there is one
     * @param changes        metric changes on the same evaluation data
     */
    @Doc("A bias mitigation and its effect on the same evaluation data.")
    public record Mitigation(
            @Doc("pre-processing, in-processing or post-processing.") MitigationKind kind,
            @Doc("The method, e.g. reweighing, group-thresholds, exponentiated-gradient.") String method,
            @Doc("Its parameters, as text, sorted by name.") Map<String, String> parameters,
            @Doc("The fairness record before mitigation; null when not recorded separately.") @Nullable UUID beforeRecordId,
            @Doc("Metric values before and after, per group.") List<MetricChange> changes) {
        public Mitigation {
            Checks.requireNonNull(kind, "mitigation.kind");
            Checks.requireNonBlank(method, "mitigation.method");
            parameters = Collections.unmodifiableMap(new TreeMap<>(Checks.requireNoNullEntries(parameters, "mitigation.parameters")));
            changes = List.copyOf(Checks.requireNoNullElements(changes, "mitigation.changes"));
        }
    }

    /**
     * A metric before and after mitigation.
     *
     * @param metric the metric
     * @param group  the group ({@code overall} for everyone)
     * @param before the value before, when defined
     * @param after  the value after, when defined
     */
    @Doc("A metric before and after mitigation.")
    public record MetricChange(
            @Doc("The metric.") String metric,
            @Doc("The group, or 'overall'.") String group,
            @Doc("The value before; null when undefined.") @Nullable Double before,
            @Doc("The value after; null when undefined.") @Nullable Double after) {
        public MetricChange {
            Checks.requireNonBlank(metric, "metricChange.metric");
            Checks.requireNonBlank(group, "metricChange.group");
        }
    }

    /**
     * Accuracy and fairness trade-offs.
     *
     * @param overallAccuracyDelta change in overall accuracy from mitigation, when measured
     * @param incompatibilityNote  which criteria cannot hold together here, and why
     */
    @Doc("Accuracy and fairness trade-offs.")
    public record TradeOffs(
            @Doc("Change in overall accuracy from the mitigation; null when not measured.") @Nullable Double overallAccuracyDelta,
            @Doc("Which criteria cannot hold together with these base rates, and why (e.g. calibration and equal error rates).")
            String incompatibilityNote) {
        public TradeOffs {
            Checks.requireNonBlank(incompatibilityNote, "tradeOffs.incompatibilityNote");
        }
    }

    // ------------------------------------------------------------------ builder

    /** Builds a {@link FairnessEvidence}; reports every missing field at once. Not thread-safe. */
    public static final class Builder {
        private EvidenceHeader header;
        private EvaluationData evaluationData;
        private DecisionRule decisionRule;
        private DecisionPolarity decisionPolarity;
        private String favourableOutcome;
        private final List<SensitiveAttribute> sensitiveAttributes = new ArrayList<>();
        private final List<Group> groups = new ArrayList<>();
        private Integer minCellSize;
        private Integer reliabilityFloor;
        private int minConditionalCount;
        private final List<SuppressedCell> suppressedCells = new ArrayList<>();
        private GroupMetrics overall;
        private final List<GroupMetrics> perGroupMetrics = new ArrayList<>();
        private Uncertainty uncertainty;
        private ReferenceGroup referenceGroup;
        private final List<Disparity> disparities = new ArrayList<>();
        private final List<AggregateFigure> aggregates = new ArrayList<>();
        private final List<Criterion> criteria = new ArrayList<>();
        private final List<CriterionVerdict> verdicts = new ArrayList<>();
        private MultipleTesting multipleTesting;
        private MultipleTesting screening;
        private Mitigation mitigation;
        private TradeOffs tradeOffs;
        private UUID oversightRecordId;

        private Builder() {
        }

        public Builder header(EvidenceHeader v) { this.header = v; return this; }
        public Builder evaluationData(EvaluationData v) { this.evaluationData = v; return this; }
        public Builder decisionRule(DecisionRule v) { this.decisionRule = v; return this; }
        public Builder decisionPolarity(DecisionPolarity v) { this.decisionPolarity = v; return this; }
        public Builder favourableOutcome(String v) { this.favourableOutcome = v; return this; }
        public Builder sensitiveAttribute(SensitiveAttribute v) { this.sensitiveAttributes.add(v); return this; }
        public Builder group(Group v) { this.groups.add(v); return this; }
        public Builder minCellSize(int v) { this.minCellSize = v; return this; }
        public Builder reliabilityFloor(int v) { this.reliabilityFloor = v; return this; }
        public Builder minConditionalCount(int v) { this.minConditionalCount = v; return this; }
        public Builder suppressedCell(SuppressedCell v) { this.suppressedCells.add(v); return this; }
        public Builder overall(GroupMetrics v) { this.overall = v; return this; }
        public Builder groupMetrics(GroupMetrics v) { this.perGroupMetrics.add(v); return this; }
        public Builder uncertainty(Uncertainty v) { this.uncertainty = v; return this; }
        public Builder referenceGroup(ReferenceGroup v) { this.referenceGroup = v; return this; }
        public Builder disparity(Disparity v) { this.disparities.add(v); return this; }
        public Builder aggregate(AggregateFigure v) { this.aggregates.add(v); return this; }
        public Builder criterion(Criterion v) { this.criteria.add(v); return this; }
        public Builder verdict(CriterionVerdict v) { this.verdicts.add(v); return this; }
        public Builder multipleTesting(MultipleTesting v) { this.multipleTesting = v; return this; }
        public Builder screening(MultipleTesting v) { this.screening = v; return this; }
        public Builder mitigation(Mitigation v) { this.mitigation = v; return this; }
        public Builder tradeOffs(TradeOffs v) { this.tradeOffs = v; return this; }
        public Builder oversightRecordId(UUID v) { this.oversightRecordId = v; return this; }

        /** Validates and builds. */
        public FairnessEvidence build() {
            Problems p = Problems.of("FairnessEvidence");
            BuilderSupport.require(p, header, "header");
            BuilderSupport.require(p, evaluationData, "evaluationData");
            BuilderSupport.require(p, decisionRule, "decisionRule");
            BuilderSupport.require(p, decisionPolarity, "decisionPolarity");
            BuilderSupport.require(p, favourableOutcome, "favourableOutcome");
            BuilderSupport.require(p, sensitiveAttributes.isEmpty() ? null : sensitiveAttributes, "sensitiveAttribute");
            BuilderSupport.require(p, groups.isEmpty() ? null : groups, "group");
            BuilderSupport.require(p, minCellSize, "minCellSize");
            BuilderSupport.require(p, reliabilityFloor, "reliabilityFloor");
            BuilderSupport.require(p, overall, "overall");
            BuilderSupport.require(p, uncertainty, "uncertainty");
            BuilderSupport.require(p, referenceGroup, "referenceGroup");
            BuilderSupport.require(p, multipleTesting, "multipleTesting");
            p.throwIfAny();
            return new FairnessEvidence(header, evaluationData, decisionRule, decisionPolarity, favourableOutcome,
                    sensitiveAttributes, groups, minCellSize, reliabilityFloor, minConditionalCount, suppressedCells, overall,
                    perGroupMetrics, uncertainty, referenceGroup, disparities, aggregates, criteria, verdicts, multipleTesting, screening,
                    mitigation, tradeOffs, oversightRecordId);
        }
    }
}
