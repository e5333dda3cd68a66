package io.privkit.fairness.metrics;

import io.privkit.common.Checks;
import io.privkit.evidence.ConfidenceInterval;
import java.util.List;

/**
 * A scalar summary of a metric across groups (a difference, ratio, minimum or maximum), or the
 * reason it is undefined, with the groups left out because their value was undefined (or, for
 * {@code minN} variants, below the reliability floor). Groups left out are named, never folded in
 * as zeros.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value           the value; null when undefined
 * @param undefinedReason why there is no value; null when there is one
 * @param excluded        the groups left out, with the reason in parentheses
 * @param ci              a bootstrap interval, when one was computed
 */
public record Aggregate(Double value, String undefinedReason, List<String> excluded, ConfidenceInterval ci) {
    public Aggregate {
        if ((value == null) == (undefinedReason == null)) {
            throw Checks.argument("aggregate").mustBe("either a value or an undefinedReason").got(value + ", " + undefinedReason)
                    .noFix().exception();
        }
        excluded = List.copyOf(Checks.requireNoNullElements(excluded, "aggregate.excluded"));
    }

    /** A defined aggregate. */
    public static Aggregate of(double value, List<String> excluded) {
        return new Aggregate(value, null, excluded, null);
    }

    /** An undefined aggregate. */
    public static Aggregate undefined(String reason, List<String> excluded) {
        return new Aggregate(null, reason, excluded, null);
    }

    /** Whether it has a value. */
    public boolean defined() {
        return value != null;
    }

    /** The value, or NaN when undefined. */
    public double valueOrNaN() {
        return value == null ? Double.NaN : value;
    }

    /** A copy with a bootstrap interval. */
    public Aggregate withCi(ConfidenceInterval interval) {
        return new Aggregate(value, undefinedReason, excluded, interval);
    }
}
