package io.privkit.fairness.stats;

import io.privkit.common.Checks;

/**
 * A count of successes out of a number of trials, {@code k / n}: the unit every rate of a
 * confusion matrix is made of. Keeping k and n (not only the ratio) is what lets a report give an
 * exact interval and lets a reader judge it.
 *
 * <p>The constructor rejects {@code successes > trials}, so passing the two counts in the wrong
 * order fails loudly unless they are equal (when the order does not matter).
 *
 * <p>Immutable and thread-safe.
 *
 * @param successes the numerator k, at least 0
 * @param trials    the denominator n, at least k
 */
public record Proportion(long successes, long trials) {

    public Proportion {
        Checks.requireNonNegative(successes, "proportion.successes");
        Checks.requireNonNegative(trials, "proportion.trials");
        if (successes > trials) {
            throw Checks.argument("proportion.successes").mustBe("<= trials (" + trials + ")").got(successes)
                    .fix("Pass the successes first and the trials second.").exception();
        }
    }

    /** {@code k / n}. */
    public static Proportion of(long successes, long trials) {
        return new Proportion(successes, trials);
    }

    /** Whether the denominator is zero, so that the rate is undefined. */
    public boolean undefined() {
        return trials == 0;
    }

    /** {@code k / n}; NaN when {@code n == 0} (callers check {@link #undefined()} first). */
    public double value() {
        return trials == 0 ? Double.NaN : (double) successes / trials;
    }

    /** The failures, {@code n - k}. */
    public long failures() {
        return trials - successes;
    }
}
