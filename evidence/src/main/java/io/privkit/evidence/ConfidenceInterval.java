package io.privkit.evidence;

import io.privkit.common.Checks;
import io.privkit.common.Interval;
import io.privkit.evidence.schema.Doc;

/**
 * A two-sided confidence interval with its level and method.
 *
 * @param lower  the lower end
 * @param upper  the upper end, not below {@code lower}
 * @param level  the nominal coverage, e.g. 0.95
 * @param method how it was computed
 */
@Doc("A two-sided confidence interval with its nominal level and the method that computed it.")
public record ConfidenceInterval(
        @Doc("Lower end.") double lower,
        @Doc("Upper end; not below the lower end.") double upper,
        @Doc("Nominal coverage, e.g. 0.95.") double level,
        @Doc("How the interval was computed.") IntervalMethod method) {

    public ConfidenceInterval {
        Checks.requireFinite(lower, "ci.lower");
        Checks.requireFinite(upper, "ci.upper");
        if (upper < lower) {
            throw Checks.argument("ci.upper").mustBe(">= ci.lower (" + lower + ")").got(upper)
                    .fix("Swap the two ends.").exception();
        }
        Checks.requireIn(level, "ci.level", Interval.open(0, 1), "Use a coverage such as 0.95.");
        Checks.requireNonNull(method, "ci.method");
    }

    /** Whether {@code x} lies in the closed interval. */
    public boolean contains(double x) {
        return lower <= x && x <= upper;
    }
}
