package io.privkit.examples.dpia;

import io.privkit.cli.PrivkitCommand;
import io.privkit.evidence.EvidenceRecord;
import io.privkit.evidence.bundle.BundleCheck;
import io.privkit.evidence.bundle.BundleProblem;
import io.privkit.evidence.bundle.EvidenceBundle;
import io.privkit.evidence.measure.Measure;
import io.privkit.evidence.measure.MeasureCatalogue;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * DPIA author's quick start, from Java: check a bundle's integrity, then list each DPIA measure
 * with the records that evidence it, or "not measured".
 *
 * <p>Run with a bundle folder ({@code java ... BundleQuickstart privkit-demo}); with no argument it
 * first writes the demo bundle to a temporary folder.
 */
public final class BundleQuickstart {
    private BundleQuickstart() {
    }

    public static void main(String[] args) throws IOException {
        Path bundle = args.length > 0 ? Path.of(args[0]) : demoBundle();
        System.exit(run(bundle, System.out));
    }

    /** Checks {@code bundleDir} and prints the measures table; returns 0 when intact, 2 otherwise. */
    public static int run(Path bundleDir, PrintStream out) throws IOException {
        BundleCheck check = EvidenceBundle.check(bundleDir);
        if (!check.ok()) {
            for (BundleProblem p : check.problems()) {
                out.println("problem: " + p);
            }
            return 2;
        }
        out.println("Bundle " + check.manifest().bundleId() + ": every file matches its SHA-256 digest.");
        for (Measure m : MeasureCatalogue.current().measures()) {
            var records = check.records().stream().filter(r -> r.header().measureIds().contains(m.id())).toList();
            out.println(m.id().id() + ": " + (records.isEmpty() ? "not measured"
                    : String.join("; ", records.stream().map(EvidenceRecord::headline).toList())));
        }
        return 0;
    }

    private static Path demoBundle() throws IOException {
        Path dir = Files.createTempDirectory("privkit-quickstart").resolve("bundle");
        int code = PrivkitCommand.run(new String[] {"demo", "--out", dir.toString()},
                new PrintWriter(PrintWriter.nullWriter()), new PrintWriter(System.err, true));
        if (code != 0) {
            throw new IllegalStateException("privkit demo failed with exit code " + code);
        }
        return dir;
    }
}
