package io.privkit.evidence.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.privkit.evidence.SampleRecords;
import io.privkit.evidence.Verdict;
import io.privkit.evidence.measure.MeasureId;
import io.privkit.evidence.report.AcceptancePolicy.Comparison;
import io.privkit.evidence.report.AcceptancePolicy.Criterion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verdicts with intervals: pass only when the whole interval meets the threshold, fail only when it wholly misses. */
class MeasuresTableTest {
    private static Verdict judge(Metric m, Comparison c, double t, io.privkit.evidence.EvidenceRecord r, MeasureId id) {
        return MeasuresTable.judge(new Criterion("c", m, c, t, "test"), id, List.of(r)).verdict();
    }

    @Test
    void interval_atLeast_passStraddleFail() {
        // review coverage 1150/1200 = 0.958, interval [0.945, 0.968]
        var r = SampleRecords.oversight();
        assertEquals(Verdict.PASS, judge(Metric.REVIEW_COVERAGE, Comparison.AT_LEAST, 0.945, r, MeasureId.HUMAN_OVERSIGHT));
        assertEquals(Verdict.INCONCLUSIVE, judge(Metric.REVIEW_COVERAGE, Comparison.AT_LEAST, 0.95, r, MeasureId.HUMAN_OVERSIGHT));
        assertEquals(Verdict.FAIL, judge(Metric.REVIEW_COVERAGE, Comparison.AT_LEAST, 0.97, r, MeasureId.HUMAN_OVERSIGHT));
    }

    @Test
    void interval_atMost_absoluteDisparity() {
        // difference -0.05, interval [-0.08, -0.02]: |d| in [0.02, 0.08]
        var r = SampleRecords.fairness();
        assertEquals(Verdict.PASS, judge(Metric.MAX_ABS_DISPARITY, Comparison.AT_MOST, 0.08, r, MeasureId.BIAS_AUDIT));
        assertEquals(Verdict.INCONCLUSIVE, judge(Metric.MAX_ABS_DISPARITY, Comparison.AT_MOST, 0.05, r, MeasureId.BIAS_AUDIT));
        assertEquals(Verdict.FAIL, judge(Metric.MAX_ABS_DISPARITY, Comparison.AT_MOST, 0.019, r, MeasureId.BIAS_AUDIT));
    }

    @Test
    void pointValue_epsilon_boundaryIsInclusive() {
        var r = SampleRecords.privacyBudget();   // epsilon 2.9137
        assertEquals(Verdict.PASS, judge(Metric.EPSILON, Comparison.AT_MOST, 2.9137, r, MeasureId.DP_TRAINING));
        assertEquals(Verdict.FAIL, judge(Metric.EPSILON, Comparison.AT_MOST, 2.9136, r, MeasureId.DP_TRAINING));
    }

    @Test
    void deltaTimesN_pureDpWithoutN_isZero_approximateDpWithoutN_isUndefined() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        // delta = 0: delta * n = 0 whatever n is, so a record that does not disclose n is still judged.
        assertEquals(0.0, Metric.DELTA_TIMES_N.observe(json.readTree("{\"delta\": 0, \"deltaTimesN\": null}")).value());
        var undisclosed = Metric.DELTA_TIMES_N.observe(json.readTree("{\"delta\": 1e-5, \"deltaTimesN\": null}"));
        assertEquals(null, undisclosed.value());
        assertEquals("n is not disclosed", undisclosed.undefinedReason());
        assertEquals(0.04, Metric.DELTA_TIMES_N.observe(json.readTree("{\"delta\": 1e-5, \"deltaTimesN\": 0.04}")).value());
    }

    @Test
    void undefinedFigure_isInconclusive_neverPass() {
        var r = SampleRecords.drift();   // no performance recorded
        assertEquals(Verdict.INCONCLUSIVE, judge(Metric.PERFORMANCE_CURRENT, Comparison.AT_LEAST, 0.5, r, MeasureId.DRIFT_MONITORING));
    }

    @Test
    void display_privacyLoss_roundsUp_neverBelowTheValueJudged() {
        assertEquals("2.914", MeasuresTable.display(2.9131, true));
        assertEquals("2.913", MeasuresTable.display(2.9131, false));
        assertEquals("0.00001", MeasuresTable.display(1e-5, true));
        assertEquals("Infinity", MeasuresTable.display(Double.POSITIVE_INFINITY, true));
    }
}
