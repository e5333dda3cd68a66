package io.privkit.common;

import java.util.List;
import java.util.Objects;

/**
 * An {@link IllegalArgumentException} that carries every {@link ArgumentProblem} found, so a
 * builder can report all of them at once instead of making the user fix one per run.
 *
 * <p>The message is the single problem's message, or, for several, a heading line followed by one
 * line per problem.
 */
public class InvalidArgumentsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<ArgumentProblem> problems;

    /**
     * @param problems at least one problem
     * @param subject  what was being validated (e.g. {@code "DpSgdConfig"}), used in the heading
     *                 when there are several problems; may be {@code null}
     */
    public InvalidArgumentsException(List<ArgumentProblem> problems, String subject) {
        super(format(problems, subject));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in the order they were found. */
    public List<ArgumentProblem> problems() {
        return problems;
    }

    private static String format(List<ArgumentProblem> problems, String subject) {
        Objects.requireNonNull(problems, "problems");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems must not be empty");
        }
        if (problems.size() == 1) {
            return problems.get(0).message();
        }
        StringBuilder sb = new StringBuilder();
        sb.append(subject == null ? "Invalid arguments" : subject).append(" has ")
                .append(problems.size()).append(" problems:");
        for (ArgumentProblem p : problems) {
            sb.append("\n  - ").append(p.message());
        }
        return sb.toString();
    }
}
