package io.privkit.examples.mlops;

import io.privkit.cli.PrivkitCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * MLOps quick start: gate a pipeline on data drift with one call,
 * {@code privkit drift --reference reference.csv --current current.csv --evidence drift.json}, whose
 * exit code is 0 (no drift), 1 (drift) or 2 (bad input). Also shows the stored-profile form: profile
 * the reference once, then compare each day's file with the profile.
 *
 * <p>Run with two CSV files ({@code java ... DriftGateQuickstart reference.csv current.csv}); with no
 * argument it writes a small generated pair to a temporary folder first.
 */
public final class DriftGateQuickstart {
    private DriftGateQuickstart() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("privkit-drift-quickstart");
        Path reference = args.length > 1 ? Path.of(args[0]) : generate(dir.resolve("reference.csv"), 0.0);
        Path current = args.length > 1 ? Path.of(args[1]) : generate(dir.resolve("current.csv"), 0.4);
        System.exit(gate(reference, current, dir, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * The gate: the same as the shell lines
     * <pre>
     * privkit drift profile --input reference.csv --output reference.profile.json
     * privkit drift --reference reference.profile.json --current current.csv --evidence drift.json || exit $?
     * </pre>
     *
     * @return the exit code of the drift check
     */
    public static int gate(Path reference, Path current, Path workDir, PrintWriter out, PrintWriter err) {
        Path profile = workDir.resolve("reference.profile.json");
        int p = PrivkitCommand.run(new String[] {"drift", "profile", "--input", reference.toString(), "--output", profile.toString()}, out, err);
        if (p != 0) {
            return p;
        }
        return PrivkitCommand.run(new String[] {"drift", "--reference", profile.toString(), "--current", current.toString(),
            "--evidence", workDir.resolve("drift.json").toString()}, out, err);
    }

    /** A generated table: age, income (shifted by {@code shift} standard deviations) and region. */
    public static Path generate(Path file, double shift) throws IOException {
        Random r = new Random(shift == 0 ? 1 : 2); // example data only; Privkit itself takes injected Randomness
        StringBuilder sb = new StringBuilder("age,income,region\n");
        String[] regions = {"north", "south", "east", "west"};
        for (int i = 0; i < 3000; i++) {
            sb.append(String.format(Locale.ROOT, "%d,%.2f,%s%n", 20 + r.nextInt(50), 40000 + 9000 * (r.nextGaussian() + shift),
                    regions[r.nextInt(regions.length)]));
        }
        Files.writeString(file, sb);
        return file;
    }
}
