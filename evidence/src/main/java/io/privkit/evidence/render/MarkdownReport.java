package io.privkit.evidence.render;

import io.privkit.evidence.json.JsonNames;
import io.privkit.evidence.measure.MeasureCatalogue;
import io.privkit.evidence.report.DpiaEvidenceBundle;
import io.privkit.evidence.report.DpiaEvidenceBundle.Change;
import io.privkit.evidence.report.DpiaEvidenceBundle.CriterionResult;
import io.privkit.evidence.report.DpiaEvidenceBundle.KeyFigure;
import io.privkit.evidence.report.DpiaEvidenceBundle.MeasureRow;
import io.privkit.evidence.report.ReportView;
import java.util.List;

/**
 * Renders a bundle document as GitHub-flavoured Markdown for pull-request comments and for pasting
 * into a DPIA: the gate, the measures table (risk, measure, evidence, status, key figure,
 * limitation) with every catalogue measure including the ones not measured, the criteria, what was
 * not measured, and the changes since the previous bundle. Deterministic; stateless and
 * thread-safe.
 */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    /** The report. */
    public static String render(ReportView view) {
        DpiaEvidenceBundle d = view.document();
        StringBuilder md = new StringBuilder(8192);
        md.append("## Privkit evidence: ").append(esc(d.processing().name())).append("\n\n");
        md.append("Gate: **").append(JsonNames.of(d.gate().verdict())).append("** · bundle `").append(d.bundleId())
                .append("` · policy `").append(esc(d.policy().policyId())).append("` v").append(esc(d.policy().version()))
                .append(" (SHA-256 `").append(d.policy().sha256().hex(), 0, 16).append("...`)")
                .append(d.policy().preRegistered() ? "" : " · **policy approved after the evidence**").append("\n\n");
        md.append(measuresTable(d)).append('\n');
        if (!d.gate().reasons().isEmpty()) {
            md.append("**Why the gate is not a pass**\n\n");
            d.gate().reasons().forEach(r -> md.append("- ").append(esc(r)).append('\n'));
            md.append('\n');
        }
        if (!d.gate().criteria().isEmpty()) {
            md.append("| Criterion | Measure | Observed | Threshold | Verdict |\n|---|---|---|---|---|\n");
            for (CriterionResult c : d.gate().criteria()) {
                md.append("| `").append(c.criterionId()).append("` | ").append(c.measureId().id()).append(" | ").append(esc(c.observed()))
                        .append(" | ").append(esc(c.threshold())).append(" | ").append(JsonNames.of(c.verdict())).append(" |\n");
            }
            md.append('\n');
        }
        if (!d.changes().isEmpty()) {
            md.append("**Changes since bundle `").append(d.previousBundle().bundleId()).append("`**\n\n| Change | Before | After | Note |\n|---|---|---|---|\n");
            for (Change c : d.changes()) {
                md.append("| ").append(esc(c.subject())).append(" | ").append(esc(c.before() == null ? "-" : c.before())).append(" | ")
                        .append(esc(c.after() == null ? "-" : c.after())).append(" | ").append(esc(c.note())).append(" |\n");
            }
            md.append('\n');
        }
        md.append("Signed with Ed25519 key `").append(d.integrity().signerKeyId()).append("`; log checkpoint `")
                .append(d.integrity().checkpoint().origin()).append(' ').append(d.integrity().checkpoint().size()).append("`. ")
                .append("\"Not measured\" means this bundle holds no evidence for the measure: it is never a pass. ")
                .append("Risk judgements and sign-off are for the DPIA's owners.\n");
        return md.toString();
    }

    /** The measures table alone, one row per catalogue measure: ready to paste into a DPIA. */
    public static String measuresTable(DpiaEvidenceBundle d) {
        MeasureCatalogue c = MeasureCatalogue.current();
        StringBuilder md = new StringBuilder();
        md.append("| Risk | Measure | Evidence | Status | Key figure | Limitation |\n|---|---|---|---|---|---|\n");
        for (MeasureRow m : d.measures()) {
            String risks = String.join("; ", m.riskIds().stream().map(id -> c.risk(id).map(r -> r.title()).orElse(id)).toList());
            String evidence = m.recordIds().isEmpty() ? (m.measureId().id().equals("evidence-integrity") ? "this bundle's signature and log" : "none")
                    : String.join(", ", m.recordIds().stream().map(id -> "`" + id.toString().substring(0, 8) + "`").toList());
            List<KeyFigure> f = m.keyFigures();
            String key = f.isEmpty() ? "-" : f.get(0).value();
            String limit = m.limitations().isEmpty() ? "-" : m.limitations().get(0);
            md.append("| ").append(esc(risks)).append(" | ").append(esc(m.title())).append(" (`").append(m.measureId().id()).append("`) | ")
                    .append(evidence).append(" | **").append(status(m)).append("** | ").append(esc(key)).append(" | ").append(esc(limit))
                    .append(" |\n");
        }
        return md.toString();
    }

    /** The status as people read it. */
    public static String status(MeasureRow m) {
        return JsonNames.of(m.status()).replace('-', ' ');
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;");
    }
}
