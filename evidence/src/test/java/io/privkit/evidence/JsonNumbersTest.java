package io.privkit.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.evidence.json.JsonNumbers;
import org.junit.jupiter.api.Test;

class JsonNumbersTest {

    /** Expected strings follow ECMA-262 Number::toString, which is what JavaScript prints. */
    @Test
    void format_knownValues_matchEcmaScriptLayout() {
        assertEquals("0", JsonNumbers.format(0.0));
        assertEquals("0", JsonNumbers.format(-0.0));
        assertEquals("1", JsonNumbers.format(1.0));
        assertEquals("-2.5", JsonNumbers.format(-2.5));
        assertEquals("0.1", JsonNumbers.format(0.1));
        assertEquals("0.30000000000000004", JsonNumbers.format(0.1 + 0.2));
        assertEquals("100000", JsonNumbers.format(1e5));
        assertEquals("123456789012345680000", JsonNumbers.format(1.2345678901234568e20));
        assertEquals("1e+21", JsonNumbers.format(1e21));
        assertEquals("0.000001", JsonNumbers.format(1e-6));
        assertEquals("1e-7", JsonNumbers.format(1e-7));
        assertEquals("1.5e-7", JsonNumbers.format(1.5e-7));
        assertEquals("5e-324", JsonNumbers.format(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", JsonNumbers.format(Double.MAX_VALUE));
        assertEquals("2.9137", JsonNumbers.format(2.9137));
    }

    @Test
    void format_nonFinite_refused() {
        assertThrows(IllegalArgumentException.class, () -> JsonNumbers.format(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> JsonNumbers.format(Double.POSITIVE_INFINITY));
    }

    /** Every double reads back exactly, and never needs more digits than Java's own toString. */
    @Test
    void format_randomDoubles_roundTripAndShortest() {
        Randomness r = Randomness.insecureSeeded(77);
        for (int i = 0; i < 100_000; i++) {
            double d = Double.longBitsToDouble(r.nextLong());
            if (!Double.isFinite(d)) {
                continue;
            }
            String s = JsonNumbers.format(d);
            assertEquals(d, Double.parseDouble(s), s);
            assertTrue(significantDigits(s) <= significantDigits(Double.toString(d)), s + " vs " + d);
        }
    }

    private static int significantDigits(String s) {
        String mantissa = s.toLowerCase().split("e")[0].replace("-", "").replace(".", "");
        mantissa = mantissa.replaceFirst("^0+", "");
        mantissa = mantissa.replaceFirst("0+$", "");
        return Math.max(1, mantissa.length());
    }
}
