package io.privkit.evidence;

import io.privkit.common.Checks;
import io.privkit.common.Problems;
import io.privkit.common.Sha256;
import io.privkit.evidence.json.JsonNumbers;
import io.privkit.evidence.schema.Doc;
import io.privkit.evidence.schema.Nullable;
import java.util.List;

/**
 * How humans reviewed a model's recommendations, from a decision log: evidence bearing on
 * whether review of automated decisions is meaningful (GDPR Art. 22; "authority and competence to
 * change the decision", not a token gesture).
 *
 * <p>Review coverage; override rates split by direction, reviewer, group and confidence band with
 * intervals (selective adherence by group is a fairness risk); commission and omission errors and
 * reliance measures when ground truth is known; time on task; rationale rate; seeded-error catch
 * rate; contestations. No regulator sets a target override rate, and a low override rate alone is
 * ambiguous (a good model or rubber-stamping): {@link #interpretationNote()} says so in every record.
 *
 * <p>Filled by the fairness module's oversight metrics; field list from Privkit's evidence design
 * notes, record (f).
 *
 * @param header               the common header
 * @param decisionLog          the log analysed
 * @param reviewCoverage       share of consequential outputs a human reviewed
 * @param overrideRate         override rates overall and by breakdown
 * @param commissionErrorRate  share of wrong recommendations the reviewer followed, when ground truth is known
 * @param omissionErrorRate    share of missed cases the reviewer did not catch, when known
 * @param modelErrorRate       share of recommendations that disagreed with the later outcome, when known
 * @param finalErrorRate       share of final decisions that disagreed with the later outcome, when known
 * @param rair                 relative AI reliance, when measured
 * @param rsr                  relative self-reliance, when measured
 * @param timeOnTask           review time
 * @param rationaleRate        share of reviews with a written reason
 * @param seededErrorCatchRate share of seeded wrong recommendations the reviewers caught
 * @param contestations        requests for human intervention and their outcome
 * @param overrideByGroupP     p-value of the test that override rates are equal across groups, when tested
 * @param overrideByReviewerP  p-value of the test that override rates are equal across reviewers, when tested
 * @param interpretationNote   how to read these figures
 */
@Doc("Human-oversight evidence: how humans reviewed a model's recommendations, with the caveat that a low override rate alone proves nothing.")
public record HumanOversightEvidence(
        @Doc("The common header.") EvidenceHeader header,
        @Doc("The decision log analysed.") DecisionLog decisionLog,
        @Doc("Share of consequential outputs a human reviewed.") Estimate reviewCoverage,
        @Doc("Override rates overall and by direction, reviewer, group and confidence band.") OverrideRates overrideRate,
        @Doc("Share of wrong recommendations (disagreeing with the later outcome) that reviewers followed; null without ground truth.")
        @Nullable Estimate commissionErrorRate,
        @Doc("Share of cases the model missed (outcome 1, recommendation 0) that reviewers also missed; null without ground truth.")
        @Nullable Estimate omissionErrorRate,
        @Doc("Share of recommendations that disagreed with the later outcome: the context an override rate must be read against; null without ground truth.")
        @Nullable Estimate modelErrorRate,
        @Doc("Share of final decisions that disagreed with the later outcome; null without ground truth.") @Nullable Estimate finalErrorRate,
        @Doc("Relative AI reliance (Schemmer et al.): among cases where the human was initially wrong and the AI right, the share where the human switched; null when not measured.")
        @Nullable Estimate rair,
        @Doc("Relative self-reliance (Schemmer et al.): among cases where the AI was wrong and the human initially right, the share where the human kept their decision; null when not measured.")
        @Nullable Estimate rsr,
        @Doc("Review time; very short reviews suggest rubber-stamping. Null when times were not logged.") @Nullable TimeOnTask timeOnTask,
        @Doc("Share of reviews with a written reason; null when not logged.") @Nullable Estimate rationaleRate,
        @Doc("Share of deliberately seeded wrong recommendations that reviewers caught; null when none were seeded.")
        @Nullable Estimate seededErrorCatchRate,
        @Doc("Requests for human intervention (GDPR Art. 22(3)) and their outcome; null when not logged.") @Nullable Contestations contestations,
        @Doc("p-value of the chi-squared test that override rates are equal across protected groups (selective adherence); null when not tested.")
        @Nullable Double overrideByGroupP,
        @Doc("p-value of the chi-squared test that override rates are equal across reviewers; null when not tested.")
        @Nullable Double overrideByReviewerP,
        @Doc("How to read these figures. A low override rate alone is ambiguous: a good model or rubber-stamping.") String interpretationNote)
        implements EvidenceRecord {

    /** The caveat every record carries unless a longer one is given. */
    public static final String DEFAULT_INTERPRETATION = "A low override rate alone does not show meaningful review: "
            + "it fits a good model and rubber-stamping alike. Read it together with the model's error rate, the "
            + "commission errors, the reliance measures and time on task, and with their intervals.";

    public HumanOversightEvidence {
        Checks.requireNonNull(header, "header");
        Checks.requireNonNull(decisionLog, "decisionLog");
        Checks.requireNonNull(reviewCoverage, "reviewCoverage");
        Checks.requireNonNull(overrideRate, "overrideRate");
        Checks.requireNonBlank(interpretationNote, "interpretationNote");
        if (overrideByGroupP != null) {
            Checks.requireProbability(overrideByGroupP, "overrideByGroupP");
        }
        if (overrideByReviewerP != null) {
            Checks.requireProbability(overrideByReviewerP, "overrideByReviewerP");
        }
    }

    @Override
    public String headline() {
        Estimate o = overrideRate.overall();
        String overrides = o.defined() ? JsonNumbers.format(Math.round(o.value() * 1000) / 10.0) + "% overridden" : "override rate undefined";
        String coverage = reviewCoverage.defined() ? JsonNumbers.format(Math.round(reviewCoverage.value() * 1000) / 10.0) + "% reviewed"
                : "coverage undefined";
        return decisionLog.n() + " decisions: " + coverage + ", " + overrides;
    }

    /** A builder; {@link Builder#build()} reports every missing field at once. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The decision log.
     *
     * @param sha256 its digest
     * @param period the period it covers
     * @param n      decisions in it
     */
    @Doc("The decision log analysed.")
    public record DecisionLog(
            @Doc("SHA-256 of the log.") Sha256 sha256,
            @Doc("The period it covers; null when unknown.") @Nullable TimeRange period,
            @Doc("Decisions in the log.") long n) {
        public DecisionLog {
            Checks.requireNonNull(sha256, "decisionLog.sha256");
            Checks.requireNonNegative(n, "decisionLog.n");
        }
    }

    /**
     * Override rates.
     *
     * @param overall      over all reviewed decisions
     * @param byDirection  by direction of the override
     * @param byReviewer   by reviewer pseudonym
     * @param byGroup      by protected group
     * @param byConfidence by model confidence band
     */
    @Doc("Override rates overall and split, to expose rubber-stamping and selective adherence.")
    public record OverrideRates(
            @Doc("Over all reviewed decisions.") Estimate overall,
            @Doc("By direction, e.g. 'favourable-to-unfavourable'.") List<Breakdown> byDirection,
            @Doc("By reviewer pseudonym.") List<Breakdown> byReviewer,
            @Doc("By protected group.") List<Breakdown> byGroup,
            @Doc("By model confidence band.") List<Breakdown> byConfidence) {
        public OverrideRates {
            Checks.requireNonNull(overall, "overrideRate.overall");
            byDirection = List.copyOf(Checks.requireNoNullElements(byDirection, "overrideRate.byDirection"));
            byReviewer = List.copyOf(Checks.requireNoNullElements(byReviewer, "overrideRate.byReviewer"));
            byGroup = List.copyOf(Checks.requireNoNullElements(byGroup, "overrideRate.byGroup"));
            byConfidence = List.copyOf(Checks.requireNoNullElements(byConfidence, "overrideRate.byConfidence"));
        }
    }

    /**
     * One level of a breakdown.
     *
     * @param level    the level, e.g. a reviewer pseudonym or group label
     * @param estimate the rate at that level
     */
    @Doc("A rate at one level of a breakdown.")
    public record Breakdown(
            @Doc("The level, e.g. a reviewer pseudonym, group label or confidence band.") String level,
            @Doc("The rate at that level.") Estimate estimate) {
        public Breakdown {
            Checks.requireNonBlank(level, "breakdown.level");
            Checks.requireNonNull(estimate, "breakdown.estimate");
        }
    }

    /**
     * Review time.
     *
     * @param medianSeconds median seconds per review
     * @param p10Seconds    10th percentile
     */
    @Doc("Review time per decision.")
    public record TimeOnTask(
            @Doc("Median seconds per review.") double medianSeconds,
            @Doc("10th percentile of seconds per review.") double p10Seconds) {
        public TimeOnTask {
            Checks.requireNonNegative(medianSeconds, "timeOnTask.medianSeconds");
            Checks.requireNonNegative(p10Seconds, "timeOnTask.p10Seconds");
        }
    }

    /**
     * Contestations.
     *
     * @param requests     requests for human intervention
     * @param changedShare share that changed the decision
     * @param medianDays   median days to answer
     */
    @Doc("Requests for human intervention and their outcome.")
    public record Contestations(
            @Doc("Requests received.") long requests,
            @Doc("Share of requests that changed the decision; null with no requests.") @Nullable Double changedShare,
            @Doc("Median days to answer; null with no requests.") @Nullable Double medianDays) {
        public Contestations {
            Checks.requireNonNegative(requests, "contestations.requests");
            if (changedShare != null) {
                Checks.requireProbability(changedShare, "contestations.changedShare");
            }
            if (medianDays != null) {
                Checks.requireNonNegative(medianDays, "contestations.medianDays");
            }
        }
    }

    /** Builds a {@link HumanOversightEvidence}; reports every missing field at once. Not thread-safe. */
    public static final class Builder {
        private EvidenceHeader header;
        private DecisionLog decisionLog;
        private Estimate reviewCoverage;
        private OverrideRates overrideRate;
        private Estimate commissionErrorRate;
        private Estimate omissionErrorRate;
        private Estimate modelErrorRate;
        private Estimate finalErrorRate;
        private Double overrideByGroupP;
        private Double overrideByReviewerP;
        private Estimate rair;
        private Estimate rsr;
        private TimeOnTask timeOnTask;
        private Estimate rationaleRate;
        private Estimate seededErrorCatchRate;
        private Contestations contestations;
        private String interpretationNote = DEFAULT_INTERPRETATION;

        private Builder() {
        }

        public Builder header(EvidenceHeader v) { this.header = v; return this; }
        public Builder decisionLog(DecisionLog v) { this.decisionLog = v; return this; }
        public Builder reviewCoverage(Estimate v) { this.reviewCoverage = v; return this; }
        public Builder overrideRate(OverrideRates v) { this.overrideRate = v; return this; }
        public Builder commissionErrorRate(Estimate v) { this.commissionErrorRate = v; return this; }
        public Builder omissionErrorRate(Estimate v) { this.omissionErrorRate = v; return this; }
        public Builder modelErrorRate(Estimate v) { this.modelErrorRate = v; return this; }
        public Builder finalErrorRate(Estimate v) { this.finalErrorRate = v; return this; }
        public Builder overrideByGroupP(Double v) { this.overrideByGroupP = v; return this; }
        public Builder overrideByReviewerP(Double v) { this.overrideByReviewerP = v; return this; }
        public Builder rair(Estimate v) { this.rair = v; return this; }
        public Builder rsr(Estimate v) { this.rsr = v; return this; }
        public Builder timeOnTask(TimeOnTask v) { this.timeOnTask = v; return this; }
        public Builder rationaleRate(Estimate v) { this.rationaleRate = v; return this; }
        public Builder seededErrorCatchRate(Estimate v) { this.seededErrorCatchRate = v; return this; }
        public Builder contestations(Contestations v) { this.contestations = v; return this; }
        public Builder interpretationNote(String v) { this.interpretationNote = v; return this; }

        /** Validates and builds. */
        public HumanOversightEvidence build() {
            Problems p = Problems.of("HumanOversightEvidence");
            BuilderSupport.require(p, header, "header");
            BuilderSupport.require(p, decisionLog, "decisionLog");
            BuilderSupport.require(p, reviewCoverage, "reviewCoverage");
            BuilderSupport.require(p, overrideRate, "overrideRate");
            p.throwIfAny();
            return new HumanOversightEvidence(header, decisionLog, reviewCoverage, overrideRate, commissionErrorRate,
                    omissionErrorRate, modelErrorRate, finalErrorRate, rair, rsr, timeOnTask, rationaleRate, seededErrorCatchRate,
                    contestations, overrideByGroupP, overrideByReviewerP, interpretationNote);
        }
    }
}
