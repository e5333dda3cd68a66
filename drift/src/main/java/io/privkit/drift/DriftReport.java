package io.privkit.drift;

import io.privkit.common.Checks;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The result of a batch drift check: the policy (in words, in every report), each column's result,
 * the columns not checked and why, and the dataset decision. Immutable and thread-safe.
 *
 * @param policy           the policy applied
 * @param reference        the reference data's description
 * @param current          the current data's description
 * @param columns          per-column results, in header order
 * @param excluded         columns not checked, with the reason
 * @param familySize       the number of p-values in the multiple-testing family
 * @param datasetDrift     the dataset decision
 * @param driftedShare     drifted columns over columns checked without error
 * @param roles            each checked column's role (feature, prediction, score, target, ...)
 */
public record DriftReport(DriftPolicy policy, DataDescription reference, DataDescription current, List<ColumnResult> columns,
                          Map<String, String> excluded, int familySize, boolean datasetDrift, double driftedShare,
                          Map<String, io.privkit.evidence.DriftEvidence.FeatureRole> roles) {
    public DriftReport {
        Checks.requireNonNull(policy, "policy");
        Checks.requireNonNull(reference, "reference");
        Checks.requireNonNull(current, "current");
        columns = List.copyOf(columns);
        excluded = Map.copyOf(excluded);
        Checks.requireProbability(driftedShare, "driftedShare");
        roles = Map.copyOf(Checks.requireNoNullEntries(roles, "roles"));
    }

    /** A column's role (feature when not stated). */
    public io.privkit.evidence.DriftEvidence.FeatureRole role(String column) {
        return roles.getOrDefault(column, io.privkit.evidence.DriftEvidence.FeatureRole.FEATURE);
    }

    /**
     * Where data came from.
     *
     * @param source      file name or stream name
     * @param sha256      hex SHA-256 of the file or stored profile, or null
     * @param sizeBytes   size of the file, or -1
     * @param rows        rows
     */
    public record DataDescription(String source, String sha256, long sizeBytes, long rows) {
        public DataDescription {
            Checks.requireNonBlank(source, "source");
            Checks.requireNonNegative(rows, "rows");
        }
    }

    /** The drifted columns, largest effect first: which feature drifted and by how much. */
    public List<ColumnResult> drifted() {
        return columns.stream().filter(ColumnResult::drift)
                .sorted(Comparator.comparing((ColumnResult c) -> c.effectValue() == null ? 0.0 : c.effectValue()).reversed())
                .toList();
    }

    /** Columns that could not be checked. */
    public List<ColumnResult> errors() {
        return columns.stream().filter(c -> c.verdict() == ColumnVerdict.ERROR).toList();
    }
}
