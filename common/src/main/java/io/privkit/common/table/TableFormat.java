package io.privkit.common.table;

import io.privkit.common.DataFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The formats a table file can be in, and how a file's format is told: by its content first, its
 * name second.
 *
 * <p>{@link #detect(Path)} reads the first 4 KiB. A file that starts with the Parquet magic bytes
 * {@code PAR1} is Parquet whatever its name. A file named {@code .parquet}, {@code .parq} or
 * {@code .pq} that does not start with them is refused ("must be a Parquet file"). Content that is
 * neither a Parquet file nor text is refused with what it looks like and the fix: gzip data
 * (decompress it), a ZIP archive such as an Excel workbook (export it as CSV or Parquet), UTF-16
 * text (save it as UTF-8), other binary content (a NUL byte in the first 4 KiB). Everything else is
 * read as CSV, whose parser reports malformed records by line.
 */
public enum TableFormat {
    /** RFC 4180 comma-separated values, UTF-8, with a header line. */
    CSV,
    /** Apache Parquet, flat schema. */
    PARQUET;

    private static final int SNIFF = 4096;

    /** The lower-case name shown to users ({@code csv}, {@code parquet}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a file is named as a Parquet file (.parquet, .parq, .pq). */
    public static boolean namedParquet(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".parquet") || n.endsWith(".parq") || n.endsWith(".pq");
    }

    /**
     * The format of a file, from its first bytes and its name.
     *
     * @throws DataFormatException naming the file when it is neither CSV nor Parquet
     * @throws IOException         if the file cannot be read
     */
    public static TableFormat detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF);
        }
        return detect(file, head);
    }

    /** The format of a file whose first bytes (up to 4 KiB) are {@code head}. */
    static TableFormat detect(Path file, byte[] head) {
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') {
            return PARQUET;
        }
        if (namedParquet(file)) {
            throw new DataFormatException(file, 0, null, "must be a Parquet file (starting with the bytes PAR1); got "
                    + describe(head) + ". Check the file, or give a CSV file a .csv name.");
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
            throw new DataFormatException(file, 0, null, "must be a CSV or Parquet file; got gzip-compressed data. "
                    + "Decompress it first (gunzip).");
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            throw new DataFormatException(file, 0, null, "must be a CSV or Parquet file; got a ZIP archive (an Excel workbook?). "
                    + "Export the sheet as CSV (UTF-8) or Parquet.");
        }
        if (head.length >= 2 && ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE
                || (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF)) {
            throw new DataFormatException(file, 0, null, "must be a CSV file in UTF-8 or a Parquet file; got UTF-16 text. "
                    + "Save it as UTF-8.");
        }
        for (byte b : head) {
            if (b == 0) {
                throw new DataFormatException(file, 0, null, "must be a CSV (UTF-8 text) or Parquet file; got binary content "
                        + "(a NUL byte near the start). Give the table as CSV or Parquet.");
            }
        }
        return CSV;
    }

    private static String describe(byte[] head) {
        if (head.length == 0) {
            return "an empty file";
        }
        for (byte b : head) {
            if (b == 0) {
                return "other binary content";
            }
        }
        return "text";
    }
}
