package io.privkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.cli.PrivkitCommand;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.FairnessEvidence;
import io.privkit.evidence.Verdict;
import io.privkit.examples.datascientist.FairnessQuickstart;
import io.privkit.examples.dpia.BundleQuickstart;
import io.privkit.examples.dpia.DpiaAuthorQuickstart;
import io.privkit.evidence.report.VerifyAppendix;
import io.privkit.examples.dpia.FairnessAuditQuickstart;
import java.io.StringWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every README quick start at small size. */
class QuickstartsTest {
    @TempDir
    Path tmp;

    @Test
    void bundleQuickstart_demoBundle_listsEveryMeasure_tamperedBundle_exit2() throws Exception {
        Path bundle = tmp.resolve("b");
        assertEquals(0, PrivkitCommand.run(new String[] {"demo", "--out", bundle.toString()},
                new PrintWriter(PrintWriter.nullWriter()), new PrintWriter(PrintWriter.nullWriter())));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        assertEquals(0, BundleQuickstart.run(bundle, new PrintStream(buf, true, StandardCharsets.UTF_8)));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("every file matches its SHA-256 digest"), out);
        assertTrue(out.contains("\nevidence-integrity: "), out);

        Files.writeString(bundle.resolve("SHA256SUMS"), "edited\n");
        buf.reset();
        assertEquals(2, BundleQuickstart.run(bundle, new PrintStream(buf, true, StandardCharsets.UTF_8)));
        assertTrue(buf.toString(StandardCharsets.UTF_8).startsWith("problem: SHA256SUMS: SHA-256 "));
    }

    @Test
    void dpiaAuthorQuickstart_demoBundle_measuresTable_reviewerVerifiesWithoutPrivkit() throws Exception {
        Path bundle = tmp.resolve("privkit-demo");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        assertEquals(0, DpiaAuthorQuickstart.run(bundle, new PrintStream(buf, true, StandardCharsets.UTF_8)));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("Read: " + bundle.resolve("report.html")), out);
        assertTrue(out.contains("| Risk | Measure | Evidence | Status | Key figure | Limitation |"), out);
        assertTrue(out.contains("`evidence-integrity`"), out);
        if (!out.contains("Reviewer's check skipped")) {
            assertTrue(out.strip().endsWith("bundle verified"), out);
        }
        assertTrue(Files.exists(bundle.resolve("report.pdf")));
    }

    /** The README prints the reviewer's recipe verbatim, so it cannot drift from what the test above runs. */
    @Test
    void readme_printsTheVerificationRecipeVerbatim() throws Exception {
        Path readme = Path.of("..", "README.md");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(readme), "README.md is beside the examples module in a checkout");
        assertTrue(Files.readString(readme).contains(VerifyAppendix.script()), "README.md must contain VerifyAppendix.script()");
    }

    /** The example policy the README points to parses, validates and covers every measure it names. */
    @Test
    void examplePolicy_parsesAndValidates() throws Exception {
        Path example = Path.of("..", "docs", "acceptance-policy.example.json");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(example), "docs/ is beside the examples module in a checkout");
        var policy = io.privkit.evidence.report.PolicyFile.read(example).policy();
        assertEquals(5, policy.measures().size());
        assertTrue(policy.approvedAt().isBefore(policy.validUntil()));
    }

    @Test
    void fairnessQuickstart_plantedDisparity_failsDemographicParity() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        assertEquals(Verdict.FAIL, FairnessQuickstart.run(new PrintStream(buf, true, StandardCharsets.UTF_8)));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("Verdict: FAIL"), out);
        assertTrue(out.contains("== sex (reference M)"), out);
    }

    @Test
    void fairnessAuditQuickstart_oneCommand_exit1AndCitableEvidence() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(1, FairnessAuditQuickstart.run(tmp, new PrintWriter(out), new PrintWriter(err)), err.toString());
        assertTrue(out.toString().contains("demographic-parity (|difference| <= 0.05, worst-difference-vs-reference): FAIL"), out.toString());
        FairnessEvidence record = EvidenceJson.readAs(Files.readAllBytes(tmp.resolve("fairness.json")), FairnessEvidence.class);
        assertEquals(Verdict.FAIL, record.header().verdict());
        assertEquals("sex=M & age_band=25-44", record.referenceGroup().label());
    }
}
