package io.privkit.fairness.report;

import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import io.privkit.evidence.EvidenceHeader;
import io.privkit.evidence.HumanOversightEvidence;
import io.privkit.evidence.InputRef;
import io.privkit.evidence.Subject;
import io.privkit.evidence.Verdict;
import io.privkit.evidence.measure.MeasureId;
import io.privkit.fairness.oversight.OversightReport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an {@link OversightReport} into a {@link HumanOversightEvidence} record (the evidence
 * design's record (f)). The record is informational: no regulator sets a target override rate,
 * so no verdict is claimed; the claims say what was measured and the interpretation note says how
 * not to read it.
 *
 * <p>Stateless and thread-safe.
 */
public final class OversightRecords {
    private OversightRecords() {
    }

    /**
     * The record.
     *
     * @param report  the measures
     * @param subject the system whose decisions were reviewed
     * @param log     the decision log, by digest
     * @param clock   the clock for the record's time
     */
    public static HumanOversightEvidence of(OversightReport report, Subject subject, InputRef log, Clock clock) {
        Checks.requireNonNull(report, "report");
        Checks.requireNonNull(subject, "subject");
        Checks.requireNonNull(log, "log");
        Checks.requireNonNull(clock, "clock");
        EvidenceHeader.Builder h = EvidenceHeader.builder().subject(subject).supports(MeasureId.HUMAN_OVERSIGHT).input(log).clock(clock)
                .verdict(Verdict.INFORMATIONAL).generator(io.privkit.evidence.Generator.privkit(OversightRecords.class));
        List<String> measured = new ArrayList<>();
        measured.add("override rates by direction, reviewer, protected group and model-confidence band with intervals");
        if (report.commissionErrorRate().defined() || report.omissionErrorRate().defined()) {
            measured.add("commission and omission errors against later outcomes");
        }
        if (report.rair().defined() || report.rsr().defined()) {
            measured.add("relative AI reliance and relative self-reliance");
        }
        h.claim("Supports the human-oversight measure: " + report.decisions() + " logged decisions were analysed for "
                + String.join("; ", measured) + ".");
        if (report.reviewCoverage().defined()) {
            h.claim(String.format(java.util.Locale.ROOT, "A human reviewed %d of %d logged decisions.", report.reviewCoverage().numerator(),
                    report.reviewCoverage().denominator()));
        }
        h.limitation("The figures describe the log as recorded; decisions taken outside the log are not covered.");
        report.notes().forEach(h::limitation);
        h.claimNotMade("A low override rate is not evidence that review is meaningful.");
        h.claimNotMade("These measures do not establish that the review meets the requirements of GDPR Article 22; that is a legal judgement.");
        Sha256 digest = log.sha256();
        return HumanOversightEvidence.builder()
                .header(h.build())
                .decisionLog(new HumanOversightEvidence.DecisionLog(digest, report.period(), report.decisions()))
                .reviewCoverage(report.reviewCoverage())
                .overrideRate(new HumanOversightEvidence.OverrideRates(report.overrideRate(), report.byDirection(), report.byReviewer(),
                        report.byGroup(), report.byConfidence()))
                .commissionErrorRate(report.commissionErrorRate())
                .omissionErrorRate(report.omissionErrorRate())
                .modelErrorRate(report.modelErrorRate())
                .finalErrorRate(report.finalErrorRate())
                .rair(report.rair())
                .rsr(report.rsr())
                .timeOnTask(report.timeOnTask())
                .rationaleRate(report.rationaleRate())
                .seededErrorCatchRate(report.seededCatchRate())
                .contestations(report.contestations())
                .overrideByGroupP(report.groupTest() == null ? null : report.groupTest().pValue())
                .overrideByReviewerP(report.reviewerTest() == null ? null : report.reviewerTest().pValue())
                .interpretationNote(report.interpretation())
                .build();
    }
}
