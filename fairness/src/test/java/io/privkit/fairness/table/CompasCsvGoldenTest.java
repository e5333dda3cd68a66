package io.privkit.fairness.table;

import static io.privkit.fairness.golden.Golden.matches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.privkit.common.Fingerprint;
import io.privkit.fairness.Attribute;
import io.privkit.fairness.Characteristic;
import io.privkit.fairness.FairnessAssessment;
import io.privkit.fairness.FairnessReport;
import io.privkit.fairness.FavourableOutcome;
import io.privkit.fairness.GroupKey;
import io.privkit.fairness.GroupResult;
import io.privkit.fairness.ViewResult;
import io.privkit.fairness.golden.Golden;
import io.privkit.fairness.metrics.Metric;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * End to end on the COMPAS rows (an optional extra: the file is not part of the project and the
 * test is skipped when it is absent): read with the streaming CSV reader, assessed, and compared
 * with every group case of the reference, scores included.
 */
class CompasCsvGoldenTest {
    private static final Map<String, Metric> RATES = Map.of("selection_rate", Metric.SELECTION_RATE, "true_positive_rate",
            Metric.TPR, "false_positive_rate", Metric.FPR, "precision", Metric.PRECISION, "negative_predictive_value", Metric.NPV,
            "balanced_accuracy", Metric.BALANCED_ACCURACY, "f1", Metric.F1, "accuracy", Metric.ACCURACY);

    private static FairnessReport assess(Path csv, boolean propublica) throws Exception {
        FairnessTableReader.Builder b = FairnessTableReader.builder().label("two_year_recid").prediction("y_pred").score("decile_score")
                .attribute(Attribute.sensitive("race", Characteristic.RACE)).attribute(Attribute.sensitive("sex", Characteristic.SEX));
        if (propublica) {
            b.where("propublica_subset", "1");
        }
        return FairnessAssessment.builder().favourable(FavourableOutcome.NEGATIVE_CLASS)
                .reference(new GroupKey(List.of("race", "sex"), List.of("Caucasian", "Male")), "reference analysis").build()
                .assess(b.build().read(csv).snapshot());
    }

    @Test
    void read_compasRows_matchEveryGroupCaseWithScores() throws Exception {
        Optional<Path> csv = Golden.compasCsv();
        assumeTrue(csv.isPresent(), "COMPAS extract not present beside the project: optional extra skipped");
        assertEquals(Golden.root().get("datasets").get("compas").get("sha256").asText(), Fingerprint.of(csv.get()).sha256().toString());
        FairnessReport pp = assess(csv.get(), true);
        assertEquals(6172, pp.data().rowsAssessed());
        check(pp.view("race"), "compas_propublica__race");
        check(pp.view("sex"), "compas_propublica__sex");
        check(pp.view("race x sex"), "compas_propublica__race_x_sex");
        FairnessReport all = assess(csv.get(), false);
        assertEquals(7214, all.data().rowsAssessed());
        check(all.view("race"), "compas_all__race");
    }

    private static void check(ViewResult v, String caseId) {
        JsonNode c = Golden.groupCase(caseId);
        assertEquals(Golden.counts(c.get("overall").get("counts")), v.overall().counts(), caseId);
        matches(c.get("overall").get("score_metrics").get("roc_auc"), v.overall().metric(Metric.ROC_AUC), Golden.EXACT, caseId + " auc");
        for (JsonNode g : c.get("by_group")) {
            String key = g.get("key").asText();
            GroupResult mine = v.group(key);
            assertEquals(Golden.counts(g.get("counts")), mine.counts(), caseId + " " + key);
            for (Map.Entry<String, Metric> e : RATES.entrySet()) {
                matches(g.get("metrics").get(e.getKey()), mine.metric(e.getValue()), Golden.EXACT, caseId + " " + key + " " + e.getKey());
            }
            matches(g.get("score_metrics").get("roc_auc"), mine.metric(Metric.ROC_AUC), Golden.EXACT, caseId + " " + key + " auc");
            matches(g.get("score_metrics").get("mean_score"), mine.metric(Metric.MEAN_SCORE), Golden.EXACT, caseId + " " + key + " mean");
        }
    }
}
