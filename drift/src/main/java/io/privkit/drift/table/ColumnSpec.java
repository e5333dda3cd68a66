package io.privkit.drift.table;

import io.privkit.common.Checks;
import io.privkit.evidence.DriftEvidence.FeatureRole;
import io.privkit.evidence.DriftEvidence.FeatureType;

/**
 * What a column is: its statistical type, its role, and whether it is checked.
 *
 * @param name     the column name (header cell)
 * @param type     numeric, categorical or binary; null to infer it from the reference data
 * @param role     its role (identifiers and timestamps are never tested)
 * @param handling whether the column is checked or skipped
 * @param reason   why it is skipped, for the report (null when checked)
 */
public record ColumnSpec(String name, FeatureType type, FeatureRole role, Handling handling, String reason) {
    /** Whether a column takes part in the check. */
    public enum Handling {
        /** Checked for drift. */
        CHECK,
        /** Read past and reported as excluded. */
        SKIP
    }

    public ColumnSpec {
        Checks.requireNonBlank(name, "column name");
        Checks.requireNonNull(role, "role of column '" + name + "'");
        Checks.requireNonNull(handling, "handling of column '" + name + "'");
        if (type == FeatureType.TEXT || type == FeatureType.DATETIME) {
            throw Checks.argument("type of column '" + name + "'").mustBe("numeric, categorical or binary").got(type)
                    .fix("Skip text and date columns, or declare dates as numeric epoch values.").exception();
        }
        if (handling == Handling.SKIP && (reason == null || reason.isBlank())) {
            reason = "skipped by the schema";
        }
    }

    /** A feature column whose type is inferred. */
    public static ColumnSpec inferred(String name) {
        return new ColumnSpec(name, null, FeatureRole.FEATURE, Handling.CHECK, null);
    }

    /** A feature column of a given type. */
    public static ColumnSpec of(String name, FeatureType type) {
        return new ColumnSpec(name, type, FeatureRole.FEATURE, Handling.CHECK, null);
    }

    /** A skipped column. */
    public static ColumnSpec skipped(String name, String reason) {
        return new ColumnSpec(name, null, FeatureRole.FEATURE, Handling.SKIP, reason);
    }

    /** Whether the column is tested: checked and not an identifier or timestamp. */
    public boolean tested() {
        return handling == Handling.CHECK && role != FeatureRole.ID && role != FeatureRole.TIMESTAMP;
    }

    /** A copy with a resolved type. */
    public ColumnSpec withType(FeatureType t) {
        return new ColumnSpec(name, t, role, handling, reason);
    }
}
