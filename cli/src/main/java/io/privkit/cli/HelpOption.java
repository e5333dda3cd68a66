package io.privkit.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} for every verb (the version option lives on {@code privkit} itself). */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
