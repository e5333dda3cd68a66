package io.privkit.fairness.oversight;

import io.privkit.common.Checks;
import io.privkit.evidence.ConfidenceInterval;
import io.privkit.evidence.Estimate;
import io.privkit.evidence.HumanOversightEvidence;
import io.privkit.evidence.HumanOversightEvidence.Breakdown;
import io.privkit.evidence.TimeRange;
import io.privkit.fairness.FavourableOutcome;
import io.privkit.fairness.stats.ChiSquareIndependence;
import io.privkit.fairness.stats.ConfidenceLevel;
import io.privkit.fairness.stats.Proportion;
import io.privkit.fairness.stats.ProportionMethod;
import io.privkit.fairness.stats.Quantiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Human-oversight measures from a decision log (GDPR Art. 22: review by someone with the
 * authority and competence to change the decision), each a proportion with its interval or
 * undefined with the reason:
 *
 * <ul>
 *   <li><b>review coverage</b>: decisions a human reviewed / all decisions;</li>
 *   <li><b>override rate</b>: reviewed decisions that differ from the recommendation / reviewed,
 *       overall and by direction (favourable to unfavourable, and back), reviewer, protected group
 *       and model-confidence band, with chi-squared tests of "the rate is the same for every
 *       group" and "... every reviewer" (selective adherence, reviewer heterogeneity);</li>
 *   <li><b>commission error</b> (automation bias, K. L. Mosier and L. J. Skitka 1996): wrong
 *       recommendations the reviewer followed / wrong recommendations, where the outcome is known;</li>
 *   <li><b>omission error</b>: cases the model missed (outcome 1, recommendation 0) that the
 *       reviewer also missed / cases the model missed;</li>
 *   <li><b>model error rate</b> and <b>final error rate</b> where outcomes are known: the context
 *       without which an override rate cannot be read;</li>
 *   <li><b>relative AI reliance</b> (RAIR) and <b>relative self-reliance</b> (RSR) of M. Schemmer,
 *       N. Kuehl, C. Benz, A. Bartos and G. Satzger, "Appropriate reliance on AI advice:
 *       conceptualization and the effect of explanations", IUI 2023: among cases where the
 *       reviewer's initial decision was wrong and the AI right, the share where the reviewer
 *       switched to the AI; among cases where the reviewer was initially right and the AI wrong,
 *       the share where the reviewer kept their decision (needs the initial decision);</li>
 *   <li><b>time on task</b> (median and 10th percentile seconds), <b>rationale rate</b>,
 *       <b>seeded-error catch rate</b> (deliberately wrong recommendations overridden), and
 *       <b>contestations</b> (requests, share that changed the decision, median days to answer).</li>
 * </ul>
 *
 * <p>Every report carries the caveat that a low override rate alone proves nothing: it fits a good
 * model and rubber-stamping alike.
 *
 * <p>Immutable and thread-safe.
 *
 * @param decisions          decisions in the log
 * @param period             the period the log covers, when times were logged
 * @param reviewCoverage     share reviewed
 * @param overrideRate       overall override rate
 * @param byDirection        override rate by direction
 * @param byReviewer         override rate by reviewer
 * @param byGroup            override rate by protected group
 * @param byConfidence       override rate by confidence band
 * @param groupTest          chi-squared test of equal override rates across groups; null when not computable
 * @param reviewerTest       chi-squared test of equal override rates across reviewers; null when not computable
 * @param commissionErrorRate wrong recommendations followed
 * @param omissionErrorRate  model misses also missed
 * @param modelErrorRate     recommendations that disagreed with the outcome
 * @param finalErrorRate     final decisions that disagreed with the outcome
 * @param rair               relative AI reliance
 * @param rsr                relative self-reliance
 * @param timeOnTask         median and 10th percentile review seconds; null when not logged
 * @param rationaleRate      reviews with a written reason
 * @param seededCatchRate    seeded wrong recommendations overridden
 * @param contestations      requests for human intervention; null when not logged
 * @param notes              what was not logged, small samples, questionable tests
 * @param interpretation     how to read the figures
 */
public record OversightReport(long decisions, TimeRange period, Estimate reviewCoverage, Estimate overrideRate, List<Breakdown> byDirection,
                              List<Breakdown> byReviewer, List<Breakdown> byGroup, List<Breakdown> byConfidence,
                              ChiSquareIndependence groupTest, ChiSquareIndependence reviewerTest, Estimate commissionErrorRate,
                              Estimate omissionErrorRate, Estimate modelErrorRate, Estimate finalErrorRate, Estimate rair, Estimate rsr,
                              HumanOversightEvidence.TimeOnTask timeOnTask, Estimate rationaleRate, Estimate seededCatchRate,
                              HumanOversightEvidence.Contestations contestations, List<String> notes, String interpretation) {

    public OversightReport {
        Checks.requireNonNull(reviewCoverage, "reviewCoverage");
        Checks.requireNonNull(overrideRate, "overrideRate");
        byDirection = List.copyOf(byDirection);
        byReviewer = List.copyOf(byReviewer);
        byGroup = List.copyOf(byGroup);
        byConfidence = List.copyOf(byConfidence);
        notes = List.copyOf(notes);
        Checks.requireNonBlank(interpretation, "interpretation");
    }

    /**
     * The report of an accumulated log.
     *
     * @param acc     the accumulated decisions
     * @param level   the intervals' coverage
     * @param method  the interval method
     * @param logging whether the log says which decisions were reviewed
     */
    public static OversightReport of(OversightAccumulator acc, ConfidenceLevel level, ProportionMethod method, ReviewLogging logging) {
        Checks.requireNonNull(acc, "accumulator");
        Checks.requireNonNull(level, "level");
        Checks.requireNonNull(method, "method");
        Checks.requireNonNull(logging, "logging");
        List<String> notes = new ArrayList<>();
        Estimate coverage = logging == ReviewLogging.LOGGED
                ? rate("review-coverage", acc.reviewed, acc.total, "no decisions in the log", level, method)
                : Estimate.undefined("review-coverage", "not measured: the log does not say which decisions a human reviewed");
        if (logging == ReviewLogging.NOT_LOGGED) {
            notes.add("The log does not name reviewers: every decision is treated as reviewed and coverage is not measured.");
        }
        Estimate override = rate("override-rate", acc.overridden, acc.reviewed, "no reviewed decisions", level, method);
        boolean positiveFavourable = acc.favourable() == FavourableOutcome.POSITIVE_CLASS;
        List<Breakdown> direction = List.of(
                new Breakdown("favourable-to-unfavourable", rate("override-rate", acc.directionOverridden[0], acc.directionN[0],
                        "no favourable recommendation reviewed", level, method)),
                new Breakdown("unfavourable-to-favourable", rate("override-rate", acc.directionOverridden[1], acc.directionN[1],
                        "no unfavourable recommendation reviewed", level, method)));
        List<Breakdown> reviewers = breakdown(acc.reviewers, level, method);
        List<Breakdown> groups = breakdown(acc.groups, level, method);
        List<Breakdown> bands = breakdown(acc.confidence, level, method);
        ChiSquareIndependence groupTest = test(acc.groups, "group", notes);
        ChiSquareIndependence reviewerTest = logging == ReviewLogging.LOGGED ? test(acc.reviewers, "reviewer", notes) : null;
        if (acc.outcomeKnown == 0) {
            notes.add("No outcomes logged: commission and omission errors, error rates, RAIR and RSR are not measured.");
        }
        Estimate commission = rate("commission-error-rate", acc.followedWrong, acc.wrongRecommendations,
                acc.outcomeKnown == 0 ? "not measured: no outcomes logged" : "no wrong recommendation among reviewed cases", level, method);
        Estimate omission = rate("omission-error-rate", acc.missedByBoth, acc.missedByModel,
                acc.outcomeKnown == 0 ? "not measured: no outcomes logged" : "the model missed no case among reviewed cases", level, method);
        Estimate modelError = rate("model-error-rate", acc.modelWrong, acc.outcomeKnown, "not measured: no outcomes logged", level, method);
        Estimate finalError = rate("final-error-rate", acc.finalWrong, acc.outcomeKnown, "not measured: no outcomes logged", level, method);
        Estimate rair = rate("rair", acc.rairNumerator, acc.rairDenominator,
                "not measured: needs the reviewer's initial decision and the outcome, with cases where the reviewer was wrong and the model right",
                level, method);
        Estimate rsr = rate("rsr", acc.rsrNumerator, acc.rsrDenominator,
                "not measured: needs the reviewer's initial decision and the outcome, with cases where the model was wrong and the reviewer right",
                level, method);
        HumanOversightEvidence.TimeOnTask time = null;
        double[] secs = acc.sortedSeconds();
        if (secs.length > 0) {
            time = new HumanOversightEvidence.TimeOnTask(Quantiles.linear(secs, 0.5), Quantiles.linear(secs, 0.1));
            if (time.p10Seconds() < 5) {
                notes.add(String.format(Locale.ROOT, "A tenth of reviews took under %.1f seconds: too short to be substantive?",
                        time.p10Seconds()));
            }
        }
        Estimate rationale = rate("rationale-rate", acc.withRationale, acc.rationaleLogged, "not measured: no rationale column", level,
                method);
        Estimate seededCatch = rate("seeded-error-catch-rate", acc.seededCaught, acc.seeded,
                "not measured: no seeded test cases reviewed", level, method);
        HumanOversightEvidence.Contestations contest = null;
        if (acc.contested > 0 || acc.contestDaysCount > 0) {
            double[] days = acc.sortedContestDays();
            contest = new HumanOversightEvidence.Contestations(acc.contested,
                    acc.contestOutcomeLogged == 0 ? null : (double) acc.contestChanged / acc.contestOutcomeLogged,
                    days.length == 0 ? null : Quantiles.linear(days, 0.5));
        }
        StringBuilder note = new StringBuilder(HumanOversightEvidence.DEFAULT_INTERPRETATION);
        if (override.defined() && modelError.defined()) {
            note.append(String.format(Locale.ROOT, " Here reviewers overrode %.1f%% of reviewed recommendations while the model was wrong in "
                    + "%.1f%% of cases with a known outcome", 100 * override.value(), 100 * modelError.value()));
            note.append(commission.defined() ? String.format(Locale.ROOT, ", and followed %.1f%% of its wrong recommendations.",
                    100 * commission.value()) : ".");
        }
        return new OversightReport(acc.total, acc.first == null ? null : new TimeRange(acc.first, acc.last), coverage, override, direction,
                reviewers, groups, bands, groupTest, reviewerTest, commission, omission, modelError, finalError, rair, rsr, time, rationale,
                seededCatch, contest, notes, note.toString());
    }

    private static Estimate rate(String name, long k, long n, String reason, ConfidenceLevel level, ProportionMethod method) {
        if (n == 0) {
            return new Estimate(name, null, reason, k, n, null);
        }
        Proportion p = Proportion.of(k, n);
        ConfidenceInterval ci = method.interval(p, level);
        return new Estimate(name, p.value(), null, k, n, ci);
    }

    private static List<Breakdown> breakdown(Map<String, long[]> counts, ConfidenceLevel level, ProportionMethod method) {
        List<Breakdown> out = new ArrayList<>();
        counts.forEach((k, v) -> out.add(new Breakdown(k, rate("override-rate", v[1], v[0], "no reviewed decisions", level, method))));
        return out;
    }

    private static ChiSquareIndependence test(Map<String, long[]> counts, String what, List<String> notes) {
        if (counts.size() < 2) {
            return null;
        }
        long[][] table = new long[counts.size()][];
        int i = 0;
        for (long[] v : counts.values()) {
            table[i++] = new long[] {v[1], v[0] - v[1]};
        }
        try {
            ChiSquareIndependence t = ChiSquareIndependence.of(table);
            if (t.cellsExpectedBelow5() > 0) {
                notes.add("The test of equal override rates by " + what + " has " + t.cellsExpectedBelow5()
                        + " cells with an expected count below 5: the chi-squared approximation is questionable.");
            }
            return t;
        } catch (IllegalArgumentException e) {
            notes.add("Override rates by " + what + " could not be tested: " + (e.getMessage().contains("two non-empty")
                    ? "fewer than two " + what + "s or no override at all" : e.getMessage()));
            return null;
        }
    }
}
