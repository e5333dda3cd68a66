package io.privkit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privkit.cli.demo.DemoContext;
import io.privkit.cli.demo.DemoStep;
import io.privkit.cli.demo.DemoSteps;
import io.privkit.common.AtomicFiles;
import io.privkit.common.Randomness;
import io.privkit.evidence.EvidenceRecord;
import io.privkit.evidence.Subject;
import io.privkit.evidence.bundle.BundleFile;
import io.privkit.evidence.bundle.EvidenceBundle;
import io.privkit.evidence.json.CanonicalJson;
import io.privkit.evidence.json.JsonNames;
import io.privkit.evidence.measure.Measure;
import io.privkit.evidence.measure.MeasureCatalogue;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code privkit demo}: the main job. With no arguments it runs every capability end to end on
 * generated data and writes an evidence bundle to {@code ./privkit-demo/}, then says where it is
 * and what is in it. The generated data is the same on every run (fixed seed); privacy noise is
 * always drawn from the secure generator.
 */
@Command(name = "demo",
        header = "Run every capability on generated data and write an evidence bundle (start here).",
        description = {
            "",
            "Writes ./privkit-demo/ (or --out): evidence records, a README.md summary with the DPIA measures table, "
                + "SHA256SUMS and manifest.json. An existing demo bundle there is replaced; any other folder is left alone.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {"  privkit demo", "  privkit demo --out /tmp/evidence --keep-data /tmp/demo-data"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:The bundle was written.", "2:--out names a folder that is not a Privkit bundle.",
            "4:The bundle could not be written."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "privkit-demo",
            description = "Where to write the bundle (default: ${DEFAULT-VALUE}).")
    Path bundleDir;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "2026",
            description = "Seed for the generated data (default: ${DEFAULT-VALUE}). Privacy noise is never seeded.")
    long seed;

    @Option(names = "--keep-data", paramLabel = "DIR",
            description = "Also keep the generated data files in DIR, to try the other commands on them.")
    Path keepData;

    @Mixin
    OutputOptions output;

    @Mixin
    HelpOption help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter log = output.json() ? new PrintWriter(PrintWriter.nullWriter()) : out;
        EvidenceBundle.requireWritable(bundleDir);
        List<DemoStep> steps = DemoSteps.all();
        Path dataDir = Files.createTempDirectory("privkit-demo-data");
        List<EvidenceRecord> records = new ArrayList<>();
        long started = System.nanoTime();
        try {
            DemoContext ctx = new DemoContext(dataDir, seed, Randomness.secure(), Clock.systemUTC(),
                    new Subject("Privkit demo: loan approvals on generated data", "demo-credit-model", "1", List.of()), log);
            log.println("Privkit demo: each capability on generated data (seed " + seed + "), one evidence bundle.");
            int i = 0;
            for (DemoStep step : steps) {
                i++;
                long t0 = System.nanoTime();
                log.print("  [" + i + "/" + steps.size() + "] " + step.title() + " ... ");
                log.flush();
                List<EvidenceRecord> produced = step.run(ctx);
                records.addAll(produced);
                log.println(String.format(Locale.ROOT, "done in %.1f s", (System.nanoTime() - t0) / 1e9));
                for (EvidenceRecord r : produced) {
                    log.println("        " + r.headline());
                }
            }
            if (steps.isEmpty()) {
                log.println("  No capability is wired into the demo yet: the bundle lists every measure as not measured.");
            }
            EvidenceBundle.Writer writer = EvidenceBundle.writer();
            records.forEach(writer::record);
            EvidenceBundle bundle = writer.write(bundleDir);
            if (keepData != null) {
                copyTree(dataDir, keepData);
            }
            report(out, bundle, (System.nanoTime() - started) / 1e9, log);
            return ExitCode.OK.code();
        } finally {
            AtomicFiles.deleteRecursively(dataDir);
        }
    }

    private void report(PrintWriter out, EvidenceBundle bundle, double seconds, PrintWriter log) {
        if (output.json()) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("bundle", bundleDir.toString());
            root.put("bundleId", bundle.manifest().bundleId().toString());
            ArrayNode recs = root.putArray("records");
            for (BundleFile f : bundle.manifest().files()) {
                if (f.recordType() != null) {
                    ObjectNode o = recs.addObject();
                    o.put("path", f.path());
                    o.put("recordType", f.recordType());
                    o.put("verdict", JsonNames.of(f.verdict()));
                }
            }
            ArrayNode notMeasured = root.putArray("notMeasured");
            notMeasured(bundle).forEach(m -> notMeasured.add(m.id().id()));
            out.print(new String(CanonicalJson.write(root), StandardCharsets.UTF_8));
            out.flush();
            return;
        }
        log.println();
        log.println(String.format(Locale.ROOT, "Wrote %s/ in %.1f s (bundle %s):", bundleDir, seconds, bundle.manifest().bundleId()));
        int width = bundle.manifest().files().stream().mapToInt(f -> f.path().length()).max().orElse(0);
        width = Math.max(width, "manifest.json".length()) + 2;
        String row = "  %-" + width + "s %s";
        for (BundleFile f : bundle.manifest().files()) {
            String what = f.recordType() != null ? f.recordType() + " record, verdict " + JsonNames.of(f.verdict())
                    : switch (f.path()) {
                        case EvidenceBundle.README -> "summary for people: records, DPIA measures table, how to check";
                        case EvidenceBundle.SHA256SUMS -> "digests, for 'sha256sum -c SHA256SUMS' without Privkit";
                        default -> f.mediaType();
                    };
            log.println(String.format(Locale.ROOT, row, f.path(), what));
        }
        log.println(String.format(Locale.ROOT, row, "manifest.json", "SHA-256 and size of every other file"));
        List<Measure> missing = notMeasured(bundle);
        if (!missing.isEmpty()) {
            log.println("Not measured in this bundle: " + String.join(", ", missing.stream().map(m -> m.id().id()).toList()) + ".");
        }
        log.println();
        log.println("Next: ./privkit evidence validate " + bundleDir + "    (checks every digest and record)");
        log.println("      ./privkit evidence show " + bundleDir + "        (reads the records)");
        log.flush();
    }

    private static List<Measure> notMeasured(EvidenceBundle bundle) {
        List<Measure> missing = new ArrayList<>();
        for (Measure m : MeasureCatalogue.current().measures()) {
            boolean evidenced = bundle.records().stream().anyMatch(r -> r.header().measureIds().contains(m.id()));
            if (!evidenced) {
                missing.add(m);
            }
        }
        return missing;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
