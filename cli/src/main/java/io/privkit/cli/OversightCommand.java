package io.privkit.cli;

import io.privkit.common.Fingerprint;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.HumanOversightEvidence;
import io.privkit.evidence.InputRef;
import io.privkit.evidence.Subject;
import io.privkit.fairness.Binning;
import io.privkit.fairness.FavourableOutcome;
import io.privkit.fairness.oversight.DecisionLogReader;
import io.privkit.fairness.oversight.OversightAccumulator;
import io.privkit.fairness.oversight.OversightReport;
import io.privkit.fairness.report.OversightOutput;
import io.privkit.fairness.report.OversightRecords;
import io.privkit.fairness.stats.ConfidenceLevel;
import io.privkit.fairness.stats.ProportionMethod;
import io.privkit.fairness.table.LabelCoding;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code privkit oversight}: human-oversight measures from a decision log. */
@Command(name = "oversight", sortOptions = false,
        header = "Measure human review of automated decisions from a decision log (GDPR Art. 22): coverage, override rates by "
                + "direction, reviewer, group and confidence, commission and omission errors, reliance, time on task.",
        description = {
            "",
            "A low override rate alone proves nothing: it fits a good model and rubber-stamping alike. Read it with the model's",
            "error rate, the commission errors and the reliance measures, which need the later outcome (--outcome) and, for",
            "RAIR and RSR, the reviewer's initial decision (--initial).",
            "",
            "Example:",
            "  privkit oversight --log decisions.csv --recommendation model --decision final --favourable 1 \\",
            "      --reviewer reviewer --group sex --outcome repaid --seconds seconds --evidence oversight.json",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Measured.", "2:Bad input: unknown column, value outside the coding, bad time or number.",
            "4:A file cannot be read or written."})
public final class OversightCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @Option(names = "--log", required = true, paramLabel = "FILE", description = "Decision log: CSV with a header row, or Parquet.")
    Path log;

    @Option(names = "--recommendation", required = true, paramLabel = "COL", description = "Column with the model's recommendation.")
    String recommendation;

    @Option(names = "--decision", required = true, paramLabel = "COL", description = "Column with the final human decision.")
    String decision;

    @Option(names = "--favourable", required = true, paramLabel = "VALUE", description = "The decision value favourable to the person.")
    String favourable;

    @Option(names = "--positive", paramLabel = "VALUE", defaultValue = "1", description = "Value coded 1 (default: ${DEFAULT-VALUE}).")
    String positive;

    @Option(names = "--negative", paramLabel = "VALUE", defaultValue = "0", description = "Value coded 0 (default: ${DEFAULT-VALUE}).")
    String negative;

    @Option(names = "--reviewer", paramLabel = "COL", description = "Reviewer pseudonym (empty: not reviewed). Without it coverage is not measured.")
    String reviewer;

    @Option(names = "--time", paramLabel = "COL", description = "When the decision was made (ISO-8601).")
    String time;

    @Option(names = "--seconds", paramLabel = "COL", description = "Seconds spent on the review.")
    String seconds;

    @Option(names = "--group", paramLabel = "COL", description = "The person's protected group (selective adherence).")
    String group;

    @Option(names = "--outcome", paramLabel = "COL", description = "The later true outcome (empty when unknown).")
    String outcome;

    @Option(names = "--confidence", paramLabel = "COL", description = "The model's confidence or score.")
    String confidence;

    @Option(names = "--confidence-bands", paramLabel = "CUTS", split = ",", description = "Cut points of the confidence bands (default 0.6,0.7,0.8,0.9).")
    List<Double> bands = new ArrayList<>();

    @Option(names = "--rationale", paramLabel = "COL", description = "Written reason (non-empty: a reason was given).")
    String rationale;

    @Option(names = "--seeded", paramLabel = "COL", description = "1 for a deliberately wrong test recommendation.")
    String seeded;

    @Option(names = "--initial", paramLabel = "COL", description = "The reviewer's own decision before seeing the recommendation.")
    String initial;

    @Option(names = "--contested", paramLabel = "COL", description = "1 when the person contested or asked for human intervention.")
    String contested;

    @Option(names = "--contest-changed", paramLabel = "COL", description = "1 when the contestation changed the decision.")
    String contestChanged;

    @Option(names = "--contest-days", paramLabel = "COL", description = "Days taken to answer the contestation.")
    String contestDays;

    @Option(names = "--level", paramLabel = "X", defaultValue = "0.95", description = "Confidence level (default: ${DEFAULT-VALUE}).")
    double level;

    @Option(names = "--evidence", paramLabel = "FILE", description = "Write a human-oversight evidence record (JSON) here.")
    Path evidence;

    @Option(names = "--system", paramLabel = "NAME", description = "The system whose decisions were reviewed (for the evidence).")
    String system;

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
                    + "\"; got \"" + favourable + "\". Name the favourable decision value.");
        }
        DecisionLogReader.Builder b = DecisionLogReader.builder().recommendation(recommendation).decision(decision).coding(coding)
                .favourable(fav);
        if (!bands.isEmpty()) {
            b.bands(new Binning(bands));
        }
        column(b, DecisionLogReader.Column.REVIEWER, reviewer);
        column(b, DecisionLogReader.Column.TIME, time);
        column(b, DecisionLogReader.Column.SECONDS, seconds);
        column(b, DecisionLogReader.Column.GROUP, group);
        column(b, DecisionLogReader.Column.OUTCOME, outcome);
        column(b, DecisionLogReader.Column.CONFIDENCE, confidence);
        column(b, DecisionLogReader.Column.RATIONALE, rationale);
        column(b, DecisionLogReader.Column.SEEDED, seeded);
        column(b, DecisionLogReader.Column.INITIAL, initial);
        column(b, DecisionLogReader.Column.CONTESTED, contested);
        column(b, DecisionLogReader.Column.CONTEST_CHANGED, contestChanged);
        column(b, DecisionLogReader.Column.CONTEST_DAYS, contestDays);
        DecisionLogReader reader = b.build();
        ConfidenceLevel confidenceLevel = ConfidenceLevel.of(level);
        OversightAccumulator acc = reader.read(log);
        OversightReport report = OversightReport.of(acc, confidenceLevel, ProportionMethod.WILSON, reader.reviewLogging());
        if (evidence != null) {
            Fingerprint f = Fingerprint.of(log);
            HumanOversightEvidence record = OversightRecords.of(report,
                    Subject.system(system != null ? system : "decisions in " + log.getFileName()),
                    new InputRef("decision-log", log.getFileName().toString(), f.sha256(), f.sizeBytes(), report.decisions(), report.period()),
                    Clock.systemUTC());
            EvidenceJson.write(record, evidence);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.print(new String(OversightOutput.json(report), StandardCharsets.UTF_8));
        } else {
            out.print(OversightOutput.text(report));
            if (evidence != null) {
                out.println("Evidence record written to " + evidence + ".");
            }
        }
        out.flush();
        return ExitCode.OK.code();
    }

    private static void column(DecisionLogReader.Builder b, DecisionLogReader.Column role, String name) {
        if (name != null) {
            b.column(role, name);
        }
    }
}
