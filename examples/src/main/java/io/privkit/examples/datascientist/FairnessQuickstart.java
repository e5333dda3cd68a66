package io.privkit.examples.datascientist;

import io.privkit.common.Randomness;
import io.privkit.evidence.Verdict;
import io.privkit.fairness.Attribute;
import io.privkit.fairness.Characteristic;
import io.privkit.fairness.Criterion;
import io.privkit.fairness.Disclosure;
import io.privkit.fairness.FairnessAssessment;
import io.privkit.fairness.FairnessData;
import io.privkit.fairness.FairnessReport;
import io.privkit.fairness.FavourableOutcome;
import io.privkit.fairness.Tolerance;
import io.privkit.fairness.report.ReportText;
import io.privkit.fairness.synthetic.SyntheticLoans;
import java.io.PrintStream;

/**
 * Data scientist's quick start: assess a model's decisions by sex and age band in a few lines of
 * Java, against a pre-registered criterion, and print the published report (small groups withheld).
 *
 * <p>The decisions come from a generated loan model that scores women 0.08 lower than men with the
 * same repayment probability; in your code, pass your labels, decisions and attribute columns.
 */
public final class FairnessQuickstart {
    private FairnessQuickstart() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** Runs the quick start, printing the report; returns the verdict. */
    public static Verdict run(PrintStream out) {
        SyntheticLoans.Columns c = new SyntheticLoans(20_000, 0.08).generate(Randomness.insecureSeeded(7));

        FairnessReport report = FairnessAssessment.builder()
                .favourable(FavourableOutcome.POSITIVE_CLASS)                       // 1 = approved
                .reference("sex", "M", "historically advantaged group")
                .reference("age_band", "25-44", "largest band")
                .criterion(Criterion.demographicParity(Tolerance.difference(0.05), "lending policy 4.2"))
                .build()
                .assess(FairnessData.builder()
                        .labels(c.repaid()).predictions(c.approved()).scores(c.score())
                        .attribute(Attribute.sensitive("sex", Characteristic.SEX), c.sex())
                        .attribute(Attribute.sensitive("age_band", Characteristic.AGE), c.ageBand())
                        .build());

        out.print(ReportText.render(Disclosure.publish(report)));
        return report.verdict();
    }
}
