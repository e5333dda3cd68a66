package io.privkit.evidence.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privkit.evidence.json.CanonicalJson;
import io.privkit.evidence.json.JsonNames;
import io.privkit.evidence.report.DpiaEvidenceBundle;
import io.privkit.evidence.report.DpiaEvidenceBundle.KeyFigure;
import io.privkit.evidence.report.DpiaEvidenceBundle.MeasureRow;

/**
 * The measures as a fragment for the CNIL PIA tool: one entry per measure in the shape of the
 * tool's {@code Measure} model ({@code title}, {@code content} as HTML, {@code placeholder}), to
 * be merged into the {@code measures} array of a PIA export before importing it, plus the
 * knowledge-base identifiers of each measure so it can be filed under the matching entry. The
 * judgement fields of the PIA (severity, likelihood, evaluations) are left out: people fill them.
 *
 * <p>The shape follows the PIA tool's source ({@code LINCnil/pia}, {@code measure.model.ts}); the
 * fragment was not imported into a running PIA tool. Stateless and thread-safe.
 */
public final class CnilPiaExport {
    private CnilPiaExport() {
    }

    /** The fragment as deterministic JSON. */
    public static byte[] render(DpiaEvidenceBundle d) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", "privkit-cnil-pia-measures-fragment/1");
        root.put("howToUse", "Merge the 'measures' entries into the 'measures' array of a PIA tool export (setting pia_id to the "
                + "target PIA), then import it. Each entry's content says what the evidence supports; severity, likelihood and "
                + "evaluations are for the people who own the PIA.");
        root.put("bundleId", d.bundleId().toString());
        root.put("signerKeyId", d.integrity().signerKeyId());
        ArrayNode measures = root.putArray("measures");
        for (MeasureRow m : d.measures()) {
            ObjectNode o = measures.addObject();
            o.put("title", m.title());
            StringBuilder html = new StringBuilder();
            html.append("<p><strong>Status: ").append(h(MarkdownReport.status(m))).append("</strong>. ").append(h(m.claim())).append("</p>");
            if (!m.keyFigures().isEmpty()) {
                html.append("<ul>");
                for (KeyFigure f : m.keyFigures()) {
                    html.append("<li>").append(h(f.label())).append(": ").append(h(f.value())).append("</li>");
                }
                html.append("</ul>");
            }
            if (!m.limitations().isEmpty()) {
                html.append("<p>Limitations: ").append(h(String.join(" ", m.limitations()))).append("</p>");
            }
            html.append("<p>Evidence bundle ").append(d.bundleId()).append(", records ")
                    .append(h(String.join(", ", m.recordIds().stream().map(Object::toString).toList()))).append(".</p>");
            o.put("content", html.toString());
            o.put("placeholder", "Privkit measure " + m.measureId().id() + " (" + JsonNames.of(m.status()) + ")");
            ArrayNode kb = o.putArray("knowledgeBase");
            m.crosswalk().cnilPia().forEach(kb::add);
        }
        return CanonicalJson.write(root);
    }

    private static String h(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
