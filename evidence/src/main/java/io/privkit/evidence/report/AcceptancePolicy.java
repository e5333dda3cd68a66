package io.privkit.evidence.report;

import io.privkit.common.Checks;
import io.privkit.evidence.measure.MeasureId;
import io.privkit.evidence.schema.Doc;
import io.privkit.evidence.schema.Nullable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A pre-registered acceptance policy: the thresholds each DPIA measure's evidence must meet,
 * fixed, approved and hashed <em>before</em> the evaluation, so they cannot be tuned after seeing
 * the results (Privkit's evidence design notes, item 5). The bundle cites the policy file's
 * SHA-256; a policy approved after a record it judges is reported as not pre-registered and
 * makes the gate inconclusive.
 *
 * <p>The file is JSON ({@code privkit-acceptance-policy}, schema
 * {@code io/privkit/evidence/schema/acceptance-policy.schema.json}), read strictly by
 * {@link PolicyFile}.
 *
 * @param policyId       stable identifier of the policy
 * @param version        the policy's version; bump it on every change
 * @param title          one-line title
 * @param processing     the processing operation the DPIA assesses
 * @param dpiaRef        the DPIA document the evidence feeds; null when not recorded
 * @param approvedBy     who approved the thresholds (role or pseudonym)
 * @param approvedAt     when they were approved; must precede the evidence
 * @param validFrom      first instant the policy applies
 * @param validUntil     last instant; after it the policy is due for review
 * @param reviewTriggers events that force a review of the DPIA and this policy before validUntil
 * @param measures       the measures and their criteria
 * @param retention      how long bundles made under this policy are kept
 */
@Doc("A pre-registered acceptance policy: thresholds per DPIA measure, fixed and approved before the evaluation, with validity and review triggers.")
public record AcceptancePolicy(
        @Doc("Stable identifier of the policy.") String policyId,
        @Doc("The policy's version; bump it on every change.") String version,
        @Doc("One-line title.") String title,
        @Doc("The processing operation the DPIA assesses.") Processing processing,
        @Doc("The DPIA document the evidence feeds; null when not recorded.") @Nullable DpiaRef dpiaRef,
        @Doc("Who approved the thresholds (a role or pseudonym).") String approvedBy,
        @Doc("When the thresholds were approved (UTC); must precede the evidence they judge.") Instant approvedAt,
        @Doc("First instant the policy applies (UTC).") Instant validFrom,
        @Doc("Last instant the policy applies (UTC); after it the DPIA and the policy are due for review.") Instant validUntil,
        @Doc("Events that force a review of the DPIA and this policy before validUntil (GDPR Art. 35(11)).") List<String> reviewTriggers,
        @Doc("The measures the DPIA relies on, and the criteria their evidence must meet.") List<MeasurePolicy> measures,
        @Doc("How long evidence bundles made under this policy are kept.") Retention retention) {

    public AcceptancePolicy {
        Checks.requireNonBlank(policyId, "policyId");
        Checks.requireNonBlank(version, "version");
        Checks.requireNonBlank(title, "title");
        Checks.requireNonNull(processing, "processing");
        Checks.requireNonBlank(approvedBy, "approvedBy");
        Checks.requireNonNull(approvedAt, "approvedAt");
        Checks.requireNonNull(validFrom, "validFrom");
        Checks.requireNonNull(validUntil, "validUntil");
        if (!validUntil.isAfter(validFrom)) {
            throw Checks.argument("validUntil").mustBe("after validFrom (" + validFrom + ")").got(validUntil)
                    .fix("Set the end of the period the thresholds were approved for.").exception();
        }
        reviewTriggers = List.copyOf(Checks.requireNoNullElements(reviewTriggers, "reviewTriggers"));
        measures = List.copyOf(Checks.requireNoNullElements(measures, "measures"));
        Checks.requireNonNull(retention, "retention");
        Set<MeasureId> seen = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (MeasurePolicy m : measures) {
            if (!seen.add(m.measureId())) {
                throw Checks.argument("measures").mustBe("one entry per measure").got(m.measureId().id() + " twice")
                        .fix("Merge the two entries' criteria.").exception();
            }
            for (Criterion c : m.criteria()) {
                if (!ids.add(c.id())) {
                    throw Checks.argument("criteria").mustBe("unique ids").got(c.id() + " twice").fix("Rename one.").exception();
                }
                if (!c.metric().appliesTo(m.measureId())) {
                    throw Checks.argument("criterion " + c.id() + " metric").mustBe("a metric of measure " + m.measureId().id()
                            + "'s evidence (" + String.join(", ", Metric.namesFor(m.measureId())) + ")")
                            .got(io.privkit.evidence.json.JsonNames.of(c.metric())).fix("Move it to the measure it belongs to.").exception();
                }
            }
        }
    }

    /** The policy for a measure, if the policy has one. */
    public java.util.Optional<MeasurePolicy> measure(MeasureId id) {
        return measures.stream().filter(m -> m.measureId() == id).findFirst();
    }

    /**
     * The processing operation assessed.
     *
     * @param name       its name, as the DPIA names it
     * @param purposeRef where its purpose is described (a register entry); null when not recorded
     * @param controller the controller
     * @param dpoContact how to reach the DPO; null when not recorded
     */
    @Doc("The processing operation the DPIA assesses.")
    public record Processing(
            @Doc("Its name, as the DPIA names it.") String name,
            @Doc("Where its purpose is described (e.g. a record-of-processing entry); null when not recorded.") @Nullable String purposeRef,
            @Doc("The controller.") String controller,
            @Doc("How to reach the data protection officer; null when not recorded.") @Nullable String dpoContact) {
        public Processing {
            Checks.requireNonBlank(name, "processing.name");
            Checks.requireNonBlank(controller, "processing.controller");
        }
    }

    /** Which DPIA format the evidence feeds. */
    public enum DpiaSystem {
        /** The CNIL PIA tool. */
        CNIL_PIA,
        /** The ICO DPIA template. */
        ICO,
        /** An in-house format. */
        INTERNAL
    }

    /**
     * The DPIA the evidence feeds.
     *
     * @param system      the DPIA format
     * @param documentId  the DPIA's identifier
     * @param version     its version
     * @param structureId the CNIL PIA tool structure id, when one is used
     */
    @Doc("The DPIA document the evidence feeds.")
    public record DpiaRef(
            @Doc("cnil-pia, ico or internal.") DpiaSystem system,
            @Doc("The DPIA's identifier.") String documentId,
            @Doc("Its version.") String version,
            @Doc("The CNIL PIA tool structure id; null when none.") @Nullable String structureId) {
        public DpiaRef {
            Checks.requireNonNull(system, "dpiaRef.system");
            Checks.requireNonBlank(documentId, "dpiaRef.documentId");
            Checks.requireNonBlank(version, "dpiaRef.version");
        }
    }

    /** Whether missing evidence for a measure fails the gate. */
    public enum Requirement {
        /** Missing evidence fails the gate. */
        REQUIRED,
        /** Missing evidence is listed as not measured, without failing the gate. */
        OPTIONAL
    }

    /**
     * The criteria for one measure.
     *
     * @param measureId   the measure
     * @param requirement whether its evidence must be present
     * @param criteria    the thresholds its evidence must meet
     */
    @Doc("A measure the DPIA relies on and the criteria its evidence must meet.")
    public record MeasurePolicy(
            @Doc("The measure.") MeasureId measureId,
            @Doc("required: missing evidence fails the gate; optional: it is listed as not measured.") Requirement requirement,
            @Doc("The thresholds the measure's evidence must meet.") List<Criterion> criteria) {
        public MeasurePolicy {
            Checks.requireNonNull(measureId, "measure.measureId");
            Checks.requireNonNull(requirement, "measure.requirement");
            criteria = List.copyOf(Checks.requireNoNullElements(criteria, "measure.criteria"));
        }
    }

    /** How an observed figure is compared with the threshold. */
    public enum Comparison {
        /** Observed at most the threshold (with an interval: its upper end). */
        AT_MOST,
        /** Observed at least the threshold (with an interval: its lower end). */
        AT_LEAST,
        /** The record's own verdict is pass; no threshold. */
        IS_PASS
    }

    /**
     * One pre-registered criterion.
     *
     * @param id         stable identifier, cited by the gate
     * @param metric     the figure it constrains
     * @param comparison how the figure is compared
     * @param threshold  the threshold; null for {@code is-pass}
     * @param rationale  why this threshold
     */
    @Doc("A pre-registered criterion: a figure, a comparison and a threshold.")
    public record Criterion(
            @Doc("Stable identifier, cited by the gate.") String id,
            @Doc("The figure constrained.") Metric metric,
            @Doc("at-most, at-least, or is-pass (the record's own verdict).") Comparison comparison,
            @Doc("The threshold; null for is-pass.") @Nullable Double threshold,
            @Doc("Why this threshold was chosen.") String rationale) {
        public Criterion {
            Checks.requireNonBlank(id, "criterion.id");
            Checks.requireNonNull(metric, "criterion " + id + " metric");
            Checks.requireNonNull(comparison, "criterion " + id + " comparison");
            Checks.requireNonBlank(rationale, "criterion " + id + " rationale");
            if ((comparison == Comparison.IS_PASS) != (metric == Metric.RECORD_VERDICT)) {
                throw Checks.argument("criterion " + id).mustBe("comparison is-pass exactly with metric record-verdict")
                        .got(io.privkit.evidence.json.JsonNames.of(metric) + " " + io.privkit.evidence.json.JsonNames.of(comparison))
                        .fix("Use at-most or at-least with a threshold for figures.").exception();
            }
            if ((threshold == null) != (comparison == Comparison.IS_PASS)) {
                throw Checks.argument("criterion " + id + " threshold").mustBe(comparison == Comparison.IS_PASS ? "null for is-pass" : "a number")
                        .got(threshold).fix("Give the number the figure is compared with.").exception();
            }
            if (threshold != null) {
                Checks.requireFinite(threshold, "criterion " + id + " threshold");
            }
        }
    }

    /**
     * Retention of the bundles.
     *
     * @param keepUntil when bundles made under this policy may be deleted; null when not set
     * @param note      the retention rule in words
     */
    @Doc("How long evidence bundles are kept: they hold aggregate figures about people and need a retention rule.")
    public record Retention(
            @Doc("When bundles may be deleted; null when not set.") @Nullable LocalDate keepUntil,
            @Doc("The retention rule in words.") String note) {
        public Retention {
            Checks.requireNonBlank(note, "retention.note");
        }
    }
}
