package io.privkit.examples.dpia;

import io.privkit.cli.PrivkitCommand;
import io.privkit.common.Randomness;
import io.privkit.fairness.synthetic.SyntheticLoans;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * DPIA author's quick start: one command on a CSV of decisions gives the fairness report (every
 * rate with its interval, disparities against the reference group, verdicts on the criteria, small
 * groups withheld) and an evidence record to cite. It is the same as running
 *
 * <pre>
 * ./privkit fairness --data loan-decisions.csv --label repaid --prediction approved --score score \
 *     --sensitive sex,age_band --characteristic sex=sex --characteristic age_band=age \
 *     --favourable 1 --reference 'M|25-44' --criterion demographic-parity=0.05 --criterion impact-ratio=0.8 \
 *     --evidence fairness.json
 * </pre>
 *
 * <p>With no argument it first writes a generated CSV (a loan model that scores women 0.08 lower)
 * to a temporary folder; exit code 1 means a criterion failed.
 */
public final class FairnessAuditQuickstart {
    private FairnessAuditQuickstart() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("privkit-fairness");
        System.exit(run(dir, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Writes {@code loan-decisions.csv} to {@code dir}, runs the command, and returns its exit code. */
    public static int run(Path dir, PrintWriter out, PrintWriter err) throws IOException {
        Path csv = dir.resolve("loan-decisions.csv");
        SyntheticLoans.writeCsv(new SyntheticLoans(20_000, 0.08).generate(Randomness.insecureSeeded(7)), csv);
        return PrivkitCommand.run(new String[] {"fairness", "--data", csv.toString(), "--label", "repaid", "--prediction", "approved",
            "--score", "score", "--sensitive", "sex,age_band", "--characteristic", "sex=sex", "--characteristic", "age_band=age",
            "--favourable", "1", "--reference", "M|25-44", "--criterion", "demographic-parity=0.05", "--criterion", "impact-ratio=0.8",
            "--evidence", dir.resolve("fairness.json").toString()}, out, err);
    }
}
