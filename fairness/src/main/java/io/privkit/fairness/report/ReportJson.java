package io.privkit.fairness.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privkit.common.Checks;
import io.privkit.evidence.ConfidenceInterval;
import io.privkit.evidence.Estimate;
import io.privkit.evidence.json.CanonicalJson;
import io.privkit.evidence.json.JsonNames;
import io.privkit.fairness.Attribute;
import io.privkit.fairness.ComparisonVerdict;
import io.privkit.fairness.Criterion;
import io.privkit.fairness.CriterionResult;
import io.privkit.fairness.FairnessReport;
import io.privkit.fairness.FourFifthsRow;
import io.privkit.fairness.GroupResult;
import io.privkit.fairness.MetricSummary;
import io.privkit.fairness.PairComparison;
import io.privkit.fairness.ViewResult;
import io.privkit.fairness.metrics.Aggregate;
import io.privkit.fairness.metrics.AifComparison;
import io.privkit.fairness.metrics.Aggregates;
import io.privkit.fairness.metrics.Metric;
import io.privkit.fairness.metrics.ReliabilityBin;
import io.privkit.fairness.table.InputSchema;
import java.util.Map;

/**
 * A {@link FairnessReport} as one JSON document for scripts (what {@code privkit fairness --json}
 * prints): the settings and data summary, then per view the overall and per-group counts and every
 * metric with its interval ({@code null} where undefined, with the reason), the disparities with
 * their intervals and tests, the aggregates, AIF360's metrics, the indices, the omnibus test and
 * the four-fifths table, then each criterion's verdict, the overall verdict, the notes and the
 * withheld groups. Keys are in a fixed order and numbers in one format, so two runs diff cleanly.
 *
 * <p>Stateless and thread-safe.
 */
public final class ReportJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ReportJson() {
    }

    /** The report as UTF-8 JSON bytes. */
    public static byte[] write(FairnessReport report) {
        return CanonicalJson.write(tree(report));
    }

    /**
     * The report with the data file it was computed from: after {@code format}, an {@code input}
     * object gives the file name, its format, and each column used with its role and stored type.
     */
    public static byte[] write(FairnessReport report, InputSchema input) {
        return CanonicalJson.write(tree(report, input));
    }

    /** The report and its input as a JSON tree (see {@link #write(FairnessReport, InputSchema)}). */
    public static ObjectNode tree(FairnessReport report, InputSchema input) {
        Checks.requireNonNull(input, "input");
        ObjectNode plain = tree(report);
        ObjectNode root = F.objectNode();
        root.set("format", plain.get("format"));
        ObjectNode in = root.putObject("input");
        in.put("source", input.source());
        in.put("format", input.format().id());
        ArrayNode cols = in.putArray("columns");
        for (InputSchema.UsedColumn c : input.columns()) {
            ObjectNode o = cols.addObject();
            o.put("name", c.name());
            o.put("role", c.role().id());
            o.put("type", c.type().id());
        }
        plain.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("format")) {
                root.set(e.getKey(), e.getValue());
            }
        });
        return root;
    }

    /** The report as a JSON tree. */
    public static ObjectNode tree(FairnessReport report) {
        Checks.requireNonNull(report, "report");
        var s = report.settings();
        ObjectNode root = F.objectNode();
        root.put("format", "privkit-fairness-report/1");
        root.put("publication", JsonNames.of(report.publication()));
        root.put("verdict", JsonNames.of(report.verdict()));
        root.put("favourableOutcome", JsonNames.of(s.favourable()));
        ObjectNode ref = root.putObject("reference");
        ref.put("group", s.reference().label());
        ref.put("key", s.reference().key());
        ref.put("rationale", s.referenceRationale());
        ObjectNode settings = root.putObject("settings");
        settings.put("intervalMethod", JsonNames.of(s.intervalMethod()));
        settings.put("confidenceLevel", s.level().value());
        settings.put("reliabilityFloor", s.floor().minGroupSize());
        settings.put("minConditionalCount", s.floor().minConditionalCount());
        settings.put("minCellSize", s.minCellSize());
        settings.put("test", s.test().id());
        settings.put("screening", s.screening().id());
        settings.put("verdictAdjustment", s.verdictAdjustment().id());
        if (s.bootstrap() == null) {
            settings.putNull("bootstrap");
        } else {
            ObjectNode b = settings.putObject("bootstrap");
            b.put("resamples", s.bootstrap().resamples());
            b.put("seed", s.bootstrap().seed());
            b.put("resampling", JsonNames.of(s.bootstrap().resampling()));
        }
        ObjectNode data = root.putObject("data");
        data.put("rows", report.data().rows());
        data.put("rowsAssessed", report.data().rowsAssessed());
        data.put("missingValuePolicy", JsonNames.of(report.data().missingPolicy()));
        ArrayNode attributes = data.putArray("attributes");
        for (Attribute a : report.data().attributes()) {
            ObjectNode o = attributes.addObject();
            o.put("name", a.name());
            o.put("role", JsonNames.of(a.role()));
            o.put("characteristic", JsonNames.of(a.characteristic()));
            o.put("source", JsonNames.of(a.source()));
            if (a.binning() == null) {
                o.putNull("binning");
            } else {
                o.put("binning", a.binning().describe());
            }
            o.put("missing", report.data().missing().getOrDefault(a.name(), 0L));
        }
        ObjectNode dropped = data.putObject("dropped");
        report.data().dropped().forEach(dropped::put);
        ArrayNode views = root.putArray("views");
        for (ViewResult v : report.views()) {
            views.add(view(v));
        }
        ArrayNode criteria = root.putArray("criteria");
        for (CriterionResult c : report.criteria()) {
            criteria.add(criterion(c));
        }
        ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        ArrayNode suppressed = root.putArray("suppressed");
        for (FairnessReport.Suppression x : report.suppressed()) {
            ObjectNode o = suppressed.addObject();
            o.put("view", x.view());
            o.put("group", x.group());
            o.put("reason", x.reason());
        }
        if (report.randomness() == null) {
            root.putNull("randomness");
        } else {
            ObjectNode r = root.putObject("randomness");
            r.put("kind", JsonNames.of(report.randomness().kind()));
            r.put("algorithm", report.randomness().algorithm());
            r.put("seed", report.randomness().seed());
        }
        return root;
    }

    private static ObjectNode view(ViewResult v) {
        ObjectNode o = F.objectNode();
        o.put("name", v.name());
        o.put("qualifiedName", v.qualifiedName());
        ArrayNode attrs = o.putArray("attributes");
        v.attributes().forEach(attrs::add);
        if (v.stratum().overall()) {
            o.putNull("stratum");
        } else {
            o.put("stratum", v.stratum().label());
        }
        o.put("reference", v.reference().key());
        o.set("overall", group(v.overall()));
        ArrayNode groups = o.putArray("groups");
        v.groups().forEach(g -> groups.add(group(g)));
        ArrayNode disparities = o.putArray("disparities");
        for (PairComparison c : v.comparisons()) {
            ObjectNode d = disparities.addObject();
            d.put("metric", c.metric().id());
            d.put("group", c.group().key());
            d.put("against", c.toOverall() ? "overall" : c.reference().key());
            number(d, "difference", c.difference());
            interval(d, "differenceCi", c.differenceCi());
            number(d, "ratio", c.ratio());
            interval(d, "ratioCi", c.ratioCi());
            text(d, "test", c.test());
            number(d, "pValue", c.pValue());
            number(d, "adjustedPValue", c.adjustedPValue());
            text(d, "undefinedReason", c.undefinedReason());
            text(d, "belowReliabilityFloor", c.floorNote());
        }
        ObjectNode aggregates = o.putObject("aggregates");
        for (MetricSummary s : v.summaries()) {
            ObjectNode m = aggregates.putObject(s.metric().id());
            for (Map.Entry<Aggregates.Kind, Aggregate> e : s.aggregates().entrySet()) {
                m.set(e.getKey().id(), aggregate(e.getValue()));
            }
            m.set("difference-between-groups-above-floor", aggregate(s.differenceAboveFloor()));
            m.set("ratio-between-groups-above-floor", aggregate(s.ratioAboveFloor()));
        }
        ObjectNode named = o.putObject("named");
        v.named().forEach((k, a) -> named.set(k, aggregate(a)));
        ArrayNode aif = o.putArray("aif360");
        for (AifComparison a : v.aif()) {
            ObjectNode x = aif.addObject();
            x.put("unprivileged", a.unprivileged());
            x.put("privileged", a.privileged());
            ObjectNode metrics = x.putObject("metrics");
            a.metrics().forEach((k, e) -> number(metrics, k, e.value()));
        }
        ObjectNode indices = o.putObject("indices");
        for (Estimate e : v.indices()) {
            number(indices, e.name(), e.value());
        }
        if (v.omnibus() == null) {
            o.putNull("omnibus");
        } else {
            ObjectNode x = o.putObject("omnibus");
            x.put("test", "chi-squared independence of favourable decisions and group");
            x.put("statistic", v.omnibus().statistic());
            x.put("degreesOfFreedom", v.omnibus().degreesOfFreedom());
            x.put("pValue", v.omnibus().pValue());
            x.put("minExpected", v.omnibus().minExpected());
            x.put("cellsExpectedBelow5", v.omnibus().cellsExpectedBelow5());
        }
        text(o, "omnibusNote", v.omnibusNote());
        ArrayNode ff = o.putArray("fourFifths");
        for (FourFifthsRow r : v.fourFifths()) {
            ObjectNode x = ff.addObject();
            x.put("group", r.group().key());
            number(x, "favourableRate", r.favourableRate().value());
            number(x, "impactVsHighest", r.impactVsHighest());
            number(x, "impactVsReference", r.impactVsReference());
            interval(x, "impactVsReferenceCi", r.impactVsReferenceCi());
            x.put("belowFourFifthsVsHighest", r.belowFourFifthsHighest());
            x.put("belowFourFifthsVsReference", r.belowFourFifthsReference());
        }
        return o;
    }

    private static ObjectNode group(GroupResult g) {
        ObjectNode o = F.objectNode();
        o.put("group", g.key().key());
        o.put("label", g.key().label());
        o.put("n", g.n());
        o.put("declaredButEmpty", g.declaredButEmpty());
        ObjectNode counts = o.putObject("counts");
        counts.put("tp", g.counts().tp());
        counts.put("fp", g.counts().fp());
        counts.put("tn", g.counts().tn());
        counts.put("fn", g.counts().fn());
        ObjectNode metrics = o.putObject("metrics");
        for (Map.Entry<Metric, Estimate> e : g.metrics().entrySet()) {
            metrics.set(e.getKey().id(), estimate(e.getValue()));
        }
        if (!g.calibration().isEmpty()) {
            ArrayNode cal = o.putArray("calibration");
            for (ReliabilityBin b : g.calibration()) {
                ObjectNode x = cal.addObject();
                x.put("lower", b.lower());
                x.put("upper", b.upper());
                x.put("n", b.n());
                x.put("positives", b.positives());
                number(x, "meanScore", Double.isNaN(b.meanScore()) ? null : b.meanScore());
                number(x, "observedRate", Double.isNaN(b.observedRate()) ? null : b.observedRate());
            }
        }
        return o;
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
        interval(o, "ci", e.ci());
        text(o, "undefinedReason", e.undefinedReason());
        return o;
    }

    private static ObjectNode aggregate(Aggregate a) {
        ObjectNode o = F.objectNode();
        number(o, "value", a.value());
        interval(o, "ci", a.ci());
        text(o, "undefinedReason", a.undefinedReason());
        ArrayNode ex = o.putArray("excluded");
        a.excluded().forEach(ex::add);
        return o;
    }

    private static ObjectNode criterion(CriterionResult c) {
        Criterion k = c.criterion();
        ObjectNode o = F.objectNode();
        o.put("name", k.name());
        ArrayNode metrics = o.putArray("metrics");
        k.metrics().forEach(m -> metrics.add(m.id()));
        o.put("tolerance", k.tolerance().describe());
        o.put("aggregation", k.aggregationId());
        o.put("rationale", k.rationale());
        o.put("verdict", JsonNames.of(c.verdict()));
        o.put("reason", c.reason());
        ArrayNode comps = o.putArray("comparisons");
        for (ComparisonVerdict x : c.comparisons()) {
            ObjectNode y = comps.addObject();
            y.put("view", x.view());
            y.put("group", x.group());
            y.put("statistic", x.statistic());
            number(y, "estimate", x.estimate());
            interval(y, "ci", x.ci());
            number(y, "pViolation", x.pViolation());
            number(y, "pAdjusted", x.pAdjusted());
            y.put("verdict", JsonNames.of(x.verdict()));
            y.put("reason", x.reason());
        }
        return o;
    }

    private static void number(ObjectNode o, String key, Double value) {
        if (value == null || !Double.isFinite(value)) {
            o.putNull(key);
        } else {
            o.put(key, value);
        }
    }

    private static void text(ObjectNode o, String key, String value) {
        if (value == null) {
            o.putNull(key);
        } else {
            o.put(key, value);
        }
    }

    private static void interval(ObjectNode o, String key, ConfidenceInterval ci) {
        if (ci == null) {
            o.putNull(key);
            o.putNull(key + "Method");
        } else {
            ArrayNode a = o.putArray(key);
            a.add(ci.lower());
            a.add(ci.upper());
            o.put(key + "Method", JsonNames.of(ci.method()));
        }
    }
}
