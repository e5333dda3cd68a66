package io.privkit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privkit.evidence.EvidenceFormatException;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.EvidenceRecord;
import io.privkit.evidence.bundle.EvidenceBundle;
import io.privkit.evidence.json.CanonicalJson;
import io.privkit.evidence.json.JsonNames;
import io.privkit.evidence.render.MarkdownReport;
import io.privkit.evidence.report.BundleDiff;
import io.privkit.evidence.report.BundleVerifier;
import io.privkit.evidence.report.DpiaEvidenceBundle;
import io.privkit.evidence.report.PolicyFile;
import io.privkit.evidence.report.ReportBundle;
import io.privkit.evidence.report.ReportSchemas;
import io.privkit.evidence.sign.Ed25519Signer;
import io.privkit.evidence.sign.Signer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code privkit report}: build, compare, gate on and show signed DPIA evidence bundles. */
@Command(name = "report", header = "Build signed DPIA evidence bundles (HTML, PDF, Markdown), compare two, and gate CI on their verdicts.",
        commandListHeading = "%nCommands:%n",
        subcommands = {ReportCommand.Build.class, ReportCommand.Diff.class, ReportCommand.Gate.class, ReportCommand.Show.class,
            ReportCommand.Schema.class})
public final class ReportCommand implements Runnable {
    @Mixin
    HelpOption help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads every record of a folder: a Privkit bundle (checked), or the *.json records in it. */
    static List<EvidenceRecord> readRecords(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(dir.toString());
        }
        if (!Files.isDirectory(dir)) {
            throw new CliException(ExitCode.BAD_INPUT, dir + ": --records must be a folder of evidence records (*.json) or a bundle.");
        }
        if (EvidenceBundle.isBundle(dir)) {
            return EvidenceBundle.read(dir).records();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList();
        }
        List<EvidenceRecord> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            try {
                out.add(EvidenceJson.read(f));
            } catch (EvidenceFormatException e) {
                e.problems().forEach(p -> problems.add(f + ": " + p));
            }
        }
        if (!problems.isEmpty()) {
            throw new CliException(ExitCode.BAD_INPUT, problems);
        }
        return out;
    }

    /** Verifies a bundle and throws an integrity failure naming every problem. */
    static void requireVerified(Path bundle, String keyId) throws IOException {
        BundleVerifier.Options o = BundleVerifier.Options.defaults();
        if (keyId != null) {
            o = o.withKeyId(keyId.strip().toLowerCase(java.util.Locale.ROOT));
        }
        BundleVerifier.Result r = BundleVerifier.verify(bundle, o);
        if (!r.ok()) {
            throw new CliException(r.anyUnreadable() ? ExitCode.IO_ERROR : ExitCode.INTEGRITY_ERROR,
                    r.problems().stream().map(p -> bundle.resolve(p.path()) + ": " + p.message()).toList());
        }
    }

    // ------------------------------------------------------------------ build

    /** {@code privkit report build}. */
    @Command(name = "build", header = "Build a signed DPIA evidence bundle from evidence records and a pre-registered acceptance policy.",
            description = {"",
                "Writes BUNDLE atomically: dpia-evidence-bundle.json (the source of truth), the records, report.html, report.pdf,",
                "report.md, cnil-pia-measures.json, the evidence log with a signed checkpoint, VERIFY.md, and a signed in-toto",
                "statement over every file. Without --key the bundle is signed with a one-off key whose private half is discarded.",
                "The exit code is 0 whatever the verdicts: gate on them with 'privkit report gate BUNDLE'.", ""},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:Built.", "2:A record, the policy, the key or --previous is missing or invalid (nothing is written).",
                "4:A file cannot be read or written.", "6:--previous does not verify."})
    static final class Build implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Option(names = "--records", paramLabel = "DIR", required = true, description = "Evidence records (*.json) or a Privkit bundle.")
        Path records;

        @Option(names = "--policy", paramLabel = "FILE", required = true,
                description = "The pre-registered acceptance policy (JSON; schema: 'privkit report schema acceptance-policy').")
        Path policy;

        @Option(names = "--out", paramLabel = "BUNDLE", required = true, description = "The bundle folder to write (new, empty or a bundle).")
        Path out;

        @Option(names = "--key", paramLabel = "FILE", description = "Signing key (from 'privkit keys create'); default: a one-off key.")
        Path key;

        @Option(names = "--key-passphrase-file", paramLabel = "FILE", description = "Passphrase of an encrypted key (or set PRIVKIT_KEY_PASSPHRASE).")
        Path passphraseFile;

        @Option(names = "--previous", paramLabel = "BUNDLE", description = "The previous bundle: this bundle's log extends it and lists changes.")
        Path previous;

        @CommandLine.Mixin
        OutputOptions output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            EvidenceBundle.requireWritable(out);
            if (previous != null) {
                requireVerified(previous, null);
            }
            PolicyFile p = PolicyFile.read(policy);
            List<EvidenceRecord> rs = readRecords(records);
            Signer signer = key != null ? KeysCommand.load(key, passphraseFile) : Ed25519Signer.generate(new SecureRandom());
            ReportBundle.Builder b = ReportBundle.builder().records(rs).policy(p).signer(signer);
            if (previous != null) {
                b.previous(previous);
            }
            ReportBundle bundle = b.write(out);
            print(spec.commandLine().getOut(), bundle, output.json());
            return ExitCode.OK.code();
        }
    }

    static void print(PrintWriter o, ReportBundle bundle, boolean json) {
        DpiaEvidenceBundle d = bundle.document();
        if (json) {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("bundle", bundle.directory().toString());
            n.put("bundleId", d.bundleId().toString());
            n.put("gate", JsonNames.of(d.gate().verdict()));
            n.put("keyId", d.integrity().signerKeyId());
            n.put("keyKind", JsonNames.of(d.integrity().keyKind()));
            n.put("html", bundle.directory().resolve(ReportBundle.HTML_PATH).toString());
            n.put("pdf", bundle.directory().resolve(ReportBundle.PDF_PATH).toString());
            ArrayNode m = n.putArray("measures");
            d.measures().forEach(r -> m.addObject().put("measureId", r.measureId().id()).put("status", JsonNames.of(r.status())));
            o.print(new String(CanonicalJson.write(n), StandardCharsets.UTF_8));
        } else {
            o.println("Built " + bundle.directory() + "/ (bundle " + d.bundleId() + "), " + d.records().size() + " records, gate "
                    + JsonNames.of(d.gate().verdict()) + ".");
            for (var r : d.measures()) {
                o.println(String.format(java.util.Locale.ROOT, "  %-20s %s", r.measureId().id(), MarkdownReport.status(r)));
            }
            o.println("Read:   " + bundle.directory().resolve(ReportBundle.HTML_PATH) + "  or  " + bundle.directory().resolve(ReportBundle.PDF_PATH));
            o.println("Signed: key id " + d.integrity().signerKeyId()
                    + (d.integrity().keyKind() == DpiaEvidenceBundle.KeyKind.EPHEMERAL ? " (a one-off key: record this id in the DPIA)" : ""));
            o.println("Check:  privkit verify " + bundle.directory() + " --key-id " + d.integrity().signerKeyId());
        }
        o.flush();
    }

    // ------------------------------------------------------------------ diff

    /** {@code privkit report diff OLD NEW}. */
    @Command(name = "diff", header = "Compare two bundles: epsilon spent, fairness changes (with interval overlap), new drift events, measure statuses.",
            description = {"", "Both bundles are verified first. Also says whether NEW's log extends OLD's checkpoint.", ""},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:Compared.", "2:A folder is missing or not a bundle.", "6:A bundle does not verify."})
    static final class Diff implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Parameters(index = "0", paramLabel = "OLD")
        Path oldBundle;

        @Parameters(index = "1", paramLabel = "NEW")
        Path newBundle;

        @CommandLine.Mixin
        OutputOptions output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            requireVerified(oldBundle, null);
            requireVerified(newBundle, null);
            ReportBundle a = ReportBundle.read(oldBundle);
            ReportBundle b = ReportBundle.read(newBundle);
            List<DpiaEvidenceBundle.Change> changes = BundleDiff.between(a.view(), b.view());
            BundleVerifier.Result chain = BundleVerifier.verify(newBundle, BundleVerifier.Options.defaults().withPrevious(oldBundle));
            boolean extendsOld = chain.ok();
            PrintWriter o = spec.commandLine().getOut();
            if (output.json()) {
                ObjectNode n = JsonNodeFactory.instance.objectNode();
                n.put("old", a.document().bundleId().toString());
                n.put("new", b.document().bundleId().toString());
                n.put("logExtendsOld", extendsOld);
                n.set("changes", CanonicalJson.mapper().valueToTree(changes));
                o.print(new String(CanonicalJson.write(n), StandardCharsets.UTF_8));
            } else {
                o.println("From bundle " + a.document().bundleId() + " to " + b.document().bundleId() + ": " + changes.size() + " changes; "
                        + (extendsOld ? "the new log extends the old checkpoint (consistency proof verified)."
                        : "the new log does not claim to extend the old one."));
                for (DpiaEvidenceBundle.Change c : changes) {
                    o.println("  [" + JsonNames.of(c.kind()) + "] " + c.subject() + ": " + (c.before() == null ? "-" : c.before()) + " -> "
                            + (c.after() == null ? "-" : c.after()) + " (" + c.note() + ")");
                }
            }
            o.flush();
            return ExitCode.OK.code();
        }
    }

    // ------------------------------------------------------------------ gate

    /** {@code privkit report gate BUNDLE}. */
    @Command(name = "gate", header = "Exit with the bundle's verdict, for CI: 0 pass, 1 fail, 7 inconclusive, 6 integrity error.",
            description = {"", "The bundle is verified first, so CI gates on the very evidence the DPO reads.", ""},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:Every pre-registered criterion passes.", "1:A criterion fails, or required evidence is missing.",
                "2:No such folder.", "6:The bundle does not verify.", "7:Inconclusive: an interval straddles a threshold, or the policy is stale."})
    static final class Gate implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Parameters(paramLabel = "BUNDLE")
        Path bundle;

        @Option(names = "--key-id", paramLabel = "HEX", description = "The signer key id you expect.")
        String keyId;

        @CommandLine.Mixin
        OutputOptions output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            requireVerified(bundle, keyId);
            DpiaEvidenceBundle d = ReportBundle.read(bundle).document();
            PrintWriter o = spec.commandLine().getOut();
            if (output.json()) {
                o.print(new String(CanonicalJson.write(d.gate()), StandardCharsets.UTF_8));
            } else {
                o.println("gate: " + JsonNames.of(d.gate().verdict()) + " (bundle " + d.bundleId() + ", policy " + d.policy().policyId() + " v"
                        + d.policy().version() + ")");
                d.gate().reasons().forEach(r -> o.println("  " + r));
            }
            o.flush();
            return switch (d.gate().verdict()) {
                case PASS -> ExitCode.OK.code();
                case FAIL -> ExitCode.CHECK_FAILED.code();
                default -> ExitCode.INCONCLUSIVE.code();
            };
        }
    }

    // ------------------------------------------------------------------ show

    /** {@code privkit report show BUNDLE}. */
    @Command(name = "show", header = "Print a verified bundle as Markdown (for a pull-request comment) or its measures table alone.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:Printed.", "2:No such folder.", "6:The bundle does not verify."})
    static final class Show implements Callable<Integer> {
        @Mixin
        HelpOption help;

        /** What to print. */
        enum Part { REPORT, MEASURES }

        @Parameters(paramLabel = "BUNDLE")
        Path bundle;

        @Option(names = "--part", paramLabel = "PART", defaultValue = "report",
                description = "report (the pull-request comment) or measures (the table to paste into a DPIA). Default: ${DEFAULT-VALUE}.")
        Part part;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            requireVerified(bundle, null);
            ReportBundle b = ReportBundle.read(bundle);
            PrintWriter o = spec.commandLine().getOut();
            o.print(part == Part.MEASURES ? MarkdownReport.measuresTable(b.document()) : MarkdownReport.render(b.view()));
            o.flush();
            return ExitCode.OK.code();
        }
    }

    // ------------------------------------------------------------------ schema

    /** {@code privkit report schema}. */
    @Command(name = "schema", header = "Print the published JSON Schema of the bundle document or of the acceptance policy file.")
    static final class Schema implements Callable<Integer> {
        @Mixin
        HelpOption help;

        /** Which schema. */
        enum Which { DPIA_EVIDENCE_BUNDLE, ACCEPTANCE_POLICY }

        @Parameters(paramLabel = "WHICH", description = "dpia-evidence-bundle or acceptance-policy.",
                converter = WhichConverter.class)
        Which which;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            byte[] b = which == Which.ACCEPTANCE_POLICY ? ReportSchemas.publishedPolicyBytes() : ReportSchemas.publishedBundleBytes();
            spec.commandLine().getOut().print(new String(b, StandardCharsets.UTF_8));
            spec.commandLine().getOut().flush();
            return ExitCode.OK.code();
        }
    }

    /** Parses kebab-case schema names. */
    static final class WhichConverter implements CommandLine.ITypeConverter<Schema.Which> {
        @Override
        public Schema.Which convert(String value) {
            return JsonNames.parse(Schema.Which.class, value);
        }
    }
}
