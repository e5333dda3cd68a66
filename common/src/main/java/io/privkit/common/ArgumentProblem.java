package io.privkit.common;

import java.util.Objects;

/**
 * One thing wrong with one input, phrased the Privkit way:
 * {@code "<input> must be <constraint>; got <value>. <how to fix>"}.
 *
 * <p>Build one with {@link Checks#argument(String)}:
 * <pre>{@code
 * throw Checks.argument("steps").mustBe("at least 1").got(steps)
 *     .fix("Give the number of noisy steps the training will take.").exception();
 * }</pre>
 * The fluent form keeps the four strings in a fixed order, so a caller cannot swap the constraint
 * and the hint by accident.
 *
 * <p>Immutable and thread-safe.
 *
 * @param input      the name of the input as the user typed or passed it (a parameter, option,
 *                   column or file name)
 * @param constraint what the input must be, phrased to follow "must be"
 * @param got        the offending value, already rendered for a message
 * @param fix        one sentence on how to fix it; may be empty when nothing useful can be said
 */
public record ArgumentProblem(String input, String constraint, String got, String fix) {

    public ArgumentProblem {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(constraint, "constraint");
        Objects.requireNonNull(got, "got");
        Objects.requireNonNull(fix, "fix");
    }

    /** The message in the house form, e.g. {@code "delta must be in (0, 1); got 1.5. Use ..."}. */
    public String message() {
        String base = input + " must be " + constraint + "; got " + got + ".";
        return fix.isEmpty() ? base : base + " " + fix;
    }

    /** This problem as an {@link IllegalArgumentException}, ready to throw. */
    public IllegalArgumentException exception() {
        return new InvalidArgumentsException(java.util.List.of(this), null);
    }

    @Override
    public String toString() {
        return message();
    }

    /** Fluent builder returned by {@link Checks#argument(String)}. */
    public static final class Builder {
        private final String input;
        private String constraint = "valid";

        Builder(String input) {
            this.input = Objects.requireNonNull(input, "input");
        }

        /** What the input must be, phrased to follow "must be" (e.g. "a finite number > 0"). */
        public Builder mustBe(String constraint) {
            this.constraint = Objects.requireNonNull(constraint, "constraint");
            return this;
        }

        /** The offending value; rendered with {@link Checks#render(Object)}. */
        public Completed got(Object value) {
            return new Completed(input, constraint, Checks.render(value));
        }
    }

    /** Second step of the builder: the value is known, a fix hint may follow. */
    public static final class Completed {
        private final String input;
        private final String constraint;
        private final String got;

        private Completed(String input, String constraint, String got) {
            this.input = input;
            this.constraint = constraint;
            this.got = got;
        }

        /** Adds the one-sentence hint and returns the finished problem. */
        public ArgumentProblem fix(String hint) {
            return new ArgumentProblem(input, constraint, got, Objects.requireNonNull(hint, "hint"));
        }

        /** The finished problem without a hint. */
        public ArgumentProblem noFix() {
            return new ArgumentProblem(input, constraint, got, "");
        }
    }
}
