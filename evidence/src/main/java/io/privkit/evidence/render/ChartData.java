package io.privkit.evidence.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.EvidenceRecord;
import io.privkit.evidence.RecordType;
import io.privkit.evidence.render.html.Svg;
import io.privkit.evidence.report.ReportView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The numbers behind the report's charts, read from the records' JSON (the source of truth), so
 * the HTML and PDF draw the same figures: privacy budget spent over time, per-group rates with
 * intervals, drift per feature, and federated rounds. Stateless and thread-safe.
 */
public final class ChartData {
    private ChartData() {
    }

    /**
     * Cumulative epsilon over the privacy-budget records in time order.
     *
     * @param labels   one label per record (its date)
     * @param spent    cumulative epsilon after each record: the ledger's spent-before plus this spend
     *                 where a ledger was used, else the running sum of headline epsilons (basic
     *                 composition, an upper bound)
     * @param cap      the ledger's total budget, when known
     */
    public record Budget(List<String> labels, double[] spent, Double cap) {
    }

    /**
     * A per-group metric with intervals.
     *
     * @param recordId  the fairness record
     * @param metric    the metric
     * @param points    groups with a value
     * @param undefined groups without one, with the reason
     * @param reference the reference group's value, when defined
     * @param referenceLabel the reference group
     */
    public record GroupRates(String recordId, String metric, List<Svg.Point> points, List<String> undefined, Double reference,
                             String referenceLabel) {
    }

    /**
     * Drift per feature.
     *
     * @param recordId the drift record
     * @param measure  what the bars show
     * @param bars     one per feature, highlighted when it drifted
     * @param threshold the effect-size threshold when all features share one
     */
    public record Drift(String recordId, String measure, List<Svg.Bar> bars, Double threshold) {
    }

    /**
     * Federated rounds.
     *
     * @param recordId the record
     * @param rounds   round labels
     * @param reported results accepted
     * @param dropped  clients that did not report
     * @param rejected results rejected
     */
    public record Rounds(String recordId, List<String> rounds, double[] reported, double[] dropped, double[] rejected) {
    }

    /** The budget chart, when there are privacy-budget records. */
    public static Optional<Budget> budget(ReportView view) {
        List<EvidenceRecord> pb = view.records().stream().filter(r -> r.recordType() == RecordType.PRIVACY_BUDGET).toList();
        if (pb.isEmpty()) {
            return Optional.empty();
        }
        List<String> labels = new ArrayList<>();
        double[] spent = new double[pb.size()];
        double running = 0;
        Double cap = null;
        for (int i = 0; i < pb.size(); i++) {
            JsonNode t = EvidenceJson.toTree(pb.get(i));
            labels.add(t.get("header").get("createdAt").asText().substring(0, 10));
            JsonNode ledger = t.path("ledger");
            double eps = num(t.get("epsilon"));
            if (ledger.isObject()) {
                spent[i] = num(ledger.get("spentBefore")) + num(ledger.get("thisSpend"));
                cap = ledger.get("budgetEpsilon").asDouble();
            } else {
                running += eps;
                spent[i] = running;
            }
            if (Double.isInfinite(spent[i])) {
                spent[i] = cap != null ? cap * 1.2 : 0;
            }
        }
        return Optional.of(new Budget(labels, spent, cap));
    }

    /** Per-group charts: one per fairness record, for its first criterion's metric (or selection rate). */
    public static List<GroupRates> groupRates(ReportView view) {
        List<GroupRates> out = new ArrayList<>();
        for (EvidenceRecord r : view.records()) {
            if (r.recordType() != RecordType.FAIRNESS) {
                continue;
            }
            JsonNode t = EvidenceJson.toTree(r);
            String metric = t.path("criteria").isArray() && t.path("criteria").size() > 0
                    ? t.get("criteria").get(0).get("metric").asText() : "selection-rate";
            String ref = t.path("referenceGroup").path("label").asText();
            List<Svg.Point> points = new ArrayList<>();
            List<String> undefined = new ArrayList<>();
            Double refValue = null;
            for (JsonNode g : t.path("perGroupMetrics")) {
                for (JsonNode e : g.path("metrics")) {
                    if (!e.path("name").asText().equals(metric)) {
                        continue;
                    }
                    String label = g.get("group").asText();
                    if (e.path("value").isNull()) {
                        undefined.add(label + ": " + e.path("undefinedReason").asText());
                        continue;
                    }
                    JsonNode ci = e.path("ci");
                    double v = e.get("value").asDouble();
                    points.add(new Svg.Point(label, v, ci.isObject() ? ci.get("lower").asDouble() : null,
                            ci.isObject() ? ci.get("upper").asDouble() : null));
                    if (label.equals(ref)) {
                        refValue = v;
                    }
                }
            }
            for (JsonNode g : t.path("groups")) {
                if (g.path("suppressed").asBoolean(false)) {
                    undefined.add(g.get("label").asText() + ": suppressed (fewer than " + t.path("minCellSize").asText() + " people)");
                }
            }
            if (!points.isEmpty() || !undefined.isEmpty()) {
                out.add(new GroupRates(r.header().recordId().toString(), metric, points, undefined, refValue, ref));
            }
        }
        return out;
    }

    /** Drift charts: one per drift record, the effect size per feature (or the first statistic). */
    public static List<Drift> drift(ReportView view) {
        List<Drift> out = new ArrayList<>();
        for (EvidenceRecord r : view.records()) {
            if (r.recordType() != RecordType.DRIFT) {
                continue;
            }
            JsonNode t = EvidenceJson.toTree(r);
            List<Svg.Bar> bars = new ArrayList<>();
            Double threshold = null;
            boolean sameThreshold = true;
            String measure = null;
            for (JsonNode f : t.path("perFeature")) {
                JsonNode es = f.path("effectSize");
                double v;
                if (es.isObject()) {
                    v = Math.abs(es.get("value").asDouble());
                    String name = es.get("name").asText();
                    measure = measure == null ? name : measure.equals(name) ? measure : "effect size";
                    JsonNode th = es.get("threshold");
                    if (th != null && !th.isNull()) {
                        if (threshold != null && threshold != th.asDouble()) {
                            sameThreshold = false;
                        }
                        threshold = th.asDouble();
                    }
                } else if (f.path("tests").size() > 0) {
                    v = Math.abs(f.get("tests").get(0).get("statistic").asDouble());
                    measure = measure == null ? "test statistic" : measure;
                    sameThreshold = false;
                } else {
                    continue;
                }
                bars.add(new Svg.Bar(f.get("feature").asText(), v, f.path("drift").asBoolean(false)));
            }
            if (!bars.isEmpty()) {
                out.add(new Drift(r.header().recordId().toString(), measure, bars, sameThreshold ? threshold : null));
            }
        }
        return out;
    }

    /** Round charts: one per federated record. */
    public static List<Rounds> rounds(ReportView view) {
        List<Rounds> out = new ArrayList<>();
        for (EvidenceRecord r : view.records()) {
            if (r.recordType() != RecordType.FEDERATED_TRAINING) {
                continue;
            }
            JsonNode rounds = EvidenceJson.toTree(r).path("perRound");
            int n = rounds.size();
            if (n == 0) {
                continue;
            }
            List<String> labels = new ArrayList<>();
            double[] rep = new double[n];
            double[] drop = new double[n];
            double[] rej = new double[n];
            for (int i = 0; i < n; i++) {
                JsonNode x = rounds.get(i);
                labels.add(x.get("round").asText());
                rep[i] = x.get("reported").asDouble();
                drop[i] = x.get("dropped").asDouble();
                rej[i] = x.get("rejected").asDouble();
            }
            out.add(new Rounds(r.header().recordId().toString(), labels, rep, drop, rej));
        }
        return out;
    }

    private static double num(JsonNode n) {
        return n.isTextual() && n.asText().equals("Infinity") ? Double.POSITIVE_INFINITY : n.asDouble();
    }
}
