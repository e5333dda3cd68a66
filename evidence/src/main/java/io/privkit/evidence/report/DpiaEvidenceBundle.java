package io.privkit.evidence.report;

import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import io.privkit.evidence.Generator;
import io.privkit.evidence.TimeRange;
import io.privkit.evidence.Verdict;
import io.privkit.evidence.measure.Crosswalk;
import io.privkit.evidence.measure.MeasureId;
import io.privkit.evidence.schema.Doc;
import io.privkit.evidence.schema.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The {@code dpia-evidence-bundle} document: the source of truth of a signed evidence bundle
 * (Privkit's evidence design notes, section 7(e)). Every rendering (HTML, PDF, Markdown, the CNIL
 * PIA fragment) and the CI gate are derived from it and the records it indexes.
 *
 * <p>It fills what software can evidence (the measures table, key figures, what was not measured,
 * the gate) and leaves the judgements only people make as structured, empty slots
 * ({@link #humanSections}). Its wording says which measure evidence supports, never that anything
 * is compliant.
 *
 * <p>Renditions are listed without digests: they are derived from this document, so their digests
 * live in the manifest and the signed statement instead (a digest here would be circular).
 *
 * @param bundleId       citable identifier
 * @param createdAt      when the bundle was built
 * @param generator      the software that built it
 * @param processing     the processing operation assessed
 * @param dpiaRef        the DPIA the evidence feeds
 * @param system         the exact scope: system, model versions and artifact digests
 * @param period         the period the evidence covers; null without records
 * @param validUntil     when the evidence goes stale
 * @param reviewTriggers what forces an earlier review
 * @param policy         the pre-registered acceptance policy
 * @param records        index of the records
 * @param measures       the measures table, one row per catalogue measure
 * @param risks          risk to measure to evidence links, without machine-assigned scores
 * @param notMeasured    evidence the catalogue expects that the bundle lacks
 * @param gate           the verdict for CI
 * @param humanSections  empty slots for human judgements
 * @param previousBundle the bundle this one follows; null for a first bundle
 * @param changes        what changed since the previous bundle
 * @param integrity      how to check that nothing changed since signing
 * @param renditions     the renderings of this document
 * @param retention      how long the bundle is kept
 */
@Doc("A DPIA evidence bundle: the index of the records, the measures table, the gate, empty slots for human judgements, and the integrity data.")
public record DpiaEvidenceBundle(
        @Doc("Citable identifier of this bundle (UUID).") UUID bundleId,
        @Doc("When the bundle was built (UTC).") Instant createdAt,
        @Doc("The software that built it.") Generator generator,
        @Doc("The processing operation assessed.") AcceptancePolicy.Processing processing,
        @Doc("The DPIA the evidence feeds; null when the policy names none.") @Nullable AcceptancePolicy.DpiaRef dpiaRef,
        @Doc("The exact scope of the evidence.") SystemScope system,
        @Doc("The period the evidence covers (first to last record); null without records.") @Nullable TimeRange period,
        @Doc("When the evidence goes stale: the policy's end of validity.") Instant validUntil,
        @Doc("Events that force a review before validUntil.") List<String> reviewTriggers,
        @Doc("The pre-registered acceptance policy all verdicts use.") PolicySummary policy,
        @Doc("The records included, with their digests and verdicts.") List<RecordEntry> records,
        @Doc("The measures table: one row per catalogue measure, 'not-measured' included.") List<MeasureRow> measures,
        @Doc("Risk to measure to evidence links. Likelihood and severity are left to people.") List<RiskRow> risks,
        @Doc("Evidence the catalogue expects that this bundle lacks: a gap, never a pass (NIST AI RMF MEASURE 1.1).") List<NotMeasured> notMeasured,
        @Doc("The verdict CI gates on, from the same criteria the DPO reads.") Gate gate,
        @Doc("Structured slots for the judgements only people make (ICO DPIA template steps 5-7, CNIL PIA validation); always generated empty.")
        List<HumanSection> humanSections,
        @Doc("The bundle this one follows; null for a first bundle.") @Nullable PreviousBundle previousBundle,
        @Doc("What changed since the previous bundle; empty for a first bundle.") List<Change> changes,
        @Doc("How to check that nothing changed since signing.") Integrity integrity,
        @Doc("Renderings of this document; their digests are in the manifest and the signed statement.") List<Rendition> renditions,
        @Doc("How long the bundle is kept.") AcceptancePolicy.Retention retention) {

    /** The document type written before the fields. */
    public static final String DOCUMENT_TYPE = "dpia-evidence-bundle";
    /** The document's path inside a bundle. */
    public static final String PATH = "dpia-evidence-bundle.json";
    /** Its media type. */
    public static final String MEDIA_TYPE = "application/vnd.privkit.dpia-evidence-bundle+json; version=1";

    public DpiaEvidenceBundle {
        Checks.requireNonNull(bundleId, "bundleId");
        Checks.requireNonNull(createdAt, "createdAt");
        Checks.requireNonNull(generator, "generator");
        Checks.requireNonNull(processing, "processing");
        Checks.requireNonNull(system, "system");
        Checks.requireNonNull(validUntil, "validUntil");
        reviewTriggers = List.copyOf(reviewTriggers);
        Checks.requireNonNull(policy, "policy");
        records = List.copyOf(records);
        measures = List.copyOf(measures);
        risks = List.copyOf(risks);
        notMeasured = List.copyOf(notMeasured);
        Checks.requireNonNull(gate, "gate");
        humanSections = List.copyOf(humanSections);
        changes = List.copyOf(changes);
        Checks.requireNonNull(integrity, "integrity");
        renditions = List.copyOf(renditions);
        Checks.requireNonNull(retention, "retention");
    }

    /** The row of a measure. */
    public MeasureRow measure(MeasureId id) {
        return measures.stream().filter(m -> m.measureId() == id).findFirst().orElseThrow();
    }

    /**
     * The scope of the evidence.
     *
     * @param name              the system's name
     * @param models            model names and versions the records concern
     * @param artifactSha256    digests of the artifacts the records bind to
     * @param deploymentContext where and how the system is deployed, when recorded
     */
    @Doc("The exact scope of the evidence.")
    public record SystemScope(
            @Doc("The system's name.") String name,
            @Doc("Model names and versions the records concern.") List<String> models,
            @Doc("Digests of the model files or artifacts the records bind to.") List<Sha256> artifactSha256,
            @Doc("Where and how the system is deployed; null when not recorded.") @Nullable String deploymentContext) {
        public SystemScope {
            Checks.requireNonBlank(name, "system.name");
            models = List.copyOf(models);
            artifactSha256 = List.copyOf(artifactSha256);
        }
    }

    /**
     * The acceptance policy, by digest.
     *
     * @param policyId       its id
     * @param version        its version
     * @param path           its copy inside the bundle
     * @param sha256         SHA-256 of its exact bytes
     * @param approvedBy     who approved it
     * @param approvedAt     when
     * @param validFrom      start of validity
     * @param validUntil     end of validity
     * @param preRegistered  whether it was approved before every record it judges
     * @param validAtBuild   whether the bundle was built within its validity
     */
    @Doc("The pre-registered acceptance policy, cited by digest.")
    public record PolicySummary(
            @Doc("The policy's id.") String policyId,
            @Doc("The policy's version.") String version,
            @Doc("Its copy inside the bundle.") String path,
            @Doc("SHA-256 of the policy file's exact bytes.") Sha256 sha256,
            @Doc("Who approved it.") String approvedBy,
            @Doc("When it was approved (UTC).") Instant approvedAt,
            @Doc("Start of validity (UTC).") Instant validFrom,
            @Doc("End of validity (UTC).") Instant validUntil,
            @Doc("Whether it was approved before every record it judges; if not, its thresholds may have been tuned to the results.")
            boolean preRegistered,
            @Doc("Whether the bundle was built within the policy's validity.") boolean validAtBuild) {
    }

    /**
     * A record in the bundle.
     *
     * @param recordId     its id
     * @param type         its type
     * @param path         its file
     * @param sha256       the file's digest
     * @param mediaType    its media type
     * @param envelopePath its DSSE envelope
     * @param createdAt    when it was made
     * @param verdict      its own verdict
     * @param headline     its key figure in one line
     * @param measureIds   the measures it supports
     */
    @Doc("A record in the bundle.")
    public record RecordEntry(
            @Doc("The record's id.") UUID recordId,
            @Doc("Its record type.") String type,
            @Doc("Its file inside the bundle.") String path,
            @Doc("SHA-256 of the file.") Sha256 sha256,
            @Doc("Its media type.") String mediaType,
            @Doc("Its DSSE envelope inside the bundle (signed on its own, so the record stays verifiable when copied out).") String envelopePath,
            @Doc("When it was made (UTC).") Instant createdAt,
            @Doc("Its own verdict.") Verdict verdict,
            @Doc("Its key figure in one line.") String headline,
            @Doc("The measures it supports.") List<MeasureId> measureIds) {
    }

    /** The status of a measure in the table. */
    public enum MeasureStatus {
        /** Evidence present; every pre-registered criterion met. */
        PASS,
        /** Evidence present; a pre-registered criterion not met. */
        FAIL,
        /** Evidence present; it cannot tell pass from fail. */
        INCONCLUSIVE,
        /** Evidence present; the policy sets no criterion for it. */
        EVIDENCED,
        /** No evidence in this bundle: a gap, never a pass. */
        NOT_MEASURED
    }

    /**
     * A key figure of a measure.
     *
     * @param label  what it is
     * @param value  its value, as text
     */
    @Doc("A key figure of a measure.")
    public record KeyFigure(@Doc("What the figure is.") String label, @Doc("Its value, as text.") String value) {
    }

    /**
     * A row of the measures table: risk, measure, evidence, status, key figure, limitation.
     *
     * @param measureId   the measure
     * @param title       its title
     * @param status      its status
     * @param riskIds     the risks it addresses
     * @param crosswalk   its place in CNIL, ICO, EU AI Act, NIST and DPV vocabularies
     * @param recordIds   the records that evidence it
     * @param keyFigures  its key figures
     * @param claim       a sentence a DPIA author may paste ("supports", never "compliant")
     * @param limitations what limits the evidence
     */
    @Doc("A row of the measures table.")
    public record MeasureRow(
            @Doc("The measure.") MeasureId measureId,
            @Doc("Its title.") String title,
            @Doc("pass, fail, inconclusive, evidenced (no criterion set) or not-measured.") MeasureStatus status,
            @Doc("The catalogue risks it addresses.") List<String> riskIds,
            @Doc("Its crosswalk.") Crosswalk crosswalk,
            @Doc("The records that evidence it.") List<UUID> recordIds,
            @Doc("Its key figures.") List<KeyFigure> keyFigures,
            @Doc("A sentence a DPIA author may paste: what the evidence supports, never a compliance claim.") String claim,
            @Doc("What limits the evidence.") List<String> limitations) {
    }

    /**
     * A risk and the measures and records that bear on it.
     *
     * @param riskId     the catalogue risk
     * @param title      its title
     * @param sources    where regulators name it
     * @param measureIds the measures addressing it
     * @param recordIds  the records evidencing those measures
     */
    @Doc("A risk, the measures addressing it and the records evidencing them. No likelihood or severity: people judge those.")
    public record RiskRow(
            @Doc("The catalogue risk id.") String riskId,
            @Doc("Its title.") String title,
            @Doc("Where regulators or standards name it.") List<String> sources,
            @Doc("Measures addressing it.") List<MeasureId> measureIds,
            @Doc("Records evidencing those measures.") List<UUID> recordIds) {
    }

    /**
     * Evidence the bundle lacks.
     *
     * @param measureId        the measure
     * @param expectedEvidence what would evidence it
     * @param reason           why it is missing, and whether the policy requires it
     */
    @Doc("Evidence the bundle lacks.")
    public record NotMeasured(
            @Doc("The measure.") MeasureId measureId,
            @Doc("What would evidence it.") String expectedEvidence,
            @Doc("Why it is missing, and whether the policy requires it.") String reason) {
    }

    /**
     * The CI gate.
     *
     * @param verdict  pass, fail or inconclusive
     * @param exitCode the exit code {@code privkit report gate} returns for it
     * @param criteria every criterion's verdict
     * @param reasons  why the gate is not a pass, in words
     */
    @Doc("The verdict CI gates on.")
    public record Gate(
            @Doc("pass, fail or inconclusive (never informational).") Verdict verdict,
            @Doc("The exit code 'privkit report gate' returns: 0 pass, 1 fail, 7 inconclusive (6 is an integrity error).") int exitCode,
            @Doc("Every criterion's verdict.") List<CriterionResult> criteria,
            @Doc("Why the gate is not a pass; empty for a pass.") List<String> reasons) {
    }

    /**
     * One criterion's verdict.
     *
     * @param criterionId the policy criterion (or {@code <measure>:evidence-present})
     * @param measureId   the measure
     * @param verdict     pass, fail or inconclusive
     * @param observed    the figure observed, as text
     * @param threshold   the threshold, as text
     * @param reason      why, in words
     */
    @Doc("One criterion's verdict.")
    public record CriterionResult(
            @Doc("The policy criterion, or '<measure>:evidence-present' for a required measure.") String criterionId,
            @Doc("The measure.") MeasureId measureId,
            @Doc("pass, fail or inconclusive.") Verdict verdict,
            @Doc("The figure observed, as text (with its interval when there is one).") String observed,
            @Doc("The threshold, as text.") String threshold,
            @Doc("Why, in words.") String reason) {
    }

    /**
     * A slot for a human judgement, empty when generated.
     *
     * @param id           stable id
     * @param icoHeading   the ICO DPIA template heading it belongs under
     * @param cnilHeading  the CNIL PIA heading it belongs under
     * @param guidance     what to write
     * @param fields       the fields to fill
     */
    @Doc("A section for human judgement, generated empty.")
    public record HumanSection(
            @Doc("Stable id.") String id,
            @Doc("The ICO DPIA template heading.") String icoHeading,
            @Doc("The CNIL PIA heading.") String cnilHeading,
            @Doc("What belongs here, and why software cannot fill it.") String guidance,
            @Doc("The fields to fill.") List<HumanField> fields) {
    }

    /**
     * A field for a person to fill.
     *
     * @param id    stable id
     * @param label its label
     * @param value its value: always null when generated
     */
    @Doc("A field for a person to fill.")
    public record HumanField(
            @Doc("Stable id.") String id,
            @Doc("Its label.") String label,
            @Doc("Its value: always null when Privkit generates the bundle.") @Nullable String value) {
    }

    /**
     * The previous bundle.
     *
     * @param bundleId       its id
     * @param documentSha256 SHA-256 of its dpia-evidence-bundle.json
     * @param checkpoint     its log checkpoint
     */
    @Doc("The bundle this one follows.")
    public record PreviousBundle(
            @Doc("Its id.") UUID bundleId,
            @Doc("SHA-256 of its dpia-evidence-bundle.json.") Sha256 documentSha256,
            @Doc("Its log checkpoint, which this bundle's log extends (see log/consistency.json).") CheckpointRef checkpoint) {
    }

    /** The kind of a change between bundles. */
    public enum ChangeKind {
        /** Epsilon spent changed. */
        EPSILON_SPENT,
        /** A fairness disparity changed. */
        FAIRNESS,
        /** A feature drifted that had not. */
        DRIFT_EVENT,
        /** A measure's status changed. */
        MEASURE_STATUS,
        /** A record type appeared or disappeared. */
        EVIDENCE_COVERAGE,
        /** The acceptance policy changed. */
        POLICY
    }

    /**
     * A change since the previous bundle.
     *
     * @param kind    what kind of change
     * @param subject what changed
     * @param before  the value before, as text
     * @param after   the value after, as text
     * @param note    how to read it (e.g. whether intervals overlap)
     */
    @Doc("A change since the previous bundle.")
    public record Change(
            @Doc("The kind of change.") ChangeKind kind,
            @Doc("What changed.") String subject,
            @Doc("The value before, as text; null when absent.") @Nullable String before,
            @Doc("The value after, as text; null when absent.") @Nullable String after,
            @Doc("How to read it.") String note) {
    }

    /**
     * A checkpoint, by value.
     *
     * @param origin the log's name
     * @param size   entries committed
     * @param root   tree head
     */
    @Doc("A log checkpoint.")
    public record CheckpointRef(
            @Doc("The log's name.") String origin,
            @Doc("Entries committed.") long size,
            @Doc("RFC 6962 tree head, hex.") Sha256 root) {
    }

    /** Where the signing key came from. */
    public enum KeyKind {
        /** A key generated for this bundle only; its private half was discarded. */
        EPHEMERAL,
        /** A key loaded from a file or key store the signer controls. */
        PERSISTENT
    }

    /**
     * The integrity data.
     *
     * @param statementPath            the in-toto statement listing every file
     * @param envelopePath             its DSSE envelope
     * @param publicKeyPath            the signer's public key
     * @param signerKeyId              hex SHA-256 of the public key
     * @param keyKind                  ephemeral or persistent
     * @param verifierKey              the C2SP verifier key of the log
     * @param logPath                  the log's entries
     * @param checkpointPath           the signed checkpoint
     * @param checkpoint               the checkpoint's values
     * @param verificationInstructions the appendix with the openssl and sha256sum recipe
     */
    @Doc("How to check that nothing changed since signing.")
    public record Integrity(
            @Doc("The in-toto statement listing every file with its SHA-256.") String statementPath,
            @Doc("Its DSSE envelope with the Ed25519 signature.") String envelopePath,
            @Doc("The signer's public key (PEM, SubjectPublicKeyInfo).") String publicKeyPath,
            @Doc("Hex SHA-256 of the public key's DER encoding: compare it with the key id recorded in the DPIA.") String signerKeyId,
            @Doc("ephemeral (generated for this bundle, private half discarded) or persistent.") KeyKind keyKind,
            @Doc("The C2SP verifier key for the log checkpoint.") String verifierKey,
            @Doc("The evidence log (JSON Lines).") String logPath,
            @Doc("The signed C2SP checkpoint.") String checkpointPath,
            @Doc("The checkpoint: copy its line into the DPIA to anchor the evidence.") CheckpointRef checkpoint,
            @Doc("The appendix showing how to verify with sha256sum and openssl alone.") String verificationInstructions) {
    }

    /**
     * A rendering.
     *
     * @param format    its format
     * @param path      its file
     * @param mediaType its media type
     */
    @Doc("A rendering of this document.")
    public record Rendition(@Doc("html, pdf, markdown or cnil-pia-json.") String format, @Doc("Its file.") String path,
                            @Doc("Its media type.") String mediaType) {
    }
}
