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
import io.privkit.cli.demo.DemoPolicy;
import io.privkit.evidence.bundle.EvidenceBundle;
import io.privkit.evidence.render.MarkdownReport;
import io.privkit.evidence.report.BundleVerifier;
import io.privkit.evidence.report.DpiaEvidenceBundle;
import io.privkit.evidence.report.PolicyFile;
import io.privkit.evidence.report.ReportBundle;
import io.privkit.evidence.sign.Ed25519Signer;
import java.security.SecureRandom;
import io.privkit.evidence.json.CanonicalJson;
import io.privkit.evidence.json.JsonNames;
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
 * generated data, then builds a signed DPIA evidence bundle in {@code ./privkit-demo/} (records,
 * HTML and PDF reports, Markdown, a CNIL PIA fragment, the evidence log, the verification
 * appendix), verifies it, and says where everything is. The acceptance policy is fixed before any
 * step runs. The bundle is signed with a one-off Ed25519 key generated for the run: its private
 * half is discarded and its public key ships in the bundle, which the report says. The generated
 * data is the same on every run (fixed seed); privacy noise is always drawn from the secure
 * generator.
 */
@Command(name = "demo",
        header = "Run every capability on generated data and write an evidence bundle (start here).",
        description = {
            "",
            "Writes ./privkit-demo/ (or --out): a signed DPIA evidence bundle with report.html and report.pdf, the records, "
                + "the measures table, the evidence log and VERIFY.md. An existing bundle there is replaced; any other folder is left alone.",
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
        Clock clock = Clock.systemUTC();
        Subject subject = new Subject("Privkit demo: loan approvals on generated data", "demo-credit-model", "1", List.of());
        // The thresholds are fixed before any evidence is computed: that is what pre-registration means.
        PolicyFile policy = PolicyFile.of(DemoPolicy.create(clock.instant().minusSeconds(1), subject.systemName()));
        try {
            DemoContext ctx = new DemoContext(dataDir, seed, Randomness.secure(), clock, subject, log);
            log.println("Privkit demo: each capability on generated data (seed " + seed + "), one signed evidence bundle.");
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
            long t0 = System.nanoTime();
            log.print("  [report] build, sign (one-off Ed25519 key), render HTML and PDF, verify ... ");
            log.flush();
            Ed25519Signer signer = Ed25519Signer.generate(new SecureRandom());
            ReportBundle bundle = ReportBundle.builder().records(records).policy(policy).signer(signer).clock(clock)
                    .deploymentContext("demonstration on generated data").write(bundleDir);
            BundleVerifier.Result verified = BundleVerifier.verify(bundleDir, BundleVerifier.Options.defaults().withKeyId(signer.keyId()));
            if (!verified.ok()) {
                throw new IllegalStateException("the demo bundle does not verify: " + verified.problems());
            }
            log.println(String.format(Locale.ROOT, "done in %.1f s", (System.nanoTime() - t0) / 1e9));
            if (keepData != null) {
                copyTree(dataDir, keepData);
            }
            report(out, bundle, (System.nanoTime() - started) / 1e9, log);
            return ExitCode.OK.code();
        } finally {
            AtomicFiles.deleteRecursively(dataDir);
        }
    }

    private void report(PrintWriter out, ReportBundle bundle, double seconds, PrintWriter log) {
        DpiaEvidenceBundle d = bundle.document();
        Path html = bundleDir.resolve(ReportBundle.HTML_PATH);
        Path pdf = bundleDir.resolve(ReportBundle.PDF_PATH);
        if (output.json()) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("bundle", bundleDir.toString());
            root.put("bundleId", d.bundleId().toString());
            root.put("html", html.toString());
            root.put("pdf", pdf.toString());
            root.put("keyId", d.integrity().signerKeyId());
            root.put("keyKind", JsonNames.of(d.integrity().keyKind()));
            root.put("verified", true);
            root.put("gate", JsonNames.of(d.gate().verdict()));
            ArrayNode recs = root.putArray("records");
            for (DpiaEvidenceBundle.RecordEntry e : d.records()) {
                recs.addObject().put("path", e.path()).put("recordType", e.type()).put("verdict", JsonNames.of(e.verdict()));
            }
            ArrayNode measures = root.putArray("measures");
            d.measures().forEach(m -> measures.addObject().put("measureId", m.measureId().id()).put("status", JsonNames.of(m.status())));
            ArrayNode notMeasured = root.putArray("notMeasured");
            d.notMeasured().forEach(m -> notMeasured.add(m.measureId().id()));
            out.print(new String(CanonicalJson.write(root), StandardCharsets.UTF_8));
            out.flush();
            return;
        }
        log.println();
        log.println(String.format(Locale.ROOT, "Wrote %s/ in %.1f s (bundle %s), signed and verified. Gate: %s.", bundleDir, seconds,
                d.bundleId(), JsonNames.of(d.gate().verdict())));
        log.println("  Read the report:   " + html);
        log.println("                     " + pdf);
        log.println("  Paste into a DPIA: " + bundleDir.resolve(ReportBundle.MARKDOWN_PATH) + " (measures table), "
                + bundleDir.resolve(ReportBundle.CNIL_PATH) + " (CNIL PIA tool)");
        log.println("  Source of truth:   " + bundleDir.resolve(DpiaEvidenceBundle.PATH));
        log.println("Measures:");
        for (DpiaEvidenceBundle.MeasureRow m : d.measures()) {
            log.println(String.format(Locale.ROOT, "  %-20s %s", m.measureId().id(), MarkdownReport.status(m)));
        }
        log.println("Signed with a one-off demo key generated for this run (its private half was discarded; the public key ships in the");
        log.println("bundle as signer.pub.pem). Key id: " + d.integrity().signerKeyId());
        log.println();
        log.println("Next: ./privkit verify " + bundleDir + " --key-id " + d.integrity().signerKeyId());
        log.println("      ./privkit report gate " + bundleDir + "       (the CI exit code: 0 pass, 1 fail, 7 inconclusive)");
        log.println("      ./privkit evidence validate " + bundleDir + "  (checks every digest and record)");
        log.println("      without Privkit: follow " + bundleDir.resolve("VERIFY.md") + " (sha256sum and openssl only)");
        log.flush();
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
