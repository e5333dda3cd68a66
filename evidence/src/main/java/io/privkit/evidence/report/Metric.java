package io.privkit.evidence.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.privkit.evidence.RecordType;
import io.privkit.evidence.json.JsonNames;
import io.privkit.evidence.measure.MeasureId;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures an acceptance policy can constrain, each read from a record's JSON (the source of
 * truth), with its interval where the record has one so a verdict can take the uncertainty into
 * account.
 */
public enum Metric {
    /** The record's own verdict, computed against the criteria the record cites (any record type). */
    RECORD_VERDICT(null, "record verdict"),
    /** Headline epsilon (privacy-budget); Infinity when there is no DP guarantee. */
    EPSILON(RecordType.PRIVACY_BUDGET, "epsilon"),
    /** Headline delta (privacy-budget). */
    DELTA(RecordType.PRIVACY_BUDGET, "delta"),
    /** delta times n (privacy-budget); undefined when n is not disclosed. */
    DELTA_TIMES_N(RecordType.PRIVACY_BUDGET, "delta x n"),
    /** Epsilon left in the ledger after the spend (privacy-budget); undefined without a ledger. */
    BUDGET_REMAINING(RecordType.PRIVACY_BUDGET, "epsilon remaining in the ledger"),
    /** The bound on a membership-inference attacker's TPR at 1% FPR (privacy-budget). */
    MAX_TPR_AT_1PCT_FPR(RecordType.PRIVACY_BUDGET, "max attack TPR at 1% FPR"),
    /** Share of monitored features that drifted (drift). */
    DRIFTED_SHARE(RecordType.DRIFT, "share of features drifted"),
    /** Model performance on current data, with its interval (drift). */
    PERFORMANCE_CURRENT(RecordType.DRIFT, "current performance"),
    /** The largest absolute disparity across groups, with its interval (fairness). */
    MAX_ABS_DISPARITY(RecordType.FAIRNESS, "largest absolute disparity"),
    /** Client-level epsilon (federated-training); Infinity without client-level DP. */
    CLIENT_EPSILON(RecordType.FEDERATED_TRAINING, "client-level epsilon"),
    /** The fewest results a round aggregated (federated-training). */
    MIN_CLIENTS_PER_ROUND(RecordType.FEDERATED_TRAINING, "min clients per round"),
    /** Share of consequential outputs a human reviewed, with its interval (human-oversight). */
    REVIEW_COVERAGE(RecordType.HUMAN_OVERSIGHT, "review coverage"),
    /** Overall override rate, with its interval (human-oversight). */
    OVERRIDE_RATE(RecordType.HUMAN_OVERSIGHT, "override rate");

    private final RecordType recordType;
    private final String label;

    Metric(RecordType recordType, String label) {
        this.recordType = recordType;
        this.label = label;
    }

    /** A short human label. */
    public String label() {
        return label;
    }

    /** The record type the metric reads; null for {@link #RECORD_VERDICT}, which reads any. */
    public RecordType recordType() {
        return recordType;
    }

    /** Whether the metric can judge evidence of the measure. */
    public boolean appliesTo(MeasureId measure) {
        List<String> types = io.privkit.evidence.measure.MeasureCatalogue.current().measure(measure).recordTypes();
        return recordType == null ? !types.isEmpty() : types.contains(recordType.id());
    }

    /** The JSON names of the metrics that apply to a measure. */
    static List<String> namesFor(MeasureId measure) {
        List<String> out = new ArrayList<>();
        for (Metric m : values()) {
            if (m.appliesTo(measure)) {
                out.add(JsonNames.of(m));
            }
        }
        return out;
    }

    /**
     * A figure read from a record: a value with an optional interval, or the reason it is undefined.
     *
     * @param value           the point value (may be infinite), null when undefined
     * @param lower           the interval's lower end, null without an interval
     * @param upper           the interval's upper end, null without an interval
     * @param undefinedReason why there is no value
     */
    record Observation(Double value, Double lower, Double upper, String undefinedReason) {
        static Observation of(double v) {
            return new Observation(v, null, null, null);
        }

        static Observation undefined(String reason) {
            return new Observation(null, null, null, reason);
        }
    }

    /** Reads the metric from a record's JSON tree. */
    Observation observe(JsonNode record) {
        return switch (this) {
            case RECORD_VERDICT -> throw new IllegalStateException("record-verdict is not a figure");
            case EPSILON -> Observation.of(number(record.get("epsilon")));
            case DELTA -> Observation.of(number(record.get("delta")));
            // Pure DP (delta = 0) has delta * n = 0 whatever n is.
            case DELTA_TIMES_N -> number(record.get("delta")) == 0 ? Observation.of(0.0)
                    : nullable(record.get("deltaTimesN"), "n is not disclosed");
            case BUDGET_REMAINING -> record.path("ledger").isObject()
                    ? Observation.of(number(record.get("ledger").get("remainingAfter"))) : Observation.undefined("no ledger was used");
            case MAX_TPR_AT_1PCT_FPR -> {
                for (JsonNode p : record.path("attackBounds").path("maxTprAtFpr")) {
                    if (Math.abs(p.path("fpr").asDouble() - 0.01) < 1e-12) {
                        yield Observation.of(p.get("maxTpr").asDouble());
                    }
                }
                yield Observation.undefined("the record gives no bound at 1% false positives");
            }
            case DRIFTED_SHARE -> Observation.of(number(record.get("driftedShare")));
            case PERFORMANCE_CURRENT -> {
                JsonNode p = record.path("performance");
                if (!p.isObject()) {
                    yield Observation.undefined("no ground truth yet: performance not measured");
                }
                JsonNode ci = p.path("ci");
                yield ci.isObject() ? new Observation(p.get("current").asDouble(), ci.get("lower").asDouble(), ci.get("upper").asDouble(), null)
                        : Observation.of(p.get("current").asDouble());
            }
            case MAX_ABS_DISPARITY -> maxAbsDisparity(record);
            case CLIENT_EPSILON -> record.path("dp").isObject() ? Observation.of(number(record.get("dp").get("epsilon")))
                    : Observation.of(Double.POSITIVE_INFINITY);
            case MIN_CLIENTS_PER_ROUND -> Observation.of(record.get("minClientsPerRound").asDouble());
            case REVIEW_COVERAGE -> estimate(record.get("reviewCoverage"));
            case OVERRIDE_RATE -> estimate(record.path("overrideRate").get("overall"));
        };
    }

    private static Observation maxAbsDisparity(JsonNode record) {
        Double best = null;
        Double bestLower = null;
        Double bestUpper = null;
        boolean allHaveCi = true;
        for (JsonNode d : record.path("disparities")) {
            JsonNode diff = d.get("difference");
            if (diff == null || diff.isNull()) {
                continue;
            }
            double v = Math.abs(diff.asDouble());
            JsonNode ci = d.get("differenceCi");
            double lo;
            double hi;
            if (ci != null && ci.isObject()) {
                double a = ci.get("lower").asDouble();
                double b = ci.get("upper").asDouble();
                hi = Math.max(Math.abs(a), Math.abs(b));
                lo = (a <= 0 && b >= 0) ? 0 : Math.min(Math.abs(a), Math.abs(b));
            } else {
                allHaveCi = false;
                lo = v;
                hi = v;
            }
            if (best == null || v > best) {
                best = v;
            }
            bestLower = bestLower == null ? lo : Math.max(bestLower, lo);
            bestUpper = bestUpper == null ? hi : Math.max(bestUpper, hi);
        }
        if (best == null) {
            return Observation.undefined("no defined disparity in the record");
        }
        return allHaveCi ? new Observation(best, bestLower, bestUpper, null) : Observation.of(best);
    }

    private static Observation estimate(JsonNode e) {
        if (e == null || e.isNull()) {
            return Observation.undefined("not measured");
        }
        if (e.get("value").isNull()) {
            return Observation.undefined(e.path("undefinedReason").asText("undefined"));
        }
        JsonNode ci = e.get("ci");
        return ci != null && ci.isObject()
                ? new Observation(e.get("value").asDouble(), ci.get("lower").asDouble(), ci.get("upper").asDouble(), null)
                : Observation.of(e.get("value").asDouble());
    }

    private static Observation nullable(JsonNode n, String reason) {
        return n == null || n.isNull() ? Observation.undefined(reason) : Observation.of(number(n));
    }

    static double number(JsonNode n) {
        if (n.isTextual() && n.asText().equals("Infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        return n.asDouble();
    }
}
