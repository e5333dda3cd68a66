package io.privkit.fairness;

import io.privkit.common.Checks;
import io.privkit.fairness.metrics.ConfusionCounts;
import io.privkit.fairness.metrics.RegressionStats;
import io.privkit.fairness.metrics.ScoreSettings;
import io.privkit.fairness.metrics.ScoreStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable snapshot of a {@link FairnessAccumulator}: per cell (one combination of every
 * attribute's level) its confusion counts and optional score and regression statistics, the
 * levels of each attribute, and what was dropped. Any grouping is a sum of cells:
 * {@link #marginal(List)} gives every combination of the chosen attributes' levels, declared or
 * seen, including combinations nobody has (listed with zero counts, never dropped).
 *
 * <p>Immutable and thread-safe (the score and regression statistics it holds are frozen).
 */
public final class GroupedStats {

    /**
     * One cell.
     *
     * @param key        the cell's group (every attribute)
     * @param counts     its confusion counts
     * @param scores     its score statistics (frozen), or null when scores were not kept
     * @param regression its regression statistics (frozen), or null when not kept
     */
    public record Cell(GroupKey key, ConfusionCounts counts, ScoreStats scores, RegressionStats regression) {
        public Cell {
            Checks.requireNonNull(key, "cell.key");
            Checks.requireNonNull(counts, "cell.counts");
        }
    }

    private final List<Attribute> attributes;
    private final MissingValuePolicy missingPolicy;
    private final Map<String, List<String>> levels;
    private final List<Cell> cells;
    private final long rows;
    private final Map<String, Long> missing;
    private final Map<String, Long> dropped;
    private final ScoreSettings scoreSettings;
    private final boolean regression;

    GroupedStats(List<Attribute> attributes, MissingValuePolicy missingPolicy, Map<String, List<String>> levels, List<Cell> cells,
                 long rows, Map<String, Long> missing, Map<String, Long> dropped, ScoreSettings scoreSettings, boolean regression) {
        this.attributes = List.copyOf(attributes);
        this.missingPolicy = missingPolicy;
        this.levels = Collections.unmodifiableMap(new LinkedHashMap<>(levels));
        this.cells = List.copyOf(cells);
        this.rows = rows;
        this.missing = Collections.unmodifiableMap(new LinkedHashMap<>(missing));
        this.dropped = Collections.unmodifiableMap(new TreeMap<>(dropped));
        this.scoreSettings = scoreSettings;
        this.regression = regression;
    }

    /** The attributes, sensitive and control, in cell-key order. */
    public List<Attribute> attributes() {
        return attributes;
    }

    /** The attribute named {@code name}. */
    public Attribute attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow(() -> Checks.argument("attribute")
                .mustBe("one of " + attributes.stream().map(Attribute::name).toList()).got(name).fix("Use an attribute of the data.")
                .exception());
    }

    /** The sensitive attributes' names, in order. */
    public List<String> sensitiveNames() {
        return attributes.stream().filter(a -> a.role() == Attribute.Role.SENSITIVE).map(Attribute::name).toList();
    }

    /** The control attributes' names, in order. */
    public List<String> controlNames() {
        return attributes.stream().filter(a -> a.role() == Attribute.Role.CONTROL).map(Attribute::name).toList();
    }

    /** The missing-value policy the data was accumulated under. */
    public MissingValuePolicy missingPolicy() {
        return missingPolicy;
    }

    /** The levels of an attribute: declared ones in declared order, then the others sorted, then the missing-value level. */
    public List<String> levels(String attribute) {
        attribute(attribute);
        return levels.get(attribute);
    }

    /** The non-empty cells. */
    public List<Cell> cells() {
        return cells;
    }

    /** Rows offered, dropped ones included. */
    public long rows() {
        return rows;
    }

    /** Rows in the cells (not dropped). */
    public long rowsKept() {
        return cells.stream().mapToLong(c -> c.counts().n()).sum();
    }

    /** Rows with a missing value, per attribute. */
    public Map<String, Long> missing() {
        return missing;
    }

    /** Rows dropped, by reason. */
    public Map<String, Long> dropped() {
        return dropped;
    }

    /** Whether score statistics were kept. */
    public boolean hasScores() {
        return scoreSettings != null;
    }

    /** Whether regression statistics were kept. */
    public boolean hasRegression() {
        return regression;
    }

    /** The score settings, or null when scores were not kept. */
    public ScoreSettings scoreSettings() {
        return scoreSettings;
    }

    /** Everyone's statistics. */
    public Cell overall() {
        return sum(GroupKey.OVERALL, cells);
    }

    /**
     * Every combination of the given attributes' levels (in level order, the last attribute
     * varying fastest), each with the sum of its cells; combinations nobody has have zero counts.
     */
    public Map<GroupKey, Cell> marginal(List<String> subset) {
        return marginal(subset, cells);
    }

    /**
     * As {@link #marginal(List)}, restricted to the cells matching {@code within} (e.g. one
     * control level).
     */
    public Map<GroupKey, Cell> marginal(List<String> subset, GroupKey within) {
        List<Cell> matching = cells.stream().filter(c -> matches(c.key(), within)).toList();
        return marginal(subset, matching);
    }

    /** Everyone matching {@code within}. */
    public Cell overall(GroupKey within) {
        return sum(within, cells.stream().filter(c -> matches(c.key(), within)).toList());
    }

    private static boolean matches(GroupKey key, GroupKey within) {
        for (int i = 0; i < within.attributes().size(); i++) {
            if (!key.value(within.attributes().get(i)).equals(within.values().get(i))) {
                return false;
            }
        }
        return true;
    }

    private Map<GroupKey, Cell> marginal(List<String> subset, List<Cell> source) {
        for (String a : subset) {
            attribute(a);
        }
        Map<GroupKey, List<Cell>> byKey = new HashMap<>();
        for (Cell c : source) {
            byKey.computeIfAbsent(c.key().project(subset), k -> new ArrayList<>()).add(c);
        }
        Map<GroupKey, Cell> out = new LinkedHashMap<>();
        for (List<String> combination : combinations(subset)) {
            GroupKey key = new GroupKey(subset, combination);
            out.put(key, sum(key, byKey.getOrDefault(key, List.of())));
        }
        return out;
    }

    private List<List<String>> combinations(List<String> subset) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of());
        for (String a : subset) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : out) {
                for (String level : levels.get(a)) {
                    List<String> c = new ArrayList<>(prefix);
                    c.add(level);
                    next.add(c);
                }
            }
            out = next;
        }
        return out;
    }

    private Cell sum(GroupKey key, List<Cell> parts) {
        ConfusionCounts counts = ConfusionCounts.EMPTY;
        ScoreStats s = scoreSettings == null ? null : new ScoreStats(scoreSettings);
        RegressionStats r = regression ? new RegressionStats() : null;
        for (Cell c : parts) {
            counts = counts.plus(c.counts());
            if (s != null) {
                s.merge(c.scores());
            }
            if (r != null) {
                r.merge(c.regression());
            }
        }
        return new Cell(key, counts, s == null ? null : s.frozenCopy(), r == null ? null : r.frozenCopy());
    }
}
