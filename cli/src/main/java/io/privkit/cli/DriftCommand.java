package io.privkit.cli;

import io.privkit.common.AtomicFiles;
import io.privkit.common.Checks;
import io.privkit.drift.ColumnResult;
import io.privkit.drift.ColumnVerdict;
import io.privkit.drift.DriftCheck;
import io.privkit.drift.DriftEvidences;
import io.privkit.drift.DriftPolicy;
import io.privkit.drift.DriftReport;
import io.privkit.drift.ReportJson;
import io.privkit.drift.history.RunHistory;
import io.privkit.drift.profile.ProfileComparison;
import io.privkit.drift.profile.ProfileJson;
import io.privkit.drift.profile.Profiler;
import io.privkit.drift.profile.TableProfile;
import io.privkit.drift.table.Schema;
import io.privkit.drift.table.Table;
import io.privkit.drift.table.TableReader;
import io.privkit.drift.test.Outcome;
import io.privkit.drift.test.TestId;
import io.privkit.evidence.DriftEvidence;
import io.privkit.evidence.EvidenceHeader;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.MultipleTesting.Correction;
import io.privkit.evidence.Subject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code privkit drift}: compares current data with reference data (two CSV files, or a stored
 * reference profile and a CSV file) and gates a pipeline on the result: exit 0 no drift, 1 drift,
 * 2 bad input. {@code privkit drift profile} stores a reference profile once.
 */
@Command(name = "drift", header = "Check current data for drift against reference data; exit 1 on drift (gate a pipeline with it).",
        description = {
            "",
            "Compares each column of --current with --reference under a stated policy (default: KS p-value and",
            "Wasserstein/std for numbers, chi-square and Jensen-Shannon for categories, a proportions test for binary",
            "columns; Holm correction across columns). --reference may be a CSV file or a profile written by",
            "'privkit drift profile', which is compared with --current in one streaming pass.",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:No dataset drift.", "1:Dataset drift under the policy.",
            "2:Bad input: a missing or empty file, mismatched columns, a non-number in a numeric column, a bad option.",
            "4:A file could not be read or written."},
        subcommands = {DriftCommand.Profile.class})
public final class DriftCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    private static final long PROGRESS_MIN_BYTES = 64L << 20;

    @Option(names = "--reference", paramLabel = "FILE", description = "Reference data: a CSV file or a stored profile (.json).")
    Path reference;

    @Option(names = "--current", paramLabel = "FILE", description = "Current data: a CSV file.")
    Path current;

    @Option(names = "--schema", paramLabel = "FILE", description = "Schema file (JSON): column types, roles, columns to skip.")
    Path schema;

    @Option(names = "--tests", paramLabel = "LIST",
            description = "Also compute these, where they apply: ks,ad,cvm,mw,es,chi2,g,fisher,z,wasserstein,energy,psi,kl,js,hellinger or all.")
    String tests;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "privkit-default",
            description = "Policy preset: privkit-default, evidently (Evidently's defaults), alibi (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--correction", paramLabel = "NAME",
            description = "Multiple-testing correction: none, bonferroni, holm, bh (default: the preset's).")
    String correction;

    @Option(names = "--alpha", paramLabel = "P", description = "Test level (default: the preset's, 0.05).")
    Double alpha;

    @Option(names = "--drift-share", paramLabel = "S",
            description = "Dataset drift when at least this share of columns drift (instead of any column after correction).")
    Double share;

    @Option(names = "--evidence", paramLabel = "FILE", description = "Write the DriftEvidence record (JSON) to FILE.")
    Path evidence;

    @Option(names = "--history", paramLabel = "DB", description = "Store the run in this SQLite history database and report the trend.")
    Path history;

    @Option(names = "--check-name", paramLabel = "NAME", description = "Name of this check in the history (default: the reference file name).")
    String checkName;

    @Option(names = "--cadence", paramLabel = "TEXT",
            description = "How often this check runs (e.g. daily), recorded in the evidence with this run's id.")
    String cadence;

    @Option(names = "--system", paramLabel = "NAME", defaultValue = "unnamed system",
            description = "The system the evidence is about (default: ${DEFAULT-VALUE}).")
    String system;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads for profiling (default: the number of cores).")
    Integer threads;

    @Mixin
    OutputOptions output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (reference == null || current == null) {
            throw new CliException(ExitCode.BAD_INPUT, (reference == null ? "--reference" : "--current")
                    + " must be given; got none. Run 'privkit drift --help' for usage.");
        }
        DriftPolicy policy = policy();
        Set<TestId> extra = tests == null ? EnumSet.noneOf(TestId.class) : TestId.parseList(tests);
        requireFile(reference, "--reference");
        requireFile(current, "--current");
        if (evidence != null) {
            requireParent(evidence, "--evidence");
        }
        PrintWriter err = spec.commandLine().getErr();
        DriftReport report;
        if (ProfileJson.isProfile(reference)) {
            if (schema != null) {
                throw new CliException(ExitCode.BAD_INPUT, "--schema must not be given with a stored profile; got both. "
                        + "The profile fixes the columns; rebuild it to change them.");
            }
            TableProfile ref = ProfileJson.read(reference);
            Profiler profiler = Profiler.withDefaults();
            if (threads != null) {
                profiler = profiler.with(new Profiler.Options(10, Profiler.DEFAULT_FINE_BINS, Profiler.DEFAULT_KLL_K, threads));
            }
            Progress bar = Progress.forFile(current, err);
            TableProfile cur = (bar == null ? profiler : profiler.withProgress(bar)).profileCsv(current, ref);
            Progress.done(bar);
            report = ProfileComparison.compare(ref, cur, policy, extra);
        } else {
            Schema s = schema == null ? Schema.inferAll() : Schema.read(schema);
            Progress rbar = Progress.forFile(reference, err);
            Table ref = (rbar == null ? TableReader.withDefaults() : TableReader.withDefaults().withProgress(rbar)).read(reference, s);
            Progress.done(rbar);
            Progress cbar = Progress.forFile(current, err);
            Table cur = (cbar == null ? TableReader.withDefaults() : TableReader.withDefaults().withProgress(cbar)).readLike(current, ref);
            Progress.done(cbar);
            report = DriftCheck.withDefaults().with(policy).withTests(extra).run(ref, cur);
        }
        if (report.columns().isEmpty()) {
            throw new CliException(ExitCode.BAD_INPUT, reference + ": must have at least one column to check; got none. "
                    + "Check the schema: every column is skipped or an identifier.");
        }
        UUID recordId = UUID.randomUUID();
        Instant now = Clock.systemUTC().instant();
        String name = checkName != null ? checkName : "drift:" + reference.getFileName();
        DriftEvidence.Trend trend = null;
        String trendLine = null;
        if (history != null) {
            requireParent(history, "--history");
            try (RunHistory h = RunHistory.open(history)) {
                List<RunHistory.Run> previous = h.runs(name, 20);
                h.record(name, recordId, now, report);
                int consecutive = h.consecutiveAlerts(name);
                trend = new DriftEvidence.Trend(previous.stream().map(RunHistory.Run::recordId).toList(), consecutive);
                long driftRuns = previous.stream().filter(RunHistory.Run::datasetDrift).count() + (report.datasetDrift() ? 1 : 0);
                trendLine = String.format(Locale.ROOT, "History: run %d of check '%s'; dataset drift in %d of the last %d runs; %d in a row.",
                        previous.size() + 1, name, driftRuns, previous.size() + 1, consecutive);
            }
        }
        if (evidence != null) {
            EvidenceHeader.Builder header = EvidenceHeader.builder().recordId(recordId).createdAt(now).subject(Subject.system(system));
            if (trend != null && !trend.previousRecordIds().isEmpty()) {
                header.previousRecordId(trend.previousRecordIds().get(0)); // the run this one follows
            }
            DriftEvidence ev = DriftEvidences.of(report, header);
            DriftEvidence.Schedule schedule = cadence == null ? null : new DriftEvidence.Schedule(cadence, recordId.toString());
            if (trend != null || schedule != null) {
                ev = with(ev, schedule, trend);
            }
            AtomicFiles.write(evidence, EvidenceJson.write(ev));
        }
        print(report, trendLine);
        return report.datasetDrift() ? ExitCode.CHECK_FAILED.code() : ExitCode.OK.code();
    }

    private static DriftEvidence with(DriftEvidence e, DriftEvidence.Schedule schedule, DriftEvidence.Trend trend) {
        return new DriftEvidence(e.header(), e.referenceWindow(), e.currentWindow(), schedule, e.policy(), e.featuresMonitored(),
                e.excluded(), e.perFeature(), e.multipleTesting(), e.datasetRule(), e.datasetDrift(), e.driftedShare(), e.streaming(),
                e.power(), e.predictionDrift(), e.performance(), e.perGroupDrift(), e.status(), e.action(), trend, e.privacyOfMonitoring());
    }

    private DriftPolicy policy() {
        DriftPolicy p = DriftPolicy.preset(preset);
        if (correction != null) {
            p = p.with(switch (correction.trim().toLowerCase(Locale.ROOT)) {
                case "none" -> Correction.NONE;
                case "bonferroni" -> Correction.BONFERRONI;
                case "holm" -> Correction.HOLM;
                case "bh", "benjamini-hochberg", "fdr" -> Correction.BENJAMINI_HOCHBERG;
                default -> throw new CliException(ExitCode.BAD_INPUT, "--correction must be none, bonferroni, holm or bh; got '"
                        + correction + "'. Use one of these.");
            });
        }
        if (alpha != null) {
            p = p.withAlpha(alpha);
        }
        if (share != null) {
            p = p.with(new DriftEvidence.DatasetRule(DriftEvidence.DatasetRuleKind.SHARE_OF_DRIFTED_FEATURES, share));
        }
        return p;
    }

    static void requireFile(Path p, String option) throws IOException {
        if (!Files.exists(p)) {
            throw new CliException(ExitCode.BAD_INPUT, option + " " + p + ": no such file. Check the path.");
        }
        if (!Files.isRegularFile(p)) {
            throw new CliException(ExitCode.BAD_INPUT, option + " " + p + ": must be a file; got a folder. Give a CSV file.");
        }
        if (Files.size(p) == 0) {
            throw new CliException(ExitCode.BAD_INPUT, option + " " + p + ": must not be empty; got an empty file. "
                    + "Give a CSV file with a header line and data.");
        }
    }

    static void requireParent(Path p, String option) {
        Path parent = p.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new CliException(ExitCode.BAD_INPUT, option + " " + p + ": the folder must exist; got no folder " + parent
                    + ". Create it first.");
        }
    }

    private void print(DriftReport r, String trendLine) {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(ReportJson.write(r));
            out.flush();
            return;
        }
        out.println("Drift check: " + r.current().source() + " (" + r.current().rows() + " rows) against " + r.reference().source()
                + " (" + r.reference().rows() + " rows)");
        out.println("Policy " + r.policy().name() + ": " + r.policy().describe() + ".");
        int width = Math.max(8, r.columns().stream().mapToInt(c -> c.column().length()).max().orElse(8));
        for (ColumnResult c : r.columns()) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s %-11s %-12s ", c.column(),
                    c.type().name().toLowerCase(Locale.ROOT), c.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
            if (c.verdict() == ColumnVerdict.ERROR) {
                sb.append(c.error());
            } else {
                if (c.pValue() != null) {
                    sb.append(String.format(Locale.ROOT, "p=%.3g", c.pValue()));
                    if (c.adjustedPValue() != null && !c.adjustedPValue().equals(c.pValue())) {
                        sb.append(String.format(Locale.ROOT, " (corrected %.3g)", c.adjustedPValue()));
                    }
                    sb.append(' ');
                }
                if (c.effectValue() != null) {
                    sb.append(String.format(Locale.ROOT, "%s=%.4g", c.effect().key(), c.effectValue()));
                    if (c.sketchError() != null && c.sketchError() > 0) {
                        sb.append(String.format(Locale.ROOT, " +/- %.2g", c.sketchError()));
                    }
                    sb.append(String.format(Locale.ROOT, " (threshold %.3g)", c.effectThreshold()));
                }
                if (!c.unseenInReference().isEmpty()) {
                    sb.append("; new categories: ").append(String.join(", ", c.unseenInReference().subList(0,
                            Math.min(5, c.unseenInReference().size()))));
                }
                if (c.missingCurrent() > 0 || c.missingReference() > 0) {
                    sb.append(String.format(Locale.ROOT, "; missing %.1f%% -> %.1f%%", 100 * c.missingRateReference(),
                            100 * c.missingRateCurrent()));
                }
            }
            out.println(sb);
            for (Outcome o : c.outcomes()) {
                boolean effectLine = switch (c.effect()) {
                    case WASSERSTEIN_NORMALISED -> o.test() == TestId.WASSERSTEIN && o.name().equals("W1/std_ref");
                    case JS_DISTANCE -> o.test() == TestId.JS;
                    case PSI -> o.test() == TestId.PSI;
                    case HELLINGER -> o.test() == TestId.HELLINGER;
                    default -> false;
                };
                if (!c.decidedBy().startsWith(o.test().key() + " ") && !effectLine) {
                    out.println(String.format(Locale.ROOT, "  %-" + width + "s   %s %s=%.4g%s (%s)", "", o.test().key(), o.name(), o.statistic(),
                            o.pValue() == null ? "" : String.format(Locale.ROOT, " p=%.3g", o.pValue()), o.method().key()));
                }
            }
        }
        r.excluded().forEach((k, v) -> out.println(String.format(Locale.ROOT, "  %-" + width + "s not checked: %s", k, v)));
        List<ColumnResult> drifted = r.drifted();
        out.println(String.format(Locale.ROOT, "Dataset: %s (%d of %d columns drifted%s).", r.datasetDrift() ? "DRIFT" : "no drift",
                drifted.size(), r.columns().size(), drifted.isEmpty() ? "" : ": " + String.join(", ",
                        drifted.stream().map(ColumnResult::column).toList())));
        if (trendLine != null) {
            out.println(trendLine);
        }
        if (evidence != null) {
            out.println("Evidence record written to " + evidence + ".");
        }
        out.flush();
    }

    /** {@code privkit drift profile}: store a reference profile once. */
    @Command(name = "profile", header = "Profile reference data once; compare every later file with the stored profile.",
            description = {"", "Writes counts on fixed reference bins, fine-edge counts for bounded KS, moments and KLL sketches",
                "(aggregates only, no rows). Use it as --reference of 'privkit drift'.", ""},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:The profile was written.", "2:Bad input.", "4:The profile could not be written."})
    static final class Profile implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Option(names = "--input", paramLabel = "FILE", required = true, description = "Reference data (CSV).")
        Path input;

        @Option(names = "--output", paramLabel = "FILE", required = true, description = "Where to write the profile (JSON).")
        Path outputFile;

        @Option(names = "--schema", paramLabel = "FILE", description = "Schema file (JSON).")
        Path schema;

        @Option(names = "--bins", paramLabel = "N", defaultValue = "10", description = "Reference-quantile bins (default: ${DEFAULT-VALUE}).")
        int bins;

        @Option(names = "--fine-bins", paramLabel = "N", defaultValue = "1000",
                description = "Fine bins for the deterministic KS bound (default: ${DEFAULT-VALUE}).")
        int fineBins;

        @Option(names = "--kll-k", paramLabel = "K", defaultValue = "200",
                description = "KLL sketch size, 0 for none (default: ${DEFAULT-VALUE}).")
        int kllK;

        @Mixin
        OutputOptions output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            requireFile(input, "--input");
            requireParent(outputFile, "--output");
            Checks.requireAtLeast(bins, "--bins", 2);
            Schema s = schema == null ? Schema.inferAll() : Schema.read(schema);
            Progress bar = Progress.forFile(input, spec.commandLine().getErr());
            Table t = (bar == null ? TableReader.withDefaults() : TableReader.withDefaults().withProgress(bar)).read(input, s);
            Progress.done(bar);
            TableProfile p = Profiler.withDefaults().with(new Profiler.Options(bins, fineBins, kllK, 1)).reference(t);
            ProfileJson.write(p, outputFile);
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                out.println("{\"profile\": \"" + outputFile.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\", \"rows\": "
                        + p.rows() + ", \"columns\": " + p.columns().size() + "}");
            } else {
                out.println("Wrote profile " + outputFile + ": " + p.columns().size() + " columns, " + p.rows() + " rows"
                        + (p.excluded().isEmpty() ? "" : ", " + p.excluded().size() + " not checked") + ".");
                out.println("Next: privkit drift --reference " + outputFile + " --current NEW.csv");
            }
            out.flush();
            return ExitCode.OK.code();
        }
    }

    /** A progress bar on standard error, only on a terminal and for large files. */
    static final class Progress implements LongConsumer {
        private final PrintWriter err;
        private final String name;
        private final long size;

        private Progress(PrintWriter err, String name, long size) {
            this.err = err;
            this.name = name;
            this.size = size;
        }

        static Progress forFile(Path file, PrintWriter err) throws IOException {
            if (System.console() == null || Files.size(file) < PROGRESS_MIN_BYTES) {
                return null;
            }
            return new Progress(err, file.getFileName().toString(), Files.size(file));
        }

        @Override
        public void accept(long bytes) {
            int pct = (int) Math.min(100, 100 * bytes / size);
            int filled = pct / 5;
            err.print(String.format(Locale.ROOT, "\r  reading %s [%s%s] %3d%% (%d/%d MB)", name, "#".repeat(filled), " ".repeat(20 - filled),
                    pct, bytes >> 20, size >> 20));
            err.flush();
        }

        static void done(Progress p) {
            if (p != null) {
                p.accept(p.size);
                p.err.println();
                p.err.flush();
            }
        }
    }
}
