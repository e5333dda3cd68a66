package io.privkit.fairness.table;

import io.privkit.common.Checks;
import io.privkit.common.DataFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming reader of comma-separated values as RFC 4180 defines them: fields separated by
 * commas, records by CRLF or LF, fields optionally quoted with {@code "}, a quote inside a quoted
 * field written twice, line breaks allowed inside quoted fields. The first record is the header.
 * A UTF-8 byte-order mark is skipped. One record is held at a time, so memory does not grow with
 * the file.
 *
 * <p>Errors name the file and the 1-based line where the offending record starts: a record with
 * a different number of fields from the header, or a quoted field left open at the end of the
 * file.
 *
 * <p>Lifecycle: {@link #open(Path)}, read {@link #header()}, call {@link #next()} until it returns
 * null, {@link #close()}. Not thread-safe.
 */
public final class CsvReader implements AutoCloseable {
    private final Reader in;
    private final Path file;
    private final List<String> header;
    private long line = 1;
    private long recordLine;
    private int peeked = -2;

    private CsvReader(Reader in, Path file) throws IOException {
        this.in = in;
        this.file = file;
        int first = read();
        if (first != '\uFEFF') {
            peeked = first;
        }
        recordLine = line;
        String[] h = parse();
        if (h == null) {
            throw new DataFormatException(file, 1, null, "the file must have a header row; got an empty file. Write the column names "
                    + "on the first line.");
        }
        this.header = List.of(h);
        for (int i = 0; i < header.size(); i++) {
            if (header.indexOf(header.get(i)) != i) {
                throw new DataFormatException(file, 1, header.get(i), "column names must be unique; got this one twice. Rename one.");
            }
        }
    }

    /** Opens a UTF-8 file. */
    public static CsvReader open(Path file) throws IOException {
        Checks.requireNonNull(file, "file");
        BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        try {
            return new CsvReader(r, file);
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** Reads from a UTF-8 stream (for tests and pipes); {@code name} labels errors. */
    public static CsvReader open(InputStream stream, Path name) throws IOException {
        Checks.requireNonNull(stream, "stream");
        return new CsvReader(new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)), name);
    }

    /** The column names. */
    public List<String> header() {
        return header;
    }

    /** The file being read, or the name given. */
    public Path file() {
        return file;
    }

    /** The 1-based line on which the last record returned by {@link #next()} started. */
    public long recordLine() {
        return recordLine;
    }

    /**
     * The next record, or null at the end of the file. Blank lines are skipped.
     *
     * @throws DataFormatException if the record's field count differs from the header's
     */
    public String[] next() throws IOException {
        while (true) {
            recordLine = line;
            String[] r = parse();
            if (r == null) {
                return null;
            }
            if (r.length == 1 && r[0].isEmpty() && header.size() > 1) {
                continue;
            }
            if (r.length != header.size()) {
                throw new DataFormatException(file, recordLine, null, "each row must have " + header.size() + " fields like the header; got "
                        + r.length + ". Quote fields that contain commas.");
            }
            return r;
        }
    }

    private String[] parse() throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new DataFormatException(file, recordLine, null, "a quoted field must be closed; got the end of the file. "
                            + "Add the closing quote.");
                }
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = d;
                        continue;
                    }
                } else {
                    field.append((char) c);
                }
                c = read();
                continue;
            }
            if (c == -1 || c == '\n' || c == '\r') {
                if (c == '\r') {
                    int d = read();
                    if (d != '\n') {
                        unread(d);
                    }
                }
                fields.add(field.toString());
                return fields.toArray(new String[0]);
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (c == '"' && !fieldStarted && field.length() == 0) {
                quoted = true;
                fieldStarted = true;
            } else {
                field.append((char) c);
                fieldStarted = true;
            }
            c = read();
        }
    }

    private int read() throws IOException {
        int c;
        if (peeked != -2) {
            c = peeked;
            peeked = -2;
        } else {
            c = in.read();
        }
        if (c == '\n') {
            line++;
        }
        return c;
    }

    private void unread(int c) {
        if (c == '\n') {
            line--;
        }
        peeked = c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
