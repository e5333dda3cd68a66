package io.privkit.cli;

import java.util.List;

/**
 * A command's failure with the exit code it maps to and the lines to print on standard error,
 * each naming the input and the problem. Commands throw it after they have printed nothing to
 * standard output.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;
    private final transient List<String> lines;

    /** A failure with one line. */
    public CliException(ExitCode exitCode, String line) {
        this(exitCode, List.of(line));
    }

    /** A failure with several lines (one per problem). */
    public CliException(ExitCode exitCode, List<String> lines) {
        super(lines.isEmpty() ? exitCode.name() : lines.get(0));
        this.exitCode = exitCode;
        this.lines = List.copyOf(lines);
    }

    /** The exit code. */
    public ExitCode exitCode() {
        return exitCode;
    }

    /** The lines to print on standard error. */
    public List<String> lines() {
        return lines;
    }
}
