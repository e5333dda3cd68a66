package io.privkit.evidence.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import io.privkit.evidence.EvidenceFormatException;
import io.privkit.evidence.bundle.BundleCheck;
import io.privkit.evidence.bundle.BundleManifest;
import io.privkit.evidence.bundle.BundleProblem;
import io.privkit.evidence.bundle.EvidenceBundle;
import io.privkit.evidence.json.CanonicalJson;
import io.privkit.evidence.log.Checkpoint;
import io.privkit.evidence.log.EvidenceLog;
import io.privkit.evidence.log.LogEntry;
import io.privkit.evidence.log.Merkle;
import io.privkit.evidence.log.SignedNote;
import io.privkit.evidence.sign.Dsse;
import io.privkit.evidence.sign.Ed25519;
import io.privkit.evidence.sign.InTotoStatement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Verifies a signed report bundle and reports every problem, each naming the file:
 *
 * <ol>
 *   <li>the public key parses and, when a key id is expected, is that key (a swapped key is
 *       detected only against a key id obtained out of band, such as from the DPIA document);</li>
 *   <li>the DSSE envelope carries a valid Ed25519 signature over the in-toto statement, and the
 *       statement file is exactly its payload;</li>
 *   <li>every file the statement lists exists with that SHA-256, and no other file is present;</li>
 *   <li>the manifest, records and schemas pass {@link EvidenceBundle#check};</li>
 *   <li>each record's own DSSE envelope is valid and carries the record's exact bytes;</li>
 *   <li>the evidence log's hash chain holds, its Merkle root equals the signed checkpoint's, the
 *       checkpoint's C2SP signature is valid, every record is logged with its digest, and every
 *       inclusion proof verifies;</li>
 *   <li>with a previous bundle, the consistency proof from its checkpoint verifies.</li>
 * </ol>
 *
 * <p>Stateless and thread-safe.
 */
public final class BundleVerifier {
    private BundleVerifier() {
    }

    /** What kind of problem was found. */
    public enum Kind {
        /** A digest, signature or proof does not match: the bundle was changed or is not signed. */
        INTEGRITY,
        /** A file exists but cannot be read. */
        UNREADABLE
    }

    /**
     * One problem.
     *
     * @param path    the file inside the bundle
     * @param message what is wrong
     * @param kind    its kind
     */
    public record Problem(String path, String message, Kind kind) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    /**
     * Verification options.
     *
     * @param expectedKeyId the signer key id the reviewer expects (from the DPIA); empty to accept the shipped key
     * @param previous      an earlier bundle whose checkpoint this bundle's log must extend
     */
    public record Options(Optional<String> expectedKeyId, Optional<Path> previous) {
        public Options {
            Checks.requireNonNull(expectedKeyId, "expectedKeyId");
            Checks.requireNonNull(previous, "previous");
            expectedKeyId.ifPresent(k -> {
                if (!k.matches("[0-9a-f]{64}")) {
                    throw Checks.argument("key id").mustBe("64 lower-case hex characters (SHA-256 of the public key)").got(k)
                            .fix("Copy the key id from the DPIA or from VERIFY.md.").exception();
                }
            });
        }

        /** No expectations. */
        public static Options defaults() {
            return new Options(Optional.empty(), Optional.empty());
        }

        /** With an expected key id. */
        public Options withKeyId(String keyId) {
            return new Options(Optional.of(keyId), previous);
        }

        /** With a previous bundle. */
        public Options withPrevious(Path dir) {
            return new Options(expectedKeyId, Optional.of(dir));
        }
    }

    /**
     * The outcome.
     *
     * @param directory  the bundle
     * @param keyId      the signer's key id, when the key parsed
     * @param checkpoint the checkpoint, when it parsed
     * @param problems   every problem; empty when the bundle verifies
     * @param keyPinned  whether the key was checked against an expected key id
     */
    public record Result(Path directory, String keyId, Checkpoint checkpoint, List<Problem> problems, boolean keyPinned) {
        /** Whether the bundle verifies. */
        public boolean ok() {
            return problems.isEmpty();
        }

        /** Whether some file could not be read. */
        public boolean anyUnreadable() {
            return problems.stream().anyMatch(p -> p.kind() == Kind.UNREADABLE);
        }
    }

    /**
     * Verifies a bundle.
     *
     * @throws NoSuchFileException if the folder does not exist
     */
    public static Result verify(Path dir, Options options) throws IOException {
        Checks.requireNonNull(dir, "bundle");
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such bundle folder");
        }
        List<Problem> problems = new ArrayList<>();
        // 1. The key.
        PublicKey key = null;
        String keyId = null;
        byte[] pem = readOrReport(dir, ReportBundle.PUBLIC_KEY_PATH, problems, "missing: the bundle is not signed (a signed bundle ships signer.pub.pem)");
        if (pem != null) {
            try {
                key = Ed25519.readPublicKeyPem(new String(pem, StandardCharsets.US_ASCII), ReportBundle.PUBLIC_KEY_PATH);
                keyId = Ed25519.keyId(key);
                if (options.expectedKeyId().isPresent() && !options.expectedKeyId().get().equals(keyId)) {
                    problems.add(new Problem(ReportBundle.PUBLIC_KEY_PATH, "key id " + keyId + " is not the expected "
                            + options.expectedKeyId().get() + ": the signing key was swapped or the bundle is not the one you expect", Kind.INTEGRITY));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(ReportBundle.PUBLIC_KEY_PATH, e.getMessage(), Kind.INTEGRITY));
            }
        }
        // 2. The statement and its signature.
        InTotoStatement statement = null;
        byte[] envBytes = readOrReport(dir, ReportBundle.ENVELOPE_PATH, problems, "missing: the bundle is not signed");
        byte[] stBytes = readOrReport(dir, ReportBundle.STATEMENT_PATH, problems, "missing: the bundle is not signed");
        if (envBytes != null && stBytes != null) {
            try {
                Dsse.Envelope env = Dsse.read(envBytes, dir.resolve(ReportBundle.ENVELOPE_PATH));
                if (!InTotoStatement.PAYLOAD_TYPE.equals(env.payloadType())) {
                    problems.add(new Problem(ReportBundle.ENVELOPE_PATH, "payloadType must be " + InTotoStatement.PAYLOAD_TYPE + "; got "
                            + env.payloadType(), Kind.INTEGRITY));
                } else if (key != null && !Dsse.verify(env, key)) {
                    problems.add(new Problem(ReportBundle.ENVELOPE_PATH, "the Ed25519 signature does not verify with signer.pub.pem (key "
                            + keyId + "): the statement or the key was changed after signing", Kind.INTEGRITY));
                }
                if (!Arrays.equals(env.payloadBytes(), stBytes)) {
                    problems.add(new Problem(ReportBundle.STATEMENT_PATH, "differs from the signed payload in " + ReportBundle.ENVELOPE_PATH,
                            Kind.INTEGRITY));
                }
                statement = InTotoStatement.parse(env.payloadBytes(), dir.resolve(ReportBundle.ENVELOPE_PATH));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(ReportBundle.ENVELOPE_PATH, e.getMessage(), Kind.INTEGRITY));
            }
        }
        // 3. Every file against the signed statement.
        if (statement != null) {
            Set<String> present = new TreeSet<>();
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(Files::isRegularFile).forEach(p -> present.add(dir.relativize(p).toString().replace('\\', '/')));
            }
            for (Map.Entry<String, Sha256> e : statement.subjects().entrySet()) {
                Path f = dir.resolve(e.getKey());
                if (!Files.isRegularFile(f)) {
                    problems.add(new Problem(e.getKey(), "signed but missing: a file was removed after signing", Kind.INTEGRITY));
                    continue;
                }
                try {
                    Sha256 actual = Sha256.of(Files.readAllBytes(f));
                    if (!actual.equals(e.getValue())) {
                        problems.add(new Problem(e.getKey(), "SHA-256 " + actual + " does not match the signed " + e.getValue()
                                + ": the file was changed after signing", Kind.INTEGRITY));
                    }
                } catch (IOException ex) {
                    problems.add(new Problem(e.getKey(), "cannot be read (" + ex.getMessage() + ")", Kind.UNREADABLE));
                }
            }
            for (String p : present) {
                if (!statement.subjects().containsKey(p) && !EvidenceBundle.SEAL_FILES.contains(p)) {
                    problems.add(new Problem(p, "is not covered by the signature: it was added after signing", Kind.INTEGRITY));
                }
            }
        }
        // 4. Manifest, records, schemas.
        BundleCheck check = EvidenceBundle.check(dir);
        for (BundleProblem bp : check.problems()) {
            Problem p = new Problem(bp.path(), bp.message(), bp.kind() == BundleProblem.Kind.UNREADABLE ? Kind.UNREADABLE : Kind.INTEGRITY);
            if (problems.stream().noneMatch(x -> x.path().equals(p.path()))) {
                problems.add(p);
            }
        }
        // 5-6. Record envelopes and the log (read from the document when it parses).
        Checkpoint checkpoint = null;
        try {
            DpiaEvidenceBundle doc = ReportSchemas.readBundle(Files.readAllBytes(dir.resolve(DpiaEvidenceBundle.PATH)), dir.resolve(DpiaEvidenceBundle.PATH));
            if (key != null) {
                for (DpiaEvidenceBundle.RecordEntry r : doc.records()) {
                    checkRecordEnvelope(dir, r, key, problems);
                }
                checkpoint = checkLog(dir, doc, key, problems);
            }
            if (options.previous().isPresent() && checkpoint != null) {
                checkConsistency(dir, options.previous().get(), checkpoint, problems);
            }
        } catch (NoSuchFileException e) {
            problems.add(new Problem(DpiaEvidenceBundle.PATH, "missing: this is not a Privkit report bundle", Kind.INTEGRITY));
        } catch (EvidenceFormatException e) {
            e.problems().forEach(m -> problems.add(new Problem(DpiaEvidenceBundle.PATH, m, Kind.INTEGRITY)));
        }
        return new Result(dir, keyId, checkpoint, dedupe(problems), options.expectedKeyId().isPresent());
    }

    private static List<Problem> dedupe(List<Problem> in) {
        List<Problem> out = new ArrayList<>();
        for (Problem p : in) {
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    private static void checkRecordEnvelope(Path dir, DpiaEvidenceBundle.RecordEntry r, PublicKey key, List<Problem> problems) throws IOException {
        Path env = dir.resolve(r.envelopePath());
        Path rec = dir.resolve(r.path());
        if (!Files.isRegularFile(env) || !Files.isRegularFile(rec)) {
            if (!Files.isRegularFile(rec)) {
                problems.add(new Problem(r.path(), "listed in " + DpiaEvidenceBundle.PATH + " but missing: a record was removed", Kind.INTEGRITY));
            }
            return;
        }
        try {
            Dsse.Envelope e = Dsse.read(Files.readAllBytes(env), env);
            if (!Dsse.verify(e, key) || !e.payloadType().equals(r.mediaType())) {
                problems.add(new Problem(r.envelopePath(), "the record's signature does not verify", Kind.INTEGRITY));
            } else if (!Arrays.equals(e.payloadBytes(), Files.readAllBytes(rec))) {
                problems.add(new Problem(r.path(), "differs from the signed copy in " + r.envelopePath(), Kind.INTEGRITY));
            }
        } catch (IllegalArgumentException ex) {
            problems.add(new Problem(r.envelopePath(), ex.getMessage(), Kind.INTEGRITY));
        }
    }

    private static Checkpoint checkLog(Path dir, DpiaEvidenceBundle doc, PublicKey key, List<Problem> problems) throws IOException {
        String cpPath = ReportBundle.CHECKPOINT_PATH;
        byte[] note = readOrReport(dir, cpPath, problems, "missing: the evidence log has no checkpoint");
        byte[] jsonl = readOrReport(dir, ReportBundle.LOG_PATH, problems, "missing: the evidence log is missing");
        if (note == null || jsonl == null) {
            return null;
        }
        String origin = doc.integrity().checkpoint().origin();
        Optional<String> body = SignedNote.open(new String(note, StandardCharsets.UTF_8), origin, key);
        if (body.isEmpty()) {
            problems.add(new Problem(cpPath, "the checkpoint's signature does not verify with signer.pub.pem for origin " + origin, Kind.INTEGRITY));
            return null;
        }
        Checkpoint cp;
        try {
            cp = Checkpoint.parse(body.get());
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(cpPath, e.getMessage(), Kind.INTEGRITY));
            return null;
        }
        EvidenceLog log;
        try {
            log = EvidenceLog.parse(jsonl, dir.resolve(ReportBundle.LOG_PATH));
        } catch (EvidenceFormatException e) {
            e.problems().forEach(m -> problems.add(new Problem(ReportBundle.LOG_PATH, m, Kind.INTEGRITY)));
            return cp;
        }
        if (log.size() != cp.size() || !log.root().equals(cp.root())) {
            problems.add(new Problem(ReportBundle.LOG_PATH, "Merkle root " + log.root() + " over " + log.size()
                    + " entries does not match the signed checkpoint (" + cp.size() + " entries, root " + cp.root()
                    + "): entries were changed, removed or reordered", Kind.INTEGRITY));
        }
        for (DpiaEvidenceBundle.RecordEntry r : doc.records()) {
            boolean logged = log.entries().stream().anyMatch(e -> e.type() == LogEntry.EntryType.RECORD && e.subject().equals(r.path())
                    && e.payloadSha256().equals(r.sha256()));
            if (!logged) {
                problems.add(new Problem(ReportBundle.LOG_PATH, "has no entry for " + r.path() + " with SHA-256 " + r.sha256(), Kind.INTEGRITY));
            }
        }
        try {
            JsonNode proofs = CanonicalJson.readTree(Files.readAllBytes(dir.resolve(ReportBundle.PROOFS_PATH)));
            for (JsonNode p : proofs.path("inclusionProofs")) {
                List<byte[]> path = new ArrayList<>();
                p.path("auditPath").forEach(h -> path.add(HexFormat.of().parseHex(h.asText())));
                long seq = p.get("seq").asLong();
                byte[] leaf = HexFormat.of().parseHex(p.get("leafHash").asText());
                boolean matchesEntry = seq < log.size() && Arrays.equals(log.entries().get((int) seq).leafHash(), leaf);
                if (!matchesEntry || !Merkle.verifyInclusion(seq, cp.size(), leaf, path, cp.root().toBytes())) {
                    problems.add(new Problem(ReportBundle.PROOFS_PATH, "the inclusion proof of entry " + seq + " does not verify against the checkpoint",
                            Kind.INTEGRITY));
                }
            }
        } catch (NoSuchFileException e) {
            problems.add(new Problem(ReportBundle.PROOFS_PATH, "missing", Kind.INTEGRITY));
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem(ReportBundle.PROOFS_PATH, "not valid: " + e.getMessage(), Kind.INTEGRITY));
        }
        return cp;
    }

    private static void checkConsistency(Path dir, Path previous, Checkpoint now, List<Problem> problems) throws IOException {
        DpiaEvidenceBundle old = ReportSchemas.readBundle(Files.readAllBytes(previous.resolve(DpiaEvidenceBundle.PATH)),
                previous.resolve(DpiaEvidenceBundle.PATH));
        DpiaEvidenceBundle.CheckpointRef from = old.integrity().checkpoint();
        Path file = dir.resolve(ReportBundle.CONSISTENCY_PATH);
        if (!Files.isRegularFile(file)) {
            problems.add(new Problem(ReportBundle.CONSISTENCY_PATH, "missing: this bundle does not claim to extend " + previous, Kind.INTEGRITY));
            return;
        }
        JsonNode c = CanonicalJson.readTree(Files.readAllBytes(file));
        List<byte[]> proof = new ArrayList<>();
        c.path("proof").forEach(h -> proof.add(HexFormat.of().parseHex(h.asText())));
        boolean ok = from.origin().equals(now.origin())
                && Merkle.verifyConsistency(from.size(), now.size(), proof, from.root().toBytes(), now.root().toBytes());
        if (!ok) {
            problems.add(new Problem(ReportBundle.CONSISTENCY_PATH, "the log does not extend the previous bundle's checkpoint ("
                    + from.origin() + " " + from.size() + " " + from.root() + "): its history was rewritten", Kind.INTEGRITY));
        }
    }

    private static byte[] readOrReport(Path dir, String path, List<Problem> problems, String missing) {
        Path f = dir.resolve(path);
        if (!Files.isRegularFile(f)) {
            problems.add(new Problem(path, missing, Kind.INTEGRITY));
            return null;
        }
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            problems.add(new Problem(path, "cannot be read (" + e.getMessage() + ")", Kind.UNREADABLE));
            return null;
        }
    }
}
