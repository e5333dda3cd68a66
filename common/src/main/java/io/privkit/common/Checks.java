package io.privkit.common;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * Argument validation at the boundary of every public Privkit API.
 *
 * <p>Every failed check throws an {@link InvalidArgumentsException} (an
 * {@link IllegalArgumentException}) whose message has the house form
 * {@code "<input> must be <constraint>; got <value>. <how to fix>"}, for example
 * {@code "delta must be in (0, 1); got 1.5. Use a probability such as 1e-5, well below 1/n."}.
 * Each {@code require...} method returns its argument, so it can be used inline in a compact
 * constructor. Each has an overload taking a one-sentence {@code fix} hint; the short form uses a
 * generic hint.
 *
 * <p>Comparisons are NaN-safe: NaN fails every numeric check, including {@link #requireFinite}.
 * For checks that are not covered here, build the problem with {@link #argument(String)}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Checks {
    private static final int MAX_RENDERED_CHARS = 80;

    private Checks() {
    }

    /** Starts a custom problem for the named input: {@code argument(name).mustBe(..).got(..).fix(..)}. */
    public static ArgumentProblem.Builder argument(String input) {
        return new ArgumentProblem.Builder(input);
    }

    // ---------------------------------------------------------------- objects and strings

    /** {@code value} must not be null. */
    public static <T> T requireNonNull(T value, String name) {
        if (value == null) {
            throw argument(name).mustBe("given").got(null).fix("Pass a value for " + name + ".").exception();
        }
        return value;
    }

    /** {@code value} must not be null, empty or only whitespace. */
    public static String requireNonBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw argument(name).mustBe("a non-blank string").got(value).fix("Pass a non-empty " + name + ".")
                    .exception();
        }
        return value;
    }

    /** {@code values} must not be null or empty, and must hold no null element. */
    public static <C extends Collection<?>> C requireNonEmpty(C values, String name) {
        requireNonNull(values, name);
        if (values.isEmpty()) {
            throw argument(name).mustBe("non-empty").got("an empty collection")
                    .fix("Give at least one element.").exception();
        }
        return requireNoNullElements(values, name);
    }

    /** {@code values} must not be null and must hold no null element (it may be empty). */
    public static <C extends Collection<?>> C requireNoNullElements(C values, String name) {
        requireNonNull(values, name);
        int i = 0;
        for (Object v : values) {
            if (v == null) {
                throw argument(name + "[" + i + "]").mustBe("given").got(null)
                        .fix("Remove the null element or replace it with a value.").exception();
            }
            i++;
        }
        return values;
    }

    /** {@code values} must not be null and must hold no null key or value. */
    public static <M extends Map<?, ?>> M requireNoNullEntries(M values, String name) {
        requireNonNull(values, name);
        for (Map.Entry<?, ?> e : values.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw argument(name).mustBe("free of null keys and values").got(String.valueOf(e.getKey()))
                        .fix("Remove the entry or give it a value.").exception();
            }
        }
        return values;
    }

    // ---------------------------------------------------------------- doubles

    /** {@code value} must be finite (not NaN, not infinite). */
    public static double requireFinite(double value, String name) {
        return requireFinite(value, name, "Pass a finite number.");
    }

    /** {@code value} must be finite (not NaN, not infinite). */
    public static double requireFinite(double value, String name, String fix) {
        if (!Double.isFinite(value)) {
            throw argument(name).mustBe("a finite number").got(value).fix(fix).exception();
        }
        return value;
    }

    /** {@code value} must be finite and strictly greater than zero. */
    public static double requirePositive(double value, String name) {
        return requirePositive(value, name, "Pass a positive number.");
    }

    /** {@code value} must be finite and strictly greater than zero. */
    public static double requirePositive(double value, String name, String fix) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw argument(name).mustBe("a finite number > 0").got(value).fix(fix).exception();
        }
        return value;
    }

    /** {@code value} must be finite and at least zero. */
    public static double requireNonNegative(double value, String name) {
        return requireNonNegative(value, name, "Pass zero or a positive number.");
    }

    /** {@code value} must be finite and at least zero. */
    public static double requireNonNegative(double value, String name, String fix) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw argument(name).mustBe("a finite number >= 0").got(value).fix(fix).exception();
        }
        return value;
    }

    /** {@code value} must lie in {@code interval} (NaN never does). */
    public static double requireIn(double value, String name, Interval interval) {
        return requireIn(value, name, interval, "Pass a value in " + interval + ".");
    }

    /** {@code value} must lie in {@code interval} (NaN never does). */
    public static double requireIn(double value, String name, Interval interval, String fix) {
        if (!interval.contains(value)) {
            throw argument(name).mustBe("in " + interval).got(value).fix(fix).exception();
        }
        return value;
    }

    /** {@code value} must be a probability in the closed interval [0, 1]. */
    public static double requireProbability(double value, String name) {
        return requireIn(value, name, Interval.closed(0, 1), "Pass a probability between 0 and 1.");
    }

    // ---------------------------------------------------------------- integers

    /** {@code value} must be strictly greater than zero. */
    public static long requirePositive(long value, String name) {
        return requirePositive(value, name, "Pass a positive whole number.");
    }

    /** {@code value} must be strictly greater than zero. */
    public static long requirePositive(long value, String name, String fix) {
        if (value <= 0) {
            throw argument(name).mustBe("> 0").got(value).fix(fix).exception();
        }
        return value;
    }

    /** {@code value} must be strictly greater than zero. */
    public static int requirePositive(int value, String name) {
        return (int) requirePositive((long) value, name);
    }

    /** {@code value} must be at least zero. */
    public static long requireNonNegative(long value, String name) {
        return requireNonNegative(value, name, "Pass zero or a positive whole number.");
    }

    /** {@code value} must be at least zero. */
    public static long requireNonNegative(long value, String name, String fix) {
        if (value < 0) {
            throw argument(name).mustBe(">= 0").got(value).fix(fix).exception();
        }
        return value;
    }

    /** {@code value} must be at least zero. */
    public static int requireNonNegative(int value, String name) {
        return (int) requireNonNegative((long) value, name);
    }

    /** {@code value} must be at least {@code minimum}. */
    public static long requireAtLeast(long value, String name, long minimum) {
        if (value < minimum) {
            throw argument(name).mustBe(">= " + minimum).got(value)
                    .fix("Pass a value of at least " + minimum + ".").exception();
        }
        return value;
    }

    // ---------------------------------------------------------------- rendering

    /**
     * Renders a value for an error message: strings are quoted, doubles keep their full precision,
     * {@code null} is {@code null}, and long renderings are cut at 80 characters.
     */
    public static String render(Object value) {
        String s;
        if (value == null) {
            s = "null";
        } else if (value instanceof CharSequence cs) {
            s = "\"" + cs + "\"";
        } else if (value instanceof Double d) {
            s = renderDouble(d);
        } else if (value instanceof Float f) {
            s = renderDouble(f.doubleValue());
        } else {
            s = String.valueOf(value);
        }
        if (s.length() > MAX_RENDERED_CHARS) {
            s = s.substring(0, MAX_RENDERED_CHARS - 3) + "...";
        }
        return s;
    }

    private static String renderDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        return Double.toString(d);
    }
}
