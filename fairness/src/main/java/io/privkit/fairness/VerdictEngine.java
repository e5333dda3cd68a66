package io.privkit.fairness;

import io.privkit.common.Randomness;
import io.privkit.evidence.ConfidenceInterval;
import io.privkit.evidence.IntervalMethod;
import io.privkit.evidence.Verdict;
import io.privkit.fairness.metrics.Aggregates;
import io.privkit.fairness.metrics.ConfusionCounts;
import io.privkit.fairness.metrics.Metric;
import io.privkit.fairness.stats.Proportion;
import io.privkit.fairness.stats.TwoProportions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Verdicts of pre-registered criteria (package-private; described in {@link FairnessAssessment}).
 *
 * <p>Each comparison has a family of nested intervals indexed by the tail probability gamma (the
 * interval at level {@code 1 - gamma}). It is <i>equivalent</i> when the interval at the
 * assessment's level lies inside the tolerance band (an intersection-union test: every comparison
 * must show it, so no multiplicity adjustment is needed, R. L. Berger, Technometrics 24, 1982);
 * its <i>violation p-value</i> is the smallest gamma whose interval lies wholly outside the band
 * (found by bisection on log gamma), and a comparison fails when its Holm-adjusted violation
 * p-value is at most {@code 1 - level}.
 */
final class VerdictEngine {
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);
    private static final double SMALLEST_P = 1e-300;

    private final AssessmentSettings settings;
    private final ViewAnalyzer analyzer;
    private final double alpha;

    VerdictEngine(AssessmentSettings settings, ViewAnalyzer analyzer) {
        this.settings = settings;
        this.analyzer = analyzer;
        this.alpha = settings.level().alpha();
    }

    /** A comparison before the multiplicity adjustment. */
    private record Pending(int criterion, ComparisonVerdict draft, boolean tested, boolean equivalent) {
    }

    List<CriterionResult> evaluate(List<ViewResult> views, long bootstrapSeed) {
        List<Pending> pending = new ArrayList<>();
        for (int ci = 0; ci < settings.criteria().size(); ci++) {
            Criterion c = settings.criteria().get(ci);
            for (ViewResult v : views) {
                if (c.comparison() == Criterion.Comparison.VS_REFERENCE) {
                    vsReference(ci, c, v, pending);
                } else {
                    pending.add(betweenGroups(ci, c, v, Randomness.insecureSeeded(bootstrapSeed).derive("criterion:" + c.name() + ":"
                            + v.qualifiedName())));
                }
            }
        }
        List<Integer> tested = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            if (pending.get(i).tested()) {
                tested.add(i);
            }
        }
        double[] adjusted = settings.verdictAdjustment().adjust(tested.stream().mapToDouble(i -> pending.get(i).draft().pViolation()).toArray());
        List<ComparisonVerdict> decided = new ArrayList<>();
        for (Pending p : pending) {
            decided.add(p.draft());
        }
        for (int t = 0; t < tested.size(); t++) {
            Pending p = pending.get(tested.get(t));
            ComparisonVerdict d = p.draft();
            double adj = adjusted[t];
            Verdict v;
            String why;
            String interval = d.ci() == null ? "" : " " + interval(d.ci());
            if (adj <= alpha) {
                v = Verdict.FAIL;
                why = "interval" + interval + " lies outside " + settings.criteria().get(p.criterion()).tolerance().describe()
                        + " (p = " + p(d.pViolation()) + ", " + settings.verdictAdjustment().id() + "-adjusted " + p(adj) + ")";
            } else if (p.equivalent()) {
                v = Verdict.PASS;
                why = "interval" + interval + " lies inside " + settings.criteria().get(p.criterion()).tolerance().describe();
            } else {
                v = Verdict.INCONCLUSIVE;
                why = "interval" + interval + " straddles " + settings.criteria().get(p.criterion()).tolerance().describe();
            }
            decided.set(tested.get(t), d.with(adj, v, why));
        }
        List<CriterionResult> out = new ArrayList<>();
        for (int ci = 0; ci < settings.criteria().size(); ci++) {
            List<ComparisonVerdict> mine = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                if (pending.get(i).criterion() == ci) {
                    mine.add(decided.get(i));
                }
            }
            out.add(summarise(settings.criteria().get(ci), mine));
        }
        return out;
    }

    CriterionResult summarise(Criterion c, List<ComparisonVerdict> comparisons) {
        if (comparisons.isEmpty()) {
            return new CriterionResult(c, Verdict.INCONCLUSIVE, "no group to compare with the reference", comparisons);
        }
        List<ComparisonVerdict> fails = comparisons.stream().filter(x -> x.verdict() == Verdict.FAIL).toList();
        List<ComparisonVerdict> open = comparisons.stream().filter(x -> x.verdict() == Verdict.INCONCLUSIVE).toList();
        if (!fails.isEmpty()) {
            return new CriterionResult(c, Verdict.FAIL, fails.size() + " of " + comparisons.size() + " comparisons fail: "
                    + describe(fails), comparisons);
        }
        if (open.isEmpty()) {
            return new CriterionResult(c, Verdict.PASS, "all " + comparisons.size() + " comparisons lie inside "
                    + c.tolerance().describe() + " at " + percent(settings.level().value()) + " confidence", comparisons);
        }
        return new CriterionResult(c, Verdict.INCONCLUSIVE, open.size() + " of " + comparisons.size() + " comparisons are inconclusive: "
                + describe(open), comparisons);
    }

    private static String describe(List<ComparisonVerdict> list) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < Math.min(3, list.size()); i++) {
            ComparisonVerdict x = list.get(i);
            parts.add(x.view() + ", " + x.group() + ", " + x.statistic() + ": " + x.reason());
        }
        return String.join("; ", parts) + (list.size() > 3 ? "; and " + (list.size() - 3) + " more" : "");
    }

    private void vsReference(int ci, Criterion c, ViewResult v, List<Pending> pending) {
        GroupResult ref = v.referenceGroup();
        for (GroupResult g : v.groups()) {
            if (g.key().equals(ref.key())) {
                continue;
            }
            String statName = c.aggregation() == Criterion.Aggregation.MEAN
                    ? "mean |difference| of " + String.join(", ", c.metrics().stream().map(Metric::id).toList()) : null;
            if (g.n() == 0 || ref.n() == 0) {
                String why = g.n() == 0 ? "nobody in the group (declared but empty): not assessed" : "the reference group is empty here";
                if (statName != null) {
                    pending.add(untested(ci, v, g, statName, why));
                } else {
                    for (Metric m : c.metrics()) {
                        pending.add(untested(ci, v, g, m.id() + " " + scale(c), why));
                    }
                }
                continue;
            }
            if (c.aggregation() == Criterion.Aggregation.MEAN) {
                pending.add(meanComparison(ci, c, v, g, ref, statName));
            } else {
                for (Metric m : c.metrics()) {
                    pending.add(single(ci, c, v, g, ref, m));
                }
            }
        }
    }

    private Pending untested(int ci, ViewResult v, GroupResult g, String stat, String why) {
        return untested(ci, v, g.key().label(), stat, why);
    }

    private Pending untested(int ci, ViewResult v, String group, String stat, String why) {
        return new Pending(ci, new ComparisonVerdict(v.qualifiedName(), group, stat, null, null, null, null,
                Verdict.INCONCLUSIVE, why), false, false);
    }

    private Pending single(int ci, Criterion c, ViewResult v, GroupResult g, GroupResult ref, Metric m) {
        String stat = m.id() + " " + scale(c);
        Proportion pa = m.proportion(g.counts(), settings.favourable());
        Proportion pb = m.proportion(ref.counts(), settings.favourable());
        if (pa.undefined() || pb.undefined()) {
            return untested(ci, v, g, stat, "undefined: " + (pa.undefined() ? "group: " : "reference: ") + m.undefinedReason());
        }
        TwoProportions t = TwoProportions.of(pa, pb);
        boolean ratio = c.tolerance().scale() == Tolerance.Scale.RATIO;
        Double estimate;
        DoubleFunction<double[]> limits;
        if (ratio) {
            if (pb.successes() == 0 || pa.successes() == 0) {
                return untested(ci, v, g, stat, "the ratio's interval is undefined with a zero count ("
                        + (pb.successes() == 0 ? "reference" : "group") + " rate is 0)");
            }
            estimate = pa.value() / pb.value();
            limits = gamma -> t.katzLimits(z(gamma));
        } else {
            estimate = pa.value() - pb.value();
            limits = gamma -> t.newcombeLimits(z(gamma));
        }
        return decide(ci, c, v, g.key().label(), stat, estimate, limits, analyzer.floorNote(m, g, ref),
                ratio ? IntervalMethod.KATZ_LOG : IntervalMethod.NEWCOMBE);
    }

    private Pending meanComparison(int ci, Criterion c, ViewResult v, GroupResult g, GroupResult ref, String stat) {
        int k = c.metrics().size();
        List<TwoProportions> pairs = new ArrayList<>();
        String floor = null;
        for (Metric m : c.metrics()) {
            Proportion pa = m.proportion(g.counts(), settings.favourable());
            Proportion pb = m.proportion(ref.counts(), settings.favourable());
            if (pa.undefined() || pb.undefined()) {
                return untested(ci, v, g, stat, "undefined: " + m.id() + " " + (pa.undefined() ? "group: " : "reference: ")
                        + m.undefinedReason());
            }
            pairs.add(TwoProportions.of(pa, pb));
            String f = analyzer.floorNote(m, g, ref);
            floor = floor == null ? f : floor;
        }
        double estimate = pairs.stream().mapToDouble(t -> Math.abs(t.difference())).sum() / k;
        // Bonferroni over the k intervals: each at tail gamma / k, so the sum's coverage is at least 1 - gamma.
        DoubleFunction<double[]> limits = gamma -> {
            double zk = z(gamma / k);
            double lo = 0;
            double hi = 0;
            for (TwoProportions t : pairs) {
                double[] l = t.newcombeLimits(zk);
                if (l[0] >= 0) {
                    lo += l[0];
                    hi += l[1];
                } else if (l[1] <= 0) {
                    lo += -l[1];
                    hi += -l[0];
                } else {
                    hi += Math.max(-l[0], l[1]);
                }
            }
            return new double[] {lo / k, hi / k};
        };
        return decide(ci, c, v, g.key().label(), stat, estimate, limits, floor, IntervalMethod.NEWCOMBE);
    }

    private Pending decide(int ci, Criterion c, ViewResult v, String group, String stat, double estimate, DoubleFunction<double[]> limits,
                           String floor, IntervalMethod method) {
        double lower = c.tolerance().lower();
        double upper = c.tolerance().upper();
        double[] atLevel = limits.apply(alpha);
        ConfidenceInterval interval = new ConfidenceInterval(atLevel[0], atLevel[1], settings.level().value(), method);
        if (floor != null) {
            return new Pending(ci, new ComparisonVerdict(v.qualifiedName(), group, stat, estimate, interval, null, null,
                    Verdict.INCONCLUSIVE, "below the reliability floor (" + floor + "): not assessed"), false, false);
        }
        boolean equivalent = atLevel[0] >= lower && atLevel[1] <= upper;
        double p = violationP(limits, lower, upper);
        return new Pending(ci, new ComparisonVerdict(v.qualifiedName(), group, stat, estimate, interval, p, null, Verdict.INCONCLUSIVE,
                "pending"), true, equivalent);
    }

    /** The smallest tail gamma whose interval lies wholly outside [lower, upper]; 1 when even the point lies inside. */
    static double violationP(DoubleFunction<double[]> limits, double lower, double upper) {
        if (!outside(limits.apply(1.0), lower, upper)) {
            return 1.0;
        }
        if (outside(limits.apply(SMALLEST_P), lower, upper)) {
            return SMALLEST_P;
        }
        double lo = Math.log10(SMALLEST_P);   // inside at lo
        double hi = 0;                        // outside at hi
        for (int i = 0; i < 80; i++) {
            double mid = (lo + hi) / 2;
            if (outside(limits.apply(Math.pow(10, mid)), lower, upper)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return Math.pow(10, hi);
    }

    private static boolean outside(double[] interval, double lower, double upper) {
        return interval[0] > upper || interval[1] < lower;
    }

    private Pending betweenGroups(int ci, Criterion c, ViewResult v, Randomness stream) {
        String stat = (c.aggregation() == Criterion.Aggregation.MEAN ? "mean " : "worst ")
                + String.join(", ", c.metrics().stream().map(Metric::id).toList()) + " "
                + (c.tolerance().scale() == Tolerance.Scale.RATIO ? "ratio" : "difference") + " between groups";
        List<GroupResult> groups = v.groups();
        boolean[] include = new boolean[groups.size()];
        List<String> below = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            GroupResult g = groups.get(i);
            include[i] = g.n() > 0;
            for (Metric m : c.metrics()) {
                String s = settings.floor().shortfall(m, g.counts());
                if (g.n() > 0 && s != null) {
                    include[i] = false;
                    below.add(g.key().label() + " (" + s + ")");
                    break;
                }
            }
        }
        List<ConfusionCounts> counts = groups.stream().map(GroupResult::counts).toList();
        CountBootstrap boot = CountBootstrap.run(counts, c.metrics(), settings.favourable(), settings.bootstrap(), stream);
        boolean ratio = c.tolerance().scale() == Tolerance.Scale.RATIO;
        Aggregates.Kind kind = ratio ? Aggregates.Kind.RATIO_BETWEEN_GROUPS : Aggregates.Kind.DIFFERENCE_BETWEEN_GROUPS;
        double observed = combine(c, m -> {
            double[] vals = new double[groups.size()];
            int k = 0;
            for (int i = 0; i < groups.size(); i++) {
                double x = m.value(groups.get(i).counts(), settings.favourable());
                if (include[i] && !Double.isNaN(x)) {
                    vals[k++] = x;
                }
            }
            return Aggregates.compute(kind, java.util.Arrays.copyOf(vals, k), Double.NaN);
        });
        double[] samples = new double[boot.resamples()];
        for (int r = 0; r < samples.length; r++) {
            final int rr = r;
            samples[r] = combine(c, m -> boot.aggregate(m, kind, include)[rr]);
        }
        if (Double.isNaN(observed)) {
            return untested(ci, v, "between groups", stat,
                    "undefined: fewer than two groups with defined values at or above the reliability floor");
        }
        ConfidenceInterval interval = CountBootstrap.percentile(samples, settings.level().value());
        if (interval == null) {
            return new Pending(ci, new ComparisonVerdict(v.qualifiedName(), "between groups", stat, observed, null, null, null,
                    Verdict.INCONCLUSIVE, "the statistic is undefined in most resamples"), false, false);
        }
        long defined = java.util.Arrays.stream(samples).filter(x -> !Double.isNaN(x)).count();
        long beyond = ratio ? java.util.Arrays.stream(samples).filter(x -> x >= c.tolerance().bound()).count()
                : java.util.Arrays.stream(samples).filter(x -> x <= c.tolerance().bound()).count();
        double p = Math.min(1.0, 2.0 * (beyond + 1) / (defined + 1));
        boolean equivalent = ratio ? interval.lower() >= c.tolerance().bound() : interval.upper() <= c.tolerance().bound();
        if (!below.isEmpty()) {
            // The spread over the reliable groups can still show a failure, never a pass.
            equivalent = false;
        }
        return new Pending(ci, new ComparisonVerdict(v.qualifiedName(), "between groups", stat, observed, interval, p, null,
                Verdict.INCONCLUSIVE, "pending"), true, equivalent);
    }

    private static double combine(Criterion c, java.util.function.ToDoubleFunction<Metric> perMetric) {
        double acc = c.aggregation() == Criterion.Aggregation.MEAN ? 0
                : c.tolerance().scale() == Tolerance.Scale.RATIO ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        for (Metric m : c.metrics()) {
            double x = perMetric.applyAsDouble(m);
            if (Double.isNaN(x)) {
                return Double.NaN;
            }
            if (c.aggregation() == Criterion.Aggregation.MEAN) {
                acc += x / c.metrics().size();
            } else {
                acc = c.tolerance().scale() == Tolerance.Scale.RATIO ? Math.min(acc, x) : Math.max(acc, x);
            }
        }
        return acc;
    }

    private static String scale(Criterion c) {
        return c.tolerance().scale() == Tolerance.Scale.RATIO ? "ratio" : "difference";
    }

    private static double z(double gamma) {
        return STANDARD_NORMAL.inverseSurvivalProbability(Math.min(1.0, gamma) / 2);
    }

    static String p(double p) {
        return p <= SMALLEST_P ? "< 1e-300" : String.format(Locale.ROOT, "%.3g", p);
    }

    private static String interval(ConfidenceInterval ci) {
        return String.format(Locale.ROOT, "[%.4f, %.4f]", ci.lower(), ci.upper());
    }

    private static String percent(double level) {
        return String.format(Locale.ROOT, "%.4g%%", level * 100);
    }
}
