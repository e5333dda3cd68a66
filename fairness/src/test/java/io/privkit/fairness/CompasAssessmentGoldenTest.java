package io.privkit.fairness;

import static io.privkit.fairness.golden.Golden.close;
import static io.privkit.fairness.golden.Golden.matches;
import static io.privkit.fairness.golden.Golden.relative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.privkit.common.Randomness;
import io.privkit.evidence.Verdict;
import io.privkit.fairness.golden.Golden;
import io.privkit.fairness.metrics.Aggregates;
import io.privkit.fairness.metrics.ConfusionCounts;
import io.privkit.fairness.metrics.Metric;
import io.privkit.fairness.stats.Quantiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The COMPAS reference through the full assessment (from its confusion counts). */
class CompasAssessmentGoldenTest {

    private static GroupedStats raceBySex() {
        return Fixtures.twoAttributes("race", "sex", Golden.byGroupCounts("compas_propublica__race_x_sex"));
    }

    private static FairnessAssessment.Builder compas() {
        return FairnessAssessment.builder().favourable(FavourableOutcome.NEGATIVE_CLASS)
                .reference(new GroupKey(List.of("race", "sex"), List.of("Caucasian", "Male")), "largest group in the reference analysis");
    }

    @Test
    void assess_raceBySex_viewsMatchEveryReferenceCase() {
        FairnessReport r = compas().build().assess(raceBySex());
        Map<String, String> views = Map.of("race", "compas_propublica__race", "sex", "compas_propublica__sex",
                "race x sex", "compas_propublica__race_x_sex");
        for (Map.Entry<String, String> e : views.entrySet()) {
            JsonNode c = Golden.groupCase(e.getValue());
            ViewResult v = r.view(e.getKey());
            for (JsonNode g : c.get("by_group")) {
                GroupResult mine = v.group(g.get("key").asText());
                assertEquals(Golden.counts(g.get("counts")), mine.counts(), g.get("key").asText());
                matches(g.get("metrics").get("true_positive_rate"), mine.metric(Metric.TPR), Golden.EXACT, "tpr");
                matches(g.get("metrics").get("false_positive_rate"), mine.metric(Metric.FPR), Golden.EXACT, "fpr");
            }
            JsonNode closed = c.get("closed_form_aggregates_defined_groups");
            close(closed.get("selection_rate").get("difference").asDouble(),
                    v.named().get("demographic-parity-difference/between-groups").value(), Golden.EXACT, e.getKey() + " dpd");
            close(closed.get("equalized_odds_difference_worst_case").asDouble(),
                    v.named().get("equalized-odds-difference/worst-case/between-groups").value(), Golden.EXACT, e.getKey() + " eod");
            JsonNode minN = c.get("closed_form_aggregates_min_n").get("values");
            close(minN.get("true_positive_rate").get("difference").asDouble(), v.summary(Metric.TPR).differenceAboveFloor().value(),
                    Golden.EXACT, e.getKey() + " tpr above floor");
            close(minN.get("selection_rate").get("ratio").asDouble(), v.summary(Metric.SELECTION_RATE).ratioAboveFloor().value(),
                    Golden.EXACT, e.getKey() + " sr ratio above floor");
        }
        // With groups of n < 30 left out, the race x sex equalized-odds spread falls from 1.0 to 0.564.
        ViewResult both = r.view("race x sex");
        close(1.0, both.named().get("equalized-odds-difference/worst-case/between-groups").value(), Golden.EXACT, "eod all");
        close(0.5642608420386198, Math.max(both.summary(Metric.TPR).differenceAboveFloor().value(),
                both.summary(Metric.FPR).differenceAboveFloor().value()), Golden.EXACT, "eod above floor");
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("race x sex: race=Native American & sex=Female: fpr, tnr undefined")),
                String.join("\n", r.notes()));
    }

    @Test
    void assess_race_pairwiseTestsAndFourFifthsMatchReference() {
        GroupedStats race = Fixtures.oneAttribute("race", Golden.byGroupCounts("compas_propublica__race"));
        FairnessReport r = FairnessAssessment.builder().favourable(FavourableOutcome.NEGATIVE_CLASS)
                .reference("race", "Caucasian", "reference analysis").test(TestChoice.FISHER_EXACT).build().assess(race);
        ViewResult v = r.view("race");
        JsonNode pairwise = Golden.root().get("statistics").get("compas_propublica__race__pairwise_selection_vs_Caucasian").get("results");
        for (String g : Golden.fields(pairwise)) {
            PairComparison pc = v.vsReference(Metric.SELECTION_RATE, g);
            close(pairwise.get(g).get("difference").asDouble(), pc.difference(), Golden.EXACT, g + " difference");
            close(pairwise.get(g).get("ratio").asDouble(), pc.ratio(), Golden.EXACT, g + " ratio");
            relative(pairwise.get(g).get("fisher_p").asDouble(), pc.pValue(), g + " fisher");
            relative(pairwise.get(g).get("fisher_p_bh").asDouble(), pc.adjustedPValue(), g + " fisher BH");
        }
        JsonNode ff = Golden.root().get("statistics").get("four_fifths__compas_propublica__race").get("groups");
        for (FourFifthsRow row : v.fourFifths()) {
            JsonNode e = ff.get(row.group().key());
            assertEquals(e.get("k").asLong(), row.favourableRate().numerator());
            close(e.get("impact_ratio_vs_highest").asDouble(), row.impactVsHighest(), Golden.EXACT, row.group() + " vs highest");
            close(e.get("impact_ratio_vs_reference").asDouble(), row.impactVsReference(), Golden.EXACT, row.group() + " vs reference");
            assertEquals(e.get("below_four_fifths_vs_highest").asBoolean(), row.belowFourFifthsHighest());
            assertEquals(e.get("below_four_fifths_vs_reference").asBoolean(), row.belowFourFifthsReference());
        }
        JsonNode chi = Golden.root().get("statistics").get("compas_propublica__race__selection_chi2_independence");
        relative(chi.get("statistic").asDouble(), v.omnibus().statistic(), "omnibus");
        assertTrue(v.omnibusNote().startsWith("1 cells have an expected count below 5"), v.omnibusNote());
        JsonNode mg = Golden.root().get("aif360_multigroup");
        matches(mg.get("between_all_groups_theil_index"), v.index("between-group-theil-index"), Golden.EXACT, "between theil");
        matches(mg.get("theil_index"), v.index("theil-index"), Golden.EXACT, "theil");
        matches(Golden.aifCase("compas_propublica__nonCaucasian_vs_Caucasian__fav0").get("metrics").get("disparate_impact"),
                v.aif().get(v.aif().size() - 1).get("disparate_impact"), Golden.EXACT, "pooled non-Caucasian DI");
    }

    @Test
    void verdicts_compasRace_failDemographicParityAndNameSmallGroups() {
        GroupedStats race = Fixtures.oneAttribute("race", Golden.byGroupCounts("compas_propublica__race"));
        FairnessReport r = FairnessAssessment.builder().favourable(FavourableOutcome.NEGATIVE_CLASS)
                .reference("race", "Caucasian", "reference analysis")
                .criterion(Criterion.demographicParity(Tolerance.difference(0.1), "illustration"))
                .criterion(Criterion.equalizedOdds(Tolerance.difference(0.1), Criterion.Aggregation.WORST_CASE, "illustration"))
                .build().assess(race);
        assertEquals(Verdict.FAIL, r.verdict());
        CriterionResult dp = r.criterion("demographic-parity");
        ComparisonVerdict aa = dp.comparisons().stream().filter(c -> c.group().equals("race=African-American")).findFirst().orElseThrow();
        assertEquals(Verdict.FAIL, aa.verdict());
        ComparisonVerdict na = dp.comparisons().stream().filter(c -> c.group().equals("race=Native American")).findFirst().orElseThrow();
        assertEquals(Verdict.INCONCLUSIVE, na.verdict());
        assertTrue(na.reason().contains("11 people, below the reliability floor of 30"), na.reason());
        // Holm's family spans both criteria: 5 + 10 comparisons minus those below the floor.
        long tested = r.criteria().stream().flatMap(c -> c.comparisons().stream()).filter(c -> c.pAdjusted() != null).count();
        assertTrue(tested >= 8 && tested <= 13, "tested " + tested);
    }

    /**
     * Fairlearn's bootstrap quantiles (1000 resamples of all rows, seed 12345) against this count
     * bootstrap (4000 resamples, its own seed). The draws differ, so only Monte Carlo agreement is
     * expected. For groups of at least 300 the sd of a quantile estimate is under 0.004 at 1000
     * resamples, so 0.02 is a tolerance of 5 sd. The between-groups spread of selection rates is
     * driven by a group of 11 and is lumpy; its quantiles move by up to about 0.03 between seeds,
     * hence 0.06 there (the reference README asks only for the large groups).
     */
    @Test
    void bootstrap_compasRace_quantilesAgreeWithFairlearnWithinMonteCarloError() {
        JsonNode ref = Golden.root().get("statistics").get("bootstrap__compas_propublica__race");
        Map<String, ConfusionCounts> counts = Golden.byGroupCounts("compas_propublica__race");
        List<String> names = new ArrayList<>(counts.keySet());
        List<Metric> metrics = List.of(Metric.SELECTION_RATE, Metric.TPR, Metric.FPR);
        String[] refNames = {"selection_rate", "true_positive_rate", "false_positive_rate"};
        CountBootstrap b = CountBootstrap.run(new ArrayList<>(counts.values()), metrics, FavourableOutcome.NEGATIVE_CLASS,
                BootstrapSettings.of(4000, 2024), Randomness.insecureSeeded(2024));
        int checked = 0;
        for (int g = 0; g < names.size(); g++) {
            if (counts.get(names.get(g)).n() < 300) {
                continue;
            }
            for (int m = 0; m < metrics.size(); m++) {
                double[] values = Arrays.stream(b.groupValues(metrics.get(m), g)).sorted().toArray();
                JsonNode q = ref.get("by_group").get(names.get(g)).get(refNames[m]);
                for (int i = 0; i < 3; i++) {
                    double p = ref.get("ci_quantiles").get(i).asDouble();
                    close(q.get(i).asDouble(), Quantiles.linear(values, p), 0.02, names.get(g) + " " + refNames[m] + " q" + p);
                    checked++;
                }
            }
        }
        assertEquals(4 * 3 * 3, checked);
        double[] spread = Arrays.stream(b.aggregate(Metric.SELECTION_RATE, Aggregates.Kind.DIFFERENCE_BETWEEN_GROUPS, null))
                .filter(x -> !Double.isNaN(x)).sorted().toArray();
        JsonNode q = ref.get("difference_between_groups").get("selection_rate");
        for (int i = 0; i < 3; i++) {
            close(q.get(i).asDouble(), Quantiles.linear(spread, ref.get("ci_quantiles").get(i).asDouble()), 0.06, "spread q" + i);
        }
        assertFalse(spread.length < 3900, "the spread is defined in almost every resample");
        // The ratio of selection rates and the TPR and FPR spreads, driven by the same small groups.
        String[][] more = {{"ratio_between_groups", "selection_rate"}, {"difference_between_groups", "true_positive_rate"},
            {"difference_between_groups", "false_positive_rate"}};
        for (String[] m : more) {
            Aggregates.Kind kind = m[0].startsWith("ratio") ? Aggregates.Kind.RATIO_BETWEEN_GROUPS : Aggregates.Kind.DIFFERENCE_BETWEEN_GROUPS;
            Metric metric = m[1].equals("selection_rate") ? Metric.SELECTION_RATE : m[1].equals("true_positive_rate") ? Metric.TPR : Metric.FPR;
            double[] v = Arrays.stream(b.aggregate(metric, kind, null)).filter(x -> !Double.isNaN(x)).sorted().toArray();
            JsonNode qs = ref.get(m[0]).get(m[1]);
            for (int i = 0; i < 3; i++) {
                close(qs.get(i).asDouble(), Quantiles.linear(v, ref.get("ci_quantiles").get(i).asDouble()), 0.06, m[0] + " " + m[1] + " q" + i);
            }
        }
    }
}
