package io.privkit.examples.mlops;

import io.privkit.cli.PrivkitCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * MLOps quick start: the README's pipeline gate on the privacy budget, run with the same
 * arguments in-process: account for a nightly training job, create a budget ledger, record each
 * night's job before it runs, and stop the pipeline (exit code 3) once the budget is exhausted.
 *
 * <p>Run with a folder for the ledger; with no argument it uses a temporary folder.
 */
public final class BudgetGateQuickstart {
    private BudgetGateQuickstart() {
    }

    /** One command's exit code and output. */
    public record Step(List<String> command, int exitCode, String out, String err) {
    }

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("privkit-gate");
        for (Step s : run(dir)) {
            System.out.println("$ privkit " + String.join(" ", s.command()) + "   # exit " + s.exitCode());
            System.out.print(s.out());
            System.err.print(s.err());
        }
    }

    /** Runs the gate: accountant, ledger create, nightly spends until refused, verify. */
    public static List<Step> run(Path dir) {
        String db = dir.resolve("budget.db").toString();
        List<Step> steps = new ArrayList<>();
        steps.add(privkit("accountant", "--noise-multiplier", "1.1", "--sampling-rate", "0.01", "--steps", "10000",
                "--delta", "1e-5", "--json"));
        steps.add(privkit("accountant", "--target-epsilon", "3", "--sampling-rate", "0.01", "--steps", "10000", "--delta", "1e-5"));
        steps.add(privkit("ledger", "create", "--ledger", db, "--epsilon", "8", "--delta", "1e-5"));
        for (int night = 1; night <= 5; night++) {
            Step s = privkit("ledger", "spend", "--ledger", db, "--label", "nightly training " + night,
                    "--noise-multiplier", "1.1", "--sampling-rate", "0.01", "--steps", "10000");
            steps.add(s);
            if (s.exitCode() != 0) {
                break;   // exit 3: the budget is exhausted; the job must not train
            }
        }
        steps.add(privkit("ledger", "verify", "--ledger", db));
        return steps;
    }

    private static Step privkit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PrivkitCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Step(List.of(args), code, out.toString(), err.toString());
    }
}
