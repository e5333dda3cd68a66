package io.privkit.fairness.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.DataFormatException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
    private static CsvReader reader(String text) throws Exception {
        return CsvReader.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Path.of("t.csv"));
    }

    @Test
    void next_quotesCrlfBomAndEmbeddedNewlines_followRfc4180() throws Exception {
        try (CsvReader r = reader("\uFEFFa,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",\r\n\r\n3,,z\n")) {
            assertEquals(List.of("a", "b", "c"), r.header());
            assertArrayEquals(new String[] {"1", "x, y", "say \"hi\""}, r.next());
            assertEquals(2, r.recordLine());
            assertArrayEquals(new String[] {"2", "two\nlines", ""}, r.next());
            assertEquals(3, r.recordLine());
            assertArrayEquals(new String[] {"3", "", "z"}, r.next());
            assertEquals(6, r.recordLine());
            assertNull(r.next());
        }
    }

    @Test
    void next_wrongFieldCount_namesTheLine() throws Exception {
        try (CsvReader r = reader("a,b\n1,2\n3\n")) {
            r.next();
            DataFormatException e = assertThrows(DataFormatException.class, r::next);
            assertEquals("t.csv: row 3: each row must have 2 fields like the header; got 1. Quote fields that contain commas.", e.getMessage());
        }
    }

    @Test
    void open_emptyOrDuplicateHeader_isRefused() {
        assertThrows(DataFormatException.class, () -> reader(""));
        DataFormatException e = assertThrows(DataFormatException.class, () -> reader("a,a\n"));
        assertTrue(e.getMessage().contains("column names must be unique"), e.getMessage());
    }

    @Test
    void next_unterminatedQuote_isRefused() throws Exception {
        try (CsvReader r = reader("a\n\"open\n")) {
            DataFormatException e = assertThrows(DataFormatException.class, r::next);
            assertTrue(e.getMessage().contains("a quoted field must be closed"), e.getMessage());
        }
    }
}
