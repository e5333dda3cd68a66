package io.privkit.evidence;

import io.privkit.common.DataFormatException;
import java.nio.file.Path;
import java.util.List;

/**
 * A file or byte array that is not a valid Privkit evidence record (or bundle): not JSON, an
 * unknown or newer schema version, a schema violation, or a value the record's own checks refuse.
 * Carries every problem found; the message names the source and the first problem.
 */
public class EvidenceFormatException extends DataFormatException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    /**
     * @param file     the file, or null for in-memory input
     * @param problems at least one problem, each a self-contained sentence or {@code "<path>: <message>"}
     */
    public EvidenceFormatException(Path file, List<String> problems) {
        super(file, 0, null, summary(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in order. */
    public List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems must not be empty");
        }
        String first = problems.get(0);
        return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more)";
    }
}
