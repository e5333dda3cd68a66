package io.privkit.evidence;

import io.privkit.common.Checks;
import io.privkit.evidence.schema.Doc;
import io.privkit.evidence.schema.Nullable;

/**
 * A named statistic with its uncertainty, or the reason it is undefined. <b>Undefined is not
 * zero</b>: a rate whose denominator is zero has no value, and a cell suppressed to protect a small
 * group has neither value nor counts; in both cases {@link #undefinedReason()} says why and
 * aggregates leave the estimate out.
 *
 * @param name            the statistic, e.g. {@code selection-rate}, {@code tpr}, {@code roc-auc}
 * @param value           the point estimate, or null when undefined or suppressed
 * @param undefinedReason why there is no value; null exactly when there is one
 * @param numerator       for a proportion, its numerator; null otherwise or when suppressed
 * @param denominator     for a proportion, its denominator; null otherwise or when suppressed
 * @param ci              the confidence interval, when one was computed
 */
@Doc("A named statistic with its uncertainty, or the reason it is undefined. Undefined is never reported as zero.")
public record Estimate(
        @Doc("The statistic's name, e.g. selection-rate, tpr, fpr, roc-auc.") String name,
        @Doc("The point estimate; null when undefined or suppressed.") @Nullable Double value,
        @Doc("Why there is no value (e.g. 'no actual positives in group', 'suppressed: fewer than 10 people'); null when there is a value.")
        @Nullable String undefinedReason,
        @Doc("For a proportion, its numerator; null for other statistics and for suppressed cells.") @Nullable Long numerator,
        @Doc("For a proportion, its denominator; null for other statistics and for suppressed cells.") @Nullable Long denominator,
        @Doc("Confidence interval; null when not computed or when the value is undefined.") @Nullable ConfidenceInterval ci) {

    public Estimate {
        Checks.requireNonBlank(name, "estimate.name");
        if ((value == null) == (undefinedReason == null)) {
            throw Checks.argument("estimate " + name).mustBe("either a value or an undefinedReason, not both and not neither")
                    .got("value=" + value + ", undefinedReason=" + undefinedReason)
                    .fix("Give a reason when the statistic is undefined.").exception();
        }
        if (value != null) {
            Checks.requireFinite(value, "estimate " + name + " value");
        }
        if ((numerator == null) != (denominator == null)) {
            throw Checks.argument("estimate " + name).mustBe("given both numerator and denominator, or neither")
                    .got("numerator=" + numerator + ", denominator=" + denominator).noFix().exception();
        }
        if (numerator != null) {
            Checks.requireNonNegative(numerator, "estimate " + name + " numerator");
            Checks.requireNonNegative(denominator, "estimate " + name + " denominator");
            if (numerator > denominator) {
                throw Checks.argument("estimate " + name + " numerator").mustBe("<= denominator (" + denominator + ")")
                        .got(numerator).noFix().exception();
            }
            if (denominator == 0 && value != null) {
                throw Checks.argument("estimate " + name).mustBe("undefined when the denominator is 0")
                        .got(value).fix("Report it with an undefinedReason instead of a value.").exception();
            }
        }
        if (value == null && ci != null) {
            throw Checks.argument("estimate " + name + " ci").mustBe("null when the value is undefined").got("an interval")
                    .noFix().exception();
        }
    }

    /** A proportion {@code numerator / denominator}; undefined with a reason when the denominator is 0. */
    public static Estimate proportion(String name, long numerator, long denominator, ConfidenceInterval ci, String reasonIfEmpty) {
        if (denominator == 0) {
            return new Estimate(name, null, reasonIfEmpty, numerator, denominator, null);
        }
        return new Estimate(name, (double) numerator / denominator, null, numerator, denominator, ci);
    }

    /** A statistic that is not a proportion. */
    public static Estimate of(String name, double value, ConfidenceInterval ci) {
        return new Estimate(name, value, null, null, null, ci);
    }

    /** An undefined statistic. */
    public static Estimate undefined(String name, String reason) {
        return new Estimate(name, null, reason, null, null, null);
    }

    /** Whether the estimate has a value. */
    public boolean defined() {
        return value != null;
    }
}
