package io.privkit.evidence.render.pdf;

import io.privkit.common.Checks;
import io.privkit.evidence.EvidenceRecord;
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
import io.privkit.evidence.report.DpiaEvidenceBundle.MeasureRow;
import io.privkit.evidence.report.DpiaEvidenceBundle.NotMeasured;
import io.privkit.evidence.report.DpiaEvidenceBundle.RecordEntry;
import io.privkit.evidence.report.ReportView;
import java.awt.Color;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;

/**
 * Renders a bundle as a PDF with Apache PDFBox: the same sections as the HTML report, charts drawn
 * as vector graphics from {@link ChartData}, DejaVu fonts embedded as subsets, and the
 * {@code dpia-evidence-bundle.json} document, the signed checkpoint and every record's DSSE
 * envelope embedded as associated files ({@code /AF}, relationship {@code Data}), so the PDF
 * carries its own machine-readable source.
 *
 * <p>The file follows the PDF/A-3b rules PDFBox documents (embedded fonts, an sRGB output intent,
 * XMP metadata declaring part 3 conformance B, associated files) but has not been checked by a
 * PDF/A validator. Creation dates come from the bundle, so the same bundle gives the same text.
 *
 * <p>Stateless and thread-safe.
 */
public final class PdfReport {
    private PdfReport() {
    }

    /**
     * The PDF's bytes.
     *
     * @param attachments files to embed, by file name
     * @param created     the creation date to record
     */
    public static byte[] render(ReportView view, Map<String, byte[]> attachments, Instant created) {
        Checks.requireNonNull(view, "view");
        DpiaEvidenceBundle d = view.document();
        try (PDDocument doc = new PDDocument()) {
            try (PdfLayout l = new PdfLayout(doc, "Privkit DPIA evidence · bundle " + d.bundleId())) {
                l.newPage();
                cover(l, d);
                measures(l, d);
                criteria(l, d);
                charts(l, view);
                records(l, view);
                rest(l, d);
                l.heading("Verification appendix", 2);
                l.monoBlock(view.verifyMarkdown());
            }
            metadata(doc, d, created);
            attach(doc, attachments, created);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void cover(PdfLayout l, DpiaEvidenceBundle d) throws IOException {
        l.paragraph("Privkit DPIA evidence bundle " + d.bundleId(), l.mono, 8, PdfLayout.MUTED);
        l.heading("Evidence for the DPIA of " + d.processing().name(), 1);
        l.paragraph("This report sets out what software could measure about the measures this processing relies on. It says which "
                + "measure each piece of evidence supports; it does not judge whether the remaining risk is acceptable. Those judgements "
                + "are left, empty, to the people who own the DPIA.");
        l.paragraph("Gate for CI: " + JsonNames.of(d.gate().verdict()) + " (exit code " + d.gate().exitCode() + ")", l.bold, 11, PdfLayout.INK);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("System", d.system().name() + (d.system().models().isEmpty() ? "" : " - model " + String.join(", ", d.system().models()))));
        rows.add(List.of("Artifact digests", d.system().artifactSha256().isEmpty() ? "none recorded"
                : String.join("\n", d.system().artifactSha256().stream().map(s -> s.hex()).toList())));
        rows.add(List.of("Controller", d.processing().controller()));
        rows.add(List.of("DPIA", d.dpiaRef() == null ? "not recorded" : JsonNames.of(d.dpiaRef().system()) + " " + d.dpiaRef().documentId()
                + " version " + d.dpiaRef().version()));
        rows.add(List.of("Evidence period", d.period() == null ? "no records" : d.period().from() + " to " + d.period().to()));
        rows.add(List.of("Valid until", d.validUntil().toString()));
        rows.add(List.of("Acceptance policy", d.policy().policyId() + " v" + d.policy().version() + ", approved by " + d.policy().approvedBy()
                + " at " + d.policy().approvedAt() + (d.policy().preRegistered() ? " (before the evidence)" : " (AFTER evidence it judges)")
                + "\nSHA-256 " + d.policy().sha256()));
        rows.add(List.of("Signer key id", d.integrity().signerKeyId() + (d.integrity().keyKind() == DpiaEvidenceBundle.KeyKind.EPHEMERAL
                ? "\nA key generated for this bundle only (private half discarded): record this key id in the DPIA." : "")));
        rows.add(List.of("Log checkpoint", d.integrity().checkpoint().origin() + " " + d.integrity().checkpoint().size() + " "
                + java.util.Base64.getEncoder().encodeToString(d.integrity().checkpoint().root().toBytes())));
        l.table("What this evidence is about", List.of("", ""), rows, new float[] {1.2f, 4});
        List<List<String>> overall = new ArrayList<>();
        for (MeasureRow m : d.measures()) {
            overall.add(List.of(m.title(), MarkdownReport.status(m), m.keyFigures().isEmpty() ? "-" : m.keyFigures().get(0).value(),
                    m.recordIds().isEmpty() ? "-" : String.join(" ", m.recordIds().stream().map(id -> id.toString().substring(0, 8)).toList())));
        }
        l.table("Overall: measure, status, key figure, records", List.of("Measure", "Status", "Key figure", "Records"), overall,
                new float[] {1.6f, 1, 3.2f, 1.1f});
    }

    private static void measures(PdfLayout l, DpiaEvidenceBundle d) throws IOException {
        MeasureCatalogue c = MeasureCatalogue.current();
        l.newPage();
        l.heading("Risk, measure, evidence", 2);
        l.paragraph("Every measure of Privkit's catalogue is listed. 'Not measured' means this bundle holds no evidence for it: a gap, never a pass.");
        List<List<String>> rows = new ArrayList<>();
        for (MeasureRow m : d.measures()) {
            rows.add(List.of(m.title() + "\n" + m.measureId().id(),
                    String.join("; ", m.riskIds().stream().map(id -> c.risk(id).map(r -> r.title()).orElse(id)).toList()),
                    String.join(", ", m.crosswalk().cnilPia()) + (m.crosswalk().ico() == null ? "" : "\n" + m.crosswalk().ico()),
                    MarkdownReport.status(m),
                    String.join("\n", m.keyFigures().stream().map(f -> f.label() + ": " + f.value()).toList()),
                    String.join("\n", m.limitations())));
        }
        l.table("Measures table (risk -> measure -> evidence -> status -> key figure -> limitation)",
                List.of("Measure", "Risks", "CNIL PIA / ICO", "Status", "Key figures", "Limitations"), rows, new float[] {1.3f, 1.4f, 1.5f, 0.9f, 2.3f, 2.3f});
        l.heading("Sentences for the DPIA", 3);
        l.bullets(d.measures().stream().map(MeasureRow::claim).toList());
    }

    private static void criteria(PdfLayout l, DpiaEvidenceBundle d) throws IOException {
        l.heading("Pre-registered criteria", 2);
        l.paragraph("Thresholds from policy " + d.policy().policyId() + " (SHA-256 " + d.policy().sha256() + "). With an interval, a criterion "
                + "passes only when the whole interval meets the threshold and fails only when the whole interval misses it.");
        List<List<String>> rows = new ArrayList<>();
        for (CriterionResult c : d.gate().criteria()) {
            rows.add(List.of(c.criterionId(), c.measureId().id(), c.observed(), c.threshold(), JsonNames.of(c.verdict()), c.reason()));
        }
        if (rows.isEmpty()) {
            l.paragraph("The policy sets no criterion.");
        } else {
            l.table("Criteria and verdicts", List.of("Criterion", "Measure", "Observed", "Threshold", "Verdict", "Why"), rows,
                    new float[] {1.5f, 1.1f, 1.4f, 0.9f, 0.9f, 2.4f});
        }
        if (!d.gate().reasons().isEmpty()) {
            l.paragraph("Why the gate is not a pass:", l.bold, 9.5f, PdfLayout.INK);
            l.bullets(d.gate().reasons());
        }
    }

    private static void charts(PdfLayout l, ReportView view) throws IOException {
        var budget = ChartData.budget(view);
        var groups = ChartData.groupRates(view);
        var drift = ChartData.drift(view);
        var rounds = ChartData.rounds(view);
        if (budget.isEmpty() && groups.isEmpty() && drift.isEmpty() && rounds.isEmpty()) {
            return;
        }
        l.newPage();
        l.heading("Charts", 2);
        if (budget.isPresent()) {
            var b = budget.get();
            l.heading("Privacy budget spent over time", 3);
            PdfCharts.cumulative(l, b.labels(), b.spent(), b.cap());
        }
        for (var g : groups) {
            l.heading(g.metric() + " per group, with intervals (record " + g.recordId().substring(0, 8) + ")", 3);
            if (!g.points().isEmpty()) {
                PdfCharts.dotWhisker(l, g.points(), g.reference());
            }
            if (!g.undefined().isEmpty()) {
                l.paragraph("Not shown: " + String.join("; ", g.undefined()), l.regular, 8.5f, PdfLayout.MUTED);
            }
        }
        for (var dr : drift) {
            l.heading("Drift per feature: " + dr.measure() + " (record " + dr.recordId().substring(0, 8) + "; drifted in red)", 3);
            PdfCharts.bars(l, dr.bars(), dr.threshold());
        }
        for (var r : rounds) {
            l.heading("Federated rounds (record " + r.recordId().substring(0, 8) + "): aggregated, dropped, rejected", 3);
            PdfCharts.stacked(l, r.rounds(), List.of(r.reported(), r.dropped(), r.rejected()),
                    List.of(new Color(0x1f, 0x3b, 0x63), new Color(0x8a, 0x97, 0xa8), new Color(0xb3, 0x26, 0x1e)),
                    List.of("aggregated", "dropped", "rejected"));
        }
    }

    private static void records(PdfLayout l, ReportView view) throws IOException {
        l.newPage();
        l.heading("The evidence, record by record", 2);
        if (view.records().isEmpty()) {
            l.paragraph("This bundle holds no evidence record.");
        }
        for (RecordEntry e : view.document().records()) {
            EvidenceRecord r = view.record(e.recordId()).orElseThrow();
            var h = r.header();
            l.heading(r.recordType().id() + " evidence " + h.recordId(), 3);
            var tree = io.privkit.evidence.EvidenceJson.toTree(r);
            if (tree.has("statement")) {
                l.paragraph(tree.get("statement").asText(), l.bold, 9.5f, PdfLayout.INK);
            }
            l.paragraph(r.headline());
            if (h.usedInsecureRandomness()) {
                l.paragraph("Computed with insecure seeded randomness: a test or replay, not a release.", l.bold, 9, new Color(0xb3, 0x26, 0x1e));
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("Verdict", JsonNames.of(h.verdict())));
            rows.add(List.of("Supports", String.join(", ", h.measureIds().stream().map(m -> m.id()).toList())));
            rows.add(List.of("Created", h.createdAt() + " by " + h.generator().name() + " " + h.generator().version()));
            rows.add(List.of("File", e.path() + "\nSHA-256 " + e.sha256()));
            rows.add(List.of("Claims", h.claims().isEmpty() ? "none" : String.join("\n", h.claims())));
            rows.add(List.of("Limitations", h.limitations().isEmpty() ? "none" : String.join("\n", h.limitations())));
            rows.add(List.of("Claims not made", h.claimsNotMade().isEmpty() ? "none" : String.join("\n", h.claimsNotMade())));
            h.inputs().forEach(in -> rows.add(List.of("Input: " + in.role(), in.description() + "\nSHA-256 " + in.sha256()
                    + (in.rows() == null ? "" : "\n" + in.rows() + " rows"))));
            l.table("Record " + h.recordId().toString().substring(0, 8) + " (every field: the JSON attached to this PDF)",
                    List.of("", ""), rows, new float[] {1.2f, 4});
        }
    }

    private static void rest(PdfLayout l, DpiaEvidenceBundle d) throws IOException {
        l.heading("Not measured", 2);
        if (d.notMeasured().isEmpty()) {
            l.paragraph("Every measure of the catalogue has evidence in this bundle.");
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (NotMeasured n : d.notMeasured()) {
                rows.add(List.of(n.measureId().id(), n.expectedEvidence(), n.reason()));
            }
            l.table("No evidence in this bundle; a missing test is never a pass", List.of("Measure", "Expected evidence", "Why missing"), rows,
                    new float[] {1.2f, 1.5f, 3});
        }
        l.heading("Changes since the previous bundle", 2);
        if (d.previousBundle() == null) {
            l.paragraph("This is a first bundle: there is nothing to compare with.");
        } else if (d.changes().isEmpty()) {
            l.paragraph("No change since bundle " + d.previousBundle().bundleId() + ".");
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (Change c : d.changes()) {
                rows.add(List.of(c.subject(), c.before() == null ? "-" : c.before(), c.after() == null ? "-" : c.after(), c.note()));
            }
            l.table("Changes since bundle " + d.previousBundle().bundleId(), List.of("What", "Before", "After", "How to read it"), rows,
                    new float[] {2, 1.2f, 1.2f, 2});
        }
        l.newPage();
        l.heading("Judgements for people", 2);
        l.paragraph("Left empty on purpose: likelihood, severity, residual risk, whether a measure is sufficient, the DPO's advice and the "
                + "sign-off are decisions for the people who own the DPIA. Headings follow the ICO DPIA template (steps 5 to 7) and the CNIL PIA tool.");
        String last = "";
        for (HumanSection s : d.humanSections()) {
            if (!s.icoHeading().equals(last)) {
                l.heading(s.icoHeading() + " - CNIL: " + s.cnilHeading(), 3);
                last = s.icoHeading();
            }
            List<List<String>> rows = new ArrayList<>();
            for (HumanField f : s.fields()) {
                rows.add(List.of(f.label(), f.value() == null ? " \n " : f.value()));
            }
            l.table(s.guidance(), List.of("", ""), rows, new float[] {1.6f, 4});
        }
    }

    private static void metadata(PDDocument doc, DpiaEvidenceBundle d, Instant created) throws IOException {
        Calendar cal = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        cal.setTimeInMillis(created.toEpochMilli());
        PDDocumentInformation info = doc.getDocumentInformation();
        String title = "DPIA evidence: " + d.processing().name();
        info.setTitle(title);
        info.setSubject("Privkit DPIA evidence bundle " + d.bundleId());
        info.setProducer(d.generator().name() + " " + d.generator().version() + " (Apache PDFBox)");
        info.setCreator(d.generator().name());
        info.setCreationDate(cal);
        info.setModificationDate(cal);
        String xmp = "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                + "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                + "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
                + "<pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>\n"
                + "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml(title) + "</rdf:li></rdf:Alt></dc:title>\n"
                + "<pdf:Producer>" + xml(info.getProducer()) + "</pdf:Producer>\n"
                + "<xmp:CreateDate>" + created + "</xmp:CreateDate><xmp:ModifyDate>" + created + "</xmp:ModifyDate>\n"
                + "</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>";
        PDMetadata md = new PDMetadata(doc);
        md.importXMPMetadata(xmp.getBytes(StandardCharsets.UTF_8));
        doc.getDocumentCatalog().setMetadata(md);
        ICC_Profile srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB);
        PDOutputIntent intent = new PDOutputIntent(doc, new ByteArrayInputStream(srgb.getData()));
        intent.setInfo("sRGB IEC61966-2.1");
        intent.setOutputCondition("sRGB IEC61966-2.1");
        intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
        intent.setRegistryName("http://www.color.org");
        doc.getDocumentCatalog().addOutputIntent(intent);
        doc.getDocumentCatalog().setLanguage("en");
    }

    private static void attach(PDDocument doc, Map<String, byte[]> attachments, Instant created) throws IOException {
        if (attachments.isEmpty()) {
            return;
        }
        Calendar cal = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        cal.setTimeInMillis(created.toEpochMilli());
        Map<String, PDComplexFileSpecification> specs = new LinkedHashMap<>();
        COSArray af = new COSArray();
        for (Map.Entry<String, byte[]> a : attachments.entrySet()) {
            PDComplexFileSpecification fs = new PDComplexFileSpecification();
            fs.setFile(a.getKey());
            fs.setFileUnicode(a.getKey());
            fs.setFileDescription(a.getKey().equals(DpiaEvidenceBundle.PATH) ? "The bundle document: the source of truth of this report"
                    : "Signed evidence from the bundle");
            PDEmbeddedFile ef = new PDEmbeddedFile(doc, new ByteArrayInputStream(a.getValue()));
            ef.setSubtype(a.getKey().endsWith(".json") ? "application/json" : "text/plain");
            ef.setSize(a.getValue().length);
            ef.setCreationDate(cal);
            ef.setModDate(cal);
            fs.setEmbeddedFile(ef);
            fs.setEmbeddedFileUnicode(ef);
            fs.getCOSObject().setName(COSName.getPDFName("AFRelationship"), "Data");
            specs.put(a.getKey(), fs);
            af.add(fs);
        }
        PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
        tree.setNames(specs);
        PDDocumentNameDictionary names = new PDDocumentNameDictionary(doc.getDocumentCatalog());
        names.setEmbeddedFiles(tree);
        doc.getDocumentCatalog().setNames(names);
        doc.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("AF"), af);
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String fmt(double v) {
        return Double.isInfinite(v) ? "Infinity" : JsonNumbers.format(v);
    }
}
