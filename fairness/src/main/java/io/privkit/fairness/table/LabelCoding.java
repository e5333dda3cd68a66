package io.privkit.fairness.table;

import io.privkit.common.Checks;
import io.privkit.common.DataFormatException;
import java.nio.file.Path;

/**
 * How a binary column's text values map to the classes: {@code positive} is coded 1, {@code
 * negative} 0, and any other value is an error naming the row. With the default coding ("1" and
 * "0"), "1.0" and "0.0" are accepted too, as numeric exports write them, and so are "true" and
 * "false" (any case), as boolean columns (a Parquet BOOLEAN, a pandas bool) write them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param positive the text of the class coded 1
 * @param negative the text of the class coded 0
 */
public record LabelCoding(String positive, String negative) {
    /** "1" is positive, "0" negative. */
    public static final LabelCoding ONE_ZERO = new LabelCoding("1", "0");

    public LabelCoding {
        Checks.requireNonBlank(positive, "positive");
        Checks.requireNonBlank(negative, "negative");
        positive = positive.trim();
        negative = negative.trim();
        if (positive.equals(negative)) {
            throw Checks.argument("negative").mustBe("different from the positive value").got(negative)
                    .fix("Give the two values of the column.").exception();
        }
    }

    /**
     * The class of {@code text}: 1 for positive, 0 for negative, -1 for anything else.
     */
    public int code(String text) {
        String t = text.trim();
        if (t.equals(positive)) {
            return 1;
        }
        if (t.equals(negative)) {
            return 0;
        }
        if (this.equals(ONE_ZERO)) {
            if (t.equals("1.0")) {
                return 1;
            }
            if (t.equals("0.0")) {
                return 0;
            }
            if (t.equalsIgnoreCase("true")) {
                return 1;
            }
            if (t.equalsIgnoreCase("false")) {
                return 0;
            }
        }
        return -1;
    }

    /**
     * The class of a cell read from a file: as {@link #code}, but a missing or unknown value is a
     * {@link DataFormatException} naming the file, row and column and saying how to fix it.
     */
    public int decode(Path file, long row, String column, String text) {
        if (text.isBlank()) {
            throw new DataFormatException(file, row, column, "the value must be present; got an empty cell (an empty CSV field "
                    + "or a Parquet null). Leave rows whose value is unknown out of the file.");
        }
        int c = code(text);
        if (c < 0) {
            throw new DataFormatException(file, row, column, "the value must be \"" + positive + "\" or \"" + negative
                    + "\"; got \"" + text + "\". Map the column's values with --positive and --negative.");
        }
        return c;
    }
}
