package io.privkit.fairness.table;

import io.privkit.common.Checks;
import io.privkit.common.DataFormatException;
import io.privkit.common.Problems;
import io.privkit.common.table.TableColumn;
import io.privkit.common.table.TableFormat;
import io.privkit.common.table.TableLayout;
import io.privkit.common.table.ValueType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the columns a reader needs in a file's layout and checks that their stored types can hold
 * what their role needs, collecting every problem so one error lists them all: an unknown column
 * (with the file's columns), a numeric role on a column stored as text or bytes, a binary role on
 * a column stored as raw bytes. A CSV column ({@link ValueType#TEXT}) passes the type checks; its
 * values are checked row by row. Not thread-safe; one binder per file.
 */
public final class ColumnBinder {
    private final Path file;
    private final TableLayout layout;
    private final Problems problems;
    private final List<String> columns = new ArrayList<>();

    /** A binder for a file with this layout. */
    public ColumnBinder(Path file, TableLayout layout) {
        this.file = Checks.requireNonNull(file, "file");
        this.layout = Checks.requireNonNull(layout, "layout");
        this.problems = Problems.of(file.toString());
    }

    /** The layout bound against. */
    public TableLayout layout() {
        return layout;
    }

    /** The position of any column, or -1 (and a problem) when the file has none of that name. */
    public int any(String column, String option) {
        int i = layout.indexOf(column);
        if (i < 0) {
            problems.add(Checks.argument(option).mustBe("a column of the file " + layout.names()).got(column)
                    .fix("Check the spelling (column names are case-sensitive)."));
            columns.add(column);
        }
        return i;
    }

    /** The position of a column that must hold numbers (scores, targets, durations). */
    public int numeric(String column, String option) {
        int i = any(column, option);
        if (i >= 0 && !type(i).mayHoldNumbers()) {
            problems.add(Checks.argument(option + " column \"" + column + "\"").mustBe("stored as numbers (int32, int64, float, "
                    + "double or decimal) in this " + layout.format().id() + " file").got(type(i).id())
                    .fix("Write the column as numbers, or name another column."));
            columns.add(column);
        }
        return i;
    }

    /** The position of a column of classes decoded with a coding (labels, decisions). */
    public int binary(String column, String option, LabelCoding coding) {
        int i = any(column, option);
        if (i < 0) {
            return i;
        }
        ValueType t = type(i);
        if (t == ValueType.BYTES) {
            problems.add(Checks.argument(option + " column \"" + column + "\"").mustBe("stored as numbers, booleans or strings in this "
                    + "parquet file").got(t.id()).fix("Write the column with a string annotation or as a number."));
            columns.add(column);
        } else if (t == ValueType.BOOLEAN && !coding.equals(LabelCoding.ONE_ZERO) && !isTrueFalse(coding)) {
            problems.add(Checks.argument(option + " column \"" + column + "\"").mustBe("coded 1/0 (the default) or true/false, as it is "
                    + "stored as booleans").got(coding.positive() + "/" + coding.negative())
                    .fix("Drop --positive and --negative, or give --positive true --negative false."));
            columns.add(column);
        }
        return i;
    }

    /** The stored type of the column at a position. */
    public ValueType type(int index) {
        return layout.columns().get(index).type();
    }

    /** The column at a position. */
    public TableColumn column(int index) {
        return layout.columns().get(index);
    }

    /**
     * Throws every problem found as one {@link DataFormatException} naming the file (and the column
     * when only one is at fault); does nothing when all columns bound.
     */
    public void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        long row = layout.format() == TableFormat.CSV ? 1 : 0;
        String column = columns.stream().distinct().count() == 1 ? columns.get(0) : null;
        throw new DataFormatException(file, row, column, String.join(" ", problems.list().stream().map(x -> x.message()).toList()));
    }

    private static boolean isTrueFalse(LabelCoding c) {
        return c.positive().equalsIgnoreCase("true") && c.negative().equalsIgnoreCase("false");
    }
}
