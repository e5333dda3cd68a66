package io.privkit.common.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The common-form fast path of {@link NumberParser} against {@link Double#parseDouble} and the general path, bit for bit. */
class NumberParserTest {

    static long bits(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return Double.doubleToRawLongBits(NumberParser.parse(b, 0, b.length));
    }

    static void assertLikeParseDouble(String s) {
        long expected = Double.doubleToRawLongBits(Double.parseDouble(s));
        assertEquals(expected, bits(s), s);
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        assertEquals(expected, Double.doubleToRawLongBits(NumberParser.parseGeneral(b, 0, b.length)), "general path: " + s);
    }

    /** Random digit strings: up to 20 digits with leading zeros, a sign, a point anywhere (the 15/16-digit limit included). */
    @Test
    void parse_randomDigitStrings_bitIdenticalToParseDouble() {
        Randomness r = Randomness.insecureSeeded(41);
        for (int t = 0; t < 200_000; t++) {
            int n = 1 + r.nextInt(20);
            StringBuilder sb = new StringBuilder();
            int sign = r.nextInt(3);
            sb.append(sign == 0 ? "" : sign == 1 ? "-" : "+");
            int point = r.nextInt(n + 1);
            for (int i = 0; i < n; i++) {
                if (i == point) {
                    sb.append('.');
                }
                // leading zeros often, and runs of 9s (rounding boundaries)
                int kind = r.nextInt(4);
                sb.append(kind == 0 ? '0' : kind == 1 ? '9' : (char) ('0' + r.nextInt(10)));
            }
            if (point == n && r.nextBoolean()) {
                sb.append('.');
            }
            assertLikeParseDouble(sb.toString());
        }
    }

    /** Random doubles in the forms writers produce (shortest repr, fixed and scientific notation). */
    @Test
    void parse_randomDoublesInWriterForms_bitIdenticalToParseDouble() {
        Randomness r = Randomness.insecureSeeded(42);
        for (int t = 0; t < 50_000; t++) {
            double v = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(40) - 20);
            double bitsRandom = Double.longBitsToDouble(r.asRandom().nextLong());
            List<String> forms = new ArrayList<>(List.of(Double.toString(v), String.format(Locale.ROOT, "%.4f", v),
                    String.format(Locale.ROOT, "%.15f", v), String.format(Locale.ROOT, "%.17g", v), String.format(Locale.ROOT, "%.3e", v),
                    Long.toString(Math.round(v))));
            if (Double.isFinite(bitsRandom)) {
                forms.add(Double.toString(bitsRandom));
            }
            for (String s : forms) {
                assertLikeParseDouble(s);
            }
        }
    }

    /** Fields inside a larger buffer (as the CSV parser hands them over), followed by digits that are not theirs. */
    @Test
    void parse_fieldInsideBufferFollowedByDigits_readsOnlyItsBytes() {
        Randomness r = Randomness.insecureSeeded(43);
        for (int t = 0; t < 100_000; t++) {
            double v = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(12) - 4);
            String s = r.nextBoolean() ? Double.toString(v) : String.format(Locale.ROOT, "%." + r.nextInt(8) + "f", v);
            byte[] field = s.getBytes(StandardCharsets.US_ASCII);
            int before = r.nextInt(5);
            int after = r.nextInt(12);
            byte[] buf = new byte[before + field.length + after];
            for (int i = 0; i < buf.length; i++) {
                buf[i] = (byte) ('0' + r.nextInt(10));
            }
            System.arraycopy(field, 0, buf, before, field.length);
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)),
                    Double.doubleToRawLongBits(NumberParser.parse(buf, before, field.length)), s + " in " + new String(buf, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void parse_edgeCases_bitIdenticalToParseDouble() {
        for (String s : new String[] {"0", "-0", "+0", "-0.0", "0.0", ".5", "-.5", "+.5", "5.", "-5.", "000000000000001", "0000000000000001",
            "999999999999999", "9999999999999999", "99999999999999999999", "0.000000000000001", "0.0000000000000001", "123456789012345",
            "1234567890123456", "12345678901234567", "9007199254740993", "0.1", "0.2", "0.3", "2.2250738585072014E-308", "4.9e-324",
            "1.7976931348623157e308", "1e23", "8.41e21", "1e-22", "1E22", "1e+5", "-1e-5", " 1.5", "1.5 ", " -2 ", "1.", "3.14159265358979",
            "0.30000000000000004", "123.4567", "-987.6543"}) {
            assertLikeParseDouble(s);
        }
    }

    @Test
    void parse_nonNumbers_failed() {
        for (String bad : new String[] {"", "-", "+", ".", "-.", "1.5d", "0x10", "1e", "--1", "abc", "1,5", "1.2.3", "1-2", "NaN", "NA", "1 2"}) {
            byte[] b = bad.getBytes(StandardCharsets.US_ASCII);
            assertTrue(NumberParser.failed(NumberParser.parse(b, 0, b.length)), bad);
        }
    }

    @Test
    void parse_infinities_parsed() {
        assertEquals(Double.POSITIVE_INFINITY, Double.longBitsToDouble(bits("inf")));
        assertEquals(Double.NEGATIVE_INFINITY, Double.longBitsToDouble(bits("-Infinity")));
    }
}
