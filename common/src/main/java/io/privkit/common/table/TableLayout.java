package io.privkit.common.table;

import io.privkit.common.Checks;
import java.util.List;
import java.util.Optional;

/**
 * What a table file holds before its rows are read: its format and its columns, in file order,
 * with the types the file stores them in. Immutable and thread-safe.
 *
 * @param format  CSV or Parquet
 * @param columns the columns in file order
 */
public record TableLayout(TableFormat format, List<TableColumn> columns) {
    public TableLayout {
        Checks.requireNonNull(format, "format");
        columns = List.copyOf(Checks.requireNonNull(columns, "columns"));
    }

    /** The column names in file order. */
    public List<String> names() {
        return columns.stream().map(TableColumn::name).toList();
    }

    /** The 0-based position of a column, or -1 when the file has no such column. */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** A column by name. */
    public Optional<TableColumn> column(String name) {
        int i = indexOf(name);
        return i < 0 ? Optional.empty() : Optional.of(columns.get(i));
    }
}
