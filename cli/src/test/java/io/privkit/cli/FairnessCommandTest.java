package io.privkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.privkit.common.Fingerprint;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.FairnessEvidence;
import io.privkit.evidence.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FairnessCommandTest {
    @TempDir
    Path tmp;
    Path csv;

    /**
     * Group A: 1000 people, 500 selected (250 of them labelled 1), 500 labelled 1 in all.
     * Group B: 1000 people, 300 selected. Group C: 6 people, all labelled 1 (FPR undefined).
     */
    @BeforeEach
    void data() throws Exception {
        StringBuilder sb = new StringBuilder("label,decision,score,group\n");
        for (int i = 0; i < 1000; i++) {
            sb.append(i % 2).append(',').append(i < 500 ? 1 : 0).append(',').append(i < 500 ? "0.8" : "0.2").append(",A\n");
        }
        for (int i = 0; i < 1000; i++) {
            sb.append(i % 2).append(',').append(i < 300 ? 1 : 0).append(',').append(i < 300 ? "0.7" : "0.3").append(",B\n");
        }
        for (int i = 0; i < 6; i++) {
            sb.append("1,").append(i < 3 ? 1 : 0).append(",0.6,C\n");
        }
        csv = tmp.resolve("decisions.csv");
        Files.writeString(csv, sb.toString());
    }

    private CliRunner.Run run(String... extra) {
        String[] base = {"fairness", "--data", csv.toString(), "--label", "label", "--prediction", "decision", "--sensitive", "group",
            "--favourable", "1", "--reference", "A"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return CliRunner.run(all);
    }

    @Test
    void fairness_failingCriterion_exit1_jsonHasIntervalsAndNullWhereUndefined() throws Exception {
        CliRunner.Run r = run("--score", "score", "--criterion", "demographic-parity=0.05", "--disclosure", "unsuppressed", "--json");
        assertEquals(1, r.exitCode(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("fail", root.get("verdict").asText());
        assertEquals("positive-class", root.get("favourableOutcome").asText());
        JsonNode view = root.get("views").get(0);
        assertEquals("A", view.get("reference").asText());
        JsonNode b = view.get("groups").get(1);
        assertEquals("B", b.get("group").asText());
        assertEquals(1000, b.get("n").asLong());
        JsonNode sr = b.get("metrics").get("selection-rate");
        assertEquals(0.3, sr.get("value").asDouble(), 1e-15);
        assertEquals(300, sr.get("numerator").asLong());
        assertTrue(sr.get("ci").get(0).asDouble() < 0.3 && sr.get("ci").get(1).asDouble() > 0.3);
        assertEquals("wilson", sr.get("ciMethod").asText());
        JsonNode c = view.get("groups").get(2);
        assertTrue(c.get("metrics").get("fpr").get("value").isNull(), c.toString());
        assertEquals("no actual negatives in group", c.get("metrics").get("fpr").get("undefinedReason").asText());
        assertTrue(c.get("metrics").get("roc-auc").get("value").isNull());
        JsonNode dp = root.get("criteria").get(0);
        assertEquals("demographic-parity", dp.get("name").asText());
        assertEquals("fail", dp.get("verdict").asText());
        boolean sawB = false;
        for (JsonNode d : view.get("disparities")) {
            if (d.get("metric").asText().equals("selection-rate") && d.get("group").asText().equals("B") && d.get("against").asText().equals("A")) {
                assertEquals(-0.2, d.get("difference").asDouble(), 1e-12);
                assertEquals("fisher-exact", d.get("test").asText());
                sawB = true;
            }
        }
        assertTrue(sawB);
    }

    @Test
    void fairness_noCriteria_exit0_publishedWithholdsSmallGroup() throws Exception {
        CliRunner.Run r = run("--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("informational", root.get("verdict").asText());
        assertEquals("published", root.get("publication").asText());
        // C has 6 people; B is withheld too, or C's counts would be everyone minus A minus B.
        assertEquals("group=B", root.get("suppressed").get(0).get("group").asText());
        assertEquals("group=C", root.get("suppressed").get(1).get("group").asText());
        assertEquals("fewer than 10 people", root.get("suppressed").get(1).get("reason").asText());
        assertEquals(1, root.get("views").get(0).get("groups").size());
    }

    @Test
    void fairness_textOutput_saysVerdictAndWithheldGroups() {
        CliRunner.Run r = run("--criterion", "demographic-parity=0.05");
        assertEquals(1, r.exitCode());
        assertTrue(r.out().contains("Verdict: FAIL"), r.out());
        assertTrue(r.out().contains("  - group: group=C (fewer than 10 people)"), r.out());
    }

    @Test
    void fairness_evidence_validRecordWithDigestAndSuppressedCell() throws Exception {
        Path ev = tmp.resolve("fairness.json");
        Path policy = tmp.resolve("policy.json");
        Files.writeString(policy, "{\"format\": \"privkit-fairness-policy/1\", \"approvedBy\": \"DPO\", \"criteria\": ["
                + "{\"name\": \"impact-ratio\", \"tolerance\": {\"ratio\": 0.8}, \"rationale\": \"internal policy 7\"}]}");
        CliRunner.Run r = run("--policy", policy.toString(), "--evidence", ev.toString(), "--system", "Loan approvals",
                "--label-quality", "repayment observed after 12 months");
        assertEquals(1, r.exitCode(), r.err());
        FairnessEvidence record = EvidenceJson.readAs(Files.readAllBytes(ev), FairnessEvidence.class);
        assertEquals(Verdict.FAIL, record.header().verdict());
        assertEquals(Fingerprint.of(csv).sha256(), record.evaluationData().sha256());
        assertEquals(Fingerprint.of(policy).sha256(), record.header().policyRef().sha256());
        assertEquals("DPO", record.header().policyRef().approvedBy());
        assertEquals("group=C", record.suppressedCells().get(1).group());
        assertEquals("group=A", record.referenceGroup().label());
        assertEquals("impact-ratio", record.criteria().get(0).name());
        assertFalse(record.header().claims().isEmpty());
        assertNotNull(record.perGroupMetrics().get(0).metrics().get(0).ci());
    }

    @Test
    void fairness_badInputs_exit2_withTheFix() throws Exception {
        CliRunner.Run unknown = CliRunner.run("fairness", "--data", csv.toString(), "--label", "outcome", "--prediction", "decision",
                "--sensitive", "group", "--favourable", "1", "--reference", "A");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("--label must be a column of the file [label, decision, score, group]; got \"outcome\"."),
                unknown.err());

        CliRunner.Run reference = run().exitCode() == 0 ? CliRunner.run("fairness", "--data", csv.toString(), "--label", "label",
                "--prediction", "decision", "--sensitive", "group", "--favourable", "1", "--reference", "Z") : null;
        assertEquals(2, reference.exitCode());
        assertTrue(reference.err().contains("reference group must be one of the levels in the data [A, B, C]; got \"Z\"."), reference.err());

        CliRunner.Run favourable = CliRunner.run("fairness", "--data", csv.toString(), "--label", "label", "--prediction", "decision",
                "--sensitive", "group", "--favourable", "yes", "--reference", "A");
        assertEquals(2, favourable.exitCode());
        assertTrue(favourable.err().contains("--favourable must be \"1\" or \"0\""), favourable.err());

        Files.writeString(csv, Files.readString(csv).replaceFirst("\n0,1,0.8,A\n", "\n2,1,0.8,A\n"));
        CliRunner.Run label = run();
        assertEquals(2, label.exitCode());
        assertTrue(label.err().contains("column 'label': the value must be \"1\" or \"0\"; got \"2\"."), label.err());
    }

    @Test
    void fairness_nanScore_exit2_orDroppedAndCounted() throws Exception {
        Files.writeString(csv, Files.readString(csv).replaceFirst(",0.8,A\n", ",NaN,A\n"));
        CliRunner.Run bad = run("--score", "score");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("column 'score': the score must be a finite number; got \"NaN\"."), bad.err());
        CliRunner.Run dropped = run("--score", "score", "--invalid-scores", "drop-row", "--json");
        assertEquals(0, dropped.exitCode(), dropped.err());
        JsonNode root = new ObjectMapper().readTree(dropped.out());
        assertEquals(1, root.get("data").get("dropped").get("score not a finite number").asLong());
    }

    @Test
    void fairness_badPolicy_exit2_namesTheField() throws Exception {
        Path policy = tmp.resolve("policy.json");
        Files.writeString(policy, "{\"criteria\": [{\"name\": \"demographic-parity\", \"tolerence\": 0.1, \"rationale\": \"x\"}]}");
        CliRunner.Run r = run("--policy", policy.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("criteria[0].tolerence must be one of"), r.err());
    }

    @Test
    void fairness_regressionColumns_perGroupMaeInJson() throws Exception {
        CliRunner.Run r = run("--target", "score", "--estimate", "label", "--disclosure", "unsuppressed", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode a = new ObjectMapper().readTree(r.out()).get("views").get(0).get("groups").get(0);
        // Group A: estimate = label, target = score; |label - score| is 0.2 for every row (0.8 vs 1, 0.2 vs 0 or
        // 0.8 vs 0 ...): rows 0-499 score 0.8, labels alternate -> |1-0.8| = 0.2 or |0-0.8| = 0.8; rows 500+ score 0.2 ->
        // |0-0.2| = 0.2 or |1-0.2| = 0.8. So MAE = (0.2 + 0.8) / 2 = 0.5.
        assertEquals(0.5, a.get("metrics").get("mae").get("value").asDouble(), 1e-12);
        CliRunner.Run half = run("--target", "score");
        assertEquals(2, half.exitCode());
        assertTrue(half.err().contains("--target and --estimate must be given together"), half.err());
    }
}
