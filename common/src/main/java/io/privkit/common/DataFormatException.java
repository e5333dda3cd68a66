package io.privkit.common;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Input data that cannot be used as given: a value that does not parse, a missing column, a
 * malformed record. Carries where the problem is (file, 1-based row, column) so a CLI can print
 * one line that names it, e.g.
 * {@code "current.csv: row 1204, column 'age': must be a number; got \"n/a\". Clean the value or
 * declare the column categorical in the schema."}
 *
 * <p>An {@link IllegalArgumentException}: bad data is a bad argument, and the CLI maps it to exit
 * code 2.
 */
public class DataFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long row;
    private final String column;
    private final String detail;

    /**
     * @param file   the file the data came from; {@code null} for in-memory data
     * @param row    the 1-based row (or line), or {@code 0} when the problem is not row-specific
     * @param column the column or field name; {@code null} when not column-specific
     * @param detail what is wrong and how to fix it, in the house form
     */
    public DataFormatException(Path file, long row, String column, String detail) {
        this(file, row, column, detail, null);
    }

    /** As {@link #DataFormatException(Path, long, String, String)}, with the underlying cause. */
    public DataFormatException(Path file, long row, String column, String detail, Throwable cause) {
        super(format(file, row, column, detail), cause);
        this.file = file;
        this.row = row;
        this.column = column;
        this.detail = detail;
    }

    /** The file, when the data came from one. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The 1-based row, or {@code 0} when not row-specific. */
    public long row() {
        return row;
    }

    /** The column or field name, when column-specific. */
    public Optional<String> column() {
        return Optional.ofNullable(column);
    }

    /** The problem without its location prefix. */
    public String detail() {
        return detail;
    }

    private static String format(Path file, long row, String column, String detail) {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
        }
        if (row > 0) {
            sb.append(sb.length() > 0 ? ": " : "").append("row ").append(row);
        }
        if (column != null) {
            sb.append(sb.length() > 0 ? (row > 0 ? ", " : ": ") : "").append("column '").append(column).append('\'');
        }
        return sb.length() > 0 ? sb + ": " + detail : detail;
    }
}
