package io.privkit.dp.accounting;

import io.privkit.common.Checks;
import io.privkit.common.Interval;

/**
 * A target guarantee (ε, δ), built fluently so that the two numbers cannot be swapped:
 * {@code PrivacyTarget.epsilon(3.0).atDelta(1e-5)}.
 *
 * @param epsilon the largest acceptable ε, &gt; 0
 * @param delta   the δ at which ε is measured, in [0, 1)
 */
public record PrivacyTarget(double epsilon, double delta) {
    public PrivacyTarget {
        Checks.requirePositive(epsilon, "targetEpsilon", "Give the privacy budget epsilon > 0, e.g. 3.0.");
        Checks.requireIn(delta, "delta", Interval.closedOpen(0, 1), "Give a delta in [0, 1), well below 1/n, e.g. 1e-5.");
    }

    /** The first half of the fluent form. */
    public static Epsilon epsilon(double epsilon) {
        Checks.requirePositive(epsilon, "targetEpsilon", "Give the privacy budget epsilon > 0, e.g. 3.0.");
        return new Epsilon(epsilon);
    }

    /** An ε waiting for its δ. */
    public record Epsilon(double value) {
        /** The target (ε, δ). */
        public PrivacyTarget atDelta(double delta) {
            return new PrivacyTarget(value, delta);
        }
    }

    /** Whether a guarantee meets this target. */
    public boolean isMetBy(PrivacyGuarantee guarantee) {
        return guarantee.epsilon(delta) <= epsilon;
    }
}
