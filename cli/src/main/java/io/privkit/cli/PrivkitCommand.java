package io.privkit.cli;

import io.privkit.common.DataFormatException;
import io.privkit.evidence.EvidenceFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code privkit} command: one subcommand per verb, text or JSON output, and stable exit codes
 * ({@link ExitCode}).
 *
 * <p>Errors are printed on standard error as one line per problem, each naming the input
 * ({@code privkit: report.json: $.header.verdict: does not have a value in the enumeration ...}),
 * never as a stack trace unless {@code --debug} is given. Standard output carries only the result,
 * so {@code --json} output can be piped.
 */
@Command(name = "privkit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Privacy-preserving training and monitoring of machine-learning systems, with evidence for DPIAs.",
        description = {
            "",
            "Start with 'privkit demo': it runs on generated data and writes an evidence bundle to ./privkit-demo/.",
            "Then read one verb's help, e.g. 'privkit evidence --help'.",
            ""
        },
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Success: the command ran and every check passed.",
            "1:A check failed (drift detected, a fairness criterion failed).",
            "2:Bad input: a missing or malformed file, an invalid option or value.",
            "3:Privacy budget exhausted: the ledger refused a spend.",
            "4:Input/output error: a file exists but cannot be read or written.",
            "5:Internal error: a bug in Privkit; rerun with --debug and report it.",
            "6:Integrity error: a bundle's signature, digest or log proof does not verify.",
            "7:Inconclusive: the evidence cannot tell pass from fail (report gate)."
        },
        footer = {"", "Documentation: README.md in the Privkit repository. Report bugs with the output of --debug."},
        subcommands = {
            DemoCommand.class,
            DriftCommand.class,
            EvidenceCommand.class,
            ReportCommand.class, VerifyCommand.class, KeysCommand.class,
            FairnessCommand.class,
            OversightCommand.class,
            AccountantCommand.class,
            LedgerCommand.class,
            FederatedCommand.class,
            CommandLine.HelpCommand.class
        })
public final class PrivkitCommand implements Runnable {

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On an error, also print the Java stack trace (for bug reports).")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // 'privkit' alone: show what to do first.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Entry point of the runnable jar. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command with the given streams and returns the exit code (for tests and embedding). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(out, err);
        return cl.execute(args);
    }

    /** The configured command line, writing to the given streams. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        PrivkitCommand root = new PrivkitCommand();
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("privkit: " + ex.getMessage());
            c.getErr().println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            c.getErr().flush();
            return ExitCode.BAD_INPUT.code();
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            PrintWriter e = c.getErr();
            Failure f = classify(ex);
            for (String line : f.lines()) {
                e.println("privkit: " + line);
            }
            if (root.debug || "1".equals(System.getenv("PRIVKIT_DEBUG"))) {
                ex.printStackTrace(e);
            } else if (f.code() == ExitCode.INTERNAL_ERROR) {
                e.println("privkit: rerun with --debug for the stack trace, and report it.");
            }
            e.flush();
            return f.code().code();
        });
        return cl;
    }

    /** How an exception is reported: its lines and exit code. */
    record Failure(ExitCode code, List<String> lines) {
    }

    static Failure classify(Throwable ex) {
        if (ex instanceof CliException c) {
            return new Failure(c.exitCode(), c.lines());
        }
        if (ex instanceof io.privkit.dp.ledger.BudgetExceededException b) {
            return new Failure(ExitCode.BUDGET_EXHAUSTED, List.of(b.getMessage()));
        }
        if (ex instanceof EvidenceFormatException f) {
            String prefix = f.file().map(p -> p + ": ").orElse("");
            return new Failure(ExitCode.BAD_INPUT, f.problems().stream().map(p -> prefix + p).toList());
        }
        if (ex instanceof DataFormatException || ex instanceof IllegalArgumentException) {
            return new Failure(ExitCode.BAD_INPUT, List.of(ex.getMessage()));
        }
        if (ex instanceof UncheckedIOException u) {
            return classify(u.getCause());
        }
        if (ex instanceof NoSuchFileException n) {
            return new Failure(ExitCode.BAD_INPUT, List.of(n.getFile() + ": no such file or folder. Check the path."));
        }
        if (ex instanceof NotDirectoryException n) {
            return new Failure(ExitCode.BAD_INPUT, List.of(n.getFile() + ": not a folder."));
        }
        if (ex instanceof AccessDeniedException a) {
            return new Failure(ExitCode.IO_ERROR, List.of(a.getFile() + ": permission denied."));
        }
        if (ex instanceof IOException io) {
            return new Failure(ExitCode.IO_ERROR, List.of(io.getMessage() == null ? io.toString() : io.getMessage()));
        }
        return new Failure(ExitCode.INTERNAL_ERROR, List.of("internal error: " + ex));
    }
}
