package io.privkit.fairness.table;

import io.privkit.common.Checks;
import io.privkit.common.table.TableFormat;
import io.privkit.common.table.ValueType;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The columns an assessment read from its data file, each with the role it played and the type
 * the file stores it in ({@link ValueType#TEXT} for every CSV column; a Parquet file's declared
 * types), so a report and its evidence say exactly what was read. Immutable and thread-safe.
 *
 * @param source  the file name (never a path)
 * @param format  CSV or Parquet
 * @param columns the columns used, in the order of their roles
 */
public record InputSchema(String source, TableFormat format, List<UsedColumn> columns) {
    /** What a column was used as. */
    public enum Role {
        /** The true outcome. */
        LABEL,
        /** The model's decision. */
        PREDICTION,
        /** The model's score. */
        SCORE,
        /** A numeric target (regression). */
        TARGET,
        /** The model's numeric prediction of the target. */
        ESTIMATE,
        /** A protected characteristic. */
        SENSITIVE,
        /** A control feature for conditional comparisons. */
        CONTROL,
        /** A row filter. */
        FILTER;

        /** The lower-case name shown to users. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One column used.
     *
     * @param role its role
     * @param name the column name
     * @param type its stored type
     */
    public record UsedColumn(Role role, String name, ValueType type) {
        public UsedColumn {
            Checks.requireNonNull(role, "role");
            Checks.requireNonBlank(name, "name");
            Checks.requireNonNull(type, "type");
        }
    }

    public InputSchema {
        Checks.requireNonBlank(source, "source");
        Checks.requireNonNull(format, "format");
        columns = List.copyOf(Checks.requireNonNull(columns, "columns"));
    }

    /** One line for people, e.g. {@code decisions.parquet (parquet): label y int64, sensitive sex string}. */
    public String summary() {
        return source + " (" + format.id() + "): " + columns.stream().map(c -> c.role().id() + " " + c.name() + " " + c.type().id())
                .collect(Collectors.joining(", "));
    }
}
