package io.privkit.drift.table;

import io.privkit.common.Checks;
import io.privkit.drift.test.SortedSample;
import io.privkit.evidence.DriftEvidence.FeatureType;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One column of a {@link Table}, after missing values were dropped and counted: numeric values
 * (sorted) or category counts. A column with no usable value has an empty sample and is reported as
 * a per-column error by the check, never a crash. Immutable and thread-safe.
 */
public sealed interface Column permits Column.Numeric, Column.Categorical {
    /** The column's spec, with its type resolved. */
    ColumnSpec spec();

    /** Values present (non-missing, finite). */
    long present();

    /** Values missing (empty, NaN, NA, null) or non-finite. */
    long missing();

    /** Rows read. */
    default long rows() {
        return present() + missing();
    }

    /** Share missing, 0 for an empty table. */
    default double missingRate() {
        return rows() == 0 ? 0.0 : (double) missing() / rows();
    }

    /**
     * A numeric column.
     *
     * @param spec      the spec (type NUMERIC)
     * @param sample    the sorted finite values, or null when there are none
     * @param missing   missing cells
     * @param nonFinite infinite values (counted within {@code missing})
     */
    record Numeric(ColumnSpec spec, SortedSample sample, long missing, long nonFinite) implements Column {
        public Numeric {
            Checks.requireNonNull(spec, "spec");
            Checks.requireNonNegative(missing, "missing");
            Checks.requireNonNegative(nonFinite, "nonFinite");
        }

        @Override
        public long present() {
            return sample == null ? 0 : sample.size();
        }
    }

    /**
     * A categorical or binary column.
     *
     * @param spec    the spec (type CATEGORICAL or BINARY)
     * @param counts  count per label, sorted by label (code-point order)
     * @param missing missing cells
     */
    record Categorical(ColumnSpec spec, Map<String, Long> counts, long missing) implements Column {
        public Categorical {
            Checks.requireNonNull(spec, "spec");
            counts = Collections.unmodifiableMap(new TreeMap<>(Checks.requireNoNullEntries(counts, "counts")));
            Checks.requireNonNegative(missing, "missing");
        }

        @Override
        public long present() {
            long s = 0;
            for (long c : counts.values()) {
                s += c;
            }
            return s;
        }

        /** Whether the column is binary. */
        public boolean binary() {
            return spec.type() == FeatureType.BINARY;
        }
    }
}
