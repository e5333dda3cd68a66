package io.privkit.common.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.DataFormatException;
import io.privkit.common.Randomness;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvParserTest {

    static List<List<String>> parse(String text, int buffer) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        CsvParser.withDefaults().withBufferSize(buffer).parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null,
                new FieldSink() {
                    @Override
                    public void field(int column, byte[] buf, int start, int length, long line) {
                        assertEquals(cur.size(), column);
                        cur.add(new String(buf, start, length, StandardCharsets.UTF_8));
                    }

                    @Override
                    public void endRecord(int fields, long line) {
                        assertEquals(cur.size(), fields);
                        rows.add(new ArrayList<>(cur));
                        cur.clear();
                    }
                });
        return rows;
    }

    @Test
    void parse_rfc4180Quoting_foldsQuotesAndKeepsDelimitersAndNewlines() throws IOException {
        String text = "\uFEFFa,b,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\r\n2,\"line1\nline2\",\r\n3,,\"\"\n";
        List<List<String>> rows = parse(text, 1 << 20);
        assertEquals(List.of("a", "b", "c"), rows.get(0));
        assertEquals(List.of("1", "x,y", "say \"hi\""), rows.get(1));
        assertEquals(List.of("2", "line1\nline2", ""), rows.get(2));
        assertEquals(List.of("3", "", ""), rows.get(3));
        assertEquals(4, rows.size());
    }

    @Test
    void parse_tinyBuffers_giveTheSameRecordsAsOneBuffer() throws IOException {
        Randomness r = Randomness.insecureSeeded(5);
        StringBuilder sb = new StringBuilder("h1,h2,h3\n");
        String[] pieces = {"abc", "\"q,\"\"x\"\"\"", "12.5", "", "\"multi\nline\"", "\"\"", "zz"};
        for (int i = 0; i < 300; i++) {
            for (int c = 0; c < 3; c++) {
                sb.append(pieces[r.nextInt(pieces.length)]);
                sb.append(c < 2 ? "," : (r.nextBoolean() ? "\n" : "\r\n"));
            }
        }
        String text = sb.toString();
        List<List<String>> whole = parse(text, 1 << 20);
        assertEquals(301, whole.size());
        for (int buffer : new int[] {1, 2, 3, 7, 64}) {
            assertEquals(whole, parse(text, buffer), "buffer " + buffer);
        }
    }

    @Test
    void parse_noFinalNewline_lastRecordKept() throws IOException {
        assertEquals(List.of(List.of("a", "b"), List.of("1", "2")), parse("a,b\n1,2", 3));
        assertEquals(List.of(List.of("a", "b"), List.of("1", "x\"y")), parse("a,b\n1,\"x\"\"y\"", 4));
    }

    @Test
    void parse_quoteInsideUnquotedField_rejectedWithLine() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> parse("a,b\n1,2\n3,x\"y\n", 1 << 20));
        assertEquals(3, e.row());
        assertTrue(e.getMessage().contains("RFC 4180"), e.getMessage());
    }

    @Test
    void parse_unterminatedQuote_rejected() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> parse("a\n\"open\n", 1 << 20));
        assertTrue(e.getMessage().contains("end of file inside quotes"), e.getMessage());
    }

    @Test
    void numberParser_fastPath_equalsParseDouble() {
        Randomness r = Randomness.insecureSeeded(9);
        for (int i = 0; i < 20000; i++) {
            double v = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(12) - 4);
            String[] forms = {Double.toString(v), String.format(java.util.Locale.ROOT, "%.6f", v),
                String.format(java.util.Locale.ROOT, "%.3e", v), Long.toString((long) (v * 1000))};
            for (String s : forms) {
                byte[] b = s.getBytes(StandardCharsets.US_ASCII);
                assertEquals(Double.parseDouble(s), NumberParser.parse(b, 0, b.length), s);
            }
        }
        for (String bad : new String[] {"1.5d", "0x10", "1e", "--1", "abc", ".", "1,5"}) {
            byte[] b = bad.getBytes(StandardCharsets.US_ASCII);
            assertTrue(NumberParser.failed(NumberParser.parse(b, 0, b.length)), bad);
        }
    }

    /**
     * Generated records (plain, quoted, with delimiters, quotes, CR/LF, non-ASCII text and empty
     * fields) encoded per RFC 4180 and parsed back with each delimiter and buffer size: the fields
     * come back as generated (the byte-scanning fast path against the records' own definition).
     */
    @Test
    void parse_generatedRecords_roundTripForEveryDelimiterAndBuffer() throws IOException {
        String alphabet = "ab9-.,;\t\"\r\n é€ ";
        Randomness r = Randomness.insecureSeeded(7);
        for (char delim : new char[] {',', ';', '\t', '|'}) {
            List<List<String>> rows = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (int row = 0; row < 300; row++) {
                List<String> rec = new ArrayList<>();
                for (int f = 0; f < 3; f++) {
                    StringBuilder v = new StringBuilder();
                    int len = r.nextInt(12);
                    for (int i = 0; i < len; i++) {
                        v.append(alphabet.charAt(r.nextInt(alphabet.length())));
                    }
                    rec.add(v.toString());
                }
                for (int f = 0; f < rec.size(); f++) {
                    String s = rec.get(f);
                    boolean special = s.indexOf(delim) >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
                    if (f > 0) {
                        text.append(delim);
                    }
                    text.append(special || r.nextInt(5) == 0 ? '"' + s.replace("\"", "\"\"") + '"' : s);
                }
                rows.add(rec);
                text.append(r.nextBoolean() ? "\n" : "\r\n");
            }
            for (int buffer : new int[] {1, 3, 64, 1 << 20}) {
                List<List<String>> got = new ArrayList<>();
                List<String> cur = new ArrayList<>();
                CsvParser.withDefaults().withBufferSize(buffer).withDelimiter(delim).parse(
                        new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)), null, new FieldSink() {
                            @Override
                            public void field(int column, byte[] buf, int start, int length, long line) {
                                cur.add(new String(buf, start, length, StandardCharsets.UTF_8));
                            }

                            @Override
                            public void endRecord(int fields, long line) {
                                got.add(new ArrayList<>(cur));
                                cur.clear();
                            }
                        });
                assertEquals(rows, got, "delimiter " + (int) delim + ", buffer " + buffer);
            }
        }
    }
}
