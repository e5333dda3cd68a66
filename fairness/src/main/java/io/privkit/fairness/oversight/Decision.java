package io.privkit.fairness.oversight;

import io.privkit.common.Checks;
import java.time.Instant;

/**
 * One entry of a decision log: what the model recommended, what the human finally decided, and
 * what is known about the review. Classes are coded 1 (positive) and 0; optional parts are null
 * when not logged.
 *
 * <p>Immutable and thread-safe. Build with {@link #of(int, int)} and the {@code with...} methods.
 *
 * @param recommendation the model's recommendation, 0 or 1
 * @param decision       the final decision, 0 or 1
 * @param reviewer       the reviewer's pseudonym; null when no human reviewed the case
 * @param time           when the decision was made; null when not logged
 * @param seconds        seconds spent on the review; null when not logged
 * @param group          the person's protected group; null when not logged
 * @param outcome        the later true outcome, 0 or 1; null when not (yet) known
 * @param confidence     the model's confidence or score; null when not logged
 * @param rationale      whether the reviewer wrote a reason; null when not logged
 * @param seeded         whether the recommendation was a deliberately wrong test case; null when not logged
 * @param initial        the reviewer's own decision before seeing the recommendation, 0 or 1; null when not logged
 * @param contested      whether the person asked for human intervention or contested; null when not logged
 * @param contestChanged whether the contestation changed the decision; null when not contested or not logged
 * @param contestDays    days taken to answer the contestation; null when not contested or not logged
 */
public record Decision(int recommendation, int decision, String reviewer, Instant time, Double seconds, String group, Integer outcome,
                       Double confidence, Boolean rationale, Boolean seeded, Integer initial, Boolean contested, Boolean contestChanged,
                       Double contestDays) {

    public Decision {
        binary(recommendation, "recommendation");
        binary(decision, "decision");
        if (reviewer != null && reviewer.isBlank()) {
            reviewer = null;
        }
        if (seconds != null) {
            Checks.requireNonNegative(seconds, "seconds");
        }
        if (outcome != null) {
            binary(outcome, "outcome");
        }
        if (initial != null) {
            binary(initial, "initial");
        }
        if (confidence != null) {
            Checks.requireFinite(confidence, "confidence");
        }
        if (contestDays != null) {
            Checks.requireNonNegative(contestDays, "contestDays");
        }
    }

    /** A decision with only the recommendation and the final decision. */
    public static Decision of(int recommendation, int decision) {
        return new Decision(recommendation, decision, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Whether a human reviewed it. */
    public boolean reviewed() {
        return reviewer != null;
    }

    /** Whether the final decision differs from the recommendation. */
    public boolean overridden() {
        return decision != recommendation;
    }

    /** A copy reviewed by {@code pseudonym}. */
    public Decision withReviewer(String pseudonym) {
        return new Decision(recommendation, decision, pseudonym, time, seconds, group, outcome, confidence, rationale, seeded, initial,
                contested, contestChanged, contestDays);
    }

    /** A copy with the time of the decision and the seconds spent reviewing. */
    public Decision withTiming(Instant when, Double reviewSeconds) {
        return new Decision(recommendation, decision, reviewer, when, reviewSeconds, group, outcome, confidence, rationale, seeded, initial,
                contested, contestChanged, contestDays);
    }

    /** A copy with the person's protected group. */
    public Decision withGroup(String protectedGroup) {
        return new Decision(recommendation, decision, reviewer, time, seconds, protectedGroup, outcome, confidence, rationale, seeded,
                initial, contested, contestChanged, contestDays);
    }

    /** A copy with the later true outcome. */
    public Decision withOutcome(Integer trueOutcome) {
        return new Decision(recommendation, decision, reviewer, time, seconds, group, trueOutcome, confidence, rationale, seeded, initial,
                contested, contestChanged, contestDays);
    }

    /** A copy with the model's confidence. */
    public Decision withConfidence(Double modelConfidence) {
        return new Decision(recommendation, decision, reviewer, time, seconds, group, outcome, modelConfidence, rationale, seeded, initial,
                contested, contestChanged, contestDays);
    }

    /** A copy with whether a reason was written and whether the case was a seeded test. */
    public Decision withReview(Boolean reasonWritten, Boolean seededTest) {
        return new Decision(recommendation, decision, reviewer, time, seconds, group, outcome, confidence, reasonWritten, seededTest,
                initial, contested, contestChanged, contestDays);
    }

    /** A copy with the reviewer's initial decision, before seeing the recommendation. */
    public Decision withInitial(Integer initialDecision) {
        return new Decision(recommendation, decision, reviewer, time, seconds, group, outcome, confidence, rationale, seeded,
                initialDecision, contested, contestChanged, contestDays);
    }

    /** A copy with a contestation and its result. */
    public Decision withContestation(Boolean wasContested, Boolean changed, Double days) {
        return new Decision(recommendation, decision, reviewer, time, seconds, group, outcome, confidence, rationale, seeded, initial,
                wasContested, changed, days);
    }

    private static void binary(int v, String name) {
        if (v != 0 && v != 1) {
            throw Checks.argument(name).mustBe("0 or 1").got(v).fix("Code the positive class as 1 and the other as 0.").exception();
        }
    }
}
