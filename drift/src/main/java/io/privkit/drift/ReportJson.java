package io.privkit.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privkit.drift.test.Outcome;
import io.privkit.evidence.DriftEvidence.DatasetRuleKind;
import java.util.Locale;
import java.util.Map;

/**
 * The machine-readable form of a {@link DriftReport}, for jobs that script against it: per column,
 * every statistic computed (test, statistic name, value, p-value where one exists, method such as
 * exact or asymptotic, note) and the verdict; then the policy, the correction and the dataset decision.
 * Keys are in a fixed order, so equal reports give equal bytes. Stateless and thread-safe.
 */
public final class ReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    /** The report as an indented JSON document. */
    public static String write(DriftReport r) {
        try {
            return MAPPER.writeValueAsString(tree(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a drift report", e);
        }
    }

    /** The report as a JSON tree. */
    public static ObjectNode tree(DriftReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("datasetDrift", r.datasetDrift());
        root.put("driftedShare", r.driftedShare());
        ObjectNode pol = root.putObject("policy");
        pol.put("name", r.policy().name());
        pol.put("description", r.policy().describe());
        pol.put("alpha", r.policy().alpha());
        pol.put("correction", key(r.policy().correction()));
        pol.put("familySize", r.familySize());
        pol.put("datasetRule", key(r.policy().datasetRule().kind()));
        if (r.policy().datasetRule().kind() == DatasetRuleKind.SHARE_OF_DRIFTED_FEATURES) {
            pol.put("shareThreshold", r.policy().datasetRule().shareThreshold());
        }
        data(root.putObject("reference"), r.reference());
        data(root.putObject("current"), r.current());
        ArrayNode cols = root.putArray("columns");
        for (ColumnResult c : r.columns()) {
            ObjectNode n = cols.addObject();
            n.put("column", c.column());
            n.put("type", key(c.type()));
            n.put("verdict", key(c.verdict()));
            if (c.error() != null) {
                n.put("error", c.error());
            }
            n.put("decidedBy", c.decidedBy());
            putNullable(n, "pValue", c.pValue());
            putNullable(n, "adjustedPValue", c.adjustedPValue());
            if (c.effectValue() != null) {
                ObjectNode e = n.putObject("effect");
                e.put("name", c.effect().key());
                e.put("value", c.effectValue());
                putNullable(e, "threshold", c.effectThreshold());
            }
            n.put("nReference", c.nReference());
            n.put("nCurrent", c.nCurrent());
            n.put("missingReference", c.missingReference());
            n.put("missingCurrent", c.missingCurrent());
            ArrayNode u1 = n.putArray("unseenInReference");
            c.unseenInReference().forEach(u1::add);
            ArrayNode u2 = n.putArray("unseenInCurrent");
            c.unseenInCurrent().forEach(u2::add);
            if (c.binning() != null) {
                n.put("binning", c.binning());
            }
            putNullable(n, "sketchError", c.sketchError());
            putNullable(n, "minDetectableEffect", c.minDetectableEffect());
            ArrayNode stats = n.putArray("statistics");
            for (Outcome o : c.outcomes()) {
                ObjectNode s = stats.addObject();
                s.put("test", o.test().key());
                s.put("name", o.name());
                s.put("value", o.statistic());
                putNullable(s, "pValue", o.pValue());
                s.put("method", o.method().key());
                if (o.note() != null) {
                    s.put("note", o.note());
                }
            }
            ArrayNode notes = n.putArray("notes");
            c.notes().forEach(notes::add);
        }
        ObjectNode ex = root.putObject("excluded");
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(r.excluded()).entrySet()) {
            ex.put(e.getKey(), e.getValue());
        }
        return root;
    }

    private static void data(ObjectNode n, DriftReport.DataDescription d) {
        n.put("source", d.source());
        if (d.sha256() != null) {
            n.put("sha256", d.sha256());
        }
        n.put("rows", d.rows());
    }

    private static void putNullable(ObjectNode n, String k, Double v) {
        if (v == null) {
            n.putNull(k);
        } else {
            n.put(k, v);
        }
    }

    static String key(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
