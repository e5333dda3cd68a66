package io.privkit.evidence.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.evidence.EvidenceRecord;
import io.privkit.evidence.SampleRecords;
import io.privkit.evidence.Verdict;
import io.privkit.evidence.measure.MeasureCatalogue;
import io.privkit.evidence.measure.MeasureId;
import io.privkit.evidence.report.DpiaEvidenceBundle.MeasureStatus;
import io.privkit.evidence.sign.Dsse;
import io.privkit.evidence.sign.Ed25519;
import io.privkit.evidence.sign.Ed25519Signer;
import io.privkit.evidence.sign.InTotoStatement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Build, read and verify a signed bundle with every record type, and every kind of tampering. */
class ReportBundleTest {
    private static final Pattern COMPLIANCE = Pattern.compile("\\b(complian(t|ce)|compl(y|ies|ying)\\s+with)\\b", Pattern.CASE_INSENSITIVE);

    @TempDir
    Path tmp;

    Ed25519Signer signer;
    Path bundle;

    @BeforeEach
    void build() throws IOException {
        signer = Ed25519Signer.generate(new SecureRandom());
        bundle = tmp.resolve("bundle");
        builder(SampleRecords.all()).write(bundle);
    }

    private ReportBundle.Builder builder(List<EvidenceRecord> records) {
        return ReportBundle.builder().records(records).policy(SamplePolicy.file()).signer(signer)
                .clock(Clock.fixed(SamplePolicy.BUILD, ZoneOffset.UTC));
    }

    private BundleVerifier.Result verify(Path dir) throws IOException {
        return BundleVerifier.verify(dir, BundleVerifier.Options.defaults().withKeyId(signer.keyId()));
    }

    @Test
    void build_allRecordTypes_verifiesAndReadsBack() throws IOException {
        BundleVerifier.Result r = verify(bundle);
        assertEquals(List.of(), r.problems());
        assertEquals(signer.keyId(), r.keyId());
        ReportBundle read = ReportBundle.read(bundle);
        assertEquals(5, read.records().size());
        assertEquals(SampleRecords.all().size(), read.document().records().size());
        assertTrue(io.privkit.evidence.bundle.EvidenceBundle.check(bundle).ok(), "the foundation's check accepts a signed bundle");
    }

    @Test
    void document_everyCatalogueMeasureHasARow_andStatusesFollowThePolicy() throws IOException {
        DpiaEvidenceBundle d = ReportBundle.read(bundle).document();
        assertEquals(MeasureCatalogue.current().measures().size(), d.measures().size());
        assertEquals(MeasureStatus.PASS, d.measure(MeasureId.DP_TRAINING).status());           // 2.9137 <= 3, 0.05 <= 0.1
        assertEquals(MeasureStatus.FAIL, d.measure(MeasureId.DRIFT_MONITORING).status());      // 100% drifted > 50%
        assertEquals(MeasureStatus.INCONCLUSIVE, d.measure(MeasureId.BIAS_AUDIT).status());    // record verdict inconclusive
        assertEquals(MeasureStatus.PASS, d.measure(MeasureId.FEDERATED_LEARNING).status());
        assertEquals(MeasureStatus.PASS, d.measure(MeasureId.HUMAN_OVERSIGHT).status());      // CI [0.945, 0.968] >= 0.9
        assertEquals(MeasureStatus.EVIDENCED, d.measure(MeasureId.EVIDENCE_INTEGRITY).status());
        assertEquals(Verdict.FAIL, d.gate().verdict());
        assertEquals(1, d.gate().exitCode());
        assertTrue(d.policy().preRegistered());
        assertTrue(d.humanSections().stream().allMatch(s -> s.fields().stream().allMatch(f -> f.value() == null)));
        assertTrue(d.humanSections().stream().anyMatch(s -> s.icoHeading().startsWith("Step 5")));
        assertTrue(d.humanSections().stream().anyMatch(s -> s.icoHeading().startsWith("Step 7")));
    }

    @Test
    void build_missingRequiredEvidence_notMeasuredRowAndGateFails() throws IOException {
        Path b = tmp.resolve("partial");
        builder(List.of(SampleRecords.federated(), SampleRecords.oversight())).write(b);
        DpiaEvidenceBundle d = ReportBundle.read(b).document();
        assertEquals(MeasureStatus.NOT_MEASURED, d.measure(MeasureId.DP_TRAINING).status());
        assertTrue(d.measure(MeasureId.DP_TRAINING).claim().contains("not a pass"));
        assertEquals(List.of(MeasureId.DP_TRAINING, MeasureId.BIAS_AUDIT, MeasureId.DRIFT_MONITORING),
                d.notMeasured().stream().map(DpiaEvidenceBundle.NotMeasured::measureId).toList());
        assertEquals(Verdict.FAIL, d.gate().verdict());
        assertTrue(d.gate().criteria().stream().anyMatch(c -> c.criterionId().equals("dp-training:evidence-present")
                && c.verdict() == Verdict.FAIL));
    }

    @Test
    void build_policyApprovedAfterEvidence_flaggedAndGateNotPass() throws IOException {
        Path b = tmp.resolve("late");
        PolicyFile late = PolicyFile.of(SamplePolicy.policy(SamplePolicy.BUILD.minusSeconds(60)));
        List<EvidenceRecord> passing = List.of(SampleRecords.privacyBudget(), SampleRecords.federated(), SampleRecords.oversight());
        ReportBundle.builder().records(passing).policy(late).signer(signer).clock(Clock.fixed(SamplePolicy.BUILD, ZoneOffset.UTC)).write(b);
        DpiaEvidenceBundle d = ReportBundle.read(b).document();
        assertFalse(d.policy().preRegistered());
        assertTrue(d.gate().criteria().stream().anyMatch(c -> c.criterionId().equals("policy:pre-registered")
                && c.verdict() == Verdict.INCONCLUSIVE));
        assertTrue(d.gate().verdict() != Verdict.PASS);
    }

    @Test
    void generatedText_neverClaimsCompliance() throws IOException {
        try (Stream<Path> s = Files.walk(bundle)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".pdf")).toList()) {
                String text = Files.readString(p, StandardCharsets.ISO_8859_1);
                assertFalse(COMPLIANCE.matcher(text).find(), p + " claims compliance");
            }
        }
    }

    // ---------------------------------------------------------------- tampering

    @Test
    void flipOneByte_ofEveryFile_detectedNamingTheFile() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(bundle)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertTrue(files.size() > 20, "every part of the bundle is covered: " + files.size());
        for (Path f : files) {
            String rel = bundle.relativize(f).toString();
            Path copy = tmp.resolve("flip");
            copyTree(bundle, copy);
            Path target = copy.resolve(rel);
            byte[] b = Files.readAllBytes(target);
            b[b.length / 2] ^= 0x01;
            Files.write(target, b);
            BundleVerifier.Result r = verify(copy);
            assertFalse(r.ok(), "flipping a byte of " + rel + " went undetected");
            assertTrue(r.problems().stream().anyMatch(p -> p.path().equals(rel) || rel.startsWith("attestation/") || rel.equals("signer.pub.pem")),
                    rel + ": " + r.problems());
            io.privkit.common.AtomicFiles.deleteRecursively(copy);
        }
    }

    @Test
    void removeRecord_detected() throws IOException {
        Path rec = firstRecord(bundle);
        Files.delete(rec);
        BundleVerifier.Result r = verify(bundle);
        String rel = bundle.relativize(rec).toString();
        assertTrue(r.problems().stream().anyMatch(p -> p.path().equals(rel) && p.message().contains("removed")), r.problems().toString());
    }

    @Test
    void reorderLog_detected() throws IOException {
        Path log = bundle.resolve(ReportBundle.LOG_PATH);
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        Collections.swap(lines, 1, 2);
        Files.write(log, lines);
        BundleVerifier.Result r = verify(bundle);
        assertTrue(r.problems().stream().anyMatch(p -> p.path().equals(ReportBundle.LOG_PATH) && p.message().contains("reordered")), r.problems().toString());
    }

    @Test
    void swapPublicKey_withoutResigning_detected() throws IOException {
        Ed25519Signer attacker = Ed25519Signer.generate(new SecureRandom());
        Files.writeString(bundle.resolve(ReportBundle.PUBLIC_KEY_PATH), Ed25519.publicKeyPem(attacker.publicKey()));
        BundleVerifier.Result unpinned = BundleVerifier.verify(bundle, BundleVerifier.Options.defaults());
        assertTrue(unpinned.problems().stream().anyMatch(p -> p.path().equals(ReportBundle.ENVELOPE_PATH)), unpinned.problems().toString());
    }

    /** An attacker who rewrites a record, re-signs everything and ships their own key is caught by the pinned key id. */
    @Test
    void swapPublicKey_andResignEverything_detectedAgainstPinnedKeyId() throws IOException {
        Ed25519Signer attacker = Ed25519Signer.generate(new SecureRandom());
        Path forged = tmp.resolve("forged");
        ReportBundle.builder().records(SampleRecords.all()).policy(SamplePolicy.file()).signer(attacker)
                .clock(Clock.fixed(SamplePolicy.BUILD, ZoneOffset.UTC)).write(forged);
        assertTrue(BundleVerifier.verify(forged, BundleVerifier.Options.defaults()).ok(), "internally consistent forgery");
        BundleVerifier.Result pinned = verify(forged);
        assertEquals(1, pinned.problems().size(), pinned.problems().toString());
        assertEquals(ReportBundle.PUBLIC_KEY_PATH, pinned.problems().get(0).path());
        assertTrue(pinned.problems().get(0).message().contains("is not the expected " + signer.keyId()));
    }

    @Test
    void addedFile_detected() throws IOException {
        Files.writeString(bundle.resolve("records/extra.json"), "{}");
        assertTrue(verify(bundle).problems().stream().anyMatch(p -> p.path().equals("records/extra.json")
                && p.message().contains("not covered by the signature")));
    }

    @Test
    void recordEnvelopes_verifyOnTheirOwn() throws IOException {
        DpiaEvidenceBundle d = ReportBundle.read(bundle).document();
        for (var e : d.records()) {
            Dsse.Envelope env = Dsse.read(Files.readAllBytes(bundle.resolve(e.envelopePath())), null);
            assertTrue(Dsse.verify(env, signer.publicKey()));
            assertEquals(e.mediaType(), env.payloadType());
        }
        Dsse.Envelope st = Dsse.read(Files.readAllBytes(bundle.resolve(ReportBundle.ENVELOPE_PATH)), null);
        InTotoStatement s = InTotoStatement.parse(st.payloadBytes(), null);
        assertTrue(s.subjects().containsKey("manifest.json"));
        assertTrue(s.subjects().containsKey(DpiaEvidenceBundle.PATH));
        assertTrue(s.subjects().containsKey(ReportBundle.PDF_PATH));
    }

    // ---------------------------------------------------------------- previous bundles

    @Test
    void previous_logExtendsIt_consistencyProofVerifies_andChangesListed() throws IOException {
        Path next = tmp.resolve("next");
        builder(SampleRecords.all().subList(0, 3)).clock(Clock.fixed(SamplePolicy.BUILD.plusSeconds(3600), ZoneOffset.UTC))
                .previous(bundle).write(next);
        BundleVerifier.Result r = BundleVerifier.verify(next, BundleVerifier.Options.defaults().withKeyId(signer.keyId()).withPrevious(bundle));
        assertEquals(List.of(), r.problems());
        DpiaEvidenceBundle d = ReportBundle.read(next).document();
        DpiaEvidenceBundle old = ReportBundle.read(bundle).document();
        assertEquals(old.bundleId(), d.previousBundle().bundleId());
        assertEquals(old.integrity().checkpoint().origin(), d.integrity().checkpoint().origin());
        assertTrue(d.integrity().checkpoint().size() > old.integrity().checkpoint().size());
        assertTrue(d.changes().stream().anyMatch(c -> c.kind() == DpiaEvidenceBundle.ChangeKind.EVIDENCE_COVERAGE
                && c.subject().startsWith("federated-training")), d.changes().toString());
        assertTrue(d.changes().stream().anyMatch(c -> c.kind() == DpiaEvidenceBundle.ChangeKind.MEASURE_STATUS
                && c.subject().equals("measure federated-learning")), d.changes().toString());
    }

    @Test
    void previous_historyRewritten_detectedByConsistencyProof() throws IOException {
        Path other = tmp.resolve("other");
        builder(SampleRecords.all().subList(0, 2)).write(other);   // a different log with the same shape
        Path next = tmp.resolve("next");
        builder(SampleRecords.all().subList(0, 1)).previous(other).write(next);
        BundleVerifier.Result r = BundleVerifier.verify(next, BundleVerifier.Options.defaults().withPrevious(bundle));
        assertTrue(r.problems().stream().anyMatch(p -> p.path().equals(ReportBundle.CONSISTENCY_PATH)), r.problems().toString());
    }

    @Test
    void build_tamperedPrevious_refusedAndNothingWritten() throws IOException {
        Files.write(firstRecord(bundle), "{}".getBytes(StandardCharsets.UTF_8));
        Path next = tmp.resolve("next");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder(SampleRecords.all()).previous(bundle).write(next));
        assertTrue(e.getMessage().startsWith("previous bundle " + bundle + " must be intact"), e.getMessage());
        assertFalse(Files.exists(next));
    }

    @Test
    void build_withoutPolicy_reportsProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReportBundle.builder().signer(signer).write(tmp.resolve("x")));
        assertTrue(e.getMessage().contains("policy must be given"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void verify_unsignedFoundationBundle_integrityProblems() throws IOException {
        Path plain = tmp.resolve("plain");
        io.privkit.evidence.bundle.EvidenceBundle.writer().record(SampleRecords.drift()).write(plain);
        BundleVerifier.Result r = BundleVerifier.verify(plain, BundleVerifier.Options.defaults());
        assertFalse(r.ok());
        assertNull(r.keyId());
        assertTrue(r.problems().stream().anyMatch(p -> p.message().contains("not signed")));
    }

    static Path firstRecord(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("records"))) {
            return s.sorted().findFirst().orElseThrow();
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

}
