package io.privkit.evidence;

import io.privkit.common.Checks;
import io.privkit.common.Problems;
import io.privkit.common.Randomness;
import io.privkit.evidence.measure.MeasureCatalogue;
import io.privkit.evidence.measure.MeasureId;
import io.privkit.evidence.schema.Doc;
import io.privkit.evidence.schema.Nullable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The header every evidence record carries: what a DPIA author needs to cite the record, bind it
 * to a system and to exact data, see which measure it supports, and read its verdict and its
 * limits (fields and rationale: Privkit's evidence design notes, section 7.0).
 *
 * <p>Build one with {@link #builder()}. The claims are the sentences a DPIA author may paste; they
 * must not claim compliance (a DPIA's conclusions are for people), and the builder refuses one
 * that does.
 *
 * @param recordId         citable identifier
 * @param createdAt        when the record was made (UTC)
 * @param generator        the software that made it
 * @param subject          the system and model it is about
 * @param inputs           the data it was computed on, by digest
 * @param supports         the DPIA measures it supports and the risks they address
 * @param catalogueVersion the measure catalogue version of the crosswalk
 * @param policyRef        the pre-registered acceptance policy, when verdicts used one
 * @param verdict          the one-word status
 * @param claims           sentences a DPIA author may quote
 * @param limitations      what limits the evidence
 * @param claimsNotMade    what the evidence must not be read as showing
 * @param previousRecordId the record this one follows, for history under GDPR Art. 35(11)
 * @param ledgerEntry      the record's place in an append-only log, once logged
 * @param randomness       the randomness the computation used, when it used any
 */
@Doc("The header common to every evidence record: identity, provenance, the DPIA measures supported, the verdict, and the claims with their limits.")
public record EvidenceHeader(
        @Doc("Citable identifier of this record (UUID).") UUID recordId,
        @Doc("When the record was made (ISO-8601, UTC).") Instant createdAt,
        @Doc("The software that made the record.") Generator generator,
        @Doc("The system and model the evidence is about.") Subject subject,
        @Doc("The data the evidence was computed on, by digest; the data itself is never included.") List<InputRef> inputs,
        @Doc("The DPIA measures this record supports and the risks they address.") List<Support> supports,
        @Doc("Version of the measure catalogue the crosswalk comes from.") String catalogueVersion,
        @Doc("The pre-registered acceptance policy the verdict used; null when the record has no pass/fail criteria.")
        @Nullable PolicyRef policyRef,
        @Doc("pass, fail, inconclusive, or informational (facts without criteria).") Verdict verdict,
        @Doc("Conservative sentences a DPIA author may quote. They say what the evidence supports, never that anything is compliant.")
        List<String> claims,
        @Doc("What limits the evidence: assumptions, scope, known weaknesses.") List<String> limitations,
        @Doc("What this evidence must not be read as showing.") List<String> claimsNotMade,
        @Doc("The record this one follows (history and review under GDPR Art. 35(11)); null for a first record.")
        @Nullable UUID previousRecordId,
        @Doc("The record's place in an append-only evidence log; null until it is logged.") @Nullable LedgerRef ledgerEntry,
        @Doc("The randomness the computation used; null when it used none.") @Nullable RandomnessStamp randomness) {

    /** Words a generated claim must never use: a tool cannot make a DPIA compliant. */
    private static final Pattern COMPLIANCE_CLAIM =
            Pattern.compile("\\b(complian(t|ce)|compl(y|ies|ying)\\s+with)\\b",
                    Pattern.CASE_INSENSITIVE);

    public EvidenceHeader {
        Checks.requireNonNull(recordId, "header.recordId");
        Checks.requireNonNull(createdAt, "header.createdAt");
        Checks.requireNonNull(generator, "header.generator");
        Checks.requireNonNull(subject, "header.subject");
        inputs = List.copyOf(Checks.requireNoNullElements(inputs, "header.inputs"));
        supports = List.copyOf(Checks.requireNonEmpty(supports, "header.supports"));
        Checks.requireNonBlank(catalogueVersion, "header.catalogueVersion");
        Checks.requireNonNull(verdict, "header.verdict");
        claims = List.copyOf(Checks.requireNoNullElements(claims, "header.claims"));
        limitations = List.copyOf(Checks.requireNoNullElements(limitations, "header.limitations"));
        claimsNotMade = List.copyOf(Checks.requireNoNullElements(claimsNotMade, "header.claimsNotMade"));
        for (int i = 0; i < claims.size(); i++) {
            if (COMPLIANCE_CLAIM.matcher(claims.get(i)).find()) {
                throw Checks.argument("header.claims[" + i + "]").mustBe("worded as support for a measure, not as compliance")
                        .got(claims.get(i)).fix("Say what the evidence supports (\"supports measure X\"); "
                                + "whether the processing complies is for the DPIA's owners to judge.").exception();
            }
        }
        if (previousRecordId != null && previousRecordId.equals(recordId)) {
            throw Checks.argument("header.previousRecordId").mustBe("different from recordId").got(previousRecordId.toString())
                    .fix("Cite the record this one follows.").exception();
        }
    }

    /** Whether the computation behind the record used an insecure seeded random source. */
    public boolean usedInsecureRandomness() {
        return randomness != null && randomness.insecure();
    }

    /** The measures supported, in order. */
    public List<MeasureId> measureIds() {
        return supports.stream().map(Support::measureId).toList();
    }

    /** A builder with a fresh random record id, the current time and this Privkit as generator. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this header's values, for a modified copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.recordId = recordId;
        b.createdAt = createdAt;
        b.generator = generator;
        b.subject = subject;
        b.inputs.addAll(inputs);
        b.supports.addAll(supports);
        b.catalogueVersion = catalogueVersion;
        b.policyRef = policyRef;
        b.verdict = verdict;
        b.claims.addAll(claims);
        b.limitations.addAll(limitations);
        b.claimsNotMade.addAll(claimsNotMade);
        b.previousRecordId = previousRecordId;
        b.ledgerEntry = ledgerEntry;
        b.randomness = randomness;
        return b;
    }

    /**
     * Builds an {@link EvidenceHeader}; {@link #build()} reports every problem at once. Required:
     * {@link #subject}, at least one {@link #supports} and a {@link #verdict}. Not thread-safe.
     */
    public static final class Builder {
        private UUID recordId = UUID.randomUUID();
        private Instant createdAt;
        private Clock clock = Clock.systemUTC();
        private Generator generator = Generator.privkit(EvidenceHeader.class);
        private Subject subject;
        private final List<InputRef> inputs = new ArrayList<>();
        private final List<Support> supports = new ArrayList<>();
        private String catalogueVersion = MeasureCatalogue.current().catalogueVersion();
        private PolicyRef policyRef;
        private Verdict verdict;
        private final List<String> claims = new ArrayList<>();
        private final List<String> limitations = new ArrayList<>();
        private final List<String> claimsNotMade = new ArrayList<>();
        private UUID previousRecordId;
        private LedgerRef ledgerEntry;
        private RandomnessStamp randomness;

        private Builder() {
        }

        /** Overrides the random record id (for re-issuing a record under the same id). */
        public Builder recordId(UUID id) {
            this.recordId = id;
            return this;
        }

        /** Fixes the creation time; by default the clock's time at {@link #build()}. */
        public Builder createdAt(Instant time) {
            this.createdAt = time;
            return this;
        }

        /** The clock for the creation time (tests use a fixed clock). */
        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** The software that produced the record; by default this Privkit. */
        public Builder generator(Generator g) {
            this.generator = g;
            return this;
        }

        /** The system and model the evidence is about (required). */
        public Builder subject(Subject s) {
            this.subject = s;
            return this;
        }

        /** Adds an input, by digest. */
        public Builder input(InputRef input) {
            this.inputs.add(input);
            return this;
        }

        /** Adds a supported measure with explicit risks, or all of the measure's risks when none are given. */
        public Builder supports(MeasureId measure, String... riskIds) {
            this.supports.add(Support.of(measure, riskIds));
            return this;
        }

        /** The pre-registered policy the verdict used. */
        public Builder policyRef(PolicyRef p) {
            this.policyRef = p;
            return this;
        }

        /** The verdict (required). */
        public Builder verdict(Verdict v) {
            this.verdict = v;
            return this;
        }

        /** Adds a sentence a DPIA author may quote. */
        public Builder claim(String sentence) {
            this.claims.add(sentence);
            return this;
        }

        /** Adds a limitation. */
        public Builder limitation(String sentence) {
            this.limitations.add(sentence);
            return this;
        }

        /** Adds something the evidence must not be read as showing. */
        public Builder claimNotMade(String sentence) {
            this.claimsNotMade.add(sentence);
            return this;
        }

        /** The record this one follows. */
        public Builder previousRecordId(UUID id) {
            this.previousRecordId = id;
            return this;
        }

        /** The record's place in an append-only log. */
        public Builder ledgerEntry(LedgerRef ref) {
            this.ledgerEntry = ref;
            return this;
        }

        /** The randomness the computation used. */
        public Builder randomness(Randomness r) {
            this.randomness = RandomnessStamp.of(r);
            return this;
        }

        /** The randomness the computation used, as a stamp. */
        public Builder randomness(RandomnessStamp stamp) {
            this.randomness = stamp;
            return this;
        }

        /** Validates and builds; reports every missing or invalid field at once. */
        public EvidenceHeader build() {
            Problems problems = Problems.of("EvidenceHeader");
            problems.check(subject != null, () -> Checks.argument("subject").mustBe("given").got(null)
                    .fix("Call subject(Subject.system(\"...\")) with the system the DPIA assesses."));
            problems.check(!supports.isEmpty(), () -> Checks.argument("supports").mustBe("at least one measure")
                    .got("none").fix("Call supports(MeasureId...) with the measure this evidence supports."));
            problems.check(verdict != null, () -> Checks.argument("verdict").mustBe("given").got(null)
                    .fix("Use Verdict.INFORMATIONAL when there are no pass/fail criteria."));
            problems.throwIfAny();
            Instant time = createdAt != null ? createdAt : clock.instant();
            return new EvidenceHeader(recordId, time, generator, subject, inputs, supports, catalogueVersion,
                    policyRef, verdict, claims, limitations, claimsNotMade, previousRecordId, ledgerEntry, randomness);
        }
    }
}
