package io.privkit.fairness.mitigation;

import io.privkit.common.Checks;
import io.privkit.evidence.Estimate;
import io.privkit.evidence.FairnessEvidence;
import io.privkit.fairness.FairnessReport;
import io.privkit.fairness.GroupResult;
import io.privkit.fairness.ViewResult;
import io.privkit.fairness.metrics.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A mitigation's effect: two assessments of the same evaluation data with the same settings, one
 * of the decisions before the mitigation and one after, turned into the evidence record's
 * {@link FairnessEvidence.Mitigation} (metric changes per group) and
 * {@link FairnessEvidence.TradeOffs} (the change in overall accuracy).
 *
 * <p>Immutable and thread-safe.
 *
 * @param before the assessment before
 * @param after  the assessment after
 */
public record BeforeAfter(FairnessReport before, FairnessReport after) {
    /** The metrics whose changes are recorded. */
    public static final List<Metric> RECORDED = List.of(Metric.SELECTION_RATE, Metric.FAVOURABLE_RATE, Metric.TPR, Metric.FPR,
            Metric.PRECISION, Metric.ACCURACY);

    public BeforeAfter {
        Checks.requireNonNull(before, "before");
        Checks.requireNonNull(after, "after");
        if (before.data().rowsAssessed() != after.data().rowsAssessed()) {
            throw Checks.argument("after").mustBe("an assessment of the same evaluation data (" + before.data().rowsAssessed() + " rows)")
                    .got(after.data().rowsAssessed() + " rows").fix("Assess the mitigated decisions on the same rows.").exception();
        }
        if (!before.settings().equals(after.settings())) {
            throw Checks.argument("after").mustBe("assessed with the same settings as before").got("different settings")
                    .fix("Use one FairnessAssessment for both.").exception();
        }
    }

    /** The change in overall accuracy (after minus before). */
    public double accuracyDelta() {
        return value(after.views().get(0).overall(), Metric.ACCURACY) - value(before.views().get(0).overall(), Metric.ACCURACY);
    }

    /** The evidence entry. */
    public FairnessEvidence.Mitigation mitigation(FairnessEvidence.MitigationKind kind, String method, Map<String, String> parameters) {
        List<FairnessEvidence.MetricChange> changes = new ArrayList<>();
        for (ViewResult vb : before.views()) {
            ViewResult va = after.views().stream().filter(v -> v.qualifiedName().equals(vb.qualifiedName())).findFirst().orElse(null);
            if (va == null) {
                continue;
            }
            for (Metric m : RECORDED) {
                if (vb == before.views().get(0)) {
                    changes.add(change(m, "overall", vb.overall(), va.overall()));
                }
                for (GroupResult gb : vb.groups()) {
                    GroupResult ga = va.groups().stream().filter(g -> g.key().equals(gb.key())).findFirst().orElse(null);
                    if (ga != null && gb.n() > 0) {
                        changes.add(change(m, label(vb, gb), gb, ga));
                    }
                }
            }
        }
        return new FairnessEvidence.Mitigation(kind, method, parameters, null, changes);
    }

    /** The trade-off entry, with a note on what the criteria can and cannot hold together. */
    public FairnessEvidence.TradeOffs tradeOffs() {
        return new FairnessEvidence.TradeOffs(accuracyDelta(), String.format(Locale.ROOT, "Overall accuracy changed by %+.4f. "
                + "Equalising one rate across groups with different base rates moves others: calibration within groups and equal "
                + "error rates cannot in general hold together (Chouldechova 2017; Kleinberg, Mullainathan and Raghavan 2016).",
                accuracyDelta()));
    }

    private static FairnessEvidence.MetricChange change(Metric m, String group, GroupResult b, GroupResult a) {
        Estimate eb = b.metric(m);
        Estimate ea = a.metric(m);
        return new FairnessEvidence.MetricChange(m.id(), group, eb.value(), ea.value());
    }

    private static double value(GroupResult g, Metric m) {
        Estimate e = g.metric(m);
        return e.defined() ? e.value() : Double.NaN;
    }

    private static String label(ViewResult v, GroupResult g) {
        return v.stratum().overall() ? g.key().label() : g.key().label() + " [" + v.stratum().label() + "]";
    }
}
