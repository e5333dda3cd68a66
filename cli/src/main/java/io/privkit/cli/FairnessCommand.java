package io.privkit.cli;

import io.privkit.common.Fingerprint;
import io.privkit.common.Randomness;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.FairnessEvidence;
import io.privkit.evidence.InputRef;
import io.privkit.evidence.Subject;
import io.privkit.evidence.Verdict;
import io.privkit.fairness.Attribute;
import io.privkit.fairness.BootstrapSettings;
import io.privkit.fairness.Binning;
import io.privkit.fairness.Characteristic;
import io.privkit.fairness.Criterion;
import io.privkit.fairness.Disclosure;
import io.privkit.fairness.FairnessAccumulator;
import io.privkit.fairness.FairnessAssessment;
import io.privkit.fairness.FairnessReport;
import io.privkit.fairness.FavourableOutcome;
import io.privkit.fairness.GroupKey;
import io.privkit.fairness.GroupedStats;
import io.privkit.fairness.MissingValuePolicy;
import io.privkit.fairness.ReliabilityFloor;
import io.privkit.fairness.TestChoice;
import io.privkit.fairness.Tolerance;
import io.privkit.fairness.report.FairnessPolicy;
import io.privkit.fairness.report.FairnessRecords;
import io.privkit.fairness.report.ReportJson;
import io.privkit.fairness.report.ReportText;
import io.privkit.fairness.stats.ConfidenceLevel;
import io.privkit.fairness.stats.ProportionMethod;
import io.privkit.fairness.table.FairnessTableReader;
import io.privkit.fairness.table.InputSchema;
import io.privkit.fairness.table.InvalidScorePolicy;
import io.privkit.fairness.table.LabelCoding;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code privkit fairness}: assess decisions in a CSV or Parquet file across protected groups. */
@Command(name = "fairness", sortOptions = false,
        header = "Assess a model's decisions across protected groups: every rate with its interval, disparities against a "
                + "reference group, and verdicts on pre-registered criteria.",
        description = {
            "",
            "Reads the CSV or Parquet file row by row (memory does not grow with the rows); the columns used and the types",
            "the file stores them in are listed first, and a type that cannot hold its role is refused before any row is read.",
            "Labels and predictions must be coded 1/0 (true/false for boolean columns)",
            "(or the values given with --positive and --negative). Every rate is reported with its interval, or as undefined",
            "with the reason (never as zero). Groups with fewer people than --min-cell-size are withheld from the output",
            "and the evidence unless --disclosure unsuppressed is given.",
            "",
            "Example:",
            "  privkit fairness --data decisions.csv --label repaid --prediction approved --sensitive sex,age_band \\",
            "      --characteristic sex=sex --characteristic age_band=age --favourable 1 --reference 'male|25-44' \\",
            "      --criterion demographic-parity=0.1 --evidence fairness.json",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Assessed; no pre-registered criterion failed (or none was given).",
            "1:A pre-registered criterion failed (or, with --fail-on inconclusive, could not be shown to pass).",
            "2:Bad input: unknown column, label outside the coding, unknown reference group, invalid policy, bad score...",
            "4:A file cannot be read or written."
        })
public final class FairnessCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;


    @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV file with a header row, or Parquet file (told by its content, then its extension).")
    Path data;

    @Option(names = "--label", required = true, paramLabel = "COL", description = "Column with the true outcome.")
    String label;

    @Option(names = "--prediction", required = true, paramLabel = "COL", description = "Column with the model's decision.")
    String prediction;

    @Option(names = "--score", paramLabel = "COL", description = "Column with the model's score (ROC AUC, Brier, calibration).")
    String score;

    @Option(names = "--target", paramLabel = "COL", description = "A numeric target, for regression metrics per group (with --estimate).")
    String target;

    @Option(names = "--estimate", paramLabel = "COL", description = "The model's numeric prediction of --target (MAE, MSE, R2, mean residual).")
    String estimate;

    @Option(names = "--sensitive", required = true, split = ",", paramLabel = "COL",
            description = "Protected-characteristic columns; with several, their intersection is assessed too.")
    List<String> sensitive;

    @Option(names = "--control", split = ",", paramLabel = "COL",
            description = "Control columns: groups are also compared within each of their levels (conditional fairness).")
    List<String> control = new ArrayList<>();

    @Option(names = "--where", paramLabel = "COL=VALUE",
            description = "Assess only rows whose column has this value (repeatable; rows outside are counted, not assessed).")
    Map<String, String> where = new LinkedHashMap<>();

    @Option(names = "--favourable", required = true, paramLabel = "VALUE",
            description = "The outcome value favourable to the person (one of --positive and --negative).")
    String favourable;

    @Option(names = "--reference", required = true, paramLabel = "GROUP",
            description = "The reference group: its value, or values joined with '|' in --sensitive order, or col=value,col=value.")
    String reference;

    @Option(names = "--reference-rationale", paramLabel = "TEXT", defaultValue = "named on the command line (--reference)",
            description = "Why this group is the reference (recorded in the evidence).")
    String referenceRationale;

    @Option(names = "--positive", paramLabel = "VALUE", defaultValue = "1", description = "Label and prediction value coded 1 (default: ${DEFAULT-VALUE}).")
    String positive;

    @Option(names = "--negative", paramLabel = "VALUE", defaultValue = "0", description = "Label and prediction value coded 0 (default: ${DEFAULT-VALUE}).")
    String negative;

    @Option(names = "--characteristic", paramLabel = "COL=KIND",
            description = "What a sensitive column stands for: age, disability, gender-reassignment, marriage-and-civil-partnership, "
                    + "pregnancy-and-maternity, race, religion-or-belief, sex, sexual-orientation, proxy or other (default other).")
    Map<String, String> characteristics = new LinkedHashMap<>();

    @Option(names = "--bins", paramLabel = "COL=CUTS", description = "Bin a numeric column at the given cut points, e.g. age=25,45.")
    Map<String, String> bins = new LinkedHashMap<>();

    @Option(names = "--missing", paramLabel = "POLICY", defaultValue = "reject",
            description = "Missing attribute values: reject, own-group or drop-row (default: ${DEFAULT-VALUE}).")
    String missing;

    @Option(names = "--invalid-scores", paramLabel = "POLICY", defaultValue = "reject",
            description = "Scores that are empty, NaN or not numbers: reject or drop-row (default: ${DEFAULT-VALUE}).")
    String invalidScores;

    @Option(names = "--criterion", paramLabel = "NAME=TOL",
            description = "A criterion: demographic-parity, equal-opportunity, equalized-odds or predictive-parity with a difference "
                    + "tolerance (e.g. demographic-parity=0.1), or impact-ratio with a ratio bound (impact-ratio=0.8).")
    List<String> criteria = new ArrayList<>();

    @Option(names = "--policy", paramLabel = "FILE", description = "Pre-registered policy (JSON): criteria, level and floors; its digest is recorded.")
    Path policy;

    @Option(names = "--level", paramLabel = "X", description = "Confidence level of every interval (default 0.95).")
    Double level;

    @Option(names = "--intervals", paramLabel = "METHOD", defaultValue = "wilson",
            description = "Per-group interval: wilson, clopper-pearson or jeffreys (default: ${DEFAULT-VALUE}).")
    String intervals;

    @Option(names = "--reliability-floor", paramLabel = "N", description = "Smallest group that can pass or fail (default 30).")
    Integer reliabilityFloor;

    @Option(names = "--min-conditional", paramLabel = "N", description = "Smallest TPR/FPR/... denominator that can pass or fail (default 10).")
    Integer minConditional;

    @Option(names = "--min-cell-size", paramLabel = "N", description = "Disclosure floor: smaller groups are withheld from output (default 10).")
    Integer minCellSize;

    @Option(names = "--disclosure", paramLabel = "MODE", defaultValue = "published",
            description = "published (small groups withheld) or unsuppressed (every figure; keep under access control). Default: ${DEFAULT-VALUE}.")
    String disclosure;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "0",
            description = "Bootstrap resamples for intervals on aggregates (0 for none; default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--seed", paramLabel = "N", description = "Bootstrap seed (recorded; default: drawn at random and recorded).")
    Long seed;

    @Option(names = "--test", paramLabel = "TEST", defaultValue = "auto",
            description = "Per-comparison test: auto, fisher-exact or pooled-z (default: ${DEFAULT-VALUE}).")
    String test;

    @Option(names = "--fail-on", paramLabel = "WHEN", defaultValue = "fail",
            description = "Exit 1 when a criterion fails (fail) or does not pass (inconclusive). Default: ${DEFAULT-VALUE}.")
    String failOn;

    @Option(names = "--evidence", paramLabel = "FILE", description = "Write a fairness evidence record (JSON) here.")
    Path evidence;

    @Option(names = "--system", paramLabel = "NAME", description = "The system assessed, as the DPIA names it (for the evidence).")
    String system;

    @Option(names = "--label-source", paramLabel = "TEXT", description = "Where the labels came from (for the evidence).")
    String labelSource;

    @Option(names = "--label-quality", paramLabel = "TEXT", description = "Known limits of the labels (for the evidence).")
    String labelQuality;

    @Option(names = "--polarity", paramLabel = "KIND",
            description = "assistive (the favourable outcome grants a benefit) or punitive (it avoids a harm). "
                    + "Default: assistive when the favourable value is --positive, punitive otherwise.")
    String polarity;

    @Mixin
    OutputOptions output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        LabelCoding coding = new LabelCoding(positive, negative);
        FavourableOutcome fav;
        if (favourable.trim().equals(coding.positive())) {
            fav = FavourableOutcome.POSITIVE_CLASS;
        } else if (favourable.trim().equals(coding.negative())) {
            fav = FavourableOutcome.NEGATIVE_CLASS;
        } else {
            throw new CliException(ExitCode.BAD_INPUT, "--favourable must be \"" + coding.positive() + "\" or \"" + coding.negative()
                    + "\" (the values of --positive and --negative); got \"" + favourable + "\". Name the favourable outcome.");
        }
        for (String key : characteristics.keySet()) {
            if (!sensitive.contains(key)) {
                throw new CliException(ExitCode.BAD_INPUT, "--characteristic " + key + " must name a --sensitive column " + sensitive
                        + "; got \"" + key + "\".");
            }
        }
        FairnessTableReader.Builder rb = FairnessTableReader.builder().label(label).prediction(prediction).coding(coding)
                .missingValues(parse(MissingValuePolicy.class, "--missing", missing))
                .invalidScores(parse(InvalidScorePolicy.class, "--invalid-scores", invalidScores));
        if (score != null) {
            rb.score(score);
        }
        where.forEach(rb::where);
        if (target != null || estimate != null) {
            if (target == null || estimate == null) {
                throw new CliException(ExitCode.BAD_INPUT, "--target and --estimate must be given together; got only "
                        + (target == null ? "--estimate" : "--target") + ".");
            }
            rb.regression(target, estimate);
        }
        for (String s : sensitive) {
            Attribute a = Attribute.sensitive(s, characteristics.containsKey(s)
                    ? parse(Characteristic.class, "--characteristic " + s, characteristics.get(s)) : Characteristic.OTHER);
            rb.attribute(binned(a));
        }
        for (String c : control) {
            rb.attribute(binned(Attribute.control(c)));
        }
        for (String b : bins.keySet()) {
            if (!sensitive.contains(b) && !control.contains(b)) {
                throw new CliException(ExitCode.BAD_INPUT, "--bins " + b + " must name a --sensitive or --control column; got \"" + b + "\".");
            }
        }
        FairnessAssessment.Builder ab = FairnessAssessment.builder().favourable(fav)
                .reference(GroupKey.parse(reference, sensitive), referenceRationale)
                .intervals(parse(ProportionMethod.class, "--intervals", intervals))
                .test(parse(TestChoice.class, "--test", test.equals("pooled-z") ? "pooled_z" : test));
        FairnessPolicy pol = policy == null ? null : FairnessPolicy.read(policy);
        if (pol != null) {
            pol.applyTo(ab);
        }
        for (String c : criteria) {
            ab.criterion(criterion(c));
        }
        if (level != null) {
            ab.level(ConfidenceLevel.of(level));
        }
        if (reliabilityFloor != null || minConditional != null) {
            ab.reliabilityFloor(ReliabilityFloor.of(reliabilityFloor != null ? reliabilityFloor : ReliabilityFloor.DEFAULT.minGroupSize(),
                    minConditional != null ? minConditional : ReliabilityFloor.DEFAULT.minConditionalCount()));
        }
        if (minCellSize != null) {
            ab.minCellSize(minCellSize);
        }
        if (bootstrap > 0) {
            long s = seed != null ? seed : Randomness.secure().nextLong();
            ab.bootstrap(BootstrapSettings.of(bootstrap, s));
        }
        boolean unsuppressed = switch (disclosure) {
            case "published" -> false;
            case "unsuppressed" -> true;
            default -> throw new CliException(ExitCode.BAD_INPUT, "--disclosure must be published or unsuppressed; got \"" + disclosure + "\".");
        };
        boolean failOnInconclusive = switch (failOn) {
            case "fail" -> false;
            case "inconclusive" -> true;
            default -> throw new CliException(ExitCode.BAD_INPUT, "--fail-on must be fail or inconclusive; got \"" + failOn + "\".");
        };
        FairnessAssessment assessment = ab.build();

        FairnessTableReader reader = rb.build();
        InputSchema input = reader.describe(data);
        FairnessAccumulator acc = reader.read(data);
        GroupedStats stats = acc.snapshot();
        FairnessReport full = assessment.assess(stats);
        FairnessReport shown = unsuppressed ? full : Disclosure.publish(full);

        if (evidence != null) {
            FairnessEvidence record = record(shown, stats, fav, coding, pol, input);
            EvidenceJson.write(record, evidence);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.print(new String(ReportJson.write(shown, input), StandardCharsets.UTF_8));
        } else {
            out.println("Input: " + input.summary());
            out.print(ReportText.render(shown));
            if (evidence != null) {
                out.println();
                out.println("Evidence record written to " + evidence + ".");
            }
        }
        out.flush();
        boolean failed = shown.verdict() == Verdict.FAIL || failOnInconclusive && shown.verdict() == Verdict.INCONCLUSIVE;
        return failed ? ExitCode.CHECK_FAILED.code() : ExitCode.OK.code();
    }

    private FairnessEvidence record(FairnessReport report, GroupedStats stats, FavourableOutcome fav, LabelCoding coding,
                                    FairnessPolicy pol, InputSchema input) {
        Fingerprint f = Fingerprint.of(data);
        FairnessEvidence.DecisionPolarity p = polarity == null
                ? (fav == FavourableOutcome.POSITIVE_CLASS ? FairnessEvidence.DecisionPolarity.ASSISTIVE : FairnessEvidence.DecisionPolarity.PUNITIVE)
                : parse(FairnessEvidence.DecisionPolarity.class, "--polarity", polarity);
        FairnessRecords.Builder b = FairnessRecords.builder().report(report)
                .subject(Subject.system(system != null ? system : "decisions in " + data.getFileName()))
                .evaluationData(new FairnessEvidence.EvaluationData(f.sha256(), null, stats.rows(),
                        labelSource != null ? labelSource : "column " + label + " of " + data.getFileName(),
                        labelQuality != null ? labelQuality : "not stated (give --label-quality)"))
                .decisionRule(new FairnessEvidence.DecisionRule(null, "decisions read from column " + prediction
                        + " (" + coding.positive() + " = positive class)"))
                .polarity(p)
                .favourableLabel(favourable + " (" + (fav == FavourableOutcome.POSITIVE_CLASS ? "the positive class" : "the negative class") + ")")
                .input(new InputRef("evaluation-data", input.summary(), f.sha256(), f.sizeBytes(), stats.rows(), null));
        if (pol != null) {
            b.policy(pol.ref());
            Fingerprint pf = Fingerprint.of(policy);
            b.input(new InputRef("policy", policy.getFileName().toString(), pf.sha256(), pf.sizeBytes(), null, null));
        }
        if (labelQuality == null) {
            b.limitation("The quality of the labels was not stated.");
        }
        return b.build();
    }

    private Attribute binned(Attribute a) {
        String cuts = bins.get(a.name());
        if (cuts == null) {
            return a;
        }
        List<Double> points = new ArrayList<>();
        for (String c : cuts.split(",")) {
            try {
                points.add(Double.parseDouble(c.trim()));
            } catch (NumberFormatException e) {
                throw new CliException(ExitCode.BAD_INPUT, "--bins " + a.name() + " must be numbers separated by commas; got \"" + cuts + "\".");
            }
        }
        return a.withBinning(new Binning(points));
    }

    private static Criterion criterion(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new CliException(ExitCode.BAD_INPUT, "--criterion must be NAME=TOLERANCE, e.g. demographic-parity=0.1; got \"" + text + "\".");
        }
        String name = text.substring(0, eq).trim();
        double tol;
        try {
            tol = Double.parseDouble(text.substring(eq + 1).trim());
        } catch (NumberFormatException e) {
            throw new CliException(ExitCode.BAD_INPUT, "--criterion " + name + " tolerance must be a number; got \"" + text.substring(eq + 1) + "\".");
        }
        String why = "given on the command line (--criterion " + text + ")";
        return switch (name) {
            case "demographic-parity" -> Criterion.demographicParity(Tolerance.difference(tol), why);
            case "equal-opportunity" -> Criterion.equalOpportunity(Tolerance.difference(tol), why);
            case "equalized-odds" -> Criterion.equalizedOdds(Tolerance.difference(tol), Criterion.Aggregation.WORST_CASE, why);
            case "predictive-parity" -> Criterion.predictiveParity(Tolerance.difference(tol), why);
            case "impact-ratio" -> Criterion.impactRatio(tol, why);
            default -> throw new CliException(ExitCode.BAD_INPUT, "--criterion name must be demographic-parity, equal-opportunity, "
                    + "equalized-odds, predictive-parity or impact-ratio; got \"" + name + "\". Use --policy for other criteria.");
        };
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String option, String text) {
        String normal = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(normal)) {
                return e;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw new CliException(ExitCode.BAD_INPUT, option + " must be one of " + String.join(", ", allowed) + "; got \"" + text + "\".");
    }
}
