package io.privkit.cli.demo;

import io.privkit.common.Fingerprint;
import io.privkit.common.Randomness;
import io.privkit.evidence.EvidenceRecord;
import io.privkit.evidence.FairnessEvidence;
import io.privkit.evidence.HumanOversightEvidence;
import io.privkit.evidence.InputRef;
import io.privkit.fairness.Attribute;
import io.privkit.fairness.Characteristic;
import io.privkit.fairness.Disclosure;
import io.privkit.fairness.FairnessAssessment;
import io.privkit.fairness.FairnessData;
import io.privkit.fairness.FairnessReport;
import io.privkit.fairness.FavourableOutcome;
import io.privkit.fairness.GroupKey;
import io.privkit.fairness.mitigation.BeforeAfter;
import io.privkit.fairness.mitigation.GroupThresholds;
import io.privkit.fairness.mitigation.ThresholdTarget;
import io.privkit.fairness.oversight.DecisionLogReader;
import io.privkit.fairness.oversight.OversightReport;
import io.privkit.fairness.report.FairnessPolicy;
import io.privkit.fairness.report.FairnessRecords;
import io.privkit.fairness.report.OversightRecords;
import io.privkit.fairness.stats.ConfidenceLevel;
import io.privkit.fairness.stats.ProportionMethod;
import io.privkit.fairness.synthetic.SyntheticLoans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The fairness demo: a generated loan-approval model that scores women 0.08 lower than men with
 * the same repayment probability (the planted disparity). It is audited against a pre-registered
 * policy (demographic parity within 0.05, impact ratio within [0.8, 1.25]) by sex and age band and
 * their intersection; group-specific thresholds chosen on a separate validation population
 * mitigate it; the record assesses the mitigated decisions on the evaluation population, with
 * the before and after figures. A review log of the first 2 000 decisions, in which reviewers
 * overturn approvals for women twice as often as for men, gives the human-oversight record.
 */
public final class FairnessDemoStep implements DemoStep {
    private static final String POLICY = """
            {
              "format": "privkit-fairness-policy/1",
              "approvedBy": "DPO (demo)",
              "approvedAt": "2026-01-15T09:00:00Z",
              "criteria": [
                {"name": "demographic-parity", "tolerance": {"difference": 0.05}, "rationale": "lending policy: approval rates within 5 points"},
                {"name": "impact-ratio", "tolerance": {"ratio": 0.8}, "rationale": "internal policy modelled on the four-fifths comparison"}
              ]
            }
            """;

    @Override
    public String title() {
        return "Fairness audit, mitigation and human oversight (generated loan decisions)";
    }

    @Override
    public List<EvidenceRecord> run(DemoContext ctx) throws Exception {
        Randomness data = ctx.dataRandomness("fairness");
        SyntheticLoans loans = new SyntheticLoans(20_000, 0.08);
        SyntheticLoans.Columns validation = loans.generate(data.derive("validation"));
        SyntheticLoans.Columns evaluation = loans.generate(data.derive("evaluation"));
        Path csv = ctx.dataDir().resolve("loan-decisions.csv");
        SyntheticLoans.writeCsv(evaluation, csv);
        Path policyFile = ctx.dataDir().resolve("fairness-policy.json");
        Files.writeString(policyFile, POLICY);
        FairnessPolicy policy = FairnessPolicy.read(policyFile);

        FairnessAssessment assessment = policy.applyTo(FairnessAssessment.builder().favourable(FavourableOutcome.POSITIVE_CLASS)
                .reference(new GroupKey(List.of("sex", "age_band"), List.of("M", "25-44")), "largest group, historically advantaged"))
                .build();
        FairnessReport before = assessment.assess(data(evaluation, evaluation.approved()));

        String[] valGroups = groups(validation);
        GroupThresholds thresholds = GroupThresholds.fit(validation.score(), validation.repaid(), valGroups, ThresholdTarget.SELECTION_RATE, 0.5);
        int[] mitigated = thresholds.decide(evaluation.score(), groups(evaluation));
        FairnessReport after = assessment.assess(data(evaluation, mitigated));
        BeforeAfter change = new BeforeAfter(before, after);
        ctx.log().print("before " + before.verdict().name().toLowerCase() + ", after " + after.verdict().name().toLowerCase() + "; ");

        Path log = ctx.dataDir().resolve("review-log.csv");
        SyntheticLoans.writeReviewLog(evaluation, 2_000, data.derive("reviews"), log);
        DecisionLogReader reader = DecisionLogReader.builder().recommendation("model").decision("final").favourable(FavourableOutcome.POSITIVE_CLASS)
                .column(DecisionLogReader.Column.REVIEWER, "reviewer").column(DecisionLogReader.Column.GROUP, "sex")
                .column(DecisionLogReader.Column.OUTCOME, "repaid").column(DecisionLogReader.Column.INITIAL, "initial")
                .column(DecisionLogReader.Column.SECONDS, "seconds").column(DecisionLogReader.Column.RATIONALE, "reason")
                .column(DecisionLogReader.Column.SEEDED, "seeded").column(DecisionLogReader.Column.CONTESTED, "contested")
                .column(DecisionLogReader.Column.CONTEST_CHANGED, "contest_changed").column(DecisionLogReader.Column.CONTEST_DAYS, "contest_days")
                .column(DecisionLogReader.Column.TIME, "time").build();
        OversightReport oversight = OversightReport.of(reader.read(log), ConfidenceLevel.NINETY_FIVE, ProportionMethod.WILSON,
                reader.reviewLogging());
        HumanOversightEvidence oversightRecord = OversightRecords.of(oversight, ctx.subject(),
                InputRef.ofFile("decision-log", log, oversight.decisions()), ctx.clock());

        Fingerprint f = Fingerprint.of(csv);
        FairnessEvidence fairness = FairnessRecords.builder().report(Disclosure.publish(after)).subject(ctx.subject()).clock(ctx.clock())
                .evaluationData(new FairnessEvidence.EvaluationData(f.sha256(), null, evaluation.sex().length,
                        "generated repayment outcomes", "generated: the true outcome is known exactly; real labels would be delayed and proxied"))
                .decisionRule(new FairnessEvidence.DecisionRule(null, "approve when the score reaches the threshold of the applicant's "
                        + "sex and age band (chosen on a separate validation population to equalise approval rates)"))
                .polarity(FairnessEvidence.DecisionPolarity.ASSISTIVE)
                .favourableLabel("1 (approved)")
                .policy(policy.ref())
                .input(InputRef.ofFile("evaluation-data", csv, (long) evaluation.sex().length))
                .input(InputRef.ofFile("policy", policyFile, null))
                .mitigation(change.mitigation(FairnessEvidence.MitigationKind.POST_PROCESSING, "group-thresholds", thresholds.parameters()))
                .tradeOffs(change.tradeOffs())
                .oversightRecordId(oversightRecord.header().recordId())
                .limitation("The thresholds use sex and age band at decision time; processing them for this purpose needs its own basis.")
                .build();
        return List.of(fairness, oversightRecord);
    }

    private static FairnessData data(SyntheticLoans.Columns c, int[] decisions) {
        return FairnessData.builder().labels(c.repaid()).predictions(decisions).scores(c.score())
                .attribute(Attribute.sensitive("sex", Characteristic.SEX), c.sex())
                .attribute(Attribute.sensitive("age_band", Characteristic.AGE).withLevels(SyntheticLoans.AGE_BANDS), c.ageBand())
                .build();
    }

    private static String[] groups(SyntheticLoans.Columns c) {
        String[] g = new String[c.sex().length];
        for (int i = 0; i < g.length; i++) {
            g[i] = c.sex()[i] + "|" + c.ageBand()[i];
        }
        return g;
    }
}
