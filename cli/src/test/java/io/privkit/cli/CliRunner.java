package io.privkit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code privkit} command in-process and captures its exit code and both streams. */
public final class CliRunner {
    private CliRunner() {
    }

    /** What a run printed and returned. */
    public record Run(int exitCode, String out, String err) {
        /** The standard-error lines. */
        public java.util.List<String> errLines() {
            return err.isEmpty() ? java.util.List.of() : java.util.List.of(err.split("\n"));
        }
    }

    /** Runs {@code privkit args...}. */
    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PrivkitCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }
}
