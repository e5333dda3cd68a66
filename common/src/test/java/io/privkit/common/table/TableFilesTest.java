package io.privkit.common.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blue.strategic.parquet.ParquetWriter;
import io.privkit.common.DataFormatException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableFilesTest {
    @TempDir
    Path dir;

    /** What a RowHandler saw: the layout, then each row as "line:cell|cell". */
    static final class Seen implements RowHandler {
        TableLayout layout;
        final List<String> rows = new ArrayList<>();

        @Override
        public void start(TableLayout l) {
            layout = l;
        }

        @Override
        public void row(String[] fields, long line) {
            rows.add(line + ":" + String.join("|", fields));
        }
    }

    private Seen read(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        Seen s = new Seen();
        TableFiles.readRows(f, s);
        return s;
    }

    @Test
    void readRows_quotesCrlfBomEmbeddedNewlinesAndBlankLines_followRfc4180() throws IOException {
        Seen s = read("t.csv", "\uFEFFa,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",\r\n\r\n3,,z\n");
        assertEquals(List.of("a", "b", "c"), s.layout.names());
        assertEquals(TableFormat.CSV, s.layout.format());
        assertTrue(s.layout.columns().stream().allMatch(c -> c.type() == ValueType.TEXT));
        assertEquals(List.of("2:1|x, y|say \"hi\"", "3:2|two\nlines|", "6:3||z"), s.rows);
    }

    @Test
    void readRows_wrongFieldCount_namesTheLine() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> read("t.csv", "a,b\n1,2\n3\n"));
        assertEquals(3, e.row());
        assertTrue(e.getMessage().contains("every record must have 2 fields like the header; got 1."), e.getMessage());
        e = assertThrows(DataFormatException.class, () -> read("u.csv", "a,b\n1,2,3\n"));
        assertTrue(e.getMessage().contains("got more"), e.getMessage());
    }

    @Test
    void readRows_emptyOrDuplicateHeader_isRefused() {
        DataFormatException empty = assertThrows(DataFormatException.class, () -> read("e.csv", ""));
        assertTrue(empty.getMessage().contains("must have a header row"), empty.getMessage());
        DataFormatException dup = assertThrows(DataFormatException.class, () -> read("d.csv", "a,a\n"));
        assertTrue(dup.getMessage().contains("column names must be unique"), dup.getMessage());
    }

    @Test
    void layout_csv_readsOnlyTheHeader() throws IOException {
        Path f = dir.resolve("h.csv");
        // a malformed second record proves the rows are not read
        Files.writeString(f, "x,y\n1,\"unterminated\n");
        assertEquals(List.of("x", "y"), TableFiles.layout(f).names());
    }

    static final MessageType SCHEMA = Types.buildMessage()
            .optional(PrimitiveTypeName.INT32).named("i")
            .optional(PrimitiveTypeName.INT64).named("l")
            .optional(PrimitiveTypeName.DOUBLE).named("d")
            .optional(PrimitiveTypeName.FLOAT).named("f")
            .optional(PrimitiveTypeName.BOOLEAN).named("b")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("s")
            .optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.decimalType(2, 18)).named("money")
            .named("t");

    record Row(Integer i, Long l, Double d, Float f, Boolean b, String s, Long cents) {
    }

    private Path parquet(String name, List<Row> rows) throws IOException {
        Path f = dir.resolve(name);
        try (ParquetWriter<Row> w = ParquetWriter.writeFile(SCHEMA, f.toFile(), (r, vw) -> {
            // a null is written by writing nothing for the field
            Object[] values = {r.i(), r.l(), r.d(), r.f(), r.b(), r.s(), r.cents()};
            String[] names = {"i", "l", "d", "f", "b", "s", "money"};
            for (int k = 0; k < names.length; k++) {
                if (values[k] != null) {
                    vw.write(names[k], values[k]);
                }
            }
        })) {
            for (Row r : rows) {
                w.write(r);
            }
        }
        return f;
    }

    @Test
    void readRows_parquetTypedColumns_textAsCsvWouldHoldItAndNullsEmpty() throws IOException {
        Path f = parquet("t.parquet", List.of(new Row(7, -3L, 0.1, 2.5f, true, "nord", 12345L),
                new Row(null, null, null, null, null, null, null)));
        Seen s = new Seen();
        TableFiles.readRows(f, s);
        assertEquals(TableFormat.PARQUET, s.layout.format());
        assertEquals(List.of(ValueType.INT32, ValueType.INT64, ValueType.DOUBLE, ValueType.FLOAT, ValueType.BOOLEAN, ValueType.STRING,
                ValueType.DECIMAL), s.layout.columns().stream().map(TableColumn::type).toList());
        // the decimal is the exact scaled value 123.45, not the stored unscaled 12345
        assertEquals(List.of("1:7|-3|0.1|2.5|true|nord|" + new BigDecimal("123.45").toPlainString(), "2:||||||"), s.rows);
        assertEquals(s.layout, TableFiles.layout(f));
    }

    @Test
    void detect_parquetMagicWinsOverTheName_andCsvNamedParquetIsRefused() throws IOException {
        Path real = parquet("t.parquet", List.of(new Row(1, 1L, 1.0, 1f, false, "a", 1L)));
        Path renamed = dir.resolve("actually-parquet.csv");
        Files.copy(real, renamed);
        assertEquals(TableFormat.PARQUET, TableFormat.detect(renamed));
        Path fake = dir.resolve("fake.parquet");
        Files.writeString(fake, "a,b\n1,2\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> TableFiles.readRows(fake, new Seen()));
        assertTrue(e.getMessage().contains("must be a Parquet file (starting with the bytes PAR1); got text."), e.getMessage());
    }

    @Test
    void detect_gzipZipUtf16AndBinary_refusedWithTheirFix() throws IOException {
        String[][] cases = {
            {"1f8b0800", "gzip-compressed data. Decompress it first"},
            {"504b0304", "a ZIP archive (an Excel workbook?)"},
            {"fffe6100", "UTF-16 text. Save it as UTF-8."},
            {"61000102", "binary content"},
        };
        for (String[] c : cases) {
            Path f = dir.resolve("data-" + c[0] + ".csv");
            Files.write(f, hex(c[0]));
            DataFormatException e = assertThrows(DataFormatException.class, () -> TableFiles.readRows(f, new Seen()));
            assertTrue(e.getMessage().startsWith(f + ": must be a CSV") && e.getMessage().contains(c[1]), e.getMessage());
        }
        Path csv = dir.resolve("plain.txt");
        Files.writeString(csv, "a\n1\n");
        assertEquals(TableFormat.CSV, TableFormat.detect(csv));
    }

    @Test
    void readRows_missingFileOrDirectory_namesIt() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> TableFiles.readRows(dir.resolve("no.csv"), new Seen()));
        assertTrue(e.getMessage().contains("no.csv: the file must exist"), e.getMessage());
        e = assertThrows(DataFormatException.class, () -> TableFiles.readRows(dir, new Seen()));
        assertTrue(e.getMessage().contains("must be a regular file"), e.getMessage());
    }

    private static byte[] hex(String h) {
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
