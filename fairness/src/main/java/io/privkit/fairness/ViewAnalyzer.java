package io.privkit.fairness;

import io.privkit.common.Randomness;
import io.privkit.evidence.ConfidenceInterval;
import io.privkit.evidence.Estimate;
import io.privkit.fairness.metrics.Aggregate;
import io.privkit.fairness.metrics.Aggregates;
import io.privkit.fairness.metrics.AifComparison;
import io.privkit.fairness.metrics.ConfusionCounts;
import io.privkit.fairness.metrics.DifferentialFairness;
import io.privkit.fairness.metrics.InequalityIndices;
import io.privkit.fairness.metrics.Metric;
import io.privkit.fairness.metrics.RateEstimator;
import io.privkit.fairness.metrics.ReliabilityBin;
import io.privkit.fairness.stats.ChiSquareIndependence;
import io.privkit.fairness.stats.Proportion;
import io.privkit.fairness.stats.TwoProportions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Computes one {@link ViewResult} from a view's cells. Package-private: used by {@link FairnessAssessment}. */
final class ViewAnalyzer {
    /** Above this many people in a 2x2 table, {@link TestChoice#AUTO} uses the z test. */
    static final long FISHER_LIMIT = 100_000;
    private static final double CONCENTRATION = 1.0;

    private final AssessmentSettings settings;
    private final RateEstimator estimator;

    ViewAnalyzer(AssessmentSettings settings) {
        this.settings = settings;
        this.estimator = new RateEstimator(settings.intervalMethod(), settings.level(), settings.favourable());
    }

    RateEstimator estimator() {
        return estimator;
    }

    ViewResult analyze(String name, List<String> attributes, GroupKey stratum, GroupKey reference, GroupedStats.Cell overallCell,
                       Map<GroupKey, GroupedStats.Cell> cells, Randomness bootstrapStream) {
        double level = settings.level().value();
        double z = settings.level().z();
        GroupResult overall = group(overallCell, level, z);
        List<GroupResult> groups = new ArrayList<>();
        for (GroupedStats.Cell c : cells.values()) {
            groups.add(group(c, level, z));
        }
        GroupResult ref = groups.stream().filter(g -> g.key().equals(reference)).findFirst().orElseThrow();
        List<Metric> metrics = new ArrayList<>(overall.metrics().keySet());

        // Comparisons with the reference (and screening adjustment per metric) and with everyone.
        List<PairComparison> comparisons = new ArrayList<>();
        for (Metric m : metrics) {
            List<PairComparison> family = new ArrayList<>();
            for (GroupResult g : groups) {
                if (!g.key().equals(reference)) {
                    family.add(vsReference(m, g, ref));
                }
            }
            List<Integer> tested = new ArrayList<>();
            for (int i = 0; i < family.size(); i++) {
                if (family.get(i).pValue() != null) {
                    tested.add(i);
                }
            }
            double[] raw = tested.stream().mapToDouble(i -> family.get(i).pValue()).toArray();
            double[] adjusted = settings.screening().adjust(raw);
            for (int t = 0; t < tested.size(); t++) {
                family.set(tested.get(t), family.get(tested.get(t)).withAdjusted(adjusted[t]));
            }
            comparisons.addAll(family);
            for (GroupResult g : groups) {
                comparisons.add(vsOverall(m, g, overall));
            }
        }

        // Aggregates per metric, with the bootstrap when asked.
        List<Metric> countMetrics = metrics.stream().filter(Metric::fromCounts).toList();
        CountBootstrap boot = null;
        if (settings.bootstrap() != null && groups.stream().anyMatch(g -> g.n() > 0)) {
            boot = CountBootstrap.run(groups.stream().map(GroupResult::counts).toList(), countMetrics, settings.favourable(),
                    settings.bootstrap(), bootstrapStream);
        }
        List<MetricSummary> summaries = new ArrayList<>();
        for (Metric m : metrics) {
            summaries.add(summary(m, groups, overall, m.fromCounts() ? boot : null));
        }

        Map<String, Aggregate> named = named(summaries);

        // AIF360's privileged/unprivileged view.
        List<AifComparison> aif = new ArrayList<>();
        ConfusionCounts others = ConfusionCounts.EMPTY;
        int nonEmptyOthers = 0;
        for (GroupResult g : groups) {
            if (!g.key().equals(reference) && g.n() > 0) {
                aif.add(AifComparison.of(g.key().label(), g.counts(), ref.key().label(), ref.counts(), settings.favourable()));
                others = others.plus(g.counts());
                nonEmptyOthers++;
            }
        }
        if (nonEmptyOthers > 1) {
            aif.add(AifComparison.of("not " + ref.key().label(), others, ref.key().label(), ref.counts(), settings.favourable()));
        }

        List<Estimate> indices = indices(groups);

        Omnibus omnibus = omnibus(groups);
        List<FourFifthsRow> fourFifths = fourFifths(groups, ref, z, level);
        return new ViewResult(name, attributes, stratum, reference, overall, groups, comparisons, summaries, named, aif, indices,
                omnibus.test(), omnibus.note(), fourFifths);
    }

    /** The omnibus test and its note. */
    private record Omnibus(ChiSquareIndependence test, String note) {
    }

    private Omnibus omnibus(List<GroupResult> groups) {
        List<long[]> rows = new ArrayList<>();
        for (GroupResult g : groups) {
            if (g.n() > 0) {
                ConfusionCounts f = g.counts().favourableView(settings.favourable());
                rows.add(new long[] {f.predictedPositives(), f.predictedNegatives()});
            }
        }
        try {
            ChiSquareIndependence test = ChiSquareIndependence.of(rows.toArray(new long[0][]));
            String note = test.cellsExpectedBelow5() == 0 ? null : test.cellsExpectedBelow5()
                    + " cells have an expected count below 5 (smallest " + String.format(java.util.Locale.ROOT, "%.2f", test.minExpected())
                    + "): the chi-squared approximation is questionable";
            return new Omnibus(test, note);
        } catch (IllegalArgumentException e) {
            return new Omnibus(null, "not computed: needs two non-empty groups and both decisions present");
        }
    }

    /**
     * The view with some groups withheld (for a published report): their rows leave the groups,
     * comparisons, AIF360 rows and four-fifths rows; aggregates, indices and the omnibus test are
     * recomputed over the groups that remain (without bootstrap intervals); the overall figures
     * stay (they are over everyone). When the reference is withheld, so is every comparison with it.
     */
    ViewResult restrict(ViewResult v, java.util.Set<GroupKey> withheld) {
        if (withheld.isEmpty()) {
            return v;
        }
        List<GroupResult> groups = v.groups().stream().filter(g -> !withheld.contains(g.key())).toList();
        boolean referenceWithheld = withheld.contains(v.reference());
        List<PairComparison> comparisons = v.comparisons().stream()
                .filter(c -> !withheld.contains(c.group()) && !(referenceWithheld && !c.toOverall())).toList();
        List<MetricSummary> summaries = new ArrayList<>();
        for (MetricSummary s : v.summaries()) {
            summaries.add(summary(s.metric(), groups, v.overall(), null));
        }
        List<AifComparison> aif = referenceWithheld ? List.of() : v.aif().stream()
                .filter(a -> groups.stream().anyMatch(g -> g.key().label().equals(a.unprivileged()))).toList();
        Omnibus omnibus = omnibus(groups);
        List<FourFifthsRow> fourFifths = referenceWithheld || groups.isEmpty() ? List.of()
                : fourFifths(groups, v.referenceGroup(), settings.level().z(), settings.level().value());
        return new ViewResult(v.name(), v.attributes(), v.stratum(), v.reference(), v.overall(), groups, comparisons, summaries,
                named(summaries), aif, indices(groups), omnibus.test(), omnibus.note(), fourFifths);
    }

    GroupResult group(GroupedStats.Cell c, double level, double z) {
        Map<Metric, Estimate> metrics = new EnumMap<>(Metric.class);
        metrics.putAll(estimator.all(c.counts()));
        List<ReliabilityBin> calibration = List.of();
        if (c.scores() != null) {
            metrics.put(Metric.ROC_AUC, c.scores().auc(level, z));
            metrics.put(Metric.BRIER, c.scores().brier(level, z));
            metrics.put(Metric.ECE, c.scores().ece());
            metrics.put(Metric.MEAN_SCORE, c.scores().meanScore());
            calibration = c.scores().reliabilityByBin();
        }
        if (c.regression() != null) {
            metrics.put(Metric.MAE, c.regression().mae(level, z));
            metrics.put(Metric.MSE, c.regression().mse(level, z));
            metrics.put(Metric.R2, c.regression().r2());
            metrics.put(Metric.MEAN_RESIDUAL, c.regression().meanResidual(level, z));
        }
        return new GroupResult(c.key(), c.counts(), metrics, calibration, c.counts().n() == 0);
    }

    private PairComparison vsReference(Metric m, GroupResult g, GroupResult ref) {
        String floor = floorNote(m, g, ref);
        Estimate a = g.metric(m);
        Estimate b = ref.metric(m);
        if (!a.defined() || !b.defined()) {
            String why = !a.defined() ? "group: " + a.undefinedReason() : "reference: " + b.undefinedReason();
            return new PairComparison(m, g.key(), ref.key(), null, null, null, null, null, null, null, why, floor);
        }
        double d = a.value() - b.value();
        Double ratio = b.value() == 0 ? null : a.value() / b.value();
        if (m.kind() != Metric.Kind.RATE) {
            return new PairComparison(m, g.key(), ref.key(), d, null, ratio, null, null, null, null, null, floor);
        }
        Proportion pa = m.proportion(g.counts(), settings.favourable());
        Proportion pb = m.proportion(ref.counts(), settings.favourable());
        TwoProportions t = TwoProportions.of(pa, pb);
        ConfidenceInterval dci = t.newcombe(settings.level());
        ConfidenceInterval rci = t.katz(settings.level()).orElse(null);
        boolean fisher = settings.test() == TestChoice.FISHER_EXACT
                || settings.test() == TestChoice.AUTO && pa.trials() + pb.trials() <= FISHER_LIMIT;
        double p = fisher ? t.fisherExactP() : t.pooledZPValue();
        return new PairComparison(m, g.key(), ref.key(), d, dci, ratio, rci, fisher ? TestChoice.FISHER_EXACT.id()
                : TestChoice.POOLED_Z.id(), p, null, null, floor);
    }

    private PairComparison vsOverall(Metric m, GroupResult g, GroupResult overall) {
        Estimate a = g.metric(m);
        Estimate b = overall.metric(m);
        if (!a.defined() || !b.defined()) {
            String why = !a.defined() ? "group: " + a.undefinedReason() : "overall: " + b.undefinedReason();
            return new PairComparison(m, g.key(), GroupKey.OVERALL, null, null, null, null, null, null, null, why, null);
        }
        Double ratio = b.value() == 0 ? null : a.value() / b.value();
        return new PairComparison(m, g.key(), GroupKey.OVERALL, a.value() - b.value(), null, ratio, null, null, null, null, null, null);
    }

    String floorNote(Metric m, GroupResult g, GroupResult ref) {
        String own = settings.floor().shortfall(m, g.counts());
        if (own != null) {
            return "group: " + own;
        }
        String theirs = settings.floor().shortfall(m, ref.counts());
        return theirs == null ? null : "reference: " + theirs;
    }

    private MetricSummary summary(Metric m, List<GroupResult> groups, GroupResult overall, CountBootstrap boot) {
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Double> aboveFloor = new LinkedHashMap<>();
        List<String> belowFloor = new ArrayList<>();
        boolean[] include = new boolean[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            GroupResult g = groups.get(i);
            Estimate e = g.metric(m);
            double v = e.defined() ? e.value() : Double.NaN;
            values.put(g.key().key(), v);
            String shortfall = m.fromCounts() ? settings.floor().shortfall(m, g.counts())
                    : g.n() < settings.floor().minGroupSize() ? g.n() + " people, below the reliability floor" : null;
            if (shortfall == null) {
                aboveFloor.put(g.key().key(), v);
                include[i] = true;
            } else if (g.n() > 0) {
                belowFloor.add(g.key().key() + " (" + shortfall + ")");
            }
        }
        Estimate o = overall.metric(m);
        double ov = o.defined() ? o.value() : Double.NaN;
        Map<Aggregates.Kind, Aggregate> aggregates = new EnumMap<>(Aggregates.Kind.class);
        for (Aggregates.Kind k : Aggregates.Kind.values()) {
            Aggregate a = Aggregates.of(k, values, ov);
            if (boot != null && k != Aggregates.Kind.GROUP_MIN && k != Aggregates.Kind.GROUP_MAX) {
                a = a.withCi(CountBootstrap.percentile(boot.aggregate(m, k, null), settings.level().value()));
            }
            aggregates.put(k, a);
        }
        Aggregate d = Aggregates.of(Aggregates.Kind.DIFFERENCE_BETWEEN_GROUPS, aboveFloor, ov);
        Aggregate r = Aggregates.of(Aggregates.Kind.RATIO_BETWEEN_GROUPS, aboveFloor, ov);
        List<String> excludedD = new ArrayList<>(d.excluded());
        excludedD.addAll(belowFloor);
        List<String> excludedR = new ArrayList<>(r.excluded());
        excludedR.addAll(belowFloor);
        if (boot != null) {
            d = new Aggregate(d.value(), d.undefinedReason(), excludedD,
                    CountBootstrap.percentile(boot.aggregate(m, Aggregates.Kind.DIFFERENCE_BETWEEN_GROUPS, include), settings.level().value()));
            r = new Aggregate(r.value(), r.undefinedReason(), excludedR,
                    CountBootstrap.percentile(boot.aggregate(m, Aggregates.Kind.RATIO_BETWEEN_GROUPS, include), settings.level().value()));
        } else {
            d = new Aggregate(d.value(), d.undefinedReason(), excludedD, null);
            r = new Aggregate(r.value(), r.undefinedReason(), excludedR, null);
        }
        return new MetricSummary(m, aggregates, d, r);
    }

    private static Map<String, Aggregate> named(List<MetricSummary> summaries) {
        Map<Metric, MetricSummary> by = new EnumMap<>(Metric.class);
        summaries.forEach(s -> by.put(s.metric(), s));
        Map<String, Aggregate> out = new LinkedHashMap<>();
        String[] methods = {"between-groups", "to-overall"};
        Aggregates.Kind[] diff = {Aggregates.Kind.DIFFERENCE_BETWEEN_GROUPS, Aggregates.Kind.DIFFERENCE_TO_OVERALL};
        Aggregates.Kind[] ratio = {Aggregates.Kind.RATIO_BETWEEN_GROUPS, Aggregates.Kind.RATIO_TO_OVERALL};
        for (int i = 0; i < 2; i++) {
            out.put("demographic-parity-difference/" + methods[i], by.get(Metric.SELECTION_RATE).get(diff[i]));
            out.put("demographic-parity-ratio/" + methods[i], by.get(Metric.SELECTION_RATE).get(ratio[i]));
            out.put("equal-opportunity-difference/" + methods[i], by.get(Metric.TPR).get(diff[i]));
            out.put("equal-opportunity-ratio/" + methods[i], by.get(Metric.TPR).get(ratio[i]));
            Aggregate td = by.get(Metric.TPR).get(diff[i]);
            Aggregate fd = by.get(Metric.FPR).get(diff[i]);
            Aggregate tr = by.get(Metric.TPR).get(ratio[i]);
            Aggregate fr = by.get(Metric.FPR).get(ratio[i]);
            out.put("equalized-odds-difference/worst-case/" + methods[i], combine(td, fd, true, true));
            out.put("equalized-odds-difference/mean/" + methods[i], combine(td, fd, false, true));
            out.put("equalized-odds-ratio/worst-case/" + methods[i], combine(tr, fr, true, false));
            out.put("equalized-odds-ratio/mean/" + methods[i], combine(tr, fr, false, false));
        }
        return out;
    }

    private static Aggregate combine(Aggregate tpr, Aggregate fpr, boolean worst, boolean difference) {
        List<String> excluded = new ArrayList<>();
        tpr.excluded().forEach(e -> excluded.add("tpr: " + e));
        fpr.excluded().forEach(e -> excluded.add("fpr: " + e));
        if (!tpr.defined() || !fpr.defined()) {
            return Aggregate.undefined(!tpr.defined() ? "tpr: " + tpr.undefinedReason() : "fpr: " + fpr.undefinedReason(), excluded);
        }
        double v = worst ? (difference ? Math.max(tpr.value(), fpr.value()) : Math.min(tpr.value(), fpr.value()))
                : (tpr.value() + fpr.value()) / 2;
        return Aggregate.of(v, excluded);
    }

    private List<Estimate> indices(List<GroupResult> groups) {
        List<ConfusionCounts> fav = groups.stream().map(g -> g.counts().favourableView(settings.favourable())).toList();
        List<Estimate> out = new ArrayList<>();
        Estimate ge2 = InequalityIndices.generalizedEntropy(fav, 2);
        out.add(ge2);
        out.add(InequalityIndices.theil(fav));
        out.add(InequalityIndices.coefficientOfVariation(ge2));
        Estimate bge2 = InequalityIndices.betweenGroupGeneralizedEntropy(fav, 2);
        out.add(bge2);
        out.add(InequalityIndices.betweenGroupGeneralizedEntropy(fav, 1));
        out.add(InequalityIndices.coefficientOfVariation(bge2));
        List<long[]> labels = new ArrayList<>();
        List<long[]> predictions = new ArrayList<>();
        for (ConfusionCounts c : fav) {
            labels.add(new long[] {c.actualPositives(), c.n()});
            predictions.add(new long[] {c.predictedPositives(), c.n()});
        }
        Estimate onLabels = DifferentialFairness.epsilon("differential-fairness-labels", labels, CONCENTRATION);
        Estimate onPredictions = DifferentialFairness.epsilon("differential-fairness-predictions", predictions, CONCENTRATION);
        out.add(onLabels);
        out.add(onPredictions);
        out.add(onLabels.defined() && onPredictions.defined()
                ? Estimate.of("differential-fairness-amplification", onPredictions.value() - onLabels.value(), null)
                : Estimate.undefined("differential-fairness-amplification", "fewer than two non-empty groups"));
        return out;
    }

    private List<FourFifthsRow> fourFifths(List<GroupResult> groups, GroupResult ref, double z, double level) {
        double highest = groups.stream().map(g -> g.metric(Metric.FAVOURABLE_RATE)).filter(Estimate::defined)
                .mapToDouble(Estimate::value).max().orElse(Double.NaN);
        Estimate refRate = ref.metric(Metric.FAVOURABLE_RATE);
        List<FourFifthsRow> out = new ArrayList<>();
        for (GroupResult g : groups) {
            Estimate rate = g.metric(Metric.FAVOURABLE_RATE);
            Double vsHighest = rate.defined() && highest > 0 ? rate.value() / highest : null;
            Double vsRef = null;
            ConfidenceInterval ci = null;
            if (rate.defined() && refRate.defined() && refRate.value() > 0) {
                vsRef = rate.value() / refRate.value();
                TwoProportions t = TwoProportions.of(Metric.FAVOURABLE_RATE.proportion(g.counts(), settings.favourable()),
                        Metric.FAVOURABLE_RATE.proportion(ref.counts(), settings.favourable()));
                ci = t.katz(settings.level()).orElse(null);
            }
            out.add(new FourFifthsRow(g.key(), rate, vsHighest, vsRef, ci, vsHighest != null && vsHighest < 0.8,
                    vsRef != null && vsRef < 0.8));
        }
        return out;
    }
}
