package io.privkit.common.table;

import io.privkit.common.Checks;
import io.privkit.common.DataFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A streaming CSV parser for RFC 4180 files (Y. Shafranovich, "Common Format and MIME Type for
 * Comma-Separated Values (CSV) Files", IETF RFC 4180, 2005): fields separated by a delimiter
 * (comma by default), records ended by LF or CRLF, fields optionally enclosed in double quotes, a
 * doubled quote inside a quoted field standing for one quote, and delimiters and line breaks allowed
 * inside quoted fields. A UTF-8 byte-order mark at the start is skipped.
 *
 * <p>It works on bytes in a fixed 1 MiB buffer and hands each field to a {@link FieldSink} as a byte
 * range, so memory stays constant whatever the file size and no {@code String} is made for a field
 * the sink does not need. A field that crosses a buffer boundary or contains a doubled quote is
 * copied into a scratch buffer. Malformed input (a quote inside an unquoted field, text after a
 * closing quote, an unterminated quoted field) raises a {@link DataFormatException} naming the line.
 *
 * <p>Not thread-safe; one parser per stream.
 */
public final class CsvParser {
    private static final int BUFFER = 1 << 20;
    private final byte delimiter;
    private final int bufferSize;

    private CsvParser(byte delimiter, int bufferSize) {
        this.delimiter = delimiter;
        this.bufferSize = bufferSize;
    }

    /** A comma-separated parser. */
    public static CsvParser withDefaults() {
        return new CsvParser((byte) ',', BUFFER);
    }

    /** A copy with another buffer size (tests use tiny buffers to exercise fields that cross buffers). */
    CsvParser withBufferSize(int bytes) {
        return new CsvParser(delimiter, Math.max(1, bytes));
    }

    /** A copy with another single-byte delimiter (e.g. ';' or tab). */
    public CsvParser withDelimiter(char d) {
        if (d > 127 || d == '"' || d == '\n' || d == '\r') {
            throw Checks.argument("delimiter").mustBe("one ASCII character other than quote or line break").got(d)
                    .fix("Use ',', ';' or '\\t'.").exception();
        }
        return new CsvParser((byte) d, bufferSize);
    }

    /** Parses a file. */
    public void parse(Path file, FieldSink sink) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            parse(in, file, sink);
        }
    }

    /**
     * Parses a stream.
     *
     * @param source the file name for error messages, or null
     */
    public void parse(InputStream in, Path source, FieldSink sink) throws IOException {
        byte[] buf = new byte[bufferSize];
        byte[] scratch = new byte[256];
        int scratchLen = 0;
        boolean inScratch = false; // current field is being assembled in scratch
        int limit = in.readNBytes(buf, 0, buf.length);
        int pos = 0;
        if (limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
            pos = 3;
        }
        long line = 1;
        long recordLine = 1;
        int column = 0;
        // states
        final int startField = 0;
        final int unquoted = 1;
        final int quoted = 2;
        final int quoteInQuoted = 3;
        int state = startField;
        int fieldStart = pos;
        boolean any = false; // any byte seen in this record
        boolean afterCr = false; // the last line end was a CR at the end of a buffer
        while (true) {
            if (pos >= limit) {
                // refill: append the partial field to scratch
                if (state == unquoted || state == quoted) {
                    int len = limit - fieldStart;
                    scratch = ensure(scratch, (inScratch ? scratchLen : 0) + len);
                    System.arraycopy(buf, fieldStart, scratch, inScratch ? scratchLen : 0, len);
                    scratchLen = (inScratch ? scratchLen : 0) + len;
                    inScratch = true;
                }
                limit = in.readNBytes(buf, 0, buf.length);
                pos = 0;
                fieldStart = 0;
                if (limit <= 0) {
                    break;
                }
            }
            byte b = buf[pos];
            if (afterCr && b != '\n') {
                afterCr = false;
            }
            switch (state) {
                case startField -> {
                    if (b == '"') {
                        state = quoted;
                        pos++;
                        fieldStart = pos;
                        inScratch = false;
                        scratchLen = 0;
                        any = true;
                    } else if (b == delimiter) {
                        sink.field(column++, buf, pos, 0, recordLine);
                        pos++;
                        any = true;
                    } else if (b == '\n' && afterCr) {
                        // the LF of a CRLF split across two buffers
                        afterCr = false;
                        pos++;
                    } else if (b == '\n' || b == '\r') {
                        // a line end after a delimiter ends an empty last field; an empty line is a
                        // record with one empty field (RFC 4180: each line is a record)
                        sink.field(column++, buf, pos, 0, recordLine);
                        sink.endRecord(column, recordLine);
                        column = 0;
                        any = false;
                        afterCr = buf[pos] == '\r' && pos + 1 == limit;
                            pos = skipLineEnd(buf, pos, limit);
                        line++;
                        recordLine = line;
                    } else {
                        state = unquoted;
                        fieldStart = pos;
                        inScratch = false;
                        any = true;
                        pos = scanUnquoted(buf, pos + 1, limit);
                    }
                }
                case unquoted -> {
                    if (b == delimiter || b == '\n' || b == '\r') {
                        emit(sink, column++, buf, fieldStart, pos, inScratch, scratch, scratchLen, recordLine);
                        inScratch = false;
                        state = startField;
                        if (b == delimiter) {
                            pos++;
                        } else {
                            sink.endRecord(column, recordLine);
                            column = 0;
                            any = false;
                            afterCr = buf[pos] == '\r' && pos + 1 == limit;
                            pos = skipLineEnd(buf, pos, limit);
                            line++;
                            recordLine = line;
                        }
                    } else if (b == '"') {
                        throw new DataFormatException(source, recordLine, null,
                                "a quote must only open or close a field (RFC 4180); got a quote inside an unquoted field. "
                                        + "Quote the whole field and double the inner quote.");
                    } else {
                        pos = scanUnquoted(buf, pos + 1, limit);
                    }
                }
                case quoted -> {
                    if (b == '"') {
                        // copy what we have so far into scratch, then wait for the next byte
                        int len = pos - fieldStart;
                        scratch = ensure(scratch, (inScratch ? scratchLen : 0) + len + 1);
                        if (inScratch) {
                            System.arraycopy(buf, fieldStart, scratch, scratchLen, len);
                            scratchLen += len;
                        } else {
                            System.arraycopy(buf, fieldStart, scratch, 0, len);
                            scratchLen = len;
                            inScratch = true;
                        }
                        state = quoteInQuoted;
                        pos++;
                        fieldStart = pos;
                    } else {
                        if (b == '\n') {
                            line++;
                        }
                        pos++;
                    }
                }
                default -> { // quoteInQuoted: the previous byte was a quote inside a quoted field
                    if (b == '"') {
                        scratch = ensure(scratch, scratchLen + 1);
                        scratch[scratchLen++] = '"';
                        state = quoted;
                        pos++;
                        fieldStart = pos;
                    } else if (b == delimiter || b == '\n' || b == '\r') {
                        sink.field(column++, scratch, 0, scratchLen, recordLine);
                        inScratch = false;
                        scratchLen = 0;
                        state = startField;
                        if (b == delimiter) {
                            pos++;
                        } else {
                            sink.endRecord(column, recordLine);
                            column = 0;
                            any = false;
                            afterCr = buf[pos] == '\r' && pos + 1 == limit;
                            pos = skipLineEnd(buf, pos, limit);
                            line++;
                            recordLine = line;
                        }
                    } else {
                        throw new DataFormatException(source, recordLine, null,
                                "a closing quote must be followed by a delimiter or a line end (RFC 4180); got '" + (char) b
                                        + "'. Double the quote if it is part of the value.");
                    }
                }
            }
        }
        // end of input
        if (state == quoted) {
            throw new DataFormatException(source, recordLine, null,
                    "a quoted field must be closed; got end of file inside quotes. Close the quote or remove it.");
        }
        if (state == unquoted) {
            emit(sink, column++, buf, fieldStart, fieldStart, inScratch, scratch, scratchLen, recordLine);
            sink.endRecord(column, recordLine);
        } else if (state == quoteInQuoted) {
            sink.field(column++, scratch, 0, scratchLen, recordLine);
            sink.endRecord(column, recordLine);
        } else if (any) {
            sink.field(column++, buf, 0, 0, recordLine);
            sink.endRecord(column, recordLine);
        }
    }

    /**
     * The first position at or after {@code pos} (and before {@code limit}) holding a byte that ends or
     * breaks an unquoted field (delimiter, CR, LF, quote), or {@code limit}: the plain bytes of a field
     * in one tight loop instead of one state-machine step each.
     */
    private int scanUnquoted(byte[] buf, int pos, int limit) {
        byte d = delimiter;
        // every special byte is at most max (as a signed byte): one comparison passes the others
        // (for a comma delimiter: digits, '.', '-' and letters)
        int max = Math.max(d, '"');
        while (pos < limit) {
            byte c = buf[pos];
            if (c > max) {
                pos++;
                continue;
            }
            if (c == d || c == '\n' || c == '\r' || c == '"') {
                return pos;
            }
            pos++;
        }
        return pos;
    }

    /** Skips CR, LF or CRLF at pos (a CRLF split across buffers leaves a lone LF, read as an empty line and ignored). */
    private static int skipLineEnd(byte[] buf, int pos, int limit) {
        if (buf[pos] == '\r' && pos + 1 < limit && buf[pos + 1] == '\n') {
            return pos + 2;
        }
        return pos + 1;
    }

    private static void emit(FieldSink sink, int column, byte[] buf, int start, int end, boolean inScratch, byte[] scratch,
                             int scratchLen, long line) {
        if (inScratch) {
            // field began in a previous buffer: scratch holds its head, buf[0..end) its tail
            byte[] joined = Arrays.copyOf(scratch, scratchLen + end);
            System.arraycopy(buf, 0, joined, scratchLen, end);
            sink.field(column, joined, 0, joined.length, line);
        } else {
            sink.field(column, buf, start, end - start, line);
        }
    }

    private static byte[] ensure(byte[] a, int n) {
        return a.length >= n ? a : Arrays.copyOf(a, Math.max(n, a.length * 2));
    }
}
