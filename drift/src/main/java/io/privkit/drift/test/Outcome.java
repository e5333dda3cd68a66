package io.privkit.drift.test;

import io.privkit.common.Checks;

/**
 * One statistic computed on a pair of samples.
 *
 * @param test      which test or distance
 * @param name      the statistic's name within the test, e.g. {@code D}, {@code A2akN-standardised},
 *                  {@code W1/std_ref}
 * @param statistic its value (finite)
 * @param pValue    the p-value in [0, 1], or null for a distance
 * @param method    how the p-value or distance was computed
 * @param note      extra facts a reader needs (e.g. "p-value floored at 0.001 by the table"), or null
 */
public record Outcome(TestId test, String name, double statistic, Double pValue, Method method, String note) {
    public Outcome {
        Checks.requireNonNull(test, "test");
        Checks.requireNonBlank(name, "name");
        Checks.requireFinite(statistic, test.key() + " statistic");
        if (pValue != null) {
            Checks.requireProbability(pValue, test.key() + " p-value");
        }
        Checks.requireNonNull(method, "method");
    }

    /** A test result with a p-value. */
    public static Outcome test(TestId test, String name, double statistic, double pValue, Method method) {
        return new Outcome(test, name, statistic, clip(pValue), method, null);
    }

    /** A distance (no p-value). */
    public static Outcome distance(TestId test, String name, double value, Method method) {
        return new Outcome(test, name, value, null, method, null);
    }

    /** A copy with a note. */
    public Outcome withNote(String text) {
        return new Outcome(test, name, statistic, pValue, method, text);
    }

    /** A copy filed under another test id (e.g. a z-test used to compare missing rates). */
    public Outcome retag(TestId id) {
        return new Outcome(id, name, statistic, pValue, method, note);
    }

    /** Whether a p-value exists. */
    public boolean hasPValue() {
        return pValue != null;
    }

    static double clip(double p) {
        if (Double.isNaN(p)) {
            throw new IllegalStateException("p-value computed as NaN; this is a bug in the test implementation");
        }
        return Math.max(0.0, Math.min(1.0, p));
    }
}
