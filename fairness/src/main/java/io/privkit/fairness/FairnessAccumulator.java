package io.privkit.fairness;

import io.privkit.common.Checks;
import io.privkit.common.Problems;
import io.privkit.fairness.metrics.ConfusionCounts;
import io.privkit.fairness.metrics.RegressionStats;
import io.privkit.fairness.metrics.ScoreSettings;
import io.privkit.fairness.metrics.ScoreStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Accumulates observations into per-cell statistics, one cell per combination of attribute levels
 * (sensitive and control attributes together), so that any grouping (each attribute alone, every
 * intersection, within each control level) is later a sum of cells. Per cell it keeps the four
 * confusion counts and, when asked, score statistics ({@link ScoreStats}) and regression
 * statistics ({@link RegressionStats}).
 *
 * <p><b>Memory and merging.</b> Memory grows with the number of cells (and, for exact scores,
 * with distinct scores), never with rows, so a stream of any length fits. Two accumulators built
 * with the same settings over disjoint rows {@link #merge merge} exactly (counts add), whatever
 * order they met the levels in: chunks of a file, several files and several machines combine.
 *
 * <p><b>Missing values.</b> A missing attribute value (null, an empty field, or NaN for a binned
 * attribute) follows the {@link MissingValuePolicy}: rejected (the default), its own group, or the
 * row dropped and counted; {@link #cell} reports a dropped row as {@code -1}.
 *
 * <p>Lifecycle: add observations, optionally merge, then take {@link #snapshot()} (the
 * accumulator stays usable). Not thread-safe: give each thread its own accumulator and merge.
 */
public final class FairnessAccumulator {
    /** What a cell holds besides the confusion counts. */
    public enum Part {
        /** Score statistics (ROC AUC, Brier, calibration). */
        SCORES,
        /** Regression statistics (MAE, MSE, R2, mean residual). */
        REGRESSION
    }

    private final List<Attribute> attributes;
    private final MissingValuePolicy missingPolicy;
    private final Set<Part> parts;
    private final ScoreSettings scoreSettings;
    private final List<Map<String, Integer>> levelCodes = new ArrayList<>();
    private final List<List<String>> levelNames = new ArrayList<>();
    private final List<List<String>> binLabels = new ArrayList<>();
    private final Map<Codes, Integer> cellIndex = new HashMap<>();
    private final List<int[]> cellCodes = new ArrayList<>();
    private long[] counts = new long[64];
    private final List<ScoreStats> scores = new ArrayList<>();
    private final List<RegressionStats> regressions = new ArrayList<>();
    private final long[] missing;
    private final Map<String, Long> dropped = new TreeMap<>();
    private long rows;

    private FairnessAccumulator(Builder b) {
        this.attributes = List.copyOf(b.attributes);
        this.missingPolicy = b.missingPolicy;
        this.parts = Set.copyOf(b.parts);
        this.scoreSettings = b.scoreSettings;
        this.missing = new long[attributes.size()];
        for (Attribute a : attributes) {
            Map<String, Integer> codes = new HashMap<>();
            List<String> names = new ArrayList<>();
            for (String level : a.levels()) {
                codes.put(level, names.size());
                names.add(level);
            }
            levelCodes.add(codes);
            levelNames.add(names);
            binLabels.add(a.binning() == null ? null : a.binning().labels());
        }
    }

    /** A builder; {@link Builder#build()} reports every problem at once. */
    public static Builder builder() {
        return new Builder();
    }

    /** The attributes, sensitive and control, in cell-key order. */
    public List<Attribute> attributes() {
        return attributes;
    }

    /** The missing-value policy. */
    public MissingValuePolicy missingPolicy() {
        return missingPolicy;
    }

    /** Whether the cells hold the given part. */
    public boolean has(Part part) {
        return parts.contains(part);
    }

    /** The score settings (meaningful when {@link Part#SCORES} is held). */
    public ScoreSettings scoreSettings() {
        return scoreSettings;
    }

    /**
     * The cell of a row with the given attribute values (in {@link #attributes()} order), creating
     * it on first use; {@code -1} when the row is dropped for a missing value.
     *
     * @throws IllegalArgumentException if a value is outside an attribute's declared levels, a
     *                                  binned attribute's value is not a number, or a value is
     *                                  missing under {@link MissingValuePolicy#REJECT}
     */
    public int cell(String... values) {
        Checks.requireNonNull(values, "values");
        if (values.length != attributes.size()) {
            throw Checks.argument("values").mustBe("one per attribute " + attributeNames()).got(Arrays.toString(values))
                    .noFix().exception();
        }
        // Check every value first, then commit: a rejected row changes nothing.
        String[] levels = new String[values.length];
        boolean[] wasMissing = new boolean[values.length];
        boolean anyMissing = false;
        for (int i = 0; i < values.length; i++) {
            levels[i] = level(i, values[i]);
            if (levels[i] == null) {
                anyMissing = true;
                wasMissing[i] = true;
                if (missingPolicy == MissingValuePolicy.REJECT) {
                    throw Checks.argument(attributes.get(i).name()).mustBe("present (the missing-value policy is reject)")
                            .got(values[i]).fix("Fill the value, or choose the own-group or drop-row missing-value policy.")
                            .exception();
                }
                if (missingPolicy == MissingValuePolicy.OWN_GROUP) {
                    levels[i] = GroupKey.MISSING;
                }
            } else {
                checkDeclared(i, levels[i]);
            }
        }
        rows++;
        if (anyMissing) {
            String firstMissing = null;
            for (int i = 0; i < values.length; i++) {
                if (wasMissing[i]) {
                    missing[i]++;
                    if (firstMissing == null) {
                        firstMissing = attributes.get(i).name();
                    }
                }
            }
            if (missingPolicy == MissingValuePolicy.DROP_ROW) {
                dropped.merge("missing " + firstMissing, 1L, Long::sum);
                return -1;
            }
        }
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            codes[i] = code(i, levels[i]);
        }
        Codes key = new Codes(codes);
        Integer existing = cellIndex.get(key);
        if (existing != null) {
            return existing;
        }
        return newCell(codes, key);
    }

    /** Counts a row dropped for another reason (e.g. a non-finite score under the drop policy). */
    public void countDropped(String reason) {
        Checks.requireNonBlank(reason, "reason");
        rows++;
        dropped.merge(reason, 1L, Long::sum);
    }

    /** Adds a (label, prediction) pair to a cell from {@link #cell}. */
    public void addCounts(int cell, boolean label, boolean prediction) {
        if (cell < 0 || cell >= cellCodes.size()) {
            requireCell(cell);
        }
        int base = cell << 2;
        counts[base + (label ? (prediction ? 0 : 3) : (prediction ? 1 : 2))]++;
    }

    /**
     * Adds pre-aggregated confusion counts to a cell (counts computed elsewhere, e.g. by another
     * process that shares counts rather than rows).
     */
    public void addCounts(int cell, ConfusionCounts more) {
        Checks.requireNonNull(more, "counts");
        requireCell(cell);
        int base = cell << 2;
        counts[base] = Math.addExact(counts[base], more.tp());
        counts[base + 1] = Math.addExact(counts[base + 1], more.fp());
        counts[base + 2] = Math.addExact(counts[base + 2], more.tn());
        counts[base + 3] = Math.addExact(counts[base + 3], more.fn());
    }

    /** Adds a (score, label) pair to a cell; requires {@link Part#SCORES}. */
    public void addScore(int cell, double score, boolean label) {
        requirePart(Part.SCORES);
        scores.get(cell).add(score, label);
    }

    /** Adds a (truth, prediction) pair to a cell; requires {@link Part#REGRESSION}. */
    public void addRegression(int cell, double truth, double prediction) {
        requirePart(Part.REGRESSION);
        regressions.get(cell).add(truth, prediction);
    }

    /**
     * Adds another accumulator's cells to this one, matching levels by name.
     *
     * @throws IllegalArgumentException if the attributes, policy, parts or score settings differ
     */
    public void merge(FairnessAccumulator other) {
        Checks.requireNonNull(other, "other");
        if (!other.attributes.equals(attributes) || other.missingPolicy != missingPolicy || !other.parts.equals(parts)
                || !other.scoreSettings.equals(scoreSettings)) {
            throw Checks.argument("other").mustBe("built with the same attributes, missing-value policy, parts and score settings")
                    .got("a different accumulator").fix("Build every chunk's accumulator from one builder configuration.").exception();
        }
        for (int c = 0; c < other.cellCodes.size(); c++) {
            int[] theirs = other.cellCodes.get(c);
            int[] mine = new int[theirs.length];
            for (int i = 0; i < theirs.length; i++) {
                mine[i] = code(i, other.levelNames.get(i).get(theirs[i]));
            }
            Codes key = new Codes(mine);
            Integer idx = cellIndex.get(key);
            int cell = idx != null ? idx : newCell(mine, key);
            for (int k = 0; k < 4; k++) {
                counts[(cell << 2) + k] += other.counts[(c << 2) + k];
            }
            if (parts.contains(Part.SCORES)) {
                scores.get(cell).merge(other.scores.get(c));
            }
            if (parts.contains(Part.REGRESSION)) {
                regressions.get(cell).merge(other.regressions.get(c));
            }
        }
        for (int i = 0; i < missing.length; i++) {
            missing[i] += other.missing[i];
        }
        other.dropped.forEach((k, v) -> dropped.merge(k, v, Long::sum));
        rows += other.rows;
    }

    /** Rows offered so far, dropped ones included. */
    public long rows() {
        return rows;
    }

    /** Cells created so far. */
    public int cells() {
        return cellCodes.size();
    }

    /** An immutable snapshot of the cells, levels and drop counts. */
    public GroupedStats snapshot() {
        List<GroupedStats.Cell> cells = new ArrayList<>();
        List<String> names = attributeNames();
        for (int c = 0; c < cellCodes.size(); c++) {
            int[] codes = cellCodes.get(c);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < codes.length; i++) {
                values.add(levelNames.get(i).get(codes[i]));
            }
            cells.add(new GroupedStats.Cell(new GroupKey(names, values),
                    new ConfusionCounts(counts[c << 2], counts[(c << 2) + 1], counts[(c << 2) + 2], counts[(c << 2) + 3]),
                    parts.contains(Part.SCORES) ? scores.get(c).frozenCopy() : null,
                    parts.contains(Part.REGRESSION) ? regressions.get(c).frozenCopy() : null));
        }
        Map<String, List<String>> levels = new LinkedHashMap<>();
        Map<String, Long> missingByAttribute = new LinkedHashMap<>();
        for (int i = 0; i < attributes.size(); i++) {
            // Declared levels keep their order; levels seen in the data follow in sorted order (so
            // the report does not depend on the order rows or chunks arrived in), missing last.
            Attribute a = attributes.get(i);
            List<String> ordered = new ArrayList<>(a.levels());
            List<String> seen = new ArrayList<>();
            for (String level : levelNames.get(i)) {
                if (!a.levels().contains(level) && !level.equals(GroupKey.MISSING)) {
                    seen.add(level);
                }
            }
            java.util.Collections.sort(seen);
            ordered.addAll(seen);
            if (levelNames.get(i).contains(GroupKey.MISSING)) {
                ordered.add(GroupKey.MISSING);
            }
            levels.put(a.name(), List.copyOf(ordered));
            missingByAttribute.put(attributes.get(i).name(), missing[i]);
        }
        return new GroupedStats(attributes, missingPolicy, levels, cells, rows, missingByAttribute, dropped,
                parts.contains(Part.SCORES) ? scoreSettings : null, parts.contains(Part.REGRESSION));
    }

    private List<String> attributeNames() {
        return attributes.stream().map(Attribute::name).toList();
    }

    /** The level of a raw value, or null when missing. */
    private String level(int i, String raw) {
        Attribute a = attributes.get(i);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (a.binning() != null) {
            double x;
            try {
                x = Double.parseDouble(raw.trim());
            } catch (NumberFormatException e) {
                throw Checks.argument(a.name()).mustBe("a number (the attribute is binned)").got(raw)
                        .fix("Correct the value, or leave it empty to treat it as missing.").exception();
            }
            if (Double.isNaN(x)) {
                return null;
            }
            return binLabels.get(i).get(a.binning().binOf(x));
        }
        return raw;
    }

    private void checkDeclared(int i, String level) {
        Attribute a = attributes.get(i);
        if (a.declared() && !levelCodes.get(i).containsKey(level)) {
            throw Checks.argument(a.name()).mustBe("one of the declared levels " + a.levels()).got(level)
                    .fix("Declare the level, or correct the data.").exception();
        }
    }

    private int code(int i, String level) {
        Map<String, Integer> codes = levelCodes.get(i);
        Integer c = codes.get(level);
        if (c != null) {
            return c;
        }
        int next = levelNames.get(i).size();
        codes.put(level, next);
        levelNames.get(i).add(level);
        return next;
    }

    private int newCell(int[] codes, Codes key) {
        int cell = cellCodes.size();
        cellCodes.add(codes);
        cellIndex.put(key, cell);
        if ((cell + 1) * 4 > counts.length) {
            counts = Arrays.copyOf(counts, counts.length * 2);
        }
        if (parts.contains(Part.SCORES)) {
            scores.add(new ScoreStats(scoreSettings));
        }
        if (parts.contains(Part.REGRESSION)) {
            regressions.add(new RegressionStats());
        }
        return cell;
    }

    private void requireCell(int cell) {
        if (cell < 0 || cell >= cellCodes.size()) {
            throw Checks.argument("cell").mustBe("a cell returned by cell(...), in [0, " + cellCodes.size() + ")").got(cell)
                    .fix("Skip rows for which cell(...) returned -1 (dropped).").exception();
        }
    }

    private void requirePart(Part part) {
        if (!parts.contains(part)) {
            throw new IllegalStateException("This accumulator was built without " + part
                    + "; add it with the builder's " + (part == Part.SCORES ? "scores(...)" : "regression()") + ".");
        }
    }

    /** A cell's level codes as a hash key. */
    private record Codes(int[] codes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Codes other && Arrays.equals(codes, other.codes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(codes);
        }

        @Override
        public String toString() {
            return Arrays.toString(codes);
        }
    }

    /** Builds a {@link FairnessAccumulator}; reports every problem at once. Not thread-safe. */
    public static final class Builder {
        private final List<Attribute> attributes = new ArrayList<>();
        private MissingValuePolicy missingPolicy = MissingValuePolicy.REJECT;
        private final Set<Part> parts = new HashSet<>();
        private ScoreSettings scoreSettings = ScoreSettings.DEFAULT;

        private Builder() {
        }

        /** Adds an attribute (sensitive or control); cell keys follow the order added. */
        public Builder attribute(Attribute a) {
            attributes.add(a);
            return this;
        }

        /** Adds attributes in order. */
        public Builder attributes(List<Attribute> list) {
            attributes.addAll(list);
            return this;
        }

        /** The missing-value policy; {@link MissingValuePolicy#REJECT} by default. */
        public Builder missingValues(MissingValuePolicy policy) {
            this.missingPolicy = policy;
            return this;
        }

        /** Keep score statistics with these settings. */
        public Builder scores(ScoreSettings settings) {
            parts.add(Part.SCORES);
            this.scoreSettings = settings;
            return this;
        }

        /** Keep regression statistics. */
        public Builder regression() {
            parts.add(Part.REGRESSION);
            return this;
        }

        /** Validates and builds. */
        public FairnessAccumulator build() {
            Problems p = Problems.of("FairnessAccumulator");
            p.check(!attributes.isEmpty(), () -> Checks.argument("attributes").mustBe("at least one sensitive attribute").got("none")
                    .fix("Add the protected characteristic to assess, e.g. attribute(Attribute.sensitive(\"sex\", Characteristic.SEX))."));
            p.check(attributes.stream().anyMatch(a -> a.role() == Attribute.Role.SENSITIVE), () -> Checks.argument("attributes")
                    .mustBe("at least one sensitive attribute").got("only control attributes").fix("Add a sensitive attribute."));
            Set<String> names = new HashSet<>();
            for (Attribute a : attributes) {
                if (a == null) {
                    p.add(Checks.argument("attribute").mustBe("given").got(null).noFix());
                } else if (!names.add(a.name())) {
                    p.add(Checks.argument("attribute " + a.name()).mustBe("named once").got("a duplicate").fix("Remove the duplicate."));
                }
            }
            p.check(missingPolicy != null, () -> Checks.argument("missingValues").mustBe("given").got(null).noFix());
            p.check(scoreSettings != null, () -> Checks.argument("scores").mustBe("given").got(null).noFix());
            p.throwIfAny();
            return new FairnessAccumulator(this);
        }
    }
}
