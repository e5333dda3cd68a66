package io.privkit.fairness.report;

import io.privkit.common.Checks;
import io.privkit.common.Problems;
import io.privkit.evidence.EvidenceHeader;
import io.privkit.evidence.FairnessEvidence;
import io.privkit.evidence.InputRef;
import io.privkit.evidence.MultipleTesting;
import io.privkit.evidence.PolicyRef;
import io.privkit.evidence.Subject;
import io.privkit.evidence.measure.MeasureId;
import io.privkit.fairness.Attribute;
import io.privkit.fairness.Characteristic;
import io.privkit.fairness.CriterionResult;
import io.privkit.fairness.FairnessReport;
import io.privkit.fairness.GroupKey;
import io.privkit.fairness.GroupResult;
import io.privkit.fairness.MetricSummary;
import io.privkit.fairness.PairComparison;
import io.privkit.fairness.ViewResult;
import io.privkit.fairness.metrics.Aggregate;
import io.privkit.fairness.metrics.Aggregates;
import io.privkit.evidence.Estimate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link FairnessReport} into a {@link FairnessEvidence} record (the evidence design's
 * record (b)): groups and their sizes, every metric with its interval or the reason it is
 * undefined, disparities with intervals and raw and adjusted p-values, aggregates naming what
 * they left out, the pre-registered criteria and their verdicts, the corrections, the suppressed
 * cells, and the header's claims, limitations (including the protected characteristics not
 * measured) and claims not made.
 *
 * <p>Pass the {@linkplain io.privkit.fairness.Disclosure#publish published} report for a record
 * that will be shared; an unsuppressed report gives a record that says it must be kept under
 * access control.
 *
 * <p>Build with {@link #builder()}; not thread-safe.
 */
public final class FairnessRecords {
    private FairnessRecords() {
    }

    /** A builder; {@link Builder#build()} reports every missing field at once. */
    public static Builder builder() {
        return new Builder();
    }

    /** The label of a group in a view (with the stratum when the view is stratified). */
    public static String label(ViewResult v, GroupKey g) {
        return v.stratum().overall() ? g.label() : g.label() + " [" + v.stratum().label() + "]";
    }

    /** Builds a {@link FairnessEvidence} from a report. Not thread-safe. */
    public static final class Builder {
        private FairnessReport report;
        private Subject subject;
        private FairnessEvidence.EvaluationData evaluationData;
        private FairnessEvidence.DecisionRule decisionRule;
        private FairnessEvidence.DecisionPolarity polarity;
        private String favourableLabel;
        private PolicyRef policy;
        private final List<InputRef> inputs = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private FairnessEvidence.Mitigation mitigation;
        private FairnessEvidence.TradeOffs tradeOffs;
        private java.util.UUID oversightRecordId;
        private final List<String> limitations = new ArrayList<>();

        private Builder() {
        }

        /** The report (required). */
        public Builder report(FairnessReport r) {
            this.report = r;
            return this;
        }

        /** The system and model assessed (required). */
        public Builder subject(Subject s) {
            this.subject = s;
            return this;
        }

        /** The evaluation data: digest, period, label source and quality (required). */
        public Builder evaluationData(FairnessEvidence.EvaluationData d) {
            this.evaluationData = d;
            return this;
        }

        /** How scores became decisions (required). */
        public Builder decisionRule(FairnessEvidence.DecisionRule rule) {
            this.decisionRule = rule;
            return this;
        }

        /** Whether the favourable outcome avoids a harm or grants a benefit (required). */
        public Builder polarity(FairnessEvidence.DecisionPolarity p) {
            this.polarity = p;
            return this;
        }

        /** The favourable outcome in words, e.g. {@code "0 (not re-arrested)"} (required). */
        public Builder favourableLabel(String label) {
            this.favourableLabel = label;
            return this;
        }

        /** The pre-registered policy the criteria came from. */
        public Builder policy(PolicyRef p) {
            this.policy = p;
            return this;
        }

        /** An input, by digest. */
        public Builder input(InputRef in) {
            inputs.add(Checks.requireNonNull(in, "input"));
            return this;
        }

        /** The clock for the record's time. */
        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** The mitigation applied, with before and after figures. */
        public Builder mitigation(FairnessEvidence.Mitigation m) {
            this.mitigation = m;
            return this;
        }

        /** The accuracy and fairness trade-offs. */
        public Builder tradeOffs(FairnessEvidence.TradeOffs t) {
            this.tradeOffs = t;
            return this;
        }

        /** The human-oversight record for the same decisions. */
        public Builder oversightRecordId(java.util.UUID id) {
            this.oversightRecordId = id;
            return this;
        }

        /** Adds a limitation in words (e.g. about the labels). */
        public Builder limitation(String sentence) {
            limitations.add(Checks.requireNonBlank(sentence, "limitation"));
            return this;
        }

        /** Validates and builds. */
        public FairnessEvidence build() {
            Problems p = Problems.of("FairnessRecords");
            p.check(report != null, () -> Checks.argument("report").mustBe("given").got(null).noFix());
            p.check(subject != null, () -> Checks.argument("subject").mustBe("given").got(null).fix("Name the system assessed."));
            p.check(evaluationData != null, () -> Checks.argument("evaluationData").mustBe("given").got(null).noFix());
            p.check(decisionRule != null, () -> Checks.argument("decisionRule").mustBe("given").got(null).noFix());
            p.check(polarity != null, () -> Checks.argument("polarity").mustBe("given").got(null)
                    .fix("Say whether the favourable outcome grants a benefit (assistive) or avoids a harm (punitive)."));
            p.check(favourableLabel != null && !favourableLabel.isBlank(), () -> Checks.argument("favourableLabel")
                    .mustBe("a non-blank description").got(favourableLabel).noFix());
            p.throwIfAny();
            return assemble();
        }

        private FairnessEvidence assemble() {
            var settings = report.settings();
            FairnessEvidence.Builder b = FairnessEvidence.builder();
            EvidenceHeader.Builder h = EvidenceHeader.builder().subject(subject).supports(MeasureId.BIAS_AUDIT).clock(clock)
                    .verdict(report.verdict()).generator(io.privkit.evidence.Generator.privkit(FairnessRecords.class));
            inputs.forEach(h::input);
            if (policy != null) {
                h.policyRef(policy);
            }
            if (report.randomness() != null) {
                h.randomness(report.randomness());
            }
            List<String> sensitive = report.data().attributes().stream().filter(a -> a.role() == Attribute.Role.SENSITIVE)
                    .map(Attribute::name).toList();
            long groups = report.views().stream().mapToLong(v -> v.groups().size()).sum();
            h.claim("Supports the bias-audit measure: decisions and error rates were measured for " + groups + " groups of "
                    + String.join(", ", sensitive) + (sensitive.size() > 1 ? " and their intersection" : "") + ", each with a "
                    + pct(settings.level().value()) + " " + settings.intervalMethod().name().toLowerCase(Locale.ROOT).replace('_', '-')
                    + " interval, against the reference group " + settings.reference().label() + ".");
            for (CriterionResult c : report.criteria()) {
                h.claim("Pre-registered criterion " + c.criterion().name() + " (" + c.criterion().tolerance().describe() + ", "
                        + c.criterion().aggregationId() + "): " + c.verdict().name().toLowerCase(Locale.ROOT) + ".");
            }
            if (report.criteria().isEmpty()) {
                h.claim("No fairness criterion was pre-registered: the figures are information, not a verdict.");
            }
            h.limitation("Verdicts treat groups with fewer than " + settings.floor().minGroupSize() + " people, or conditional rates with "
                    + "fewer than " + settings.floor().minConditionalCount() + " in their denominator, as inconclusive.");
            h.limitation("A rate with a zero denominator is reported as undefined with its reason and left out of aggregates.");
            Set<Characteristic> measured = EnumSet.noneOf(Characteristic.class);
            report.data().attributes().stream().filter(a -> a.role() == Attribute.Role.SENSITIVE).forEach(a -> measured.add(a.characteristic()));
            List<String> notMeasured = new ArrayList<>();
            for (Characteristic c : Characteristic.values()) {
                if (c != Characteristic.PROXY && c != Characteristic.OTHER && !measured.contains(c)) {
                    notMeasured.add(c.name().toLowerCase(Locale.ROOT).replace('_', ' '));
                }
            }
            if (!notMeasured.isEmpty()) {
                h.limitation("Not measured (no attribute recorded): " + String.join(", ", notMeasured) + ".");
            }
            if (report.publication() == FairnessReport.Publication.UNSUPPRESSED && settings.minCellSize() > 0) {
                h.limitation("This record holds unsuppressed figures for groups of any size: keep it under access control and publish "
                        + "the suppressed version.");
            }
            limitations.forEach(h::limitation);
            h.claimNotMade("This is not a finding of discrimination, or of its absence, under the Equality Act 2010 or any other law; "
                    + "the law sets no numeric threshold.");
            h.claimNotMade("A criterion that passes does not show fairness by other definitions: calibration within groups and equal "
                    + "error rates cannot in general hold together when base rates differ (Chouldechova 2017; Kleinberg, "
                    + "Mullainathan and Raghavan 2016).");
            b.header(h.build());
            b.evaluationData(evaluationData).decisionRule(decisionRule).decisionPolarity(polarity).favourableOutcome(favourableLabel);
            for (Attribute a : report.data().attributes()) {
                if (a.role() != Attribute.Role.SENSITIVE) {
                    continue;
                }
                b.sensitiveAttribute(new FairnessEvidence.SensitiveAttribute(a.name(),
                        FairnessEvidence.ProtectedCharacteristic.valueOf(a.characteristic().name()), a.source(),
                        report.data().missing().getOrDefault(a.name(), 0L), missingPolicy(report),
                        a.binning() == null ? null : a.binning().describe(), a.legalBasis(), a.deletionDate()));
            }
            b.minCellSize(settings.minCellSize()).reliabilityFloor(settings.floor().minGroupSize())
                    .minConditionalCount(settings.floor().minConditionalCount());
            Set<String> withheld = new java.util.HashSet<>();
            for (FairnessReport.Suppression s : report.suppressed()) {
                String label = s.group().equals("overall") ? "overall [" + s.view() + "]" : s.group();
                String qualified = s.view().contains(" [") ? label + s.view().substring(s.view().indexOf(" [")) : label;
                if (withheld.add(qualified)) {
                    b.suppressedCell(new FairnessEvidence.SuppressedCell(qualified, null, s.reason()));
                    b.group(new FairnessEvidence.Group(qualified, Map.of(), null, true, false));
                }
            }
            Set<String> seen = new java.util.HashSet<>(withheld);
            for (ViewResult v : report.views()) {
                for (GroupResult g : v.groups()) {
                    String label = label(v, g.key());
                    if (!seen.add(label)) {
                        continue;
                    }
                    Map<String, String> values = new LinkedHashMap<>();
                    for (int i = 0; i < g.key().attributes().size(); i++) {
                        values.put(g.key().attributes().get(i), g.key().values().get(i));
                    }
                    for (int i = 0; i < v.stratum().attributes().size(); i++) {
                        values.put(v.stratum().attributes().get(i), v.stratum().values().get(i));
                    }
                    b.group(new FairnessEvidence.Group(label, values, g.n(), false, g.declaredButEmpty()));
                    b.groupMetrics(new FairnessEvidence.GroupMetrics(label, new ArrayList<>(g.metrics().values())));
                }
            }
            ViewResult first = report.views().get(0);
            b.overall(new FairnessEvidence.GroupMetrics("overall", new ArrayList<>(first.overall().metrics().values())));
            b.uncertainty(new FairnessEvidence.Uncertainty(settings.intervalMethod().recorded(), settings.level().value(),
                    settings.bootstrap() == null ? null : settings.bootstrap().resamples(),
                    settings.bootstrap() == null ? null : settings.bootstrap().seed()));
            b.referenceGroup(new FairnessEvidence.ReferenceGroup(settings.reference().label(), settings.referenceRationale()));
            for (ViewResult v : report.views()) {
                for (PairComparison c : v.comparisons()) {
                    b.disparity(new FairnessEvidence.Disparity(c.metric().id(), label(v, c.group()),
                            c.toOverall() ? (v.stratum().overall() ? "overall" : "overall [" + v.stratum().label() + "]") : label(v, c.reference()),
                            c.difference(), c.differenceCi(), c.difference() == null ? null : c.ratio(), c.difference() == null ? null : c.ratioCi(),
                            c.test(), c.pValue(), c.adjustedPValue(), c.undefinedReason()));
                }
                for (MetricSummary s : v.summaries()) {
                    for (Map.Entry<Aggregates.Kind, Aggregate> e : s.aggregates().entrySet()) {
                        b.aggregate(figure(v, s.metric().id() + "/" + e.getKey().id(), e.getValue()));
                    }
                    b.aggregate(figure(v, s.metric().id() + "/difference-between-groups-above-floor", s.differenceAboveFloor()));
                    b.aggregate(figure(v, s.metric().id() + "/ratio-between-groups-above-floor", s.ratioAboveFloor()));
                }
                v.named().forEach((name, a) -> b.aggregate(figure(v, name, a)));
                for (Estimate e : v.indices()) {
                    b.aggregate(new FairnessEvidence.AggregateFigure(v.qualifiedName(), e.name(), e.value(), e.undefinedReason(), null,
                            List.of()));
                }
                if (v.omnibus() != null) {
                    b.aggregate(new FairnessEvidence.AggregateFigure(v.qualifiedName(), "favourable-rate/omnibus-chi-squared-p",
                            v.omnibus().pValue(), null, null, v.omnibusNote() == null ? List.of() : List.of("note: " + v.omnibusNote())));
                }
            }
            for (CriterionResult c : report.criteria()) {
                b.criterion(new FairnessEvidence.Criterion(c.criterion().name(),
                        String.join(",", c.criterion().metrics().stream().map(m -> m.id()).toList()), c.criterion().aggregationId(),
                        c.criterion().tolerance().bound(), c.criterion().rationale()));
                b.verdict(new FairnessEvidence.CriterionVerdict(c.criterion().name(), c.verdict(), c.reason()));
            }
            double alpha = settings.level().alpha();
            b.multipleTesting(new MultipleTesting(settings.verdictAdjustment().recorded(), alpha));
            b.screening(new MultipleTesting(settings.screening().recorded(), alpha));
            b.mitigation(mitigation).tradeOffs(tradeOffs).oversightRecordId(oversightRecordId);
            return b.build();
        }

        private static FairnessEvidence.AggregateFigure figure(ViewResult v, String name, Aggregate a) {
            return new FairnessEvidence.AggregateFigure(v.qualifiedName(), name, a.value(), a.undefinedReason(), a.ci(), a.excluded());
        }

        private static String missingPolicy(FairnessReport r) {
            return switch (r.data().missingPolicy()) {
                case REJECT -> "rejected: the data had to be complete";
                case OWN_GROUP -> "own group '" + GroupKey.MISSING + "'";
                case DROP_ROW -> "rows dropped and counted";
            };
        }

        private static String pct(double level) {
            return String.format(Locale.ROOT, "%.4g%%", level * 100);
        }
    }
}
