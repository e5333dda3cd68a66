package io.privkit.fairness;

import io.privkit.common.Checks;
import io.privkit.common.Problems;
import io.privkit.common.Randomness;
import io.privkit.evidence.Estimate;
import io.privkit.evidence.RandomnessStamp;
import io.privkit.evidence.Verdict;
import io.privkit.fairness.metrics.Metric;
import io.privkit.fairness.stats.ConfidenceLevel;
import io.privkit.fairness.stats.PValueAdjustment;
import io.privkit.fairness.stats.ProportionMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fairness assessment: per group (each sensitive attribute, their intersection, within each
 * control level), every rate of the confusion counts with its interval, score and regression
 * metrics when given, disparities against the named reference group and against everyone, the
 * named criteria of Fairlearn and the metrics of AIF360, and a verdict on each pre-registered
 * {@link Criterion}.
 *
 * <pre>{@code
 * FairnessReport report = FairnessAssessment.builder()
 *         .favourable(FavourableOutcome.POSITIVE_CLASS)          // 1 = loan approved
 *         .reference("sex", "Male", "largest group, historically advantaged")
 *         .criterion(Criterion.demographicParity(Tolerance.difference(0.1), "lending policy 4.2"))
 *         .build()
 *         .assess(accumulator.snapshot());
 * }</pre>
 *
 * <p><b>Undefined is not zero.</b> A rate whose denominator is zero is undefined with the reason;
 * it is left out of aggregates and named in {@link FairnessReport#notes()} (Fairlearn reports 0
 * there, and so invents a parity ratio of 0 from two groups of two people).
 *
 * <p><b>Uncertainty.</b> Per-group rates get Wilson intervals (Clopper-Pearson or Jeffreys on
 * request); differences from the reference Newcombe's hybrid score interval; ratios Katz's log
 * interval; each comparison Fisher's exact or the pooled z test, with p-values adjusted across the
 * groups compared on one metric (Benjamini-Hochberg by default: a screen, not a verdict).
 * Aggregates over groups get a seeded count bootstrap when asked.
 *
 * <p><b>Verdicts.</b> A criterion passes when, for every group, the interval of its disparity from
 * the reference lies inside the tolerance; fails when for some group the interval lies wholly
 * outside after Holm's adjustment across every comparison of every criterion (family-wise error at
 * {@code 1 - level}); and is inconclusive otherwise, including whenever a group is empty or below
 * the {@link ReliabilityFloor} (a failure established on the other groups still fails). This is
 * the logic of equivalence testing: too little data reads as "inconclusive", never as "fair".
 * With control attributes the criteria are judged within each control level.
 *
 * <p>Immutable and thread-safe.
 */
public final class FairnessAssessment {
    private final AssessmentSettings settings;

    private FairnessAssessment(AssessmentSettings settings) {
        this.settings = settings;
    }

    /** An assessment with the given settings. */
    public static FairnessAssessment of(AssessmentSettings settings) {
        return new FairnessAssessment(Checks.requireNonNull(settings, "settings"));
    }

    /** A builder; {@link Builder#build()} reports every problem at once. */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings. */
    public AssessmentSettings settings() {
        return settings;
    }

    /**
     * Assesses accumulated data.
     *
     * @throws IllegalArgumentException if the reference does not name one existing level per
     *                                  sensitive attribute, or the reference group has nobody
     */
    public FairnessReport assess(GroupedStats data) {
        Checks.requireNonNull(data, "data");
        List<String> sensitive = data.sensitiveNames();
        List<String> controls = data.controlNames();
        GroupKey reference = alignReference(data, sensitive);

        List<List<String>> viewAttributes = new ArrayList<>();
        if (sensitive.size() == 1 || settings.views() == AssessmentSettings.Views.INTERSECTION) {
            viewAttributes.add(sensitive);
        } else {
            sensitive.forEach(a -> viewAttributes.add(List.of(a)));
            if (settings.views() == AssessmentSettings.Views.EACH_AND_INTERSECTION) {
                viewAttributes.add(sensitive);
            }
        }
        List<GroupKey> strata = new ArrayList<>();
        strata.add(GroupKey.OVERALL);
        if (!controls.isEmpty()) {
            data.marginal(controls).keySet().forEach(strata::add);
        }

        ViewAnalyzer analyzer = new ViewAnalyzer(settings);
        Randomness bootstrapRoot = settings.bootstrap() == null ? null : Randomness.insecureSeeded(settings.bootstrap().seed());
        List<ViewResult> views = new ArrayList<>();
        for (GroupKey stratum : strata) {
            for (List<String> attrs : viewAttributes) {
                String name = String.join(" x ", attrs);
                Map<GroupKey, GroupedStats.Cell> cells = stratum.overall() ? data.marginal(attrs) : data.marginal(attrs, stratum);
                GroupedStats.Cell overall = stratum.overall() ? data.overall() : data.overall(stratum);
                String qualified = stratum.overall() ? name : name + " [" + stratum.label() + "]";
                views.add(analyzer.analyze(name, attrs, stratum, reference.project(attrs), overall, cells,
                        bootstrapRoot == null ? null : bootstrapRoot.derive("view:" + qualified)));
            }
        }
        List<ViewResult> judged = controls.isEmpty() ? views : views.stream().filter(v -> !v.stratum().overall()).toList();
        List<CriterionResult> criteria = settings.criteria().isEmpty() ? List.of()
                : new VerdictEngine(settings, analyzer).evaluate(judged, settings.bootstrap() == null ? 0 : settings.bootstrap().seed());
        Verdict verdict = overallVerdict(criteria);
        FairnessReport.DataSummary summary = new FairnessReport.DataSummary(data.attributes(), data.missingPolicy(), data.rows(),
                data.rowsKept(), data.missing(), data.dropped(), data.hasScores(), data.hasRegression());
        RandomnessStamp stamp = bootstrapRoot == null ? null : RandomnessStamp.of(bootstrapRoot);
        return new FairnessReport(settings, summary, views, criteria, verdict, notes(views, data), stamp, List.of(),
                FairnessReport.Publication.UNSUPPRESSED);
    }

    /** Assesses a {@link FairnessData} table (in-memory columns). */
    public FairnessReport assess(FairnessData data) {
        return assess(Checks.requireNonNull(data, "data").accumulate().snapshot());
    }

    private GroupKey alignReference(GroupedStats data, List<String> sensitive) {
        GroupKey given = settings.reference();
        if (!new java.util.HashSet<>(given.attributes()).equals(new java.util.HashSet<>(sensitive))
                || given.attributes().size() != sensitive.size()) {
            throw Checks.argument("reference").mustBe("one value for each sensitive attribute " + sensitive).got(given.label())
                    .fix("Name the reference group's value of every sensitive attribute, e.g. " + example(sensitive) + ".").exception();
        }
        GroupKey aligned = given.project(sensitive);
        for (int i = 0; i < sensitive.size(); i++) {
            List<String> levels = data.levels(sensitive.get(i));
            if (!levels.contains(aligned.values().get(i))) {
                throw Checks.argument("reference " + sensitive.get(i)).mustBe("one of the levels in the data " + levels)
                        .got(aligned.values().get(i)).fix("Name a group that exists in the data (values are case-sensitive).").exception();
            }
        }
        GroupedStats.Cell cell = data.marginal(sensitive).get(aligned);
        if (cell == null || cell.counts().n() == 0) {
            throw Checks.argument("reference").mustBe("a group with people in the data").got(aligned.label())
                    .fix("Choose a reference group that has rows (the combination is empty).").exception();
        }
        return aligned;
    }

    private static String example(List<String> sensitive) {
        List<String> parts = new ArrayList<>();
        sensitive.forEach(a -> parts.add(a + "=<value>"));
        return String.join(",", parts);
    }

    static Verdict overallVerdict(List<CriterionResult> criteria) {
        if (criteria.isEmpty()) {
            return Verdict.INFORMATIONAL;
        }
        if (criteria.stream().anyMatch(c -> c.verdict() == Verdict.FAIL)) {
            return Verdict.FAIL;
        }
        if (criteria.stream().allMatch(c -> c.verdict() == Verdict.PASS)) {
            return Verdict.PASS;
        }
        return Verdict.INCONCLUSIVE;
    }

    private List<String> notes(List<ViewResult> views, GroupedStats data) {
        List<String> notes = new ArrayList<>();
        data.dropped().forEach((reason, n) -> notes.add(n + " rows dropped (" + reason + ")"));
        data.missing().forEach((attribute, n) -> {
            if (n > 0) {
                notes.add(n + " rows with " + attribute + " missing (policy: " + data.missingPolicy().name().toLowerCase(java.util.Locale.ROOT)
                        .replace('_', '-') + ")");
            }
        });
        for (ViewResult v : views) {
            for (GroupResult g : v.groups()) {
                if (g.declaredButEmpty()) {
                    notes.add(v.qualifiedName() + ": " + g.key().label() + " is empty (a combination of declared or observed levels that nobody has)");
                    continue;
                }
                Map<String, List<String>> byReason = new LinkedHashMap<>();
                for (Map.Entry<Metric, Estimate> e : g.metrics().entrySet()) {
                    if (!e.getValue().defined()) {
                        byReason.computeIfAbsent(e.getValue().undefinedReason(), k -> new ArrayList<>()).add(e.getKey().id());
                    }
                }
                byReason.forEach((reason, metrics) -> notes.add(v.qualifiedName() + ": " + g.key().label() + ": " + String.join(", ", metrics)
                        + " undefined (" + reason + "); left out of aggregates"));
                if (g.n() < settings.floor().minGroupSize()) {
                    notes.add(v.qualifiedName() + ": " + g.key().label() + " has " + g.n() + " people, below the reliability floor of "
                            + settings.floor().minGroupSize() + ": its comparisons cannot pass or fail");
                }
            }
        }
        return notes;
    }

    /** Builds a {@link FairnessAssessment}; reports every problem at once. Not thread-safe. */
    public static final class Builder {
        private FavourableOutcome favourable;
        private final Map<String, String> reference = new LinkedHashMap<>();
        private String referenceRationale;
        private ProportionMethod intervalMethod = ProportionMethod.WILSON;
        private ConfidenceLevel level = ConfidenceLevel.NINETY_FIVE;
        private ReliabilityFloor floor = ReliabilityFloor.DEFAULT;
        private int minCellSize = 10;
        private final List<Criterion> criteria = new ArrayList<>();
        private BootstrapSettings bootstrap;
        private TestChoice test = TestChoice.AUTO;
        private PValueAdjustment screening = PValueAdjustment.BENJAMINI_HOCHBERG;
        private PValueAdjustment verdictAdjustment = PValueAdjustment.HOLM;
        private AssessmentSettings.Views views = AssessmentSettings.Views.EACH_AND_INTERSECTION;

        private Builder() {
        }

        /** Which class is favourable to the person (required). */
        public Builder favourable(FavourableOutcome outcome) {
            this.favourable = outcome;
            return this;
        }

        /** The reference group's value of one sensitive attribute, and why it is the reference (required; one call per attribute). */
        public Builder reference(String attribute, String value, String rationale) {
            reference.put(Checks.requireNonBlank(attribute, "reference attribute"), Checks.requireNonNull(value, "reference value"));
            this.referenceRationale = rationale;
            return this;
        }

        /** The reference group as a key, and why it is the reference (required). */
        public Builder reference(GroupKey group, String rationale) {
            Checks.requireNonNull(group, "reference");
            reference.clear();
            for (int i = 0; i < group.attributes().size(); i++) {
                reference.put(group.attributes().get(i), group.values().get(i));
            }
            this.referenceRationale = rationale;
            return this;
        }

        /** The interval for per-group rates; Wilson by default. */
        public Builder intervals(ProportionMethod method) {
            this.intervalMethod = method;
            return this;
        }

        /** The coverage of every interval and 1 - alpha of the verdicts; 0.95 by default. */
        public Builder level(ConfidenceLevel confidence) {
            this.level = confidence;
            return this;
        }

        /** The reliability floor; 30 people and 10 per conditional denominator by default. */
        public Builder reliabilityFloor(ReliabilityFloor reliability) {
            this.floor = reliability;
            return this;
        }

        /** The disclosure floor for published reports; 10 by default (0 to publish everything). */
        public Builder minCellSize(int cells) {
            this.minCellSize = cells;
            return this;
        }

        /** Adds a pre-registered criterion. */
        public Builder criterion(Criterion c) {
            criteria.add(c);
            return this;
        }

        /** A bootstrap for the aggregates (off by default). */
        public Builder bootstrap(BootstrapSettings b) {
            this.bootstrap = b;
            return this;
        }

        /** The per-comparison test; {@link TestChoice#AUTO} by default. */
        public Builder test(TestChoice choice) {
            this.test = choice;
            return this;
        }

        /** The adjustment of per-metric p-values across groups; Benjamini-Hochberg by default. */
        public Builder screening(PValueAdjustment adjustment) {
            this.screening = adjustment;
            return this;
        }

        /** The adjustment across criterion comparisons; Holm by default. */
        public Builder verdictAdjustment(PValueAdjustment adjustment) {
            this.verdictAdjustment = adjustment;
            return this;
        }

        /** Which groupings are reported; each attribute and their intersection by default. */
        public Builder views(AssessmentSettings.Views which) {
            this.views = which;
            return this;
        }

        /** Validates and builds. */
        public FairnessAssessment build() {
            Problems p = Problems.of("FairnessAssessment");
            p.check(favourable != null, () -> Checks.argument("favourable").mustBe("given").got(null)
                    .fix("Say which class is favourable to the person: favourable(FavourableOutcome.POSITIVE_CLASS) or NEGATIVE_CLASS."));
            p.check(!reference.isEmpty(), () -> Checks.argument("reference").mustBe("given").got(null)
                    .fix("Name the reference group, e.g. reference(\"sex\", \"Male\", \"largest group\")."));
            p.check(reference.isEmpty() || referenceRationale != null && !referenceRationale.isBlank(), () -> Checks
                    .argument("reference rationale").mustBe("a non-blank reason").got(referenceRationale)
                    .fix("Say why this group is the reference (e.g. 'largest group', 'historically advantaged')."));
            p.check(intervalMethod != null, () -> Checks.argument("intervals").mustBe("given").got(null).noFix());
            p.check(level != null, () -> Checks.argument("level").mustBe("given").got(null).noFix());
            p.check(floor != null, () -> Checks.argument("reliabilityFloor").mustBe("given").got(null).noFix());
            p.check(minCellSize >= 0, () -> Checks.argument("minCellSize").mustBe(">= 0").got(minCellSize).noFix());
            p.throwIfAny();
            AssessmentSettings s = new AssessmentSettings(favourable,
                    new GroupKey(new ArrayList<>(reference.keySet()), new ArrayList<>(reference.values())), referenceRationale,
                    intervalMethod, level, floor, minCellSize, criteria, bootstrap, test, screening, verdictAdjustment, views);
            return new FairnessAssessment(s);
        }
    }
}
