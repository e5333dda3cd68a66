package io.privkit.fairness.metrics;

import static io.privkit.fairness.golden.Golden.close;
import static io.privkit.fairness.golden.Golden.matches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.privkit.evidence.Estimate;
import io.privkit.fairness.FavourableOutcome;
import io.privkit.fairness.golden.Golden;
import io.privkit.fairness.stats.ConfidenceLevel;
import io.privkit.fairness.stats.ProportionMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every count-based metric and aggregate of the COMPAS reference, from its confusion counts. */
class CompasMetricsGoldenTest {
    private static final RateEstimator ESTIMATOR = new RateEstimator(ProportionMethod.WILSON, ConfidenceLevel.NINETY_FIVE,
            FavourableOutcome.NEGATIVE_CLASS);
    private static final String[] CASES = {"compas_propublica__race", "compas_propublica__sex", "compas_propublica__race_x_sex",
        "compas_all__race"};
    private static final Map<String, Metric> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("base_rate", Metric.BASE_RATE);
        NAMES.put("selection_rate", Metric.SELECTION_RATE);
        NAMES.put("true_positive_rate", Metric.TPR);
        NAMES.put("false_positive_rate", Metric.FPR);
        NAMES.put("true_negative_rate", Metric.TNR);
        NAMES.put("false_negative_rate", Metric.FNR);
        NAMES.put("precision", Metric.PRECISION);
        NAMES.put("negative_predictive_value", Metric.NPV);
        NAMES.put("false_discovery_rate", Metric.FDR);
        NAMES.put("false_omission_rate", Metric.FOR);
        NAMES.put("accuracy", Metric.ACCURACY);
        NAMES.put("error_rate", Metric.ERROR_RATE);
        NAMES.put("balanced_accuracy", Metric.BALANCED_ACCURACY);
        NAMES.put("f1", Metric.F1);
    }

    @Test
    void rates_everyGroupAndOverall_matchReferenceAndUndefinedWhereNull() {
        int checked = 0;
        int undefined = 0;
        for (String id : CASES) {
            JsonNode c = Golden.groupCase(id);
            List<JsonNode> rows = new ArrayList<>();
            c.get("by_group").forEach(rows::add);
            rows.add(c.get("overall"));
            ConfusionCounts total = ConfusionCounts.EMPTY;
            for (JsonNode g : c.get("by_group")) {
                total = total.plus(Golden.counts(g.get("counts")));
            }
            assertEquals(Golden.counts(c.get("overall").get("counts")), total, id + ": groups sum to overall");
            for (JsonNode row : rows) {
                ConfusionCounts counts = Golden.counts(row.get("counts"));
                String who = id + " " + (row.has("key") ? row.get("key").asText() : "overall");
                assertEquals(row.get("metrics").get("count").asLong(), counts.n(), who + " count");
                Map<Metric, Estimate> all = ESTIMATOR.all(counts);
                for (Map.Entry<String, Metric> e : NAMES.entrySet()) {
                    JsonNode expected = row.get("metrics").get(e.getKey());
                    matches(expected, all.get(e.getValue()), Golden.EXACT, who + " " + e.getKey());
                    checked++;
                    undefined += expected.isNull() ? 1 : 0;
                }
            }
        }
        assertEquals(420, checked, "14 rates x 30 rows (26 groups and 4 overall)");
        assertEquals(7, undefined, "seven rates of two groups of two people are undefined");
    }

    @Test
    void aggregates_casesWithoutUndefinedRates_matchFairlearn() {
        for (String id : new String[] {"compas_propublica__race", "compas_propublica__sex", "compas_all__race"}) {
            JsonNode c = Golden.groupCase(id);
            JsonNode mf = c.get("fairlearn_aggregates").get("metricframe");
            for (String name : Golden.fields(mf.get("difference"))) {
                Metric m = NAMES.get(name);
                if (m == null) {
                    continue;   // score metrics: checked from the calibration table below
                }
                Map<String, Double> values = values(c, m);
                double overall = ESTIMATOR.estimate(m, Golden.counts(c.get("overall").get("counts"))).value();
                for (String method : List.of("between_groups", "to_overall")) {
                    Aggregates.Kind d = method.equals("between_groups") ? Aggregates.Kind.DIFFERENCE_BETWEEN_GROUPS
                            : Aggregates.Kind.DIFFERENCE_TO_OVERALL;
                    Aggregates.Kind r = method.equals("between_groups") ? Aggregates.Kind.RATIO_BETWEEN_GROUPS
                            : Aggregates.Kind.RATIO_TO_OVERALL;
                    close(mf.get("difference").get(name).get(method).asDouble(), Aggregates.of(d, values, overall).value(), Golden.EXACT,
                            id + " " + name + " difference " + method);
                    close(mf.get("ratio").get(name).get(method).asDouble(), Aggregates.of(r, values, overall).value(), Golden.EXACT,
                            id + " " + name + " ratio " + method);
                }
                close(mf.get("group_min").get(name).asDouble(), Aggregates.of(Aggregates.Kind.GROUP_MIN, values, overall).value(),
                        Golden.EXACT, id + " " + name + " min");
                close(mf.get("group_max").get(name).asDouble(), Aggregates.of(Aggregates.Kind.GROUP_MAX, values, overall).value(),
                        Golden.EXACT, id + " " + name + " max");
            }
            JsonNode fa = c.get("fairlearn_aggregates");
            Map<String, Double> sr = values(c, Metric.SELECTION_RATE);
            Map<String, Double> tpr = values(c, Metric.TPR);
            Map<String, Double> fpr = values(c, Metric.FPR);
            ConfusionCounts all = Golden.counts(c.get("overall").get("counts"));
            double srAll = ESTIMATOR.estimate(Metric.SELECTION_RATE, all).value();
            double tprAll = ESTIMATOR.estimate(Metric.TPR, all).value();
            double fprAll = ESTIMATOR.estimate(Metric.FPR, all).value();
            for (String method : List.of("between_groups", "to_overall")) {
                boolean between = method.equals("between_groups");
                Aggregates.Kind d = between ? Aggregates.Kind.DIFFERENCE_BETWEEN_GROUPS : Aggregates.Kind.DIFFERENCE_TO_OVERALL;
                Aggregates.Kind r = between ? Aggregates.Kind.RATIO_BETWEEN_GROUPS : Aggregates.Kind.RATIO_TO_OVERALL;
                close(fa.get("demographic_parity_difference").get(method).asDouble(), Aggregates.of(d, sr, srAll).value(), Golden.EXACT,
                        id + " dpd " + method);
                close(fa.get("demographic_parity_ratio").get(method).asDouble(), Aggregates.of(r, sr, srAll).value(), Golden.EXACT,
                        id + " dpr " + method);
                close(fa.get("equal_opportunity_difference").get(method).asDouble(), Aggregates.of(d, tpr, tprAll).value(), Golden.EXACT,
                        id + " eod " + method);
                close(fa.get("equal_opportunity_ratio").get(method).asDouble(), Aggregates.of(r, tpr, tprAll).value(), Golden.EXACT,
                        id + " eor " + method);
                double td = Aggregates.of(d, tpr, tprAll).value();
                double fd = Aggregates.of(d, fpr, fprAll).value();
                double tr = Aggregates.of(r, tpr, tprAll).value();
                double fr = Aggregates.of(r, fpr, fprAll).value();
                close(fa.get("equalized_odds_difference").get("worst_case").get(method).asDouble(), Math.max(td, fd), Golden.EXACT,
                        id + " eqodds worst " + method);
                close(fa.get("equalized_odds_difference").get("mean").get(method).asDouble(), (td + fd) / 2, Golden.EXACT,
                        id + " eqodds mean " + method);
                close(fa.get("equalized_odds_ratio").get("worst_case").get(method).asDouble(), Math.min(tr, fr), Golden.EXACT,
                        id + " eqodds ratio worst " + method);
                close(fa.get("equalized_odds_ratio").get("mean").get(method).asDouble(), (tr + fr) / 2, Golden.EXACT,
                        id + " eqodds ratio mean " + method);
            }
        }
    }

    @Test
    void aggregates_raceBySex_leaveUndefinedGroupsOutWhereFairlearnCoercesZero() {
        String id = "compas_propublica__race_x_sex";
        JsonNode c = Golden.groupCase(id);
        JsonNode closed = c.get("closed_form_aggregates_defined_groups");
        Map<String, Metric> six = Map.of("selection_rate", Metric.SELECTION_RATE, "true_positive_rate", Metric.TPR,
                "false_positive_rate", Metric.FPR, "false_negative_rate", Metric.FNR, "precision", Metric.PRECISION,
                "accuracy", Metric.ACCURACY);
        for (Map.Entry<String, Metric> e : six.entrySet()) {
            Map<String, Double> values = values(c, e.getValue());
            Aggregate d = Aggregates.of(Aggregates.Kind.DIFFERENCE_BETWEEN_GROUPS, values, Double.NaN);
            Aggregate r = Aggregates.of(Aggregates.Kind.RATIO_BETWEEN_GROUPS, values, Double.NaN);
            close(closed.get(e.getKey()).get("difference").asDouble(), d.value(), Golden.EXACT, e.getKey() + " difference");
            close(closed.get(e.getKey()).get("ratio").asDouble(), r.value(), Golden.EXACT, e.getKey() + " ratio");
        }
        // FPR: Native American|Female has no actual negatives; it is named, not counted as 0.
        Aggregate fpr = Aggregates.of(Aggregates.Kind.RATIO_BETWEEN_GROUPS, values(c, Metric.FPR), Double.NaN);
        assertEquals(List.of("Native American|Female (undefined)"), fpr.excluded());

        // With Fairlearn's coerced values substituted, the same code reproduces Fairlearn's figures:
        // balanced accuracy 1.0 for a group of two, invented from 0/0.
        Map<String, Double> coerced = values(c, Metric.BALANCED_ACCURACY);
        for (JsonNode g : c.get("by_group")) {
            JsonNode f = g.get("fairlearn_value_where_undefined");
            if (f != null && f.has("balanced_accuracy")) {
                coerced.put(g.get("key").asText(), f.get("balanced_accuracy").asDouble());
            }
        }
        JsonNode mf = c.get("fairlearn_aggregates").get("metricframe");
        close(mf.get("group_max").get("balanced_accuracy").asDouble(),
                Aggregates.of(Aggregates.Kind.GROUP_MAX, coerced, Double.NaN).value(), Golden.EXACT, "fairlearn coerced max");
        assertTrue(Aggregates.of(Aggregates.Kind.GROUP_MAX, values(c, Metric.BALANCED_ACCURACY), Double.NaN).value()
                < mf.get("group_max").get("balanced_accuracy").asDouble(), "the coerced 1.0 is the maximum only by invention");
    }

    @Test
    void aggregates_minimumGroupSize30_matchReferenceAndNameExcludedGroups() {
        for (String id : CASES) {
            JsonNode c = Golden.groupCase(id);
            JsonNode minN = c.get("closed_form_aggregates_min_n");
            List<String> excluded = new ArrayList<>();
            Map<String, Metric> six = Map.of("selection_rate", Metric.SELECTION_RATE, "true_positive_rate", Metric.TPR,
                    "false_positive_rate", Metric.FPR, "false_negative_rate", Metric.FNR, "precision", Metric.PRECISION,
                    "accuracy", Metric.ACCURACY);
            for (Map.Entry<String, Metric> e : six.entrySet()) {
                Map<String, Double> values = new LinkedHashMap<>();
                for (JsonNode g : c.get("by_group")) {
                    ConfusionCounts counts = Golden.counts(g.get("counts"));
                    if (counts.n() >= minN.get("min_n").asInt()) {
                        values.put(g.get("key").asText(), e.getValue().value(counts, FavourableOutcome.NEGATIVE_CLASS));
                    } else if (!excluded.contains(g.get("key").asText())) {
                        excluded.add(g.get("key").asText());
                    }
                }
                close(minN.get("values").get(e.getKey()).get("difference").asDouble(),
                        Aggregates.of(Aggregates.Kind.DIFFERENCE_BETWEEN_GROUPS, values, Double.NaN).value(), Golden.EXACT, id + " " + e.getKey());
                close(minN.get("values").get(e.getKey()).get("ratio").asDouble(),
                        Aggregates.of(Aggregates.Kind.RATIO_BETWEEN_GROUPS, values, Double.NaN).value(), Golden.EXACT, id + " " + e.getKey());
            }
            List<String> expected = new ArrayList<>();
            minN.get("excluded_groups").forEach(n -> expected.add(n.asText()));
            assertEquals(expected, excluded, id);
        }
    }

    @Test
    void aif360Cases_everyMetric_matchesReference() {
        Map<String, ConfusionCounts> race = Golden.byGroupCounts("compas_propublica__race");
        Map<String, ConfusionCounts> sex = Golden.byGroupCounts("compas_propublica__sex");
        Map<String, ConfusionCounts> all = Golden.byGroupCounts("compas_all__race");
        ConfusionCounts nonCaucasian = ConfusionCounts.EMPTY;
        for (Map.Entry<String, ConfusionCounts> e : race.entrySet()) {
            if (!e.getKey().equals("Caucasian")) {
                nonCaucasian = nonCaucasian.plus(e.getValue());
            }
        }
        Map<String, AifComparison> computed = new LinkedHashMap<>();
        computed.put("compas_propublica__AfricanAmerican_vs_Caucasian__fav0", AifComparison.of("African-American",
                race.get("African-American"), "Caucasian", race.get("Caucasian"), FavourableOutcome.NEGATIVE_CLASS));
        computed.put("compas_propublica__AfricanAmerican_vs_Caucasian__fav1", AifComparison.of("African-American",
                race.get("African-American"), "Caucasian", race.get("Caucasian"), FavourableOutcome.POSITIVE_CLASS));
        computed.put("compas_propublica__nonCaucasian_vs_Caucasian__fav0", AifComparison.of("non-Caucasian", nonCaucasian,
                "Caucasian", race.get("Caucasian"), FavourableOutcome.NEGATIVE_CLASS));
        computed.put("compas_propublica__Male_vs_Female__fav0", AifComparison.of("Male", sex.get("Male"), "Female",
                sex.get("Female"), FavourableOutcome.NEGATIVE_CLASS));
        computed.put("compas_all__AfricanAmerican_vs_Caucasian__fav0", AifComparison.of("African-American",
                all.get("African-American"), "Caucasian", all.get("Caucasian"), FavourableOutcome.NEGATIVE_CLASS));
        int checked = 0;
        for (Map.Entry<String, AifComparison> e : computed.entrySet()) {
            JsonNode expected = Golden.aifCase(e.getKey()).get("metrics");
            for (String name : Golden.fields(expected)) {
                matches(expected.get(name), e.getValue().get(name), Golden.EXACT, e.getKey() + " " + name);
                checked++;
            }
            assertEquals(Golden.fields(expected).size(), e.getValue().metrics().size(), e.getKey() + ": no metric left unchecked");
        }
        assertEquals(5 * 33, checked);
        // The sign flips with the favourable outcome: DI 0.634 one way, 1.741 the other.
        double fav0 = computed.get("compas_propublica__AfricanAmerican_vs_Caucasian__fav0").get("disparate_impact").value();
        double fav1 = computed.get("compas_propublica__AfricanAmerican_vs_Caucasian__fav1").get("disparate_impact").value();
        close(0.634, fav0, 5e-4, "fav0");
        close(1.741, fav1, 5e-4, "fav1");
    }

    @Test
    void multigroupIndicesAndDifferentialFairness_matchReference() {
        JsonNode mg = Golden.root().get("aif360_multigroup");
        List<ConfusionCounts> races = new ArrayList<>();
        Golden.byGroupCounts("compas_propublica__race").values().forEach(c -> races.add(c.favourableView(FavourableOutcome.NEGATIVE_CLASS)));
        Estimate bge2 = InequalityIndices.betweenGroupGeneralizedEntropy(races, 2);
        matches(mg.get("between_all_groups_generalized_entropy_index_alpha2"), bge2, Golden.EXACT, "between GE2");
        matches(mg.get("between_all_groups_theil_index"), InequalityIndices.betweenGroupGeneralizedEntropy(races, 1), Golden.EXACT,
                "between Theil");
        matches(mg.get("between_all_groups_coefficient_of_variation"), InequalityIndices.coefficientOfVariation(bge2), Golden.EXACT,
                "between CV");
        matches(mg.get("generalized_entropy_index_alpha2"), InequalityIndices.generalizedEntropy(races, 2), Golden.EXACT, "GE2");
        matches(mg.get("theil_index"), InequalityIndices.theil(races), Golden.EXACT, "Theil");
        Estimate ge0 = InequalityIndices.generalizedEntropy(races, 0);
        assertFalse(ge0.defined(), "GE(0) is infinite with zero benefits: " + ge0);

        List<long[]> labels = new ArrayList<>();
        List<long[]> predictions = new ArrayList<>();
        for (ConfusionCounts c : Golden.byGroupCounts("compas_propublica__race_x_sex").values()) {
            labels.add(new long[] {c.actualNegatives(), c.n()});       // favourable label: 0
            predictions.add(new long[] {c.predictedNegatives(), c.n()});
        }
        JsonNode df = mg.get("intersectional_race_x_sex");
        double onLabels = DifferentialFairness.epsilon("edf-labels", labels, 1).value();
        double onPredictions = DifferentialFairness.epsilon("edf-predictions", predictions, 1).value();
        close(df.get("smoothed_empirical_differential_fairness_labels_concentration1").asDouble(), onLabels, Golden.EXACT, "EDF labels");
        close(df.get("smoothed_empirical_differential_fairness_predictions_concentration1").asDouble(), onPredictions, Golden.EXACT,
                "EDF predictions");
        close(df.get("differential_fairness_bias_amplification_concentration1").asDouble(), onPredictions - onLabels, Golden.EXACT,
                "amplification");
    }

    @Test
    void scoreMetrics_fromDecileTable_matchAucAndMeanScoreAndProPublicaAnchors() {
        JsonNode table = Golden.root().get("calibration").get("compas_propublica__race__by_decile");
        JsonNode c = Golden.groupCase("compas_propublica__race");
        ScoreStats everyone = new ScoreStats(ScoreSettings.DEFAULT);
        Map<String, Double> aucs = new LinkedHashMap<>();
        Map<String, Double> means = new LinkedHashMap<>();
        for (JsonNode g : c.get("by_group")) {
            String race = g.get("key").asText();
            ScoreStats s = new ScoreStats(ScoreSettings.DEFAULT);
            JsonNode deciles = table.get(race);
            for (String decile : Golden.fields(deciles)) {
                long n = deciles.get(decile).get("n").asLong();
                long k = deciles.get(decile).get("recidivated").asLong();
                for (long i = 0; i < n; i++) {
                    s.add(Double.parseDouble(decile), i < k);
                }
            }
            assertEquals(Golden.counts(g.get("counts")).n(), s.n(), race + " n");
            matches(g.get("score_metrics").get("roc_auc"), s.auc(0.95, 1.959963984540054), Golden.EXACT, race + " auc");
            aucs.put(race, s.auc(0.95, 1.96).value());
            means.put(race, s.meanScore().value());
            matches(g.get("score_metrics").get("mean_score"), s.meanScore(), Golden.EXACT, race + " mean score");
            List<ReliabilityBin> rel = s.reliabilityByValue();
            for (ReliabilityBin b : rel) {
                JsonNode row = deciles.get(Long.toString((long) b.lower()));
                assertEquals(row.get("n").asLong(), b.n());
                close(row.get("rate").asDouble(), b.observedRate(), Golden.EXACT, race + " decile " + b.lower());
            }
            everyone.merge(s);
        }
        matches(c.get("overall").get("score_metrics").get("roc_auc"), everyone.auc(0.95, 1.959963984540054), Golden.EXACT, "overall auc");
        // Fairlearn's aggregates of the score metrics over the six races.
        JsonNode mf = c.get("fairlearn_aggregates").get("metricframe");
        for (String name : List.of("roc_auc", "mean_score")) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (JsonNode g : c.get("by_group")) {
                String race = g.get("key").asText();
                values.put(race, name.equals("roc_auc") ? aucs.get(race) : means.get(race));
            }
            double overall = name.equals("roc_auc") ? everyone.auc(0.95, 1.96).value() : everyone.meanScore().value();
            close(mf.get("difference").get(name).get("between_groups").asDouble(),
                    Aggregates.of(Aggregates.Kind.DIFFERENCE_BETWEEN_GROUPS, values, overall).value(), Golden.EXACT, name + " diff");
            close(mf.get("difference").get(name).get("to_overall").asDouble(),
                    Aggregates.of(Aggregates.Kind.DIFFERENCE_TO_OVERALL, values, overall).value(), Golden.EXACT, name + " diff overall");
            close(mf.get("ratio").get(name).get("between_groups").asDouble(),
                    Aggregates.of(Aggregates.Kind.RATIO_BETWEEN_GROUPS, values, overall).value(), Golden.EXACT, name + " ratio");
            close(mf.get("ratio").get(name).get("to_overall").asDouble(),
                    Aggregates.of(Aggregates.Kind.RATIO_TO_OVERALL, values, overall).value(), Golden.EXACT, name + " ratio overall");
            close(mf.get("group_min").get(name).asDouble(), Aggregates.of(Aggregates.Kind.GROUP_MIN, values, overall).value(),
                    Golden.EXACT, name + " min");
            close(mf.get("group_max").get(name).asDouble(), Aggregates.of(Aggregates.Kind.GROUP_MAX, values, overall).value(),
                    Golden.EXACT, name + " max");
        }
        close(c.get("fairlearn_aggregates").get("roc_auc_score_group_min").asDouble(),
                aucs.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow(), Golden.EXACT, "roc_auc_score_group_min");

        JsonNode anchors = Golden.root().get("external_anchors").get("published_percent_2dp");
        JsonNode allRace = Golden.groupCase("compas_all__race");
        Map<String, ConfusionCounts> byRace = Golden.byGroupCounts("compas_all__race");
        for (String who : Golden.fields(anchors)) {
            ConfusionCounts counts = who.equals("overall") ? Golden.counts(allRace.get("overall").get("counts")) : byRace.get(who);
            for (String rate : Golden.fields(anchors.get(who))) {
                Metric m = rate.equals("false_positive_rate") ? Metric.FPR : Metric.FNR;
                double percent = Math.round(m.value(counts, FavourableOutcome.NEGATIVE_CLASS) * 10000) / 100.0;
                close(anchors.get(who).get(rate).asDouble(), percent, 1e-9, "ProPublica " + who + " " + rate);
            }
        }
    }

    @Test
    void scoreStats_aucConfidenceInterval_containsEstimate_andOneClassIsUndefined() {
        ScoreStats s = new ScoreStats(ScoreSettings.DEFAULT);
        s.add(0.2, false);
        s.add(0.2, false);
        assertFalse(s.auc(0.95, 1.96).defined());
        assertEquals("group has one class only", s.auc(0.95, 1.96).undefinedReason());
        // Hand-computed AUC with a tie: positives {0.8, 0.5}, negatives {0.2, 0.2, 0.5}:
        // pairs won: 0.8 beats 3; 0.5 beats 2 and ties 1 -> (3 + 2 + 0.5) / 6.
        s.add(0.5, false);
        s.add(0.8, true);
        s.add(0.5, true);
        close(5.5 / 6, s.auc(0.95, 1.96).value(), 1e-15, "auc");
        assertTrue(s.auc(0.95, 1.96).ci().contains(5.5 / 6));
    }

    private static Map<String, Double> values(JsonNode c, Metric m) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (JsonNode g : c.get("by_group")) {
            out.put(g.get("key").asText(), m.value(Golden.counts(g.get("counts")), FavourableOutcome.NEGATIVE_CLASS));
        }
        return out;
    }
}
