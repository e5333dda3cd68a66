package io.privkit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privkit.evidence.EvidenceFormatException;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.EvidenceRecord;
import io.privkit.evidence.EvidenceSchemas;
import io.privkit.evidence.RecordType;
import io.privkit.evidence.bundle.BundleCheck;
import io.privkit.evidence.bundle.BundleProblem;
import io.privkit.evidence.bundle.BundleSchemas;
import io.privkit.evidence.bundle.EvidenceBundle;
import io.privkit.evidence.json.CanonicalJson;
import io.privkit.evidence.json.JsonNames;
import io.privkit.evidence.measure.Measure;
import io.privkit.evidence.measure.MeasureCatalogue;
import io.privkit.evidence.measure.Risk;
import io.privkit.evidence.render.MarkdownRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code privkit evidence}: read, check and explain evidence records and bundles. */
@Command(name = "evidence",
        header = "Show and validate evidence records and bundles; print their schemas and the DPIA measure catalogue.",
        description = {
            "",
            "An evidence record is a JSON file (privacy-budget, drift, fairness, federated-training, human-oversight).",
            "A bundle is a folder of records with a manifest.json of SHA-256 digests, as 'privkit demo' writes.",
            ""
        },
        commandListHeading = "%nCommands:%n",
        subcommands = {
            EvidenceCommand.Show.class,
            EvidenceCommand.Validate.class,
            EvidenceCommand.Schema.class,
            EvidenceCommand.Catalogue.class
        })
public final class EvidenceCommand implements Runnable {
    @Mixin
    HelpOption help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    // ------------------------------------------------------------------ show

    /** {@code privkit evidence show PATH}. */
    @Command(name = "show",
            header = "Print a record or a bundle for people (Markdown) or for scripts (--json).",
            description = {"", "The record is validated first; an invalid record is refused, not shown.", ""},
            footerHeading = "%nExamples:%n",
            footer = {"  privkit evidence show privkit-demo",
                "  privkit evidence show --json privkit-demo/records/drift-<id>.json | jq .header.verdict"},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:Shown.", "2:Not a valid record or bundle, or no such path.", "4:The file cannot be read."})
    static final class Show implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Parameters(paramLabel = "PATH", description = "An evidence record (.json) or a bundle folder.")
        Path path;

        @Mixin
        OutputOptions output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            if (Files.isDirectory(path)) {
                EvidenceBundle b = EvidenceBundle.read(path);
                if (output.json()) {
                    ObjectNode root = JsonNodeFactory.instance.objectNode();
                    root.set("manifest", CanonicalJson.mapper().valueToTree(b.manifest()));
                    ArrayNode records = root.putArray("records");
                    b.records().forEach(r -> records.add(EvidenceJson.toTree(r)));
                    out.print(new String(CanonicalJson.write(root), StandardCharsets.UTF_8));
                } else {
                    out.println("Bundle " + b.manifest().bundleId() + " at " + path + ", written " + b.manifest().createdAt()
                            + ": " + b.records().size() + " records, every digest matches the manifest.");
                    out.println();
                    for (EvidenceRecord r : b.records()) {
                        out.print(MarkdownRenderer.render(r));
                    }
                }
            } else {
                EvidenceRecord r = EvidenceJson.read(path);
                if (output.json()) {
                    out.print(new String(EvidenceJson.write(r), StandardCharsets.UTF_8));
                } else {
                    out.print(MarkdownRenderer.render(r));
                }
            }
            out.flush();
            return ExitCode.OK.code();
        }
    }

    // ------------------------------------------------------------------ validate

    /** {@code privkit evidence validate PATH...}. */
    @Command(name = "validate",
            header = "Check records and bundles: JSON syntax, schema version, published schema, record rules, and for a bundle every SHA-256 digest.",
            description = {"", "Prints one line per problem on standard error, each naming the file. Writes nothing.", ""},
            footerHeading = "%nExamples:%n",
            footer = {"  privkit evidence validate privkit-demo",
                "  privkit evidence validate --json reports/*.json || exit $?"},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:Every path is valid.", "2:A path is missing, not JSON, of an unknown schema version, invalid, or a digest does not match.",
                "4:A file exists but cannot be read."})
    static final class Validate implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Parameters(paramLabel = "PATH", arity = "1..*", description = "Evidence records (.json) or bundle folders.")
        List<Path> paths;

        @Mixin
        OutputOptions output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ExitCode worst = ExitCode.OK;
            ArrayNode results = JsonNodeFactory.instance.arrayNode();
            for (Path p : paths) {
                Result r = validate(p);
                if (r.code() == ExitCode.IO_ERROR) {
                    worst = ExitCode.IO_ERROR;
                } else if (r.code() == ExitCode.BAD_INPUT && worst == ExitCode.OK) {
                    worst = ExitCode.BAD_INPUT;
                }
                for (String problem : r.problems()) {
                    err.println("privkit: " + problem);
                }
                if (r.problems().isEmpty() && !output.json()) {
                    out.println("valid: " + r.summary());
                }
                ObjectNode o = results.addObject();
                o.put("path", p.toString());
                o.put("kind", r.kind());
                o.put("valid", r.problems().isEmpty());
                o.put("summary", r.summary());
                ArrayNode problems = o.putArray("problems");
                r.problems().forEach(problems::add);
            }
            if (output.json()) {
                ObjectNode root = JsonNodeFactory.instance.objectNode();
                root.put("valid", worst == ExitCode.OK);
                root.set("results", results);
                out.print(new String(CanonicalJson.write(root), StandardCharsets.UTF_8));
            }
            out.flush();
            err.flush();
            return worst.code();
        }

        private record Result(String kind, String summary, List<String> problems, ExitCode code) {
        }

        private static Result validate(Path p) {
            if (!Files.exists(p)) {
                return new Result("missing", p + ": no such file or folder", List.of(p + ": no such file or folder. Check the path."),
                        ExitCode.BAD_INPUT);
            }
            if (Files.isDirectory(p)) {
                try {
                    BundleCheck c = EvidenceBundle.check(p);
                    List<String> problems = new ArrayList<>();
                    for (BundleProblem bp : c.problems()) {
                        problems.add(p.resolve(bp.path()) + ": " + bp.message());
                    }
                    String summary = c.manifest() == null ? p + ": not a valid bundle"
                            : p + " (bundle " + c.manifest().bundleId() + ", " + c.records().size() + " records, "
                            + c.manifest().files().size() + " files" + (c.ok() ? ", every digest matches" : "") + ")";
                    return new Result("bundle", summary, problems, c.anyUnreadable() ? ExitCode.IO_ERROR
                            : c.ok() ? ExitCode.OK : ExitCode.BAD_INPUT);
                } catch (IOException e) {
                    return new Result("bundle", p.toString(), List.of(p + ": cannot be read (" + e.getMessage() + ")"), ExitCode.IO_ERROR);
                }
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(p);
            } catch (AccessDeniedException e) {
                return new Result("record", p.toString(), List.of(p + ": cannot be read (permission denied)"), ExitCode.IO_ERROR);
            } catch (NoSuchFileException e) {
                return new Result("missing", p.toString(), List.of(p + ": no such file. Check the path."), ExitCode.BAD_INPUT);
            } catch (IOException e) {
                return new Result("record", p.toString(), List.of(p + ": cannot be read (" + e.getMessage() + ")"), ExitCode.IO_ERROR);
            }
            try {
                EvidenceRecord r = EvidenceJson.read(bytes, p);
                return new Result("record", p + " (" + r.recordType().id() + " record " + r.header().recordId() + ", verdict "
                        + JsonNames.of(r.header().verdict()) + ")", List.of(), ExitCode.OK);
            } catch (EvidenceFormatException e) {
                return new Result("record", p + ": not a valid record", e.problems().stream().map(x -> p + ": " + x).toList(),
                        ExitCode.BAD_INPUT);
            }
        }
    }

    // ------------------------------------------------------------------ schema

    /** {@code privkit evidence schema TYPE}. */
    @Command(name = "schema",
            header = "Print the published JSON Schema (draft 2020-12) of a record type or of the bundle manifest.")
    static final class Schema implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Parameters(paramLabel = "TYPE",
                description = "privacy-budget, drift, fairness, federated-training, human-oversight or bundle-manifest.")
        String type;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            byte[] bytes;
            if (type.equals("bundle-manifest")) {
                bytes = BundleSchemas.publishedManifestBytes();
            } else {
                try {
                    bytes = EvidenceSchemas.publishedBytes(RecordType.parse(type));
                } catch (IllegalArgumentException e) {
                    throw new CliException(ExitCode.BAD_INPUT, "TYPE must be one of " + JsonNames.allowed(RecordType.class)
                            + ", bundle-manifest; got \"" + type + "\".");
                }
            }
            spec.commandLine().getOut().print(new String(bytes, StandardCharsets.UTF_8));
            spec.commandLine().getOut().flush();
            return ExitCode.OK.code();
        }
    }

    // ------------------------------------------------------------------ catalogue

    /** {@code privkit evidence catalogue}. */
    @Command(name = "catalogue", aliases = "catalog",
            header = "Print the DPIA measures Privkit can evidence, the risks they address, and their crosswalk to GDPR, CNIL, ICO, EU AI Act, NIST AI RMF and W3C DPV.")
    static final class Catalogue implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Mixin
        OutputOptions output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            MeasureCatalogue c = MeasureCatalogue.current();
            if (output.json()) {
                out.print(new String(CanonicalJson.write(c), StandardCharsets.UTF_8));
            } else {
                out.println("Privkit measure catalogue, version " + c.catalogueVersion());
                for (Measure m : c.measures()) {
                    out.println();
                    out.println(m.id().id() + ": " + m.title());
                    out.println("  " + m.description());
                    out.println("  evidenced by: " + (m.recordTypes().isEmpty() ? "the bundle's integrity data" : String.join(", ", m.recordTypes())));
                    out.println("  risks: " + String.join("; ", m.riskIds().stream()
                            .map(id -> c.risk(id).map(Risk::title).orElse(id)).toList()));
                    line(out, "GDPR", m.crosswalk().gdpr());
                    line(out, "CNIL PIA", m.crosswalk().cnilPia());
                    if (m.crosswalk().cnilAi() != null) {
                        out.println("  CNIL AI sheets: " + m.crosswalk().cnilAi());
                    }
                    if (m.crosswalk().ico() != null) {
                        out.println("  ICO: " + m.crosswalk().ico());
                    }
                    line(out, "EU AI Act", m.crosswalk().euAiAct());
                    line(out, "NIST AI RMF", m.crosswalk().nistAiRmf());
                    line(out, "W3C DPV", m.crosswalk().dpv());
                }
            }
            out.flush();
            return ExitCode.OK.code();
        }

        private static void line(PrintWriter out, String name, List<String> values) {
            if (!values.isEmpty()) {
                out.println("  " + name + ": " + String.join(", ", values));
            }
        }
    }
}
