package io.privkit.evidence.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.privkit.evidence.SampleRecords;
import io.privkit.evidence.report.DpiaEvidenceBundle;
import io.privkit.evidence.report.ReportBundle;
import io.privkit.evidence.report.SamplePolicy;
import io.privkit.evidence.sign.Ed25519Signer;
import io.privkit.evidence.sign.Shell;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PDF embeds the JSON source of truth, renders to PNG pages with poppler's pdftoppm, and carries the report's text. */
class PdfReportRenderTest {
    @TempDir
    Path tmp;

    Path bundle;

    @BeforeEach
    void build() throws Exception {
        bundle = tmp.resolve("bundle");
        ReportBundle.builder().records(SampleRecords.all()).policy(SamplePolicy.file()).signer(Ed25519Signer.generate(new SecureRandom()))
                .clock(Clock.fixed(SamplePolicy.BUILD, ZoneOffset.UTC)).write(bundle);
    }

    @Test
    void pdf_embedsTheBundleDocumentAndRecordEnvelopes() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(bundle.resolve(ReportBundle.PDF_PATH).toFile())) {
            PDEmbeddedFilesNameTreeNode tree = pdf.getDocumentCatalog().getNames().getEmbeddedFiles();
            PDComplexFileSpecification doc = tree.getNames().get(DpiaEvidenceBundle.PATH);
            assertArrayEquals(Files.readAllBytes(bundle.resolve(DpiaEvidenceBundle.PATH)), doc.getEmbeddedFile().toByteArray());
            assertEquals(1 + 1 + SampleRecords.all().size(), tree.getNames().size(), tree.getNames().keySet().toString());
            assertEquals("Data", doc.getCOSObject().getNameAsString("AFRelationship"));
            assertTrue(pdf.getNumberOfPages() >= 5, "pages: " + pdf.getNumberOfPages());
            assertEquals("DPIA evidence: Loan approvals", pdf.getDocumentInformation().getTitle());
        }
    }

    @Test
    void pdf_rendersToPngPages_withPdftoppm_andTextIsExtractable() throws Exception {
        assumeTrue(Shell.has("pdftoppm") && Shell.has("pdftotext"), "poppler-utils is not installed (CI installs it)");
        Path out = HtmlReportBrowserTest.ARTIFACTS.resolve("pdf");
        io.privkit.common.AtomicFiles.deleteRecursively(out);
        Files.createDirectories(out);
        Path pdf = bundle.resolve(ReportBundle.PDF_PATH);
        Shell.Result r = Shell.run(out, "pdftoppm", "-png", "-r", "60", pdf.toAbsolutePath().toString(), "page");
        assertEquals(0, r.exit(), r.output());
        assertEquals("", r.output().strip(), "poppler reports no error or warning");
        List<Path> pages;
        try (Stream<Path> s = Files.list(out)) {
            pages = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertEquals(doc.getNumberOfPages(), pages.size());
        }
        for (Path p : pages) {
            BufferedImage img = ImageIO.read(p.toFile());
            assertEquals(Math.round(595.28 * 60 / 72), img.getWidth(), 1.0, "A4 width at 60 dpi");
            assertTrue(HtmlReportBrowserTest.inkShare(img) > 0.003, p + " is blank");
        }
        Shell.Result text = Shell.run(tmp, "pdftotext", "-layout", pdf.toAbsolutePath().toString(), "-");
        assertEquals(0, text.exit());
        Files.writeString(out.resolve("report.txt"), text.output());
        assertTrue(!java.util.regex.Pattern.compile("\\b(complian(t|ce)|compl(y|ies|ying)\\s+with)\\b", java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(text.output()).find(), "the PDF never claims compliance");
        for (String s : List.of("Evidence for the DPIA of Loan approvals", "Risk, measure, evidence", "Not measured", "Judgements for people",
                "Step 7: Sign", "appendix", "openssl pkeyutl -verify")) {
            assertTrue(text.output().contains(s), "PDF text lacks: " + s);
        }
    }
}
