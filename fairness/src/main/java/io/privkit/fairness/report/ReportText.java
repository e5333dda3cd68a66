package io.privkit.fairness.report;

import io.privkit.common.Checks;
import io.privkit.evidence.ConfidenceInterval;
import io.privkit.evidence.Estimate;
import io.privkit.fairness.ComparisonVerdict;
import io.privkit.fairness.CriterionResult;
import io.privkit.fairness.FairnessReport;
import io.privkit.fairness.GroupResult;
import io.privkit.fairness.PairComparison;
import io.privkit.fairness.ViewResult;
import io.privkit.fairness.metrics.Aggregate;
import io.privkit.fairness.metrics.Metric;
import java.util.List;
import java.util.Locale;

/**
 * A {@link FairnessReport} as plain text for people: per view a table of groups (size, favourable
 * rate, selection rate, TPR, FPR, each with its interval, "undefined" where undefined), the
 * disparities of those rates from the reference, the named aggregates; then each criterion's
 * verdict and the deciding comparisons; the notes; and the withheld groups.
 *
 * <p>Stateless and thread-safe.
 */
public final class ReportText {
    private static final List<Metric> SHOWN = List.of(Metric.FAVOURABLE_RATE, Metric.SELECTION_RATE, Metric.TPR, Metric.FPR);

    private ReportText() {
    }

    /** The report as text. */
    public static String render(FairnessReport report) {
        Checks.requireNonNull(report, "report");
        var s = report.settings();
        StringBuilder out = new StringBuilder(4096);
        out.append(String.format(Locale.ROOT, "%d rows assessed of %d read", report.data().rowsAssessed(), report.data().rows()));
        long dropped = report.data().dropped().values().stream().mapToLong(Long::longValue).sum();
        out.append(dropped == 0 ? "" : " (" + dropped + " dropped)").append(". Favourable outcome: ")
                .append(s.favourable() == io.privkit.fairness.FavourableOutcome.POSITIVE_CLASS ? "the class coded 1" : "the class coded 0")
                .append(". Reference: ").append(s.reference().label()).append(" (").append(s.referenceRationale()).append(").\n");
        out.append("Intervals: ").append(pct(s.level().value())).append(' ')
                .append(s.intervalMethod().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .append(" per group, Newcombe for differences; reliability floor ").append(s.floor().minGroupSize())
                .append(" people (").append(s.floor().minConditionalCount()).append(" per conditional denominator)")
                .append(report.publication() == FairnessReport.Publication.PUBLISHED ? "; groups under " + s.minCellSize()
                        + " people withheld" : "; unsuppressed: keep under access control").append(".\n");
        out.append("Verdict: ").append(report.verdict().name()).append("\n");
        for (ViewResult v : report.views()) {
            out.append("\n== ").append(v.qualifiedName()).append(" (reference ").append(v.reference().key()).append(")\n");
            int width = Math.max(8, v.groups().stream().mapToInt(g -> g.key().key().length()).max().orElse(8));
            out.append(String.format(Locale.ROOT, "  %-" + width + "s %7s", "group", "n"));
            for (Metric m : SHOWN) {
                out.append(String.format(Locale.ROOT, "  %-23s", m.id()));
            }
            out.append('\n');
            for (GroupResult g : v.groups()) {
                out.append(String.format(Locale.ROOT, "  %-" + width + "s %7d", g.key().key(), g.n()));
                for (Metric m : SHOWN) {
                    out.append(String.format(Locale.ROOT, "  %-23s", estimate(g.metric(m))));
                }
                out.append('\n');
            }
            out.append("  difference from the reference [").append(pct(s.level().value())).append(" Newcombe], adjusted p:\n");
            for (PairComparison c : v.comparisons()) {
                if (c.toOverall() || !SHOWN.contains(c.metric())) {
                    continue;
                }
                out.append(String.format(Locale.ROOT, "    %-16s %-" + width + "s %s%n", c.metric().id(), c.group().key(),
                        c.difference() == null ? "undefined (" + c.undefinedReason() + ")"
                                : String.format(Locale.ROOT, "%+.3f %s%s", c.difference(), ci(c.differenceCi()),
                                c.adjustedPValue() == null ? "" : String.format(Locale.ROOT, "  p=%.2g", c.adjustedPValue()))));
            }
            for (String k : List.of("demographic-parity-difference/between-groups", "demographic-parity-ratio/between-groups",
                    "equalized-odds-difference/worst-case/between-groups")) {
                Aggregate a = v.named().get(k);
                out.append("  ").append(k).append(": ").append(a.defined() ? String.format(Locale.ROOT, "%.3f", a.value())
                        + (a.ci() == null ? "" : " " + ci(a.ci())) : "undefined (" + a.undefinedReason() + ")")
                        .append(a.excluded().isEmpty() ? "" : "; left out: " + String.join(", ", a.excluded())).append('\n');
            }
        }
        if (!report.criteria().isEmpty()) {
            out.append("\nCriteria (pre-registered):\n");
            for (CriterionResult c : report.criteria()) {
                out.append("  ").append(c.criterion().name()).append(" (").append(c.criterion().tolerance().describe()).append(", ")
                        .append(c.criterion().aggregationId()).append("): ").append(c.verdict().name()).append("\n    ")
                        .append(c.reason()).append('\n');
                for (ComparisonVerdict x : c.comparisons()) {
                    out.append("      ").append(x.verdict().name().charAt(0)).append(' ').append(x.view()).append(", ").append(x.group())
                            .append(", ").append(x.statistic()).append(": ").append(x.reason()).append('\n');
                }
            }
        }
        if (!report.notes().isEmpty()) {
            out.append("\nNotes:\n");
            report.notes().forEach(n -> out.append("  - ").append(n).append('\n'));
        }
        if (!report.suppressed().isEmpty()) {
            out.append("\nWithheld from this published report:\n");
            report.suppressed().forEach(x -> out.append("  - ").append(x.view()).append(": ").append(x.group()).append(" (")
                    .append(x.reason()).append(")\n"));
        }
        return out.toString();
    }

    private static String estimate(Estimate e) {
        if (!e.defined()) {
            return "undefined";
        }
        return String.format(Locale.ROOT, "%.3f", e.value()) + (e.ci() == null ? "" : " " + ci(e.ci()));
    }

    private static String ci(ConfidenceInterval ci) {
        return ci == null ? "" : String.format(Locale.ROOT, "[%.3f, %.3f]", ci.lower(), ci.upper());
    }

    private static String pct(double level) {
        return String.format(Locale.ROOT, "%.4g%%", level * 100);
    }
}
