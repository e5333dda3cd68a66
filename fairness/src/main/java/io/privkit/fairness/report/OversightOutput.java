package io.privkit.fairness.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privkit.common.Checks;
import io.privkit.evidence.Estimate;
import io.privkit.evidence.HumanOversightEvidence.Breakdown;
import io.privkit.evidence.json.CanonicalJson;
import io.privkit.fairness.oversight.OversightReport;
import io.privkit.fairness.stats.ChiSquareIndependence;
import java.util.List;
import java.util.Locale;

/**
 * An {@link OversightReport} as JSON for scripts ({@code privkit oversight --json}) and as text for
 * people. Every rate carries numerator, denominator and interval, or {@code null} with the reason.
 *
 * <p>Stateless and thread-safe.
 */
public final class OversightOutput {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private OversightOutput() {
    }

    /** The report as UTF-8 JSON bytes. */
    public static byte[] json(OversightReport r) {
        Checks.requireNonNull(r, "report");
        ObjectNode root = F.objectNode();
        root.put("format", "privkit-oversight-report/1");
        root.put("decisions", r.decisions());
        if (r.period() == null) {
            root.putNull("period");
        } else {
            ObjectNode p = root.putObject("period");
            p.put("from", r.period().from().toString());
            p.put("to", r.period().to().toString());
        }
        root.set("reviewCoverage", estimate(r.reviewCoverage()));
        ObjectNode override = root.putObject("overrideRate");
        override.set("overall", estimate(r.overrideRate()));
        override.set("byDirection", breakdown(r.byDirection()));
        override.set("byReviewer", breakdown(r.byReviewer()));
        override.set("byGroup", breakdown(r.byGroup()));
        override.set("byConfidence", breakdown(r.byConfidence()));
        override.set("groupTest", test(r.groupTest()));
        override.set("reviewerTest", test(r.reviewerTest()));
        for (Estimate e : List.of(r.commissionErrorRate(), r.omissionErrorRate(), r.modelErrorRate(), r.finalErrorRate(), r.rair(), r.rsr(),
                r.rationaleRate(), r.seededCatchRate())) {
            root.set(e.name(), estimate(e));
        }
        if (r.timeOnTask() == null) {
            root.putNull("timeOnTask");
        } else {
            ObjectNode t = root.putObject("timeOnTask");
            t.put("medianSeconds", r.timeOnTask().medianSeconds());
            t.put("p10Seconds", r.timeOnTask().p10Seconds());
        }
        if (r.contestations() == null) {
            root.putNull("contestations");
        } else {
            ObjectNode c = root.putObject("contestations");
            c.put("requests", r.contestations().requests());
            number(c, "changedShare", r.contestations().changedShare());
            number(c, "medianDays", r.contestations().medianDays());
        }
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        root.put("interpretation", r.interpretation());
        return CanonicalJson.write(root);
    }

    /** The report as text. */
    public static String text(OversightReport r) {
        Checks.requireNonNull(r, "report");
        StringBuilder out = new StringBuilder();
        out.append(r.decisions()).append(" decisions").append(r.period() == null ? "" : " from " + r.period().from() + " to " + r.period().to())
                .append(".\n");
        line(out, "review coverage", r.reviewCoverage());
        line(out, "override rate", r.overrideRate());
        section(out, "by direction", r.byDirection());
        section(out, "by reviewer", r.byReviewer());
        section(out, "by group", r.byGroup());
        section(out, "by confidence band", r.byConfidence());
        if (r.groupTest() != null) {
            out.append(String.format(Locale.ROOT, "  equal override rates across groups: chi-squared %.3f, %d df, p = %.3g%n",
                    r.groupTest().statistic(), r.groupTest().degreesOfFreedom(), r.groupTest().pValue()));
        }
        if (r.reviewerTest() != null) {
            out.append(String.format(Locale.ROOT, "  equal override rates across reviewers: chi-squared %.3f, %d df, p = %.3g%n",
                    r.reviewerTest().statistic(), r.reviewerTest().degreesOfFreedom(), r.reviewerTest().pValue()));
        }
        line(out, "model error rate", r.modelErrorRate());
        line(out, "final error rate", r.finalErrorRate());
        line(out, "commission errors", r.commissionErrorRate());
        line(out, "omission errors", r.omissionErrorRate());
        line(out, "RAIR", r.rair());
        line(out, "RSR", r.rsr());
        line(out, "rationale rate", r.rationaleRate());
        line(out, "seeded-error catch rate", r.seededCatchRate());
        if (r.timeOnTask() != null) {
            out.append(String.format(Locale.ROOT, "time on task: median %.1f s, 10th percentile %.1f s%n", r.timeOnTask().medianSeconds(),
                    r.timeOnTask().p10Seconds()));
        }
        if (r.contestations() != null) {
            out.append("contestations: ").append(r.contestations().requests()).append(" requests")
                    .append(r.contestations().changedShare() == null ? ""
                            : String.format(Locale.ROOT, ", %.1f%% changed the decision", 100 * r.contestations().changedShare()))
                    .append(r.contestations().medianDays() == null ? ""
                            : String.format(Locale.ROOT, ", median %.1f days to answer", r.contestations().medianDays())).append('\n');
        }
        if (!r.notes().isEmpty()) {
            out.append("Notes:\n");
            r.notes().forEach(n -> out.append("  - ").append(n).append('\n'));
        }
        out.append("How to read this: ").append(r.interpretation()).append('\n');
        return out.toString();
    }

    private static void line(StringBuilder out, String name, Estimate e) {
        out.append(name).append(": ").append(describe(e)).append('\n');
    }

    private static void section(StringBuilder out, String name, List<Breakdown> list) {
        if (list.isEmpty()) {
            return;
        }
        out.append("  ").append(name).append(":\n");
        for (Breakdown b : list) {
            out.append("    ").append(b.level()).append(": ").append(describe(b.estimate())).append('\n');
        }
    }

    private static String describe(Estimate e) {
        if (!e.defined()) {
            return "undefined (" + e.undefinedReason() + ")";
        }
        String base = String.format(Locale.ROOT, "%.1f%%", 100 * e.value());
        if (e.numerator() != null) {
            base += " (" + e.numerator() + "/" + e.denominator() + ")";
        }
        if (e.ci() != null) {
            base += String.format(Locale.ROOT, " [%.1f%%, %.1f%%]", 100 * e.ci().lower(), 100 * e.ci().upper());
        }
        return base;
    }

    private static ObjectNode estimate(Estimate e) {
        ObjectNode o = F.objectNode();
        number(o, "value", e.value());
        if (e.numerator() == null) {
            o.putNull("numerator");
            o.putNull("denominator");
        } else {
            o.put("numerator", e.numerator());
            o.put("denominator", e.denominator());
        }
        if (e.ci() == null) {
            o.putNull("ci");
        } else {
            ArrayNode a = o.putArray("ci");
            a.add(e.ci().lower());
            a.add(e.ci().upper());
        }
        if (e.undefinedReason() == null) {
            o.putNull("undefinedReason");
        } else {
            o.put("undefinedReason", e.undefinedReason());
        }
        return o;
    }

    private static ArrayNode breakdown(List<Breakdown> list) {
        ArrayNode a = F.arrayNode();
        for (Breakdown b : list) {
            ObjectNode o = a.addObject();
            o.put("level", b.level());
            o.set("overrideRate", estimate(b.estimate()));
        }
        return a;
    }

    private static ObjectNode test(ChiSquareIndependence t) {
        if (t == null) {
            return null;
        }
        ObjectNode o = F.objectNode();
        o.put("statistic", t.statistic());
        o.put("degreesOfFreedom", t.degreesOfFreedom());
        o.put("pValue", t.pValue());
        o.put("cellsExpectedBelow5", t.cellsExpectedBelow5());
        return o;
    }

    private static void number(ObjectNode o, String key, Double v) {
        if (v == null) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }
}
