package io.privkit.evidence.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.EvidenceRecord;
import io.privkit.evidence.RecordType;
import io.privkit.evidence.json.JsonNames;
import io.privkit.evidence.report.DpiaEvidenceBundle.Change;
import io.privkit.evidence.report.DpiaEvidenceBundle.ChangeKind;
import io.privkit.evidence.report.DpiaEvidenceBundle.MeasureRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed between two bundles: epsilon spent, fairness disparities (with whether their
 * intervals overlap, so a reader does not mistake noise for a change), features newly drifted,
 * measures whose status changed, evidence that appeared or disappeared, and the acceptance policy.
 *
 * <p>Interval overlap is a conservative screen, not a test: non-overlapping 95% intervals imply a
 * difference significant at well below 5%, while overlapping ones do not rule a difference out
 * (Schenker and Gentleman, "On judging the significance of differences by examining the overlap
 * between confidence intervals", The American Statistician, 2001).
 *
 * <p>Stateless and thread-safe.
 */
public final class BundleDiff {
    private BundleDiff() {
    }

    /** The changes from {@code before} to {@code after}. */
    public static List<Change> between(ReportView before, ReportView after) {
        List<Change> out = new ArrayList<>();
        DpiaEvidenceBundle a = before.document();
        DpiaEvidenceBundle b = after.document();
        if (!a.policy().sha256().equals(b.policy().sha256())) {
            out.add(new Change(ChangeKind.POLICY, "acceptance policy", a.policy().policyId() + " v" + a.policy().version()
                    + " (" + a.policy().sha256().hex().substring(0, 12) + ")", b.policy().policyId() + " v" + b.policy().version()
                    + " (" + b.policy().sha256().hex().substring(0, 12) + ")", "the thresholds changed: verdicts are not comparable one to one"));
        }
        double epsBefore = spent(before.records());
        double epsAfter = spent(after.records());
        if (epsBefore != epsAfter) {
            out.add(new Change(ChangeKind.EPSILON_SPENT, "epsilon spent (privacy-budget records, ledger totals where recorded)",
                    MeasuresTable.fmt(epsBefore), MeasuresTable.fmt(epsAfter), epsAfter > epsBefore
                    ? "more privacy budget spent: " + MeasuresTable.fmt(epsAfter - epsBefore) + " more" : "less epsilon reported than before"));
        }
        Map<String, double[]> da = disparities(before.records());
        Map<String, double[]> db = disparities(after.records());
        for (Map.Entry<String, double[]> e : db.entrySet()) {
            double[] x = da.get(e.getKey());
            double[] y = e.getValue();
            if (x == null) {
                out.add(new Change(ChangeKind.FAIRNESS, e.getKey(), null, fmtDisparity(y), "new disparity"));
            } else if (x[0] != y[0]) {
                boolean bothCi = !Double.isNaN(x[1]) && !Double.isNaN(y[1]);
                String note = !bothCi ? "no intervals: the change may be noise"
                        : (x[1] <= y[2] && y[1] <= x[2]) ? "intervals overlap: not shown to be a real change"
                        : "intervals do not overlap: a change beyond sampling noise";
                out.add(new Change(ChangeKind.FAIRNESS, e.getKey(), fmtDisparity(x), fmtDisparity(y), note));
            }
        }
        Set<String> driftedBefore = drifted(before.records());
        for (String f : drifted(after.records())) {
            if (!driftedBefore.contains(f)) {
                out.add(new Change(ChangeKind.DRIFT_EVENT, "feature " + f, "no drift", "drift", "a new drift event"));
            }
        }
        for (MeasureRow rb : b.measures()) {
            MeasureRow ra = a.measures().stream().filter(m -> m.measureId() == rb.measureId()).findFirst().orElse(null);
            String sa = ra == null ? null : JsonNames.of(ra.status());
            String sb = JsonNames.of(rb.status());
            if (!sb.equals(sa)) {
                out.add(new Change(ChangeKind.MEASURE_STATUS, "measure " + rb.measureId().id(), sa, sb, "status changed"));
            }
        }
        Set<String> ta = types(before.records());
        Set<String> tb = types(after.records());
        for (String t : tb) {
            if (!ta.contains(t)) {
                out.add(new Change(ChangeKind.EVIDENCE_COVERAGE, t + " records", "none", "present", "new evidence type"));
            }
        }
        for (String t : ta) {
            if (!tb.contains(t)) {
                out.add(new Change(ChangeKind.EVIDENCE_COVERAGE, t + " records", "present", "none", "evidence no longer included"));
            }
        }
        return out;
    }

    /** Total epsilon spent: the largest ledger total (spent before plus this spend) or headline epsilon. Errs high. */
    static double spent(List<EvidenceRecord> records) {
        double total = 0;
        Map<String, Double> byLedger = new LinkedHashMap<>();
        for (EvidenceRecord r : records) {
            if (r.recordType() != RecordType.PRIVACY_BUDGET) {
                continue;
            }
            JsonNode t = EvidenceJson.toTree(r);
            JsonNode ledger = t.path("ledger");
            if (ledger.isObject()) {
                double s = Metric.number(ledger.get("spentBefore")) + Metric.number(ledger.get("thisSpend"));
                byLedger.merge(ledger.get("ledgerId").asText(), s, Math::max);
            } else {
                total += Metric.number(t.get("epsilon"));
            }
        }
        for (double v : byLedger.values()) {
            total += v;
        }
        return total;
    }

    /** metric/group/reference -> {difference, ci lower, ci upper} (NaN without interval). */
    static Map<String, double[]> disparities(List<EvidenceRecord> records) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (EvidenceRecord r : records) {
            if (r.recordType() != RecordType.FAIRNESS) {
                continue;
            }
            for (JsonNode d : EvidenceJson.toTree(r).path("disparities")) {
                if (d.path("difference").isNull() || !d.has("difference")) {
                    continue;
                }
                JsonNode ci = d.path("differenceCi");
                out.put(d.get("metric").asText() + " difference, " + d.get("group").asText() + " vs " + d.get("reference").asText(),
                        new double[] {d.get("difference").asDouble(), ci.isObject() ? ci.get("lower").asDouble() : Double.NaN,
                            ci.isObject() ? ci.get("upper").asDouble() : Double.NaN});
            }
        }
        return out;
    }

    static Set<String> drifted(List<EvidenceRecord> records) {
        Set<String> out = new LinkedHashSet<>();
        for (EvidenceRecord r : records) {
            if (r.recordType() != RecordType.DRIFT) {
                continue;
            }
            for (JsonNode f : EvidenceJson.toTree(r).path("perFeature")) {
                if (f.path("drift").asBoolean(false)) {
                    out.add(f.get("feature").asText());
                }
            }
        }
        return out;
    }

    private static Set<String> types(List<EvidenceRecord> records) {
        Set<String> out = new LinkedHashSet<>();
        records.forEach(r -> out.add(r.recordType().id()));
        return out;
    }

    private static String fmtDisparity(double[] d) {
        return MeasuresTable.fmt(d[0]) + (Double.isNaN(d[1]) ? "" : " [" + MeasuresTable.fmt(d[1]) + ", " + MeasuresTable.fmt(d[2]) + "]");
    }
}
