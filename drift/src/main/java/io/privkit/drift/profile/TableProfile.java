package io.privkit.drift.profile;

import io.privkit.common.Checks;
import io.privkit.drift.table.ColumnSpec;
import io.privkit.evidence.DriftEvidence.FeatureType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The profiles of a table's checked columns, in header order, with the table's description and the
 * columns not checked. Stored once for a reference ({@link ProfileJson}) and compared with every
 * later table; profiles of chunks of one table merge into the table's profile. Not thread-safe
 * (the column profiles are accumulators); share only after profiling is finished.
 */
public final class TableProfile {
    /** One column's profile: exactly one of numeric and categorical is set. */
    public record ColumnProfile(ColumnSpec spec, NumericProfile numeric, CategoricalProfile categorical) {
        public ColumnProfile {
            Checks.requireNonNull(spec, "spec");
            if ((numeric == null) == (categorical == null)) {
                throw Checks.argument("column profile " + spec.name()).mustBe("numeric or categorical").got("both or neither")
                        .noFix().exception();
            }
            if (numeric != null && spec.type() != FeatureType.NUMERIC) {
                throw Checks.argument("column profile " + spec.name()).mustBe("of a numeric column").got(spec.type()).noFix().exception();
            }
        }

        /** An empty profile with the same edges. */
        public ColumnProfile emptyLike() {
            return new ColumnProfile(spec, numeric == null ? null : numeric.emptyLike(), categorical == null ? null : categorical.emptyLike());
        }

        /** Values missing. */
        public long missing() {
            return numeric != null ? numeric.missing() : categorical.missing();
        }

        /** Values present. */
        public long present() {
            return numeric != null ? numeric.count() : categorical.count();
        }
    }

    private final String source;
    private final String sha256;
    private final long sizeBytes;
    private long rows;
    private final Map<String, ColumnProfile> columns;
    private final Map<String, String> excluded;

    /**
     * @param source    where the data came from (file name)
     * @param sha256    hex digest of the file, or null
     * @param sizeBytes file size, or -1
     * @param rows      rows profiled
     * @param columns   column profiles in header order
     * @param excluded  columns not profiled, with the reason
     */
    public TableProfile(String source, String sha256, long sizeBytes, long rows, Map<String, ColumnProfile> columns,
                        Map<String, String> excluded) {
        this.source = Checks.requireNonBlank(source, "source");
        this.sha256 = sha256;
        this.sizeBytes = sizeBytes;
        this.rows = Checks.requireNonNegative(rows, "rows");
        this.columns = new LinkedHashMap<>(Checks.requireNonNull(columns, "columns"));
        this.excluded = new LinkedHashMap<>(Checks.requireNonNull(excluded, "excluded"));
    }

    /** An empty profile on this one's edges, for another table or a chunk. */
    public TableProfile emptyLike(String newSource, String newSha256, long newSize) {
        Map<String, ColumnProfile> m = new LinkedHashMap<>();
        columns.forEach((k, v) -> m.put(k, v.emptyLike()));
        return new TableProfile(newSource, newSha256, newSize, 0, m, excluded);
    }

    /** Adds a chunk's profile (same edges); check then commit. */
    public void merge(TableProfile other) {
        Checks.requireNonNull(other, "other");
        if (!columns.keySet().equals(other.columns.keySet())) {
            throw Checks.argument("profile to merge").mustBe("of the same columns").got(other.columns.keySet()).noFix().exception();
        }
        for (Map.Entry<String, ColumnProfile> e : columns.entrySet()) {
            ColumnProfile o = other.columns.get(e.getKey());
            if ((e.getValue().numeric() == null) != (o.numeric() == null)) {
                throw Checks.argument("profile to merge").mustBe("of the same column types").got(e.getKey()).noFix().exception();
            }
        }
        // edges are validated inside each merge before any count changes; validate all first
        for (Map.Entry<String, ColumnProfile> e : columns.entrySet()) {
            NumericProfile a = e.getValue().numeric();
            NumericProfile b = other.columns.get(e.getKey()).numeric();
            if (a != null && !(a.coarse().equals(b.coarse()) && java.util.Arrays.equals(a.fineEdges(), b.fineEdges()))) {
                throw Checks.argument("profile to merge").mustBe("built on the same reference edges").got("different edges for " + e.getKey())
                        .fix("Profile every chunk against the same stored reference profile.").exception();
            }
        }
        for (Map.Entry<String, ColumnProfile> e : columns.entrySet()) {
            ColumnProfile o = other.columns.get(e.getKey());
            if (e.getValue().numeric() != null) {
                e.getValue().numeric().merge(o.numeric());
            } else {
                e.getValue().categorical().merge(o.categorical());
            }
        }
        rows += other.rows;
    }

    void addRows(long r) {
        rows += r;
    }

    /** Where the data came from. */
    public String source() {
        return source;
    }

    /** Hex SHA-256 of the source file, or null. */
    public String sha256() {
        return sha256;
    }

    /** Size of the source file, or -1. */
    public long sizeBytes() {
        return sizeBytes;
    }

    /** Rows profiled. */
    public long rows() {
        return rows;
    }

    /** Column profiles by name, in header order. */
    public Map<String, ColumnProfile> columns() {
        return Collections.unmodifiableMap(columns);
    }

    /** Columns not profiled, with the reason. */
    public Map<String, String> excluded() {
        return Collections.unmodifiableMap(excluded);
    }

    /** The specs of the profiled columns. */
    public List<ColumnSpec> specs() {
        return columns.values().stream().map(ColumnProfile::spec).toList();
    }
}
