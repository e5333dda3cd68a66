package io.privkit.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Collects every {@link ArgumentProblem} of a validation before throwing once, so a builder's
 * {@code build()} reports all problems at once.
 *
 * <pre>{@code
 * Problems problems = Problems.of("DpSgdConfig");
 * problems.check(clipNorm > 0, () -> Checks.argument("clipNorm").mustBe("> 0").got(clipNorm)
 *         .fix("Pick the per-example L2 norm bound, e.g. 1.0."));
 * problems.throwIfAny();
 * }</pre>
 *
 * <p>Single-use and not thread-safe: create one per validation.
 */
public final class Problems {
    private final String subject;
    private final List<ArgumentProblem> found = new ArrayList<>();

    private Problems(String subject) {
        this.subject = subject;
    }

    /** A new, empty collector for the named subject (e.g. a builder's class name). */
    public static Problems of(String subject) {
        return new Problems(Objects.requireNonNull(subject, "subject"));
    }

    /** Records the problem unless {@code condition} holds. Returns {@code condition}. */
    public boolean check(boolean condition, Supplier<ArgumentProblem> problem) {
        if (!condition) {
            found.add(Objects.requireNonNull(problem.get(), "problem"));
        }
        return condition;
    }

    /** Records a problem unconditionally. */
    public void add(ArgumentProblem problem) {
        found.add(Objects.requireNonNull(problem, "problem"));
    }

    /**
     * Runs a check written with {@link Checks}; if it fails, its problems are recorded instead of
     * propagated. Returns whether the check passed. Other exceptions propagate unchanged.
     */
    public boolean capture(Runnable check) {
        try {
            check.run();
            return true;
        } catch (InvalidArgumentsException e) {
            found.addAll(e.problems());
            return false;
        }
    }

    /** Whether no problem has been recorded. */
    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** The problems recorded so far. */
    public List<ArgumentProblem> list() {
        return List.copyOf(found);
    }

    /** Throws an {@link InvalidArgumentsException} listing every problem, if there is any. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidArgumentsException(found, subject);
        }
    }
}
