package io.privkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.cli.PrivkitCommand;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.FairnessEvidence;
import io.privkit.evidence.Verdict;
import io.privkit.evidence.report.VerifyAppendix;
import io.privkit.examples.datascientist.FairnessQuickstart;
import io.privkit.examples.datascientist.PrivacyBudgetQuickstart;
import io.privkit.examples.dpia.BundleQuickstart;
import io.privkit.examples.dpia.DpiaAuthorQuickstart;
import io.privkit.examples.dpia.FairnessAuditQuickstart;
import io.privkit.examples.mlops.BudgetGateQuickstart;
import io.privkit.examples.mlops.FederatedQuickstart;
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

    @Test
    void privacyBudgetQuickstart_plansSpendsAndRefusesOverBudget() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        double spent = PrivacyBudgetQuickstart.run(tmp.resolve("budget"), new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        // The PLD epsilon of sigma 1.1, q 0.01, 3000 steps at delta 1e-5 (RDP gives 2.93).
        assertTrue(out.startsWith("epsilon = 2.675 at delta = 1e-5"), out);
        assertTrue(out.contains("An attacker trying to tell whether a given record was used"), out);
        assertTrue(out.contains("noise multiplier for epsilon 2: 1.31"), out);
        assertTrue(out.contains("refused: privacy budget of ledger \"credit-model-2026\" must cover the spend \"training run v2\""), out);
        assertTrue(out.contains(", 2 spends, intact = true"), out);
        assertTrue(spent <= 4.0);
    }

    @Test
    void budgetGateQuickstart_spendsNightlyUntilExit3_ledgerIntact() {
        var steps = BudgetGateQuickstart.run(tmp);
        assertEquals(0, steps.get(0).exitCode(), steps.get(0).err());
        assertTrue(steps.get(0).out().contains("\"epsilon\": 5.19"), steps.get(0).out());
        assertTrue(steps.get(1).out().startsWith("noiseMultiplier = "), steps.get(1).out());
        assertEquals(0, steps.get(2).exitCode(), steps.get(2).err());
        var refused = steps.get(steps.size() - 2);
        assertEquals(3, refused.exitCode(), "the budget runs out: " + refused.out() + refused.err());
        assertTrue(refused.err().startsWith("privkit: privacy budget of ledger \"budget\" must cover the spend"), refused.err());
        assertTrue(steps.size() >= 5, "at least one night trained before the refusal");
        assertEquals(0, steps.get(steps.size() - 1).exitCode());
    }

    @Test
    void federatedQuickstart_coordinatorKilledAndRestarted_finishesWithValidEvidence() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code = FederatedQuickstart.run(tmp.resolve("fed-demo"), 12, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("[coordinator] round 1/12 completed: sampled 3, reported 3"), out);
        assertTrue(out.contains("resuming at round"), out);
        assertTrue(out.contains("[coordinator] round 12/12 completed"), out);
        assertTrue(out.contains("valid: "), out);
        assertTrue(out.contains("coordinator-restart"), out);
    }
}
