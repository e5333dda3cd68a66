package io.privkit.evidence.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import io.privkit.evidence.EvidenceFormatException;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.EvidenceRecord;
import io.privkit.evidence.Generator;
import io.privkit.evidence.TimeRange;
import io.privkit.evidence.bundle.BundleManifest;
import io.privkit.evidence.bundle.EvidenceBundle;
import io.privkit.evidence.json.CanonicalJson;
import io.privkit.evidence.json.JsonNames;
import io.privkit.evidence.log.Checkpoint;
import io.privkit.evidence.log.EvidenceLog;
import io.privkit.evidence.log.LogEntry;
import io.privkit.evidence.log.SignedNote;
import io.privkit.evidence.render.CnilPiaExport;
import io.privkit.evidence.render.MarkdownReport;
import io.privkit.evidence.render.html.HtmlReport;
import io.privkit.evidence.render.pdf.PdfReport;
import io.privkit.evidence.report.DpiaEvidenceBundle.CheckpointRef;
import io.privkit.evidence.report.DpiaEvidenceBundle.Integrity;
import io.privkit.evidence.report.DpiaEvidenceBundle.KeyKind;
import io.privkit.evidence.report.DpiaEvidenceBundle.PolicySummary;
import io.privkit.evidence.report.DpiaEvidenceBundle.PreviousBundle;
import io.privkit.evidence.report.DpiaEvidenceBundle.RecordEntry;
import io.privkit.evidence.report.DpiaEvidenceBundle.Rendition;
import io.privkit.evidence.report.DpiaEvidenceBundle.SystemScope;
import io.privkit.evidence.sign.Dsse;
import io.privkit.evidence.sign.Ed25519;
import io.privkit.evidence.sign.InTotoStatement;
import io.privkit.evidence.sign.Signer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A signed DPIA evidence bundle: the records, the pre-registered acceptance policy, the
 * {@code dpia-evidence-bundle.json} document (the source of truth), its renderings (HTML, PDF,
 * Markdown, a CNIL PIA fragment), the evidence log with a signed checkpoint and proofs, the
 * verification appendix, and a signed in-toto statement over every file.
 *
 * <p><b>Layout.</b>
 * <pre>
 * dpia-evidence-bundle.json         the source of truth (schema dpia-evidence-bundle)
 * records/&lt;type&gt;-&lt;id&gt;.json          evidence records
 * signatures/records/*.dsse.json    each record signed on its own (DSSE, record media type)
 * policy/acceptance-policy.json     the pre-registered policy, byte for byte as given
 * log/entries.jsonl                 the evidence log (hash-chained JSON Lines, RFC 6962 leaves)
 * log/checkpoint                    the signed C2SP checkpoint
 * log/proofs.json                   inclusion proofs of this bundle's entries
 * log/consistency.json              consistency proof from the previous bundle's checkpoint, when one
 * report.html, report.pdf, report.md, cnil-pia-measures.json   renderings
 * VERIFY.md                         how to verify with sha256sum and openssl alone
 * signer.pub.pem                    the signer's public key
 * README.md, SHA256SUMS, manifest.json
 * attestation/statement.intoto.json, attestation/statement.dsse.json   the signed statement over every file above
 * </pre>
 *
 * <p>Writing is all or nothing ({@link EvidenceBundle.Writer}): a failed build leaves an existing
 * bundle untouched. Instances are immutable and thread-safe; the builder is not.
 */
public final class ReportBundle {
    /** The policy's copy inside a bundle. */
    public static final String POLICY_PATH = "policy/acceptance-policy.json";
    /** The log entries. */
    public static final String LOG_PATH = "log/entries.jsonl";
    /** The signed checkpoint. */
    public static final String CHECKPOINT_PATH = "log/checkpoint";
    /** Inclusion proofs. */
    public static final String PROOFS_PATH = "log/proofs.json";
    /** Consistency proof from the previous bundle. */
    public static final String CONSISTENCY_PATH = "log/consistency.json";
    /** The signer's public key. */
    public static final String PUBLIC_KEY_PATH = "signer.pub.pem";
    /** The statement. */
    public static final String STATEMENT_PATH = "attestation/statement.intoto.json";
    /** Its envelope. */
    public static final String ENVELOPE_PATH = "attestation/statement.dsse.json";
    /** The HTML report. */
    public static final String HTML_PATH = "report.html";
    /** The PDF report. */
    public static final String PDF_PATH = "report.pdf";
    /** The Markdown report. */
    public static final String MARKDOWN_PATH = "report.md";
    /** The CNIL PIA fragment. */
    public static final String CNIL_PATH = "cnil-pia-measures.json";

    private final Path directory;
    private final ReportView view;

    private ReportBundle(Path directory, ReportView view) {
        this.directory = directory;
        this.view = view;
    }

    /** The bundle's folder. */
    public Path directory() {
        return directory;
    }

    /** The document. */
    public DpiaEvidenceBundle document() {
        return view.document();
    }

    /** The records. */
    public List<EvidenceRecord> records() {
        return view.records();
    }

    /** The document, records and appendix, for renderers. */
    public ReportView view() {
        return view;
    }

    /**
     * Reads a bundle's document and records. It does not check signatures: run
     * {@link BundleVerifier#verify} first when the bundle comes from elsewhere.
     *
     * @throws EvidenceFormatException if the document or a record does not parse
     * @throws NoSuchFileException     if the folder or the document is missing
     */
    public static ReportBundle read(Path dir) throws IOException {
        Path docFile = dir.resolve(DpiaEvidenceBundle.PATH);
        if (!Files.isRegularFile(docFile)) {
            if (!Files.isDirectory(dir)) {
                throw new NoSuchFileException(dir.toString(), null, "no such bundle folder");
            }
            throw new EvidenceFormatException(dir, List.of(DpiaEvidenceBundle.PATH + " is missing: this is not a signed Privkit "
                    + "report bundle (build one with 'privkit report build')"));
        }
        DpiaEvidenceBundle doc = ReportSchemas.readBundle(Files.readAllBytes(docFile), docFile);
        List<EvidenceRecord> records = new ArrayList<>();
        for (RecordEntry e : doc.records()) {
            records.add(EvidenceJson.read(dir.resolve(e.path())));
        }
        String verify = Files.isRegularFile(dir.resolve(VerifyAppendix.PATH)) ? Files.readString(dir.resolve(VerifyAppendix.PATH)) : "";
        return new ReportBundle(dir, new ReportView(doc, records, verify));
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds and writes a report bundle. Not thread-safe; single use. */
    public static final class Builder {
        private final List<EvidenceRecord> records = new ArrayList<>();
        private PolicyFile policy;
        private Signer signer;
        private Path previous;
        private Clock clock = Clock.systemUTC();
        private UUID bundleId = UUID.randomUUID();
        private String deploymentContext;

        private Builder() {
        }

        /** Adds a record. */
        public Builder record(EvidenceRecord r) {
            records.add(Checks.requireNonNull(r, "record"));
            return this;
        }

        /** Adds records. */
        public Builder records(List<? extends EvidenceRecord> rs) {
            rs.forEach(this::record);
            return this;
        }

        /** The pre-registered acceptance policy (required). */
        public Builder policy(PolicyFile p) {
            this.policy = Checks.requireNonNull(p, "policy");
            return this;
        }

        /** The signer (required). */
        public Builder signer(Signer s) {
            this.signer = Checks.requireNonNull(s, "signer");
            return this;
        }

        /** A previous bundle whose log this bundle extends and against which changes are listed. */
        public Builder previous(Path dir) {
            this.previous = Checks.requireNonNull(dir, "previous");
            return this;
        }

        /** The clock for the build time and log entries. */
        public Builder clock(Clock c) {
            this.clock = Checks.requireNonNull(c, "clock");
            return this;
        }

        /** Fixes the bundle id (by default random). */
        public Builder bundleId(UUID id) {
            this.bundleId = Checks.requireNonNull(id, "bundleId");
            return this;
        }

        /** Where and how the system is deployed, for the scope section. */
        public Builder deploymentContext(String text) {
            this.deploymentContext = text;
            return this;
        }

        /**
         * Builds, signs and writes the bundle to {@code dir} atomically.
         *
         * @throws IllegalArgumentException if the policy or signer is missing, two records share an
         *                                  id, {@code dir} is not writable, or the previous bundle
         *                                  does not verify
         */
        public ReportBundle write(Path dir) throws IOException {
            io.privkit.common.Problems problems = io.privkit.common.Problems.of("report bundle");
            problems.check(policy != null, () -> Checks.argument("policy").mustBe("given").got(null)
                    .fix("Pass the pre-registered acceptance policy file (--policy FILE)."));
            problems.check(signer != null, () -> Checks.argument("signer").mustBe("given").got(null)
                    .fix("Pass a signing key (--key FILE) or let Privkit generate a one-off key."));
            problems.throwIfAny();
            EvidenceBundle.requireWritable(dir);
            Set<UUID> ids = new java.util.HashSet<>();
            for (EvidenceRecord r : records) {
                if (!ids.add(r.header().recordId())) {
                    throw Checks.argument("records").mustBe("free of duplicate record ids").got(r.header().recordId().toString())
                            .fix("Remove the duplicate record file.").exception();
                }
            }
            List<EvidenceRecord> sorted = new ArrayList<>(records);
            sorted.sort(Comparator.comparing((EvidenceRecord r) -> r.header().createdAt()).thenComparing(r -> r.header().recordId()));
            Instant now = clock.instant();
            AcceptancePolicy p = policy.policy();

            // Previous bundle: verified before anything is built on it.
            ReportBundle prev = null;
            EvidenceLog log;
            String origin;
            if (previous != null) {
                BundleVerifier.Result check = BundleVerifier.verify(previous, BundleVerifier.Options.defaults());
                if (!check.ok()) {
                    throw Checks.argument("previous bundle " + previous).mustBe("intact (it must verify)")
                            .got(check.problems().get(0).toString()).fix("Run 'privkit verify " + previous + "' to see every problem.").exception();
                }
                prev = read(previous);
                log = EvidenceLog.parse(Files.readAllBytes(previous.resolve(LOG_PATH)), previous.resolve(LOG_PATH));
                origin = prev.document().integrity().checkpoint().origin();
            } else {
                log = EvidenceLog.inMemory();
                origin = "privkit.io/evidence-log/" + bundleId;
            }
            int previousSize = log.size();

            Map<String, byte[]> files = new LinkedHashMap<>();
            Map<String, String> types = new LinkedHashMap<>();
            List<RecordEntry> entries = new ArrayList<>();
            if (prev != null) {
                byte[] prevDoc = Files.readAllBytes(previous.resolve(DpiaEvidenceBundle.PATH));
                log.append(LogEntry.EntryType.BUNDLE_DOCUMENT, "previous bundle " + prev.document().bundleId(), Sha256.of(prevDoc), now);
            }
            log.append(LogEntry.EntryType.POLICY, POLICY_PATH, policy.sha256(), now);
            for (EvidenceRecord r : sorted) {
                byte[] bytes = EvidenceJson.write(r);
                String path = "records/" + r.recordType().id() + "-" + r.header().recordId() + ".json";
                String env = "signatures/" + path.replace(".json", ".dsse.json");
                files.put(env, Dsse.sign(signer, r.recordType().mediaType(), bytes).toJson());
                types.put(env, "application/vnd.dsse.envelope.v1+json");
                log.append(LogEntry.EntryType.RECORD, path, Sha256.of(bytes), now);
                entries.add(new RecordEntry(r.header().recordId(), r.recordType().id(), path, Sha256.of(bytes), r.recordType().mediaType(),
                        env, r.header().createdAt(), r.header().verdict(), r.headline(), r.header().measureIds()));
            }
            files.put(POLICY_PATH, policy.bytes());
            types.put(POLICY_PATH, "application/vnd.privkit.acceptance-policy+json; version=1");
            files.put(LOG_PATH, log.toJsonl());
            types.put(LOG_PATH, "application/jsonl");
            Checkpoint checkpoint = log.checkpoint(origin);
            String note = log.signedCheckpoint(origin, signer);
            files.put(CHECKPOINT_PATH, note.getBytes(StandardCharsets.UTF_8));
            types.put(CHECKPOINT_PATH, "text/plain; charset=utf-8");
            files.put(PROOFS_PATH, proofs(log, previousSize, checkpoint));
            types.put(PROOFS_PATH, "application/json");
            CheckpointRef cpRef = new CheckpointRef(checkpoint.origin(), checkpoint.size(), checkpoint.root());
            PreviousBundle prevRef = null;
            if (prev != null) {
                CheckpointRef old = prev.document().integrity().checkpoint();
                files.put(CONSISTENCY_PATH, consistency(log, old, cpRef));
                types.put(CONSISTENCY_PATH, "application/json");
                prevRef = new PreviousBundle(prev.document().bundleId(), Sha256.of(Files.readAllBytes(previous.resolve(DpiaEvidenceBundle.PATH))), old);
            }
            String keyId = signer.keyId();
            files.put(PUBLIC_KEY_PATH, Ed25519.publicKeyPem(signer.publicKey()).getBytes(StandardCharsets.US_ASCII));
            types.put(PUBLIC_KEY_PATH, "application/x-pem-file");
            String verify = VerifyAppendix.markdown(keyId, checkpoint);
            files.put(VerifyAppendix.PATH, verify.getBytes(StandardCharsets.UTF_8));
            types.put(VerifyAppendix.PATH, "text/markdown; charset=utf-8");

            // The document.
            Instant first = sorted.stream().map(r -> r.header().createdAt()).min(Comparator.naturalOrder()).orElse(null);
            Instant last = sorted.stream().map(r -> r.header().createdAt()).max(Comparator.naturalOrder()).orElse(null);
            boolean preRegistered = first == null || !p.approvedAt().isAfter(first);
            boolean validAtBuild = !now.isBefore(p.validFrom()) && !now.isAfter(p.validUntil());
            KeyKind kind = signer.ephemeral() ? KeyKind.EPHEMERAL : KeyKind.PERSISTENT;
            MeasuresTable.Result table = MeasuresTable.evaluate(sorted, p, preRegistered, validAtBuild,
                    new MeasuresTable.IntegrityFacts(keyId, kind, checkpoint.anchorLine()));
            Set<String> models = new LinkedHashSet<>();
            Set<Sha256> artifacts = new LinkedHashSet<>();
            for (EvidenceRecord r : sorted) {
                var s = r.header().subject();
                if (s.modelName() != null) {
                    models.add(s.modelName() + (s.modelVersion() == null ? "" : " " + s.modelVersion()));
                }
                artifacts.addAll(s.artifactSha256());
            }
            String systemName = sorted.isEmpty() ? p.processing().name() : sorted.get(0).header().subject().systemName();
            List<Rendition> renditions = List.of(new Rendition("html", HTML_PATH, "text/html; charset=utf-8"),
                    new Rendition("pdf", PDF_PATH, "application/pdf"),
                    new Rendition("markdown", MARKDOWN_PATH, "text/markdown; charset=utf-8"),
                    new Rendition("cnil-pia-json", CNIL_PATH, "application/json"));
            DpiaEvidenceBundle draft = new DpiaEvidenceBundle(bundleId, now, Generator.privkit(ReportBundle.class), p.processing(),
                    p.dpiaRef(), new SystemScope(systemName, List.copyOf(models), List.copyOf(artifacts), deploymentContext),
                    first == null ? null : new TimeRange(first, last), p.validUntil(), p.reviewTriggers(),
                    new PolicySummary(p.policyId(), p.version(), POLICY_PATH, policy.sha256(), p.approvedBy(), p.approvedAt(),
                            p.validFrom(), p.validUntil(), preRegistered, validAtBuild),
                    entries, table.measures(), table.risks(), table.notMeasured(), table.gate(), MeasuresTable.humanSections(),
                    prevRef, List.of(), new Integrity(STATEMENT_PATH, ENVELOPE_PATH, PUBLIC_KEY_PATH, keyId, kind,
                    SignedNote.verifierKey(origin, signer.publicKey()), LOG_PATH, CHECKPOINT_PATH, cpRef, VerifyAppendix.PATH),
                    renditions, p.retention());
            DpiaEvidenceBundle doc = draft;
            if (prev != null) {
                List<DpiaEvidenceBundle.Change> changes = BundleDiff.between(prev.view(), new ReportView(draft, sorted, verify));
                doc = new DpiaEvidenceBundle(draft.bundleId(), draft.createdAt(), draft.generator(), draft.processing(), draft.dpiaRef(),
                        draft.system(), draft.period(), draft.validUntil(), draft.reviewTriggers(), draft.policy(), draft.records(),
                        draft.measures(), draft.risks(), draft.notMeasured(), draft.gate(), draft.humanSections(), draft.previousBundle(),
                        changes, draft.integrity(), draft.renditions(), draft.retention());
            }
            byte[] docBytes = ReportSchemas.write(doc);
            files.put(DpiaEvidenceBundle.PATH, docBytes);
            types.put(DpiaEvidenceBundle.PATH, DpiaEvidenceBundle.MEDIA_TYPE);
            ReportView view = new ReportView(doc, sorted, verify);

            // Renderings of the document.
            files.put(HTML_PATH, HtmlReport.render(view).getBytes(StandardCharsets.UTF_8));
            types.put(HTML_PATH, "text/html; charset=utf-8");
            files.put(MARKDOWN_PATH, MarkdownReport.render(view).getBytes(StandardCharsets.UTF_8));
            types.put(MARKDOWN_PATH, "text/markdown; charset=utf-8");
            files.put(CNIL_PATH, CnilPiaExport.render(doc));
            types.put(CNIL_PATH, "application/json");
            Map<String, byte[]> attachments = new LinkedHashMap<>();
            attachments.put(DpiaEvidenceBundle.PATH, docBytes);
            attachments.put(CHECKPOINT_PATH.replace('/', '-'), note.getBytes(StandardCharsets.UTF_8));
            for (RecordEntry e : entries) {
                attachments.put(e.envelopePath().substring(e.envelopePath().lastIndexOf('/') + 1), files.get(e.envelopePath()));
            }
            files.put(PDF_PATH, PdfReport.render(view, attachments, now));
            types.put(PDF_PATH, "application/pdf");

            EvidenceBundle.Writer writer = EvidenceBundle.writer().bundleId(bundleId).clock(Clock.fixed(now, java.time.ZoneOffset.UTC))
                    .readme(readme(doc));
            sorted.forEach(writer::record);
            files.forEach((path, bytes) -> writer.file(path, bytes, types.get(path)));
            DpiaEvidenceBundle sealed = doc;
            writer.sealer((manifest, manifestBytes, all) -> seal(manifest, manifestBytes, all, sealed));
            writer.write(dir);
            return new ReportBundle(dir, view);
        }

        private Map<String, byte[]> seal(BundleManifest manifest, byte[] manifestBytes, Map<String, byte[]> all, DpiaEvidenceBundle doc) {
            TreeMap<String, Sha256> subjects = new TreeMap<>();
            all.forEach((path, bytes) -> subjects.put(path, Sha256.of(bytes)));
            subjects.put(BundleManifest.FILE_NAME, Sha256.of(manifestBytes));
            ObjectNode predicate = JsonNodeFactory.instance.objectNode();
            predicate.put("bundleId", doc.bundleId().toString());
            predicate.put("createdAt", doc.createdAt().toString());
            predicate.put("system", doc.system().name());
            predicate.put("policySha256", doc.policy().sha256().hex());
            predicate.put("gate", JsonNames.of(doc.gate().verdict()));
            predicate.put("checkpoint", doc.integrity().checkpoint().origin() + " " + doc.integrity().checkpoint().size() + " "
                    + doc.integrity().checkpoint().root().hex());
            byte[] statement = new InTotoStatement(subjects, predicate).toJson();
            Map<String, byte[]> out = new LinkedHashMap<>();
            out.put(STATEMENT_PATH, statement);
            out.put(ENVELOPE_PATH, Dsse.sign(signer, InTotoStatement.PAYLOAD_TYPE, statement).toJson());
            return out;
        }
    }

    private static byte[] proofs(EvidenceLog log, int fromSeq, Checkpoint cp) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("treeSize", cp.size());
        root.put("rootHash", cp.root().hex());
        ArrayNode arr = root.putArray("inclusionProofs");
        for (int i = fromSeq; i < log.size(); i++) {
            LogEntry e = log.entries().get(i);
            ObjectNode o = arr.addObject();
            o.put("seq", e.seq());
            o.put("subject", e.subject());
            o.put("leafHash", HexFormat.of().formatHex(e.leafHash()));
            ArrayNode path = o.putArray("auditPath");
            log.inclusionProof(i).forEach(h -> path.add(HexFormat.of().formatHex(h)));
        }
        return CanonicalJson.write(root);
    }

    private static byte[] consistency(EvidenceLog log, CheckpointRef from, CheckpointRef to) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("from", CanonicalJson.mapper().valueToTree(from));
        root.set("to", CanonicalJson.mapper().valueToTree(to));
        ArrayNode arr = root.putArray("proof");
        log.consistencyProof((int) from.size()).forEach(h -> arr.add(HexFormat.of().formatHex(h)));
        return CanonicalJson.write(root);
    }

    private static String readme(DpiaEvidenceBundle doc) {
        StringBuilder md = new StringBuilder();
        md.append("# Privkit DPIA evidence bundle\n\n");
        md.append("Bundle `").append(doc.bundleId()).append("` for **").append(doc.processing().name()).append("**, built ")
                .append(doc.createdAt()).append(" (UTC). Gate: **").append(JsonNames.of(doc.gate().verdict())).append("**.\n\n");
        md.append("Read `report.html` (or `report.pdf`). The source of truth is `dpia-evidence-bundle.json`; `report.md` holds the "
                + "measures table ready to paste; `cnil-pia-measures.json` imports the measures into the CNIL PIA tool.\n\n");
        md.append("The evidence supports DPIA measures; whether the remaining risk is acceptable is a judgement for the people who "
                + "own the DPIA, and the bundle leaves those sections empty.\n\n");
        md.append("Signed with Ed25519 key `").append(doc.integrity().signerKeyId()).append("`")
                .append(doc.integrity().keyKind() == KeyKind.EPHEMERAL ? " (generated for this bundle only)" : "")
                .append(". To verify without Privkit, follow `VERIFY.md`; with Privkit: `privkit verify <this folder> --key-id ")
                .append(doc.integrity().signerKeyId()).append("`.\n");
        return md.toString();
    }
}
