package io.privkit.fairness;

import static io.privkit.fairness.Fixtures.c;
import static io.privkit.fairness.Fixtures.map;
import static io.privkit.fairness.golden.Golden.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.evidence.Estimate;
import io.privkit.evidence.Verdict;
import io.privkit.fairness.metrics.Aggregates;
import io.privkit.fairness.metrics.ConfusionCounts;
import io.privkit.fairness.metrics.Metric;
import io.privkit.fairness.stats.ConfidenceLevel;
import io.privkit.fairness.stats.Multinomial;
import io.privkit.fairness.stats.Proportion;
import io.privkit.fairness.stats.TwoProportions;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairnessAssessmentTest {

    private static FairnessAssessment.Builder base(String attribute, String reference) {
        return FairnessAssessment.builder().favourable(FavourableOutcome.POSITIVE_CLASS).reference(attribute, reference, "largest group");
    }

    @Test
    void assess_handComputedGroups_ratesComparisonsAndAggregates() {
        // A: n = 100, selection (30+10)/100 = 0.4; B: n = 50, selection (10+2)/50 = 0.24;
        // C: nobody labelled negative, so FPR, TNR and balanced accuracy are undefined.
        GroupedStats data = Fixtures.oneAttribute("g", map("A", c(30, 10, 50, 10), "B", c(10, 2, 30, 8), "C", c(5, 0, 0, 5)));
        FairnessReport r = base("g", "A").build().assess(data);
        ViewResult v = r.view("g");
        assertEquals(List.of("A", "B", "C"), Fixtures.keys(v));
        assertEquals(0.4, v.group("A").metric(Metric.SELECTION_RATE).value(), 1e-15);
        assertEquals(12L, v.group("B").metric(Metric.SELECTION_RATE).numerator());
        assertEquals(50L, v.group("B").metric(Metric.SELECTION_RATE).denominator());
        assertFalse(v.group("C").metric(Metric.FPR).defined());
        assertEquals("no actual negatives in group", v.group("C").metric(Metric.FPR).undefinedReason());

        PairComparison b = v.vsReference(Metric.SELECTION_RATE, "B");
        close(0.24 - 0.4, b.difference(), 1e-15, "difference");
        TwoProportions t = TwoProportions.of(Proportion.of(12, 50), Proportion.of(40, 100));
        assertEquals(t.newcombe(ConfidenceLevel.NINETY_FIVE), b.differenceCi());
        close(0.6, b.ratio(), 1e-15, "ratio");
        assertEquals("fisher-exact", b.test());
        close(t.fisherExactP(), b.pValue(), 0, "p");
        assertTrue(b.adjustedPValue() >= b.pValue());

        // FPR: A 10/60, B 2/32, C undefined -> between-groups difference over A and B only, C named.
        var fpr = v.summary(Metric.FPR).get(Aggregates.Kind.DIFFERENCE_BETWEEN_GROUPS);
        close(10.0 / 60 - 2.0 / 32, fpr.value(), 1e-15, "fpr spread");
        assertEquals(List.of("C (undefined)"), fpr.excluded());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("g: g=C: fpr, tnr undefined (no actual negatives in group); left out of aggregates")),
                r.notes().toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("g=C has 10 people, below the reliability floor of 30")), r.notes().toString());
        assertEquals(Verdict.INFORMATIONAL, r.verdict());
        // Vs overall: A's selection 0.4 against everyone's (40+12+5)/160.
        PairComparison vsAll = v.comparisons().stream().filter(x -> x.toOverall() && x.metric() == Metric.SELECTION_RATE
                && x.group().key().equals("A")).findFirst().orElseThrow();
        close(0.4 - 57.0 / 160, vsAll.difference(), 1e-15, "vs overall");
        assertNull(vsAll.differenceCi());
    }

    @Test
    void assess_favourableNegativeClass_flipsImpactRatio() {
        GroupedStats data = Fixtures.oneAttribute("g", map("A", c(30, 10, 50, 10), "B", c(10, 2, 30, 8)));
        FairnessReport pos = base("g", "A").build().assess(data);
        FairnessReport neg = FairnessAssessment.builder().favourable(FavourableOutcome.NEGATIVE_CLASS).reference("g", "A", "largest")
                .build().assess(data);
        // Favourable rate: positive class 0.24 / 0.4; negative class 0.76 / 0.6.
        close(0.6, pos.view("g").fourFifths().get(1).impactVsReference(), 1e-15, "positive");
        close(0.76 / 0.6, neg.view("g").fourFifths().get(1).impactVsReference(), 1e-15, "negative");
        assertTrue(pos.view("g").fourFifths().get(1).belowFourFifthsReference());
        assertFalse(neg.view("g").fourFifths().get(1).belowFourFifthsReference());
        close(0.6, pos.view("g").aif().get(0).get("disparate_impact").value(), 1e-15, "DI");
    }

    @Test
    void assess_intersection_listsEmptyCombinationsAndSingleAttributeViews() {
        GroupedStats data = Fixtures.twoAttributes("race", "sex", map(
                "X|F", c(20, 10, 40, 10), "X|M", c(25, 15, 45, 15), "Y|M", c(10, 5, 20, 5)));
        FairnessReport r = FairnessAssessment.builder().favourable(FavourableOutcome.POSITIVE_CLASS)
                .reference(new GroupKey(List.of("sex", "race"), List.of("M", "X")), "largest").build().assess(data);
        assertEquals(List.of("race", "sex", "race x sex"), r.views().stream().map(ViewResult::name).toList());
        ViewResult both = r.view("race x sex");
        assertEquals(List.of("X|F", "X|M", "Y|F", "Y|M"), Fixtures.keys(both));
        assertTrue(both.group("Y|F").declaredButEmpty());
        assertEquals("race=X & sex=M", both.reference().label());
        assertEquals("X", r.view("race").reference().key());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("race=Y & sex=F is empty")), r.notes().toString());
        // The single-attribute views are sums of the cells.
        assertEquals(c(45, 25, 85, 25), r.view("race").group("X").counts());
    }

    @Test
    void assess_badReference_isRefusedWithTheFix() {
        GroupedStats data = Fixtures.oneAttribute("g", map("A", c(1, 1, 1, 1), "B", c(1, 1, 1, 1)));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> base("g", "Z").build().assess(data));
        assertTrue(unknown.getMessage().startsWith("reference g must be one of the levels in the data [A, B]; got \"Z\"."), unknown.getMessage());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> base("h", "A").build().assess(data));
        assertTrue(wrong.getMessage().contains("one value for each sensitive attribute [g]"), wrong.getMessage());
        FairnessAccumulator acc = FairnessAccumulator.builder().attribute(Attribute.sensitive("g", Characteristic.SEX).withLevels("A", "B"))
                .build();
        acc.addCounts(acc.cell("A"), c(3, 3, 3, 3));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> base("g", "B").build().assess(acc.snapshot()));
        assertTrue(empty.getMessage().contains("a group with people in the data"), empty.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> FairnessAssessment.builder().build());
        assertTrue(missing.getMessage().contains("favourable must be given") && missing.getMessage().contains("reference must be given"),
                missing.getMessage());
    }

    @Test
    void verdict_largeEqualGroups_pass_largeGap_fail_smallGroups_inconclusive() {
        Criterion dp = Criterion.demographicParity(Tolerance.difference(0.05), "policy 1");
        // Equal selection rates 0.3 with 10 000 each: the 95% Newcombe interval is about +-0.013.
        GroupedStats equal = Fixtures.oneAttribute("g", map("A", c(1500, 1500, 3500, 3500), "B", c(1500, 1500, 3500, 3500)));
        assertEquals(Verdict.PASS, base("g", "A").criterion(dp).build().assess(equal).verdict());
        // 0.3 against 0.5.
        GroupedStats gap = Fixtures.oneAttribute("g", map("A", c(2500, 2500, 2500, 2500), "B", c(1500, 1500, 3500, 3500)));
        FairnessReport failed = base("g", "A").criterion(dp).build().assess(gap);
        assertEquals(Verdict.FAIL, failed.verdict());
        assertTrue(failed.criterion("demographic-parity").reason().startsWith("1 of 1 comparisons fail: g, g=B, selection-rate difference: interval"),
                failed.criterion("demographic-parity").reason());
        // The same gap in groups of 20: below the floor, so inconclusive whatever the data say.
        GroupedStats small = Fixtures.oneAttribute("g", map("A", c(5, 5, 5, 5), "B", c(3, 0, 10, 7)));
        FairnessReport tiny = base("g", "A").criterion(dp).build().assess(small);
        assertEquals(Verdict.INCONCLUSIVE, tiny.verdict());
        assertTrue(tiny.criterion("demographic-parity").comparisons().get(0).reason().startsWith("below the reliability floor"));
        // A moderate sample whose interval straddles the tolerance.
        GroupedStats straddle = Fixtures.oneAttribute("g", map("A", c(100, 100, 100, 100), "B", c(90, 80, 110, 120)));
        FairnessReport s = base("g", "A").criterion(dp).build().assess(straddle);
        assertEquals(Verdict.INCONCLUSIVE, s.verdict());
        assertTrue(s.criterion("demographic-parity").comparisons().get(0).reason().startsWith("interval ["), s.criteria().toString());
    }

    @Test
    void verdict_declaredButEmptyGroup_isInconclusiveNotPass() {
        FairnessAccumulator acc = FairnessAccumulator.builder()
                .attribute(Attribute.sensitive("g", Characteristic.OTHER).withLevels("A", "B", "C")).build();
        acc.addCounts(acc.cell("A"), c(1500, 1500, 3500, 3500));
        acc.addCounts(acc.cell("B"), c(1500, 1500, 3500, 3500));
        FairnessReport r = base("g", "A").criterion(Criterion.demographicParity(Tolerance.difference(0.05), "p")).build()
                .assess(acc.snapshot());
        assertEquals(Verdict.INCONCLUSIVE, r.verdict());
        ComparisonVerdict empty = r.criterion("demographic-parity").comparisons().stream().filter(x -> x.group().equals("g=C"))
                .findFirst().orElseThrow();
        assertTrue(empty.reason().startsWith("nobody in the group"), empty.reason());
    }

    @Test
    void verdict_equalizedOddsMeanAndRatioCriteria() {
        GroupedStats data = Fixtures.oneAttribute("g", map("A", c(2000, 1000, 4000, 1000), "B", c(2000, 1000, 4000, 1000)));
        FairnessReport r = base("g", "A")
                .criterion(Criterion.equalizedOdds(Tolerance.difference(0.05), Criterion.Aggregation.MEAN, "p"))
                .criterion(Criterion.impactRatio(0.8, "four-fifths as policy"))
                .build().assess(data);
        assertEquals(Verdict.PASS, r.criterion("equalized-odds").verdict());
        assertEquals(Verdict.PASS, r.criterion("impact-ratio").verdict());
        // A halved favourable rate fails the ratio band.
        GroupedStats half = Fixtures.oneAttribute("g", map("A", c(2000, 2000, 3000, 1000), "B", c(1000, 1000, 4000, 2000)));
        assertEquals(Verdict.FAIL, base("g", "A").criterion(Criterion.impactRatio(0.8, "p")).build().assess(half).verdict());
    }

    /**
     * The verdict's error rates by simulation. With the true difference on the tolerance boundary
     * (0.05), a comparison is a one-sided test at alpha/2 = 0.025, so FAIL should come up in at
     * most 2.5% of 400 datasets (mean 10); seeing 20 or more has probability about 0.1%, which is
     * the chance this test fails for a correct implementation with a random seed (the seed is
     * fixed, so the result is deterministic).
     */
    @Test
    void verdict_trueDifferenceOnBoundary_failsAtMostAtNominalRate() {
        assertTrue(failures(0.30, 0.35, 2000, 400, 21) <= 20);
    }

    /**
     * The sibling: with a true difference of 0.10 (twice the tolerance) the same check must fail
     * most datasets. The standard error of the difference is about 0.0150, so the power is
     * P(Z > (0.0794 - 0.10) / 0.0150) = 0.915: about 366 of 400, standard deviation 5.6; 340 is
     * 4.6 standard deviations below.
     */
    @Test
    void verdict_trueDifferenceTwiceTolerance_failsAlmostAlways() {
        assertTrue(failures(0.30, 0.40, 2000, 400, 22) >= 340);
    }

    private static int failures(double pA, double pB, int n, int datasets, long seed) {
        Randomness r = Randomness.insecureSeeded(seed);
        FairnessAssessment a = base("g", "A").criterion(Criterion.demographicParity(Tolerance.difference(0.05), "p")).build();
        int fails = 0;
        for (int i = 0; i < datasets; i++) {
            long selectedA = Multinomial.binomial(r, n, pA);
            long selectedB = Multinomial.binomial(r, n, pB);
            GroupedStats data = Fixtures.oneAttribute("g", map("A", c(selectedA, 0, n - selectedA, 0), "B", c(selectedB, 0, n - selectedB, 0)));
            fails += a.assess(data).verdict() == Verdict.FAIL ? 1 : 0;
        }
        return fails;
    }

    @Test
    void assess_controlAttribute_judgesWithinEachStratum() {
        FairnessAccumulator acc = FairnessAccumulator.builder().attribute(Attribute.sensitive("g", Characteristic.OTHER))
                .attribute(Attribute.control("band")).build();
        // Within each band the groups are equal; pooled, B is mostly in the low band (Simpson's paradox).
        acc.addCounts(acc.cell("A", "low"), c(100, 100, 300, 300));
        acc.addCounts(acc.cell("B", "low"), c(400, 400, 1200, 1200));
        acc.addCounts(acc.cell("A", "high"), c(1200, 1200, 400, 400));
        acc.addCounts(acc.cell("B", "high"), c(300, 300, 100, 100));
        FairnessReport r = base("g", "A").criterion(Criterion.demographicParity(Tolerance.difference(0.05), "p")).build()
                .assess(acc.snapshot());
        assertEquals(List.of("g", "g [band=high]", "g [band=low]"), r.views().stream().map(ViewResult::qualifiedName).toList());
        assertTrue(Math.abs(r.view("g").vsReference(Metric.SELECTION_RATE, "B").difference()) > 0.3);
        assertEquals(0.0, r.viewQualified("g [band=low]").vsReference(Metric.SELECTION_RATE, "B").difference(), 1e-15);
        assertEquals(Verdict.PASS, r.verdict(), r.criteria().toString());
        assertEquals(2, r.criterion("demographic-parity").comparisons().size());
    }

    @Test
    void assess_bootstrap_isReplayableAndStampsTheSeed() {
        GroupedStats data = Fixtures.oneAttribute("g", map("A", c(30, 10, 50, 10), "B", c(10, 2, 30, 8), "C", c(20, 20, 20, 20)));
        FairnessAssessment a = base("g", "A").bootstrap(BootstrapSettings.of(200, 77)).build();
        FairnessReport one = a.assess(data);
        FairnessReport two = a.assess(data);
        var ci1 = one.view("g").summary(Metric.SELECTION_RATE).get(Aggregates.Kind.DIFFERENCE_BETWEEN_GROUPS).ci();
        var ci2 = two.view("g").summary(Metric.SELECTION_RATE).get(Aggregates.Kind.DIFFERENCE_BETWEEN_GROUPS).ci();
        assertEquals(ci1, ci2);
        assertTrue(ci1.contains(one.view("g").summary(Metric.SELECTION_RATE).get(Aggregates.Kind.DIFFERENCE_BETWEEN_GROUPS).value()));
        assertEquals(77L, one.randomness().seed());
        assertTrue(one.randomness().insecure());
    }

    @Test
    void assess_scoresAndRegression_perGroupMetrics() {
        FairnessData data = FairnessData.builder()
                .labels(new int[] {1, 0, 1, 0, 1, 0})
                .predictions(new int[] {1, 0, 0, 0, 1, 1})
                .scores(new double[] {0.9, 0.2, 0.4, 0.3, 0.8, 0.6})
                .regression(new double[] {10, 12, 14, 20, 22, 24}, new double[] {11, 12, 13, 20, 25, 24})
                .attribute(Attribute.sensitive("g", Characteristic.OTHER), new String[] {"A", "A", "A", "B", "B", "B"})
                .build();
        FairnessReport r = base("g", "A").build().assess(data);
        GroupResult a = r.view("g").group("A");
        // A: positives {0.9, 0.4}, negative {0.2}: AUC 1. Brier ((0.1)^2 + 0.2^2 + 0.6^2)/3.
        assertEquals(1.0, a.metric(Metric.ROC_AUC).value(), 1e-15);
        assertEquals((0.01 + 0.04 + 0.36) / 3, a.metric(Metric.BRIER).value(), 1e-15);
        // Regression A: residuals {1, 0, -1}: MAE 2/3, MSE 2/3, mean residual 0, R2 = 1 - 2/8.
        assertEquals(2.0 / 3, a.metric(Metric.MAE).value(), 1e-15);
        assertEquals(2.0 / 3, a.metric(Metric.MSE).value(), 1e-15);
        assertEquals(0.0, a.metric(Metric.MEAN_RESIDUAL).value(), 1e-15);
        assertEquals(1 - 2.0 / 8, a.metric(Metric.R2).value(), 1e-15);
        Estimate ece = a.metric(Metric.ECE);
        // Bins: 0.9 -> (0.8, 0.9], 0.2 -> (0.1, 0.2], 0.4 -> (0.3, 0.4]: |1-0.9| + |0-0.2| + |1-0.4|, each weight 1/3.
        assertEquals((0.1 + 0.2 + 0.6) / 3, ece.value(), 1e-12);
    }

    @Test
    void accumulator_mergedChunks_equalOnePass() {
        String[] groups = {"A", "B", "C", "A", "B"};
        FairnessAccumulator whole = FairnessAccumulator.builder().attribute(Attribute.sensitive("g", Characteristic.OTHER)).build();
        FairnessAccumulator first = FairnessAccumulator.builder().attribute(Attribute.sensitive("g", Characteristic.OTHER)).build();
        FairnessAccumulator second = FairnessAccumulator.builder().attribute(Attribute.sensitive("g", Characteristic.OTHER)).build();
        Randomness r = Randomness.insecureSeeded(3);
        for (int i = 0; i < 1000; i++) {
            String g = groups[r.nextInt(groups.length)];
            boolean y = r.nextBoolean();
            boolean p = r.nextBoolean();
            whole.addCounts(whole.cell(g), y, p);
            FairnessAccumulator part = i % 3 == 0 ? first : second;
            part.addCounts(part.cell(g), y, p);
        }
        second.merge(first);
        for (String g : List.of("A", "B", "C")) {
            ConfusionCounts expected = whole.snapshot().marginal(List.of("g")).get(GroupKey.of("g", g)).counts();
            assertEquals(expected, second.snapshot().marginal(List.of("g")).get(GroupKey.of("g", g)).counts(), g);
        }
        assertEquals(1000, second.rows());
    }
}
