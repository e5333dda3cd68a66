package io.privkit.common;

/**
 * A real interval with open or closed ends, used to state and check the allowed range of a
 * parameter ({@code Interval.open(0, 1)} for a delta, {@code Interval.closed(0, 1)} for a
 * probability). Infinite ends are allowed and always open.
 *
 * <p>{@link #contains(double)} is NaN-safe: NaN is never contained. {@link #toString()} gives the
 * mathematical notation used in error messages, e.g. {@code (0, 1]}.
 *
 * @param lower       the lower end (may be {@code -Infinity})
 * @param lowerClosed whether {@code lower} itself belongs to the interval
 * @param upper       the upper end (may be {@code +Infinity})
 * @param upperClosed whether {@code upper} itself belongs to the interval
 */
public record Interval(double lower, boolean lowerClosed, double upper, boolean upperClosed) {

    public Interval {
        if (Double.isNaN(lower) || Double.isNaN(upper)) {
            throw Checks.argument("interval end").mustBe("a number").got(Double.NaN).noFix().exception();
        }
        if (!(lower <= upper)) {
            throw Checks.argument("interval").mustBe("lower <= upper").got(lower + " > " + upper)
                    .fix("Swap the two ends.").exception();
        }
        if (Double.isInfinite(lower)) {
            lowerClosed = false;
        }
        if (Double.isInfinite(upper)) {
            upperClosed = false;
        }
    }

    /** {@code [lower, upper]}. */
    public static Interval closed(double lower, double upper) {
        return new Interval(lower, true, upper, true);
    }

    /** {@code (lower, upper)}. */
    public static Interval open(double lower, double upper) {
        return new Interval(lower, false, upper, false);
    }

    /** {@code (lower, upper]}. */
    public static Interval openClosed(double lower, double upper) {
        return new Interval(lower, false, upper, true);
    }

    /** {@code [lower, upper)}. */
    public static Interval closedOpen(double lower, double upper) {
        return new Interval(lower, true, upper, false);
    }

    /** {@code (lower, +Infinity)}. */
    public static Interval above(double lower) {
        return new Interval(lower, false, Double.POSITIVE_INFINITY, false);
    }

    /** {@code [lower, +Infinity)}. */
    public static Interval atLeast(double lower) {
        return new Interval(lower, true, Double.POSITIVE_INFINITY, false);
    }

    /** Whether {@code x} lies in this interval; never true for NaN. */
    public boolean contains(double x) {
        boolean aboveLower = lowerClosed ? x >= lower : x > lower;
        boolean belowUpper = upperClosed ? x <= upper : x < upper;
        return aboveLower && belowUpper;
    }

    @Override
    public String toString() {
        return (lowerClosed ? "[" : "(") + end(lower) + ", " + end(upper) + (upperClosed ? "]" : ")");
    }

    private static String end(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Infinity" : "-Infinity";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
