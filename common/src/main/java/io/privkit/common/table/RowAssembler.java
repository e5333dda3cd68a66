package io.privkit.common.table;

import io.privkit.common.DataFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the fields of a {@link FieldSink} into whole rows of text for a {@link RowHandler}: the
 * first record is the header (names trimmed, an empty name becomes {@code column_N}, duplicates
 * refused), a blank CSV line between records is skipped, a record with another field count than
 * the header is refused naming its line. One array is reused for every row. Not thread-safe.
 */
final class RowAssembler implements FieldSink {
    private final Path file;
    private final TableFormat format;
    private final RowHandler handler;
    private List<ValueType> types;
    private String[] fields = new String[16];
    private int width = -1;

    RowAssembler(Path file, TableFormat format, RowHandler handler) {
        this.file = file;
        this.format = format;
        this.handler = handler;
    }

    @Override
    public void types(List<ValueType> declared) {
        this.types = List.copyOf(declared);
    }

    @Override
    public void field(int column, byte[] buf, int start, int length, long line) {
        if (column >= fields.length) {
            if (width >= 0) {
                throw tooMany(line, "more");
            }
            fields = Arrays.copyOf(fields, Math.max(fields.length * 2, column + 1));
        }
        fields[column] = new String(buf, start, length, StandardCharsets.UTF_8);
    }

    @Override
    public void endRecord(int count, long line) {
        if (width < 0) {
            start(count, line);
            return;
        }
        if (count == 1 && width > 1 && fields[0].isEmpty()) {
            return; // a blank line between records
        }
        if (count != width) {
            throw tooMany(line, Integer.toString(count));
        }
        handler.row(fields, line);
    }

    /** Whether the header was read. */
    boolean started() {
        return width >= 0;
    }

    private void start(int count, long line) {
        List<TableColumn> columns = new ArrayList<>(count);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String name = fields[i].trim();
            if (name.isEmpty()) {
                name = "column_" + (i + 1);
            }
            if (!seen.add(name)) {
                throw new DataFormatException(file, line, name, "column names must be unique; got \"" + name + "\" twice. "
                        + "Rename one of them.");
            }
            columns.add(new TableColumn(name, types == null ? ValueType.TEXT : types.get(i)));
        }
        width = count;
        fields = new String[count];
        handler.start(new TableLayout(format, columns));
    }

    private DataFormatException tooMany(long line, String got) {
        return new DataFormatException(file, line, null, "every record must have " + width + " fields like the header; got "
                + got + ". Check the delimiter and quote fields that contain it.");
    }
}
