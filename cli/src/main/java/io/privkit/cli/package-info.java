/**
 * The {@code privkit} command ({@link io.privkit.cli.PrivkitCommand}): one {@code *Command} class
 * per verb, text or JSON output ({@link io.privkit.cli.OutputOptions}), and the stable exit codes
 * of {@link io.privkit.cli.ExitCode}. Packaged as the runnable jar {@code cli/target/privkit.jar},
 * which the {@code privkit} launcher script at the repository root builds and runs.
 */
package io.privkit.cli;
