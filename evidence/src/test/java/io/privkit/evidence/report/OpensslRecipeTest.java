package io.privkit.evidence.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.privkit.evidence.SampleRecords;
import io.privkit.evidence.sign.Ed25519Signer;
import io.privkit.evidence.sign.Shell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The printed appendix's recipe, run with the real sha256sum and openssl binaries, accepts a good bundle and rejects tampered ones. */
class OpensslRecipeTest {
    @TempDir
    Path tmp;

    Path bundle;
    Ed25519Signer signer;

    @BeforeEach
    void build() throws IOException {
        assumeTrue(Shell.has("openssl") && Shell.has("sha256sum"), "openssl and sha256sum are needed (CI installs them)");
        signer = Ed25519Signer.generate(new SecureRandom());
        bundle = tmp.resolve("bundle");
        ReportBundle.builder().records(SampleRecords.all()).policy(SamplePolicy.file()).signer(signer)
                .clock(Clock.fixed(SamplePolicy.BUILD, ZoneOffset.UTC)).write(bundle);
    }

    private Shell.Result recipe(Path dir) throws Exception {
        Files.writeString(tmp.resolve("verify.sh"), VerifyAppendix.script());
        return Shell.run(dir, "sh", tmp.resolve("verify.sh").toString());
    }

    @Test
    void recipe_goodBundle_verifiesAndPrintsKeyId() throws Exception {
        Shell.Result r = recipe(bundle);
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().startsWith(signer.keyId() + "\n"), r.output());
        assertEquals(2, r.output().split("Signature Verified Successfully", -1).length - 1, r.output());
        assertTrue(r.output().strip().endsWith("bundle verified"), r.output());
        assertTrue(Files.readString(bundle.resolve(VerifyAppendix.PATH)).contains(VerifyAppendix.script()), "the appendix prints this very script");
    }

    @Test
    void recipe_recordByteFlipped_rejected() throws Exception {
        Path rec = ReportBundleTest.firstRecord(bundle);
        byte[] b = Files.readAllBytes(rec);
        b[b.length / 2] ^= 1;
        Files.write(rec, b);
        Shell.Result r = recipe(bundle);
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("FAILED"), r.output());
    }

    @Test
    void recipe_statementEdited_signatureRejected() throws Exception {
        Path st = bundle.resolve(ReportBundle.STATEMENT_PATH);
        Files.writeString(st, Files.readString(st).replace("\"gate\": \"fail\"", "\"gate\": \"pass\""));
        Shell.Result r = recipe(bundle);
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("Signature Verification Failure"), r.output());
    }

    @Test
    void recipe_sha256sumsRewritten_rejected() throws Exception {
        Path rec = ReportBundleTest.firstRecord(bundle);
        Files.writeString(rec, Files.readString(rec).replace("Loan approvals", "Loan approvalz"));
        Path sums = bundle.resolve("SHA256SUMS");
        Shell.Result rewrite = Shell.run(bundle, "sh", "-c", "sed 's#  .*##' SHA256SUMS > /dev/null; "
                + "grep -v records/ SHA256SUMS > s2; sha256sum records/*.json >> s2; mv s2 SHA256SUMS");
        assertEquals(0, rewrite.exit(), rewrite.output());
        assertTrue(Files.readString(sums, StandardCharsets.UTF_8).contains("records/"));
        Shell.Result r = recipe(bundle);
        assertNotEquals(0, r.exit(), "a consistent SHA256SUMS that is not the signed one must be rejected: " + r.output());
    }

    @Test
    void recipe_checkpointAltered_rejected() throws Exception {
        Path cp = bundle.resolve(ReportBundle.CHECKPOINT_PATH);
        String[] lines = Files.readString(cp).split("\n", -1);
        lines[1] = Long.toString(Long.parseLong(lines[1]) + 1);
        Files.writeString(cp, String.join("\n", lines));
        // keep SHA256SUMS consistent so only the checkpoint signature can catch it
        Shell.run(bundle, "sh", "-c", "grep -v ' log/checkpoint$' SHA256SUMS > s2; sha256sum log/checkpoint >> s2; sort -k2 s2 > SHA256SUMS; rm s2");
        Shell.Result r = recipe(bundle);
        assertNotEquals(0, r.exit(), r.output());
    }

    @Test
    void recipe_recordRemoved_rejected() throws Exception {
        java.nio.file.Files.delete(ReportBundleTest.firstRecord(bundle));
        assertNotEquals(0, recipe(bundle).exit());
    }

    @Test
    void recipe_logReordered_rejected() throws Exception {
        Path log = bundle.resolve(ReportBundle.LOG_PATH);
        java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(log));
        java.util.Collections.swap(lines, 1, 2);
        Files.write(log, lines);
        Shell.Result r = recipe(bundle);
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("log/entries.jsonl: FAILED"), r.output());
    }

    @Test
    void recipe_publicKeySwapped_signatureRejected() throws Exception {
        Files.writeString(bundle.resolve(ReportBundle.PUBLIC_KEY_PATH),
                io.privkit.evidence.sign.Ed25519.publicKeyPem(Ed25519Signer.generate(new SecureRandom()).publicKey()));
        Shell.Result r = recipe(bundle);
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(!r.output().startsWith(signer.keyId()), "the first line shows another key id");
    }
}
