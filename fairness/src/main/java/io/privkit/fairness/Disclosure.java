package io.privkit.fairness;

import io.privkit.common.Checks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes the published version of a report, so that a fairness report is not itself a privacy
 * leak: a group with fewer people than the disclosure floor ({@link AssessmentSettings#minCellSize()})
 * is withheld (primary suppression), and so is any further group whose figures would let a reader
 * recover a withheld one by subtraction (secondary suppression).
 *
 * <p>Secondary suppression follows the usual rule of statistical disclosure control (e.g.
 * A. Hundepool et al., "Statistical Disclosure Control", Wiley 2012, ch. 4): within every line of
 * a table that has a published total, either no cell or at least two cells are withheld. The
 * lines are each single-attribute view (total: everyone in the stratum) and, in the intersection,
 * each row and column (for two attributes, total: the single-attribute group). When a line has
 * exactly one withheld cell, the smallest other non-empty cell of that line is withheld too (the
 * reference group only when no other is left); when it has no other, its total is. Secondary
 * suppression can withhold a large group: coarser groups or a lower floor avoid that. This is repeated until no line has a single withheld cell. It
 * stops recovery by one subtraction; it is not a guarantee against every inference (that needs
 * differential privacy).
 *
 * <p>What is withheld: the group's counts, metrics, comparisons, AIF360 and four-fifths rows; the
 * aggregates, indices and omnibus test of its view are recomputed over the groups that remain
 * (bootstrap intervals are dropped there). Criterion comparisons of withheld groups keep their
 * verdict but lose their figures. The unsuppressed report stays the evidence of record, under
 * access control.
 *
 * <p>Stateless and thread-safe.
 */
public final class Disclosure {
    /** The reason given for a group with fewer people than the floor. */
    static final String PRIMARY = "fewer than %d people";
    /** The reason given for a group withheld so that another cannot be recovered. */
    static final String SECONDARY = "withheld so that a smaller withheld group cannot be recovered by subtraction";

    private Disclosure() {
    }

    /**
     * The published version of {@code report}: groups below its disclosure floor (and those that
     * would reveal them) withheld. With a floor of 0 nothing is withheld.
     */
    public static FairnessReport publish(FairnessReport report) {
        Checks.requireNonNull(report, "report");
        if (report.publication() == FairnessReport.Publication.PUBLISHED) {
            return report;
        }
        int floor = report.settings().minCellSize();
        Map<String, Set<GroupKey>> withheld = new LinkedHashMap<>();
        Map<String, String> reasons = new HashMap<>();
        Map<GroupKey, List<ViewResult>> byStratum = new LinkedHashMap<>();
        for (ViewResult v : report.views()) {
            byStratum.computeIfAbsent(v.stratum(), s -> new ArrayList<>()).add(v);
            withheld.put(v.qualifiedName(), new HashSet<>());
        }
        for (List<ViewResult> views : byStratum.values()) {
            suppress(views, floor, withheld, reasons);
        }
        ViewAnalyzer analyzer = new ViewAnalyzer(report.settings());
        List<ViewResult> views = new ArrayList<>();
        List<FairnessReport.Suppression> suppressed = new ArrayList<>();
        Set<String> hiddenLabels = new HashSet<>();
        for (ViewResult v : report.views()) {
            Set<GroupKey> hidden = withheld.get(v.qualifiedName());
            if (v.overall().n() > 0 && v.overall().n() < floor) {
                // A stratum with fewer people than the floor: everything about it is withheld.
                suppressed.add(new FairnessReport.Suppression(v.qualifiedName(), "overall", String.format(PRIMARY, floor)));
                v.groups().forEach(g -> hiddenLabels.add(v.qualifiedName() + "\u0000" + g.key().label()));
                continue;
            }
            views.add(analyzer.restrict(v, hidden));
            for (GroupResult g : v.groups()) {
                if (hidden.contains(g.key())) {
                    suppressed.add(new FairnessReport.Suppression(v.qualifiedName(), g.key().label(),
                            reasons.get(v.qualifiedName() + "\u0000" + g.key().key())));
                    hiddenLabels.add(v.qualifiedName() + "\u0000" + g.key().label());
                }
            }
        }
        VerdictEngine engine = new VerdictEngine(report.settings(), analyzer);
        List<CriterionResult> criteria = new ArrayList<>();
        for (CriterionResult c : report.criteria()) {
            List<ComparisonVerdict> redacted = new ArrayList<>();
            for (ComparisonVerdict x : c.comparisons()) {
                if (hiddenLabels.contains(x.view() + "\u0000" + x.group())) {
                    redacted.add(new ComparisonVerdict(x.view(), "a withheld group", x.statistic(), null, null, null, null, x.verdict(),
                            "figures withheld: the group is below the disclosure floor or would reveal one that is"));
                } else {
                    redacted.add(x);
                }
            }
            criteria.add(engine.summarise(c.criterion(), redacted));
        }
        List<String> notes = new ArrayList<>();
        for (String n : report.notes()) {
            boolean names = false;
            for (String h : hiddenLabels) {
                String label = h.substring(h.indexOf('\u0000') + 1);
                if (n.contains(label + ":") || n.contains(label + " ")) {
                    names = true;
                    break;
                }
            }
            if (!names) {
                notes.add(n);
            }
        }
        notes.add(suppressed.isEmpty() ? "published with a disclosure floor of " + floor + " people: no group withheld"
                : suppressed.size() + " groups withheld in this published report (disclosure floor " + floor
                + " people, with secondary suppression); the unsuppressed figures are kept in the access-controlled evidence");
        if (views.isEmpty()) {
            throw Checks.argument("report").mustBe("large enough to publish any view").got(report.data().rowsAssessed() + " rows")
                    .fix("Every stratum is below the disclosure floor of " + floor + "; publish nothing, or lower the floor.").exception();
        }
        return new FairnessReport(report.settings(), report.data(), views, criteria, report.verdict(), notes, report.randomness(),
                suppressed, FairnessReport.Publication.PUBLISHED);
    }

    private static void suppress(List<ViewResult> views, int floor, Map<String, Set<GroupKey>> withheld, Map<String, String> reasons) {
        for (ViewResult v : views) {
            for (GroupResult g : v.groups()) {
                if (g.n() > 0 && g.n() < floor) {
                    withheld.get(v.qualifiedName()).add(g.key());
                    reasons.put(v.qualifiedName() + "\u0000" + g.key().key(), String.format(PRIMARY, floor));
                }
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (ViewResult v : views) {
                Set<GroupKey> hidden = withheld.get(v.qualifiedName());
                if (v.attributes().size() == 1) {
                    changed |= fixLine(v, v.groups(), hidden, null, withheld, reasons);
                } else {
                    for (int a = 0; a < v.attributes().size(); a++) {
                        Map<List<String>, List<GroupResult>> lines = new LinkedHashMap<>();
                        for (GroupResult g : v.groups()) {
                            List<String> rest = new ArrayList<>(g.key().values());
                            rest.remove(a);
                            lines.computeIfAbsent(rest, k -> new ArrayList<>()).add(g);
                        }
                        for (Map.Entry<List<String>, List<GroupResult>> line : lines.entrySet()) {
                            LineTotal total = null;
                            if (v.attributes().size() == 2) {
                                String other = v.attributes().get(1 - a);
                                ViewResult totalView = views.stream().filter(x -> x.attributes().equals(List.of(other))).findFirst()
                                        .orElse(null);
                                total = totalView == null ? null : new LineTotal(totalView, GroupKey.of(other, line.getKey().get(0)));
                            }
                            changed |= fixLine(v, line.getValue(), hidden, total, withheld, reasons);
                        }
                    }
                }
            }
        }
    }

    /** Applies the "none or at least two" rule to one line; returns whether anything changed. */
    private record LineTotal(ViewResult view, GroupKey key) {
    }

    private static boolean fixLine(ViewResult v, List<GroupResult> line, Set<GroupKey> hidden, LineTotal total,
                                   Map<String, Set<GroupKey>> withheld, Map<String, String> reasons) {
        List<GroupResult> nonEmpty = line.stream().filter(g -> g.n() > 0).toList();
        long hiddenCount = nonEmpty.stream().filter(g -> hidden.contains(g.key())).count();
        if (hiddenCount != 1) {
            return false;
        }
        // The smallest other group, sparing the reference group unless it is the only candidate.
        GroupResult smallest = nonEmpty.stream().filter(g -> !hidden.contains(g.key()))
                .min(java.util.Comparator.<GroupResult>comparingInt(g -> g.key().equals(v.reference()) ? 1 : 0)
                        .thenComparingLong(GroupResult::n)).orElse(null);
        if (smallest != null) {
            hidden.add(smallest.key());
            reasons.put(v.qualifiedName() + "\u0000" + smallest.key().key(), SECONDARY);
            return true;
        }
        if (total != null && withheld.get(total.view().qualifiedName()).add(total.key())) {
            reasons.put(total.view().qualifiedName() + "\u0000" + total.key().key(), SECONDARY);
            return true;
        }
        return false;
    }
}
