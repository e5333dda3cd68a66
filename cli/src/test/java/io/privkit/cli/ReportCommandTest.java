package io.privkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.EvidenceRecord;
import io.privkit.evidence.SampleRecords;
import io.privkit.evidence.json.CanonicalJson;
import io.privkit.evidence.report.ReportSchemas;
import io.privkit.evidence.report.SamplePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code privkit keys / report / verify} as a job or a DPIA author runs them. */
class ReportCommandTest {
    @TempDir
    Path tmp;

    Path records;
    Path policy;
    Path key;
    String keyId;

    @BeforeEach
    void inputs() throws IOException {
        records = tmp.resolve("records");
        Files.createDirectories(records);
        for (EvidenceRecord r : SampleRecords.all()) {
            EvidenceJson.write(r, records.resolve(r.recordType().id() + ".json"));
        }
        policy = tmp.resolve("policy.json");
        Files.write(policy, ReportSchemas.write(SamplePolicy.policy()));
        key = tmp.resolve("signing.pem");
        CliRunner.Run k = CliRunner.run("keys", "create", "--out", key.toString(), "--json");
        assertEquals(0, k.exitCode(), k.err());
        keyId = CanonicalJson.readTree(k.out().getBytes()).get("keyId").asText();
    }

    private CliRunner.Run build(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("report", "build", "--records", records.toString(), "--policy",
                policy.toString(), "--out", out.toString(), "--key", key.toString()));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void keysCreate_writesBothFiles_refusesToOverwrite() {
        assertTrue(Files.exists(key));
        assertTrue(Files.exists(tmp.resolve("signing.pub.pem")));
        assertEquals(64, keyId.length());
        CliRunner.Run again = CliRunner.run("keys", "create", "--out", key.toString());
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("must be a path where no file exists yet"), again.err());
    }

    @Test
    void build_verify_gate_show() {
        Path b = tmp.resolve("bundle");
        CliRunner.Run r = build(b);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("gate fail"), r.out());
        CliRunner.Run v = CliRunner.run("verify", b.toString(), "--key-id", keyId);
        assertEquals(0, v.exitCode(), v.err());
        assertTrue(v.out().startsWith("verified: " + b), v.out());
        assertTrue(v.out().contains("(the expected key)"), v.out());
        CliRunner.Run g = CliRunner.run("report", "gate", b.toString());
        assertEquals(1, g.exitCode(), g.out() + g.err());
        assertTrue(g.out().contains("drift-share fail"), g.out());
        CliRunner.Run s = CliRunner.run("report", "show", b.toString(), "--part", "measures");
        assertEquals(0, s.exitCode(), s.err());
        for (String id : List.of("dp-training", "federated-learning", "bias-audit", "drift-monitoring", "human-oversight", "evidence-integrity")) {
            assertTrue(s.out().contains("`" + id + "`"), id + " missing from the measures table");
        }
        assertEquals(0, CliRunner.run("evidence", "validate", b.toString()).exitCode(), "still a valid foundation bundle");
    }

    @Test
    void verify_tamperedRecord_exit6_namingTheFile() throws IOException {
        Path b = tmp.resolve("bundle");
        assertEquals(0, build(b).exitCode());
        Path rec;
        try (var s = Files.list(b.resolve("records"))) {
            rec = s.sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(rec);
        bytes[40] ^= 1;
        Files.write(rec, bytes);
        CliRunner.Run v = CliRunner.run("verify", b.toString());
        assertEquals(6, v.exitCode());
        assertTrue(v.err().contains("privkit: " + rec + ": SHA-256 "), v.err());
        assertEquals(6, CliRunner.run("report", "gate", b.toString()).exitCode(), "the gate refuses tampered evidence");
    }

    @Test
    void verify_wrongExpectedKey_exit6() {
        Path b = tmp.resolve("bundle");
        assertEquals(0, build(b).exitCode());
        CliRunner.Run v = CliRunner.run("verify", b.toString(), "--key-id", "ab".repeat(32));
        assertEquals(6, v.exitCode());
        assertTrue(v.err().contains("signer.pub.pem: key id " + keyId + " is not the expected"), v.err());
    }

    @Test
    void build_recordOfUnknownSchemaVersion_exit2_nothingWritten() throws IOException {
        Path rec = records.resolve("drift.json");
        Files.writeString(rec, Files.readString(rec).replaceFirst("\"schemaVersion\": \"1.0\"", "\"schemaVersion\": \"9.0\""));
        Path b = tmp.resolve("bundle");
        CliRunner.Run r = build(b);
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("privkit: " + rec + ": schemaVersion must be 1.0 to 1.0"), r.err());
        assertTrue(r.err().contains("got 9.0. Use a newer Privkit to read it."), r.err());
        assertFalse(Files.exists(b));
    }

    @Test
    void build_policyThatDoesNotParse_exit2_nothingWritten() throws IOException {
        Files.writeString(policy, "{\"schemaVersion\": \"1.0\", ");
        Path b = tmp.resolve("bundle");
        CliRunner.Run r = build(b);
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("privkit: " + policy + ": not valid JSON"), r.err());
        assertFalse(Files.exists(b));
    }

    @Test
    void build_missingSigningKey_exit2_nothingWritten() {
        Path b = tmp.resolve("bundle");
        Path missing = tmp.resolve("nokey.pem");
        CliRunner.Run r = CliRunner.run("report", "build", "--records", records.toString(), "--policy", policy.toString(),
                "--out", b.toString(), "--key", missing.toString());
        assertEquals(2, r.exitCode());
        assertEquals(List.of("privkit: " + missing + ": no such signing key. Create one with 'privkit keys create --out " + missing
                + "', or omit --key to sign with a one-off key."), r.errLines());
        assertFalse(Files.exists(b));
    }

    @Test
    void diff_previousBundle_listsChanges_andLogExtends() throws IOException {
        Path first = tmp.resolve("first");
        assertEquals(0, build(first).exitCode());
        Files.delete(records.resolve("federated-training.json"));
        Path second = tmp.resolve("second");
        CliRunner.Run r = build(second, "--previous", first.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(0, CliRunner.run("verify", second.toString(), "--previous", first.toString()).exitCode());
        CliRunner.Run d = CliRunner.run("report", "diff", first.toString(), second.toString());
        assertEquals(0, d.exitCode(), d.err());
        assertTrue(d.out().contains("the new log extends the old checkpoint"), d.out());
        assertTrue(d.out().contains("[measure-status] measure federated-learning: pass -> not-measured"), d.out());
    }

    @Test
    void gate_inconclusiveBundle_exit7() throws IOException {
        for (String f : List.of("drift.json", "fairness.json")) {
            Files.delete(records.resolve(f));
        }
        String relaxed = Files.readString(policy).replace("\"requirement\": \"required\"", "\"requirement\": \"optional\"");
        Files.writeString(policy, relaxed);
        Files.writeString(policy, Files.readString(policy).replace("\"threshold\": 0.9,", "\"threshold\": 0.95,"));
        Path b = tmp.resolve("bundle");
        assertEquals(0, build(b).exitCode());
        CliRunner.Run g = CliRunner.run("report", "gate", b.toString());
        assertEquals(7, g.exitCode(), g.out());
        assertTrue(g.out().contains("review-coverage inconclusive"), g.out());
    }
}
