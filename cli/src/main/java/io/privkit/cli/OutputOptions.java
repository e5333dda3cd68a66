package io.privkit.cli;

import picocli.CommandLine.Option;

/** The output choice every verb shares: human text (default) or one JSON document on standard output. */
public final class OutputOptions {
    @Option(names = "--json", description = "Print one JSON document on standard output instead of text, for scripts.")
    boolean json;

    /** Whether JSON output was asked for. */
    public boolean json() {
        return json;
    }
}
