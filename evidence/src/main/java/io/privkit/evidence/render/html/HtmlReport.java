package io.privkit.evidence.render.html;

import com.fasterxml.jackson.databind.JsonNode;
import io.privkit.evidence.EvidenceHeader;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.EvidenceRecord;
import io.privkit.evidence.InputRef;
import io.privkit.evidence.json.JsonNames;
import io.privkit.evidence.json.JsonNumbers;
import io.privkit.evidence.measure.MeasureCatalogue;
import io.privkit.evidence.render.ChartData;
import io.privkit.evidence.render.MarkdownReport;
import io.privkit.evidence.report.DpiaEvidenceBundle;
import io.privkit.evidence.report.DpiaEvidenceBundle.Change;
import io.privkit.evidence.report.DpiaEvidenceBundle.CriterionResult;
import io.privkit.evidence.report.DpiaEvidenceBundle.HumanField;
import io.privkit.evidence.report.DpiaEvidenceBundle.HumanSection;
import io.privkit.evidence.report.DpiaEvidenceBundle.KeyFigure;
import io.privkit.evidence.report.DpiaEvidenceBundle.MeasureRow;
import io.privkit.evidence.report.DpiaEvidenceBundle.NotMeasured;
import io.privkit.evidence.report.DpiaEvidenceBundle.RecordEntry;
import io.privkit.evidence.report.ReportView;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders a bundle as one self-contained HTML file: no script, no external font, image or style
 * sheet (a Content-Security-Policy forbids loading any), charts as inline SVG drawn by
 * {@link Svg}, tables with captions and header scopes, and print CSS for A4.
 *
 * <p>Layout (Privkit's evidence design notes, section 6): cover (system, digests, DPIA reference,
 * period, signer and checkpoint, overall table); the risk, measure, evidence table in CNIL and ICO
 * vocabulary; the gate's criteria; charts; one section per record, plain-language headline first;
 * what was not measured; changes since the previous bundle; empty human sections under their ICO
 * and CNIL headings; the verification appendix. Deterministic. Stateless and thread-safe.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    private static final String CSS = """
            :root{--ink:#1b1f24;--muted:#5b6570;--line:#d5dbe1;--pass:#1e6b3a;--fail:#b3261e;--inc:#8a5a00;--nm:#5b6570}
            *{box-sizing:border-box}
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);margin:0 auto;max-width:980px;padding:24px;line-height:1.45;font-size:15px}
            h1{font-size:1.7em;margin:.2em 0}h2{font-size:1.3em;margin-top:2em;border-bottom:2px solid var(--line);padding-bottom:.2em}h3{font-size:1.08em;margin-top:1.4em}
            table{border-collapse:collapse;width:100%;margin:.6em 0 1.2em;font-size:.92em}
            caption{text-align:left;font-weight:600;padding:.3em 0;color:var(--muted)}
            th,td{border:1px solid var(--line);padding:.35em .5em;text-align:left;vertical-align:top;overflow-wrap:anywhere}
            table.wide{table-layout:fixed}
            th{background:#f2f5f8}
            code,.mono{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.88em;word-break:break-all}
            pre{background:#f6f8fa;border:1px solid var(--line);padding:.8em;overflow-x:auto;font-size:.82em;white-space:pre-wrap;word-break:break-all}
            .status{font-weight:700;white-space:nowrap}.pass{color:var(--pass)}.fail{color:var(--fail)}.inconclusive{color:var(--inc)}.not-measured,.evidenced{color:var(--nm)}
            .gate{display:inline-block;padding:.2em .7em;border-radius:4px;border:2px solid currentColor;font-weight:700}
            .note{background:#fff8e1;border-left:4px solid #e0a800;padding:.5em .8em}
            .blank{display:block;min-height:1.6em;border-bottom:1px dotted #999}
            figure{margin:1em 0}figcaption{color:var(--muted);font-size:.9em}
            svg{max-width:100%;height:auto}
            .sr{position:absolute;left:-9999px}
            @page{size:A4;margin:16mm}
            @media print{body{max-width:none;padding:0;font-size:10.5pt}h2{break-before:page}h2.keep{break-before:auto}table,figure,pre{break-inside:avoid}a{color:inherit;text-decoration:none}}
            """;

    /** The report as HTML text. */
    public static String render(ReportView view) {
        DpiaEvidenceBundle d = view.document();
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"").append(e(d.generator().name() + " " + d.generator().version())).append("\">\n")
                .append("<title>DPIA evidence: ").append(e(d.processing().name())).append("</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header>\n<p class=\"mono\">Privkit DPIA evidence bundle ").append(d.bundleId()).append("</p>\n");
        h.append("<h1>Evidence for the DPIA of ").append(e(d.processing().name())).append("</h1>\n");
        h.append("<p>This report sets out what software could measure about the measures this processing relies on. It says which "
                + "measure each piece of evidence supports; it does not judge whether the remaining risk is acceptable. Those judgements "
                + "are left, empty, to the people who own the DPIA (section <a href=\"#human\">Judgements for people</a>).</p>\n</header>\n");
        cover(h, d, view);
        measures(h, d);
        gate(h, d);
        charts(h, view);
        records(h, view);
        notMeasured(h, d);
        changes(h, d);
        human(h, d);
        h.append("<h2 id=\"verify\">Verification appendix</h2>\n<pre>").append(e(view.verifyMarkdown())).append("</pre>\n");
        h.append("<footer><p class=\"mono\">Generated by ").append(e(d.generator().name() + " " + d.generator().version()))
                .append(" at ").append(d.createdAt()).append(" UTC from dpia-evidence-bundle.json.</p></footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void cover(StringBuilder h, DpiaEvidenceBundle d, ReportView view) {
        h.append("<section id=\"cover\">\n<h2 class=\"keep\">Summary</h2>\n");
        String gate = JsonNames.of(d.gate().verdict());
        h.append("<p>Gate for CI: <span class=\"gate ").append(gate).append("\">").append(gate).append("</span> (exit code ")
                .append(d.gate().exitCode()).append(" of <code>privkit report gate</code>).</p>\n");
        h.append("<table>\n<caption>What this evidence is about</caption>\n<tbody>\n");
        kv(h, "System", e(d.system().name()) + (d.system().models().isEmpty() ? "" : " — model " + e(String.join(", ", d.system().models()))));
        kv(h, "Model and artifact digests", d.system().artifactSha256().isEmpty() ? "none recorded"
                : String.join("<br>", d.system().artifactSha256().stream().map(s -> "<code>" + s.hex() + "</code>").toList()));
        kv(h, "Controller", e(d.processing().controller()) + (d.processing().dpoContact() == null ? "" : "; DPO: " + e(d.processing().dpoContact())));
        kv(h, "DPIA", d.dpiaRef() == null ? "not recorded" : e(JsonNames.of(d.dpiaRef().system()) + " " + d.dpiaRef().documentId()
                + " version " + d.dpiaRef().version()));
        kv(h, "Evidence period", d.period() == null ? "no records" : d.period().from() + " to " + d.period().to() + " (UTC)");
        kv(h, "Valid until", d.validUntil() + " (then due for review)");
        kv(h, "Acceptance policy", e(d.policy().policyId()) + " version " + e(d.policy().version()) + ", approved by "
                + e(d.policy().approvedBy()) + " at " + d.policy().approvedAt() + "; SHA-256 <code>" + d.policy().sha256() + "</code>"
                + (d.policy().preRegistered() ? "; approved before the evidence (pre-registered)"
                : "; <strong>approved after evidence it judges: its thresholds may have been set after seeing the results</strong>"));
        kv(h, "Signer key id", "<code>" + d.integrity().signerKeyId() + "</code>" + (d.integrity().keyKind() == DpiaEvidenceBundle.KeyKind.EPHEMERAL
                ? " — a key generated for this bundle only; its private half was discarded. Record this key id in the DPIA: it is how a reviewer knows the bundle is the one you signed."
                : ""));
        kv(h, "Log checkpoint (copy into the DPIA)", "<code>" + e(d.integrity().checkpoint().origin() + " " + d.integrity().checkpoint().size()
                + " " + java.util.Base64.getEncoder().encodeToString(d.integrity().checkpoint().root().toBytes())) + "</code>");
        h.append("</tbody>\n</table>\n");
        if (!d.reviewTriggers().isEmpty()) {
            h.append("<p>Review the DPIA before that date if: ").append(e(String.join("; ", d.reviewTriggers()))).append(".</p>\n");
        }
        h.append("<table>\n<caption>Overall: measure, status, key figure, records</caption>\n<thead><tr><th scope=\"col\">Measure</th>"
                + "<th scope=\"col\">Status</th><th scope=\"col\">Key figure</th><th scope=\"col\">Records</th></tr></thead>\n<tbody>\n");
        for (MeasureRow m : d.measures()) {
            h.append("<tr><th scope=\"row\">").append(e(m.title())).append("</th><td>").append(status(m)).append("</td><td>")
                    .append(m.keyFigures().isEmpty() ? "—" : e(m.keyFigures().get(0).value())).append("</td><td>")
                    .append(m.recordIds().isEmpty() ? "—" : String.join(" ", m.recordIds().stream()
                            .map(id -> "<a href=\"#r-" + id + "\"><code>" + id.toString().substring(0, 8) + "</code></a>").toList()))
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static void measures(StringBuilder h, DpiaEvidenceBundle d) {
        MeasureCatalogue c = MeasureCatalogue.current();
        h.append("<section id=\"measures\">\n<h2>Risk, measure, evidence</h2>\n");
        h.append("<p>Every measure of Privkit's catalogue is listed. <strong>Not measured</strong> means this bundle holds no evidence "
                + "for it: a gap, never a pass. The CNIL and ICO columns give each measure's place in those vocabularies.</p>\n");
        h.append("<table class=\"wide\">\n<caption>Measures table (risk → measure → evidence → status → key figure → limitation)</caption>\n"
                + "<colgroup><col style=\"width:13%\"><col style=\"width:13%\"><col style=\"width:14%\"><col style=\"width:8%\">"
                + "<col style=\"width:9%\"><col style=\"width:23%\"><col style=\"width:20%\"></colgroup>\n<thead><tr>"
                + "<th scope=\"col\">Risk</th><th scope=\"col\">Measure</th><th scope=\"col\">CNIL PIA / ICO</th><th scope=\"col\">Evidence</th>"
                + "<th scope=\"col\">Status</th><th scope=\"col\">Key figures</th><th scope=\"col\">Limitations</th></tr></thead>\n<tbody>\n");
        for (MeasureRow m : d.measures()) {
            h.append("<tr><td>").append(e(String.join("; ", m.riskIds().stream().map(id -> c.risk(id).map(r -> r.title()).orElse(id)).toList())))
                    .append("</td><th scope=\"row\">").append(e(m.title())).append(" <code>").append(m.measureId().id()).append("</code></th><td>")
                    .append(m.crosswalk().cnilPia().isEmpty() ? "" : "<code>" + e(String.join(", ", m.crosswalk().cnilPia())) + "</code><br>")
                    .append(m.crosswalk().ico() == null ? "" : e(m.crosswalk().ico())).append("</td><td>")
                    .append(m.recordIds().isEmpty() ? (m.status() == DpiaEvidenceBundle.MeasureStatus.NOT_MEASURED ? "none" : "this bundle's signature and log")
                            : String.join(" ", m.recordIds().stream().map(id -> "<a href=\"#r-" + id + "\"><code>" + id.toString().substring(0, 8)
                            + "</code></a>").toList()))
                    .append("</td><td>").append(status(m)).append("</td><td>");
            for (KeyFigure f : m.keyFigures()) {
                h.append(e(f.label())).append(": ").append(e(f.value())).append("<br>");
            }
            h.append("</td><td>");
            for (String l : m.limitations()) {
                h.append(e(l)).append("<br>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        h.append("<h3>Sentences for the DPIA</h3>\n<ul>\n");
        for (MeasureRow m : d.measures()) {
            h.append("<li>").append(e(m.claim())).append("</li>\n");
        }
        h.append("</ul>\n</section>\n");
    }

    private static void gate(StringBuilder h, DpiaEvidenceBundle d) {
        h.append("<section id=\"gate\">\n<h2>Pre-registered criteria</h2>\n");
        h.append("<p>Thresholds from policy <code>").append(e(d.policy().policyId())).append("</code> (SHA-256 <code>").append(d.policy().sha256())
                .append("</code>). With an interval, a criterion passes only when the whole interval meets the threshold, fails only when "
                        + "the whole interval misses it, and is inconclusive otherwise.</p>\n");
        if (d.gate().criteria().isEmpty()) {
            h.append("<p class=\"note\">The policy sets no criterion.</p>\n");
        } else {
            h.append("<table class=\"wide\">\n<caption>Criteria and verdicts</caption>\n<thead><tr><th scope=\"col\">Criterion</th><th scope=\"col\">Measure</th>"
                    + "<th scope=\"col\">Observed</th><th scope=\"col\">Threshold</th><th scope=\"col\">Verdict</th><th scope=\"col\">Why</th></tr></thead>\n<tbody>\n");
            for (CriterionResult c : d.gate().criteria()) {
                String v = JsonNames.of(c.verdict());
                h.append("<tr><th scope=\"row\"><code>").append(e(c.criterionId())).append("</code></th><td>").append(c.measureId().id())
                        .append("</td><td>").append(e(c.observed())).append("</td><td>").append(e(c.threshold())).append("</td><td class=\"status ")
                        .append(v).append("\">").append(v).append("</td><td>").append(e(c.reason())).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        if (!d.gate().reasons().isEmpty()) {
            h.append("<p>Why the gate is not a pass:</p>\n<ul>\n");
            d.gate().reasons().forEach(r -> h.append("<li>").append(e(r)).append("</li>\n"));
            h.append("</ul>\n");
        }
        h.append("</section>\n");
    }

    private static void charts(StringBuilder h, ReportView view) {
        List<String> figs = new ArrayList<>();
        int n = 0;
        var budget = ChartData.budget(view);
        if (budget.isPresent()) {
            var b = budget.get();
            String id = "c" + (++n);
            StringBuilder f = new StringBuilder("<h3>Privacy budget spent over time</h3><figure>");
            f.append(Svg.cumulative(id, "Privacy budget spent over time", "Cumulative epsilon after each privacy-budget record"
                    + (b.cap() == null ? "" : ", against the approved budget of " + Svg.fmt(b.cap())), b.labels(), b.spent(), b.cap(), "budget"));
            f.append("<figcaption>Epsilon spent, cumulatively (the ledger's account where one was used).</figcaption>");
            f.append(table("Privacy budget spent", List.of("Record date", "Cumulative epsilon"), rows(b.labels(), b.spent())));
            figs.add(f.append("</figure>").toString());
        }
        for (var g : ChartData.groupRates(view)) {
            String id = "c" + (++n);
            StringBuilder f = new StringBuilder("<h3>" + e(g.metric()) + " per group, with intervals</h3><figure>");
            if (!g.points().isEmpty()) {
                f.append(Svg.dotWhisker(id, g.metric() + " per group", "Point estimate and confidence interval of " + g.metric()
                        + " for each group; dashed line: the reference group", g.points(), g.reference(), "reference " + g.referenceLabel()));
            }
            f.append("<figcaption>").append(e(g.metric())).append(" per group, with intervals (record ").append(g.recordId(), 0, 8).append(").")
                    .append(g.undefined().isEmpty() ? "" : " Not shown: " + e(String.join("; ", g.undefined())) + ".").append("</figcaption>");
            List<List<String>> rows = new ArrayList<>();
            for (Svg.Point p : g.points()) {
                rows.add(List.of(p.label(), Svg.fmt(p.value()), p.lower() == null ? "none" : "[" + Svg.fmt(p.lower())
                        + ", " + Svg.fmt(p.upper()) + "]"));
            }
            g.undefined().forEach(u -> rows.add(List.of(u, "undefined", "none")));
            f.append(table(g.metric() + " per group", List.of("Group", "Value", "Interval"), rows));
            figs.add(f.append("</figure>").toString());
        }
        for (var dr : ChartData.drift(view)) {
            String id = "c" + (++n);
            StringBuilder f = new StringBuilder("<h3>Drift per feature</h3><figure>");
            f.append(Svg.bars(id, "Drift per feature", dr.measure() + " per feature; red bars drifted", dr.bars(), dr.threshold(), "threshold"));
            f.append("<figcaption>").append(e(dr.measure())).append(" per feature; drifted features in red (record ").append(dr.recordId(), 0, 8)
                    .append(").</figcaption>");
            List<List<String>> rows = new ArrayList<>();
            dr.bars().forEach(b -> rows.add(List.of(b.label(), JsonNumbers.format(b.value()), b.highlighted() ? "drift" : "no drift")));
            f.append(table("Drift per feature", List.of("Feature", dr.measure(), "Decision"), rows));
            figs.add(f.append("</figure>").toString());
        }
        for (var r : ChartData.rounds(view)) {
            String id = "c" + (++n);
            StringBuilder f = new StringBuilder("<h3>Federated training rounds</h3><figure>");
            f.append(Svg.stackedBars(id, "Federated rounds", "Per round: results aggregated, clients dropped, results rejected", r.rounds(),
                    List.of(new Svg.Series("aggregated", "#1f3b63", r.reported()), new Svg.Series("dropped", "#8a97a8", r.dropped()),
                            new Svg.Series("rejected", "#b3261e", r.rejected())), "round"));
            f.append("<figcaption>Clients per federated round (record ").append(r.recordId(), 0, 8).append(").</figcaption>");
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < r.rounds().size(); i++) {
                rows.add(List.of(r.rounds().get(i), Svg.fmt(r.reported()[i]), Svg.fmt(r.dropped()[i]), Svg.fmt(r.rejected()[i])));
            }
            f.append(table("Federated rounds", List.of("Round", "Aggregated", "Dropped", "Rejected"), rows));
            figs.add(f.append("</figure>").toString());
        }
        if (figs.isEmpty()) {
            return;
        }
        h.append("<section id=\"charts\">\n<h2>Charts</h2>\n");
        figs.forEach(f -> h.append(f).append('\n'));
        h.append("</section>\n");
    }

    private static List<List<String>> rows(List<String> labels, double[] values) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            rows.add(List.of(labels.get(i), Svg.fmt(values[i])));
        }
        return rows;
    }

    private static String table(String caption, List<String> head, List<List<String>> rows) {
        StringBuilder t = new StringBuilder("<table><caption>").append(e(caption)).append(" (data)</caption><thead><tr>");
        head.forEach(x -> t.append("<th scope=\"col\">").append(e(x)).append("</th>"));
        t.append("</tr></thead><tbody>");
        for (List<String> r : rows) {
            t.append("<tr><th scope=\"row\">").append(e(r.get(0))).append("</th>");
            for (int i = 1; i < r.size(); i++) {
                t.append("<td>").append(e(r.get(i))).append("</td>");
            }
            t.append("</tr>");
        }
        return t.append("</tbody></table>").toString();
    }

    private static void records(StringBuilder h, ReportView view) {
        h.append("<section id=\"records\">\n<h2>The evidence, record by record</h2>\n");
        if (view.records().isEmpty()) {
            h.append("<p class=\"note\">This bundle holds no evidence record.</p>\n");
        }
        for (RecordEntry entry : view.document().records()) {
            EvidenceRecord r = view.record(entry.recordId()).orElseThrow();
            EvidenceHeader hd = r.header();
            h.append("<article id=\"r-").append(hd.recordId()).append("\">\n<h3>").append(e(title(r))).append(" <code>")
                    .append(hd.recordId().toString(), 0, 8).append("</code></h3>\n");
            JsonNode tree = EvidenceJson.toTree(r);
            if (tree.has("statement")) {
                h.append("<p><strong>").append(e(tree.get("statement").asText())).append("</strong></p>\n");
            }
            h.append("<p>").append(e(r.headline())).append("</p>\n");
            if (hd.usedInsecureRandomness()) {
                h.append("<p class=\"note\">Computed with insecure seeded randomness (seed ").append(hd.randomness().seed())
                        .append("): a test or replay, not a release.</p>\n");
            }
            h.append("<table><caption>Record</caption><tbody>");
            kv(h, "Verdict", "<span class=\"status " + JsonNames.of(hd.verdict()) + "\">" + JsonNames.of(hd.verdict()) + "</span>");
            kv(h, "Supports", e(String.join(", ", hd.measureIds().stream().map(m -> m.id()).toList())));
            kv(h, "Created", hd.createdAt() + " UTC by " + e(hd.generator().name() + " " + hd.generator().version()));
            kv(h, "Acceptance policy cited", hd.policyRef() == null ? "none" : "<code>" + hd.policyRef().sha256() + "</code>");
            kv(h, "File", "<code>" + e(entry.path()) + "</code>, SHA-256 <code>" + entry.sha256() + "</code>");
            h.append("</tbody></table>\n");
            list(h, "Claims", hd.claims());
            list(h, "Limitations", hd.limitations());
            list(h, "Claims not made", hd.claimsNotMade());
            if (!hd.inputs().isEmpty()) {
                List<List<String>> rows = new ArrayList<>();
                for (InputRef in : hd.inputs()) {
                    rows.add(List.of(in.role(), in.description(), in.sha256().hex(), in.rows() == null ? "not disclosed" : in.rows().toString()));
                }
                h.append(table("Inputs, by digest", List.of("Role", "Description", "SHA-256", "Rows"), rows)).append('\n');
            }
            h.append("<details><summary>All fields</summary>\n");
            for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!List.of("header", "schemaVersion", "recordType").contains(f.getKey())) {
                    field(h, f.getKey(), f.getValue());
                }
            }
            h.append("</details>\n</article>\n");
        }
        h.append("</section>\n");
    }

    private static void field(StringBuilder h, String name, JsonNode v) {
        h.append("<dl><dt>").append(e(humanize(name))).append("</dt><dd>");
        value(h, v);
        h.append("</dd></dl>\n");
    }

    private static void value(StringBuilder h, JsonNode v) {
        if (v.isObject()) {
            if (v.isEmpty()) {
                h.append("none");
            }
            v.fields().forEachRemaining(f -> field(h, f.getKey(), f.getValue()));
        } else if (v.isArray()) {
            if (v.isEmpty()) {
                h.append("none");
                return;
            }
            h.append("<ol>");
            for (JsonNode x : v) {
                h.append("<li>");
                value(h, x);
                h.append("</li>");
            }
            h.append("</ol>");
        } else if (v.isNull()) {
            h.append("<em>undefined</em>");
        } else if (v.isBoolean()) {
            h.append(v.asBoolean() ? "yes" : "no");
        } else if (v.isFloatingPointNumber()) {
            h.append(JsonNumbers.format(v.doubleValue()));
        } else {
            h.append(e(v.asText()));
        }
    }

    private static void notMeasured(StringBuilder h, DpiaEvidenceBundle d) {
        h.append("<section id=\"not-measured\">\n<h2>Not measured</h2>\n");
        if (d.notMeasured().isEmpty()) {
            h.append("<p>Every measure of the catalogue has evidence in this bundle.</p>\n");
        } else {
            h.append("<p>No evidence in this bundle for the measures below. A missing test is never a pass.</p>\n<table><caption>Not measured</caption>"
                    + "<thead><tr><th scope=\"col\">Measure</th><th scope=\"col\">Expected evidence</th><th scope=\"col\">Why missing</th></tr></thead><tbody>");
            for (NotMeasured n : d.notMeasured()) {
                h.append("<tr><th scope=\"row\">").append(n.measureId().id()).append("</th><td>").append(e(n.expectedEvidence()))
                        .append("</td><td>").append(e(n.reason())).append("</td></tr>");
            }
            h.append("</tbody></table>\n");
        }
        h.append("</section>\n");
    }

    private static void changes(StringBuilder h, DpiaEvidenceBundle d) {
        h.append("<section id=\"changes\">\n<h2>Changes since the previous bundle</h2>\n");
        if (d.previousBundle() == null) {
            h.append("<p>This is a first bundle: there is nothing to compare with.</p>\n");
        } else if (d.changes().isEmpty()) {
            h.append("<p>No change since bundle <code>").append(d.previousBundle().bundleId()).append("</code>.</p>\n");
        } else {
            h.append("<table><caption>Changes since bundle ").append(d.previousBundle().bundleId()).append("</caption><thead><tr>"
                    + "<th scope=\"col\">What</th><th scope=\"col\">Before</th><th scope=\"col\">After</th><th scope=\"col\">How to read it</th></tr></thead><tbody>");
            for (Change c : d.changes()) {
                h.append("<tr><th scope=\"row\">").append(e(c.subject())).append("</th><td>").append(e(c.before() == null ? "—" : c.before()))
                        .append("</td><td>").append(e(c.after() == null ? "—" : c.after())).append("</td><td>").append(e(c.note())).append("</td></tr>");
            }
            h.append("</tbody></table>\n");
        }
        h.append("</section>\n");
    }

    private static void human(StringBuilder h, DpiaEvidenceBundle d) {
        h.append("<section id=\"human\">\n<h2>Judgements for people</h2>\n");
        h.append("<p>These sections are left empty on purpose: likelihood, severity, residual risk, whether a measure is sufficient, the "
                + "DPO's advice and the sign-off are decisions for the people who own the DPIA. Headings follow the ICO DPIA template "
                + "(steps 5 to 7) and the CNIL PIA tool.</p>\n");
        String last = "";
        for (HumanSection s : d.humanSections()) {
            if (!s.icoHeading().equals(last)) {
                h.append("<h3>").append(e(s.icoHeading())).append(" — CNIL: ").append(e(s.cnilHeading())).append("</h3>\n");
                last = s.icoHeading();
            }
            h.append("<table><caption>").append(e(s.guidance())).append("</caption><tbody>");
            for (HumanField f : s.fields()) {
                h.append("<tr><th scope=\"row\">").append(e(f.label())).append("</th><td><span class=\"blank\">")
                        .append(f.value() == null ? "" : e(f.value())).append("</span></td></tr>");
            }
            h.append("</tbody></table>\n");
        }
        h.append("</section>\n");
    }

    private static void list(StringBuilder h, String title, List<String> items) {
        h.append("<p><strong>").append(title).append(":</strong>").append(items.isEmpty() ? " none recorded.</p>\n" : "</p>\n<ul>\n");
        if (!items.isEmpty()) {
            items.forEach(i -> h.append("<li>").append(e(i)).append("</li>\n"));
            h.append("</ul>\n");
        }
    }

    private static void kv(StringBuilder h, String k, String vHtml) {
        h.append("<tr><th scope=\"row\">").append(e(k)).append("</th><td>").append(vHtml).append("</td></tr>\n");
    }

    private static String status(MeasureRow m) {
        String s = JsonNames.of(m.status());
        return "<span class=\"status " + s + "\">" + e(MarkdownReport.status(m)) + "</span>";
    }

    private static String title(EvidenceRecord r) {
        String id = r.recordType().id().replace('-', ' ');
        return Character.toUpperCase(id.charAt(0)) + id.substring(1) + " evidence";
    }

    static String humanize(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(name.charAt(i - 1))) {
                sb.append(' ').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        String s = sb.toString();
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String e(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
