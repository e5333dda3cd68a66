package io.privkit.common.table;

import java.nio.charset.StandardCharsets;

/**
 * Parses decimal numbers from bytes without making a String in the common case. Short decimals
 * (at most 15 significant digits, |power of ten| &lt;= 22) take W. D. Clinger's exact fast path
 * ("How to Read Floating Point Numbers Accurately", PLDI 1990): the digits form an integer below
 * 2^53 and one multiplication or division by an exactly representable power of ten rounds once,
 * so the result equals {@link Double#parseDouble}'s correctly rounded value. Everything else that
 * looks like a number is handed to {@link Double#parseDouble}. Unlike that method, suffixes such
 * as {@code d} or {@code f} and hexadecimal forms are not numbers here. Stateless, thread-safe.
 */
public final class NumberParser {
    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /** Returned for text that is not a number. */
    public static final double NOT_A_NUMBER = Double.longBitsToDouble(0x7ff8dead00000000L);

    private NumberParser() {
    }

    /** Whether a parse result means "not a number" (distinguished from a parsed NaN by its bits). */
    public static boolean failed(double v) {
        return Double.doubleToRawLongBits(v) == 0x7ff8dead00000000L;
    }

    /** Parses bytes as a number; returns {@link #NOT_A_NUMBER} (test with {@link #failed}) for other text. */
    public static double parse(byte[] b, int start, int len) {
        // the common form first: [sign] digits [. digits], at most 15 digits in all (leading zeros
        // included), no spaces, no exponent. The digits then form an integer m < 10^15 < 2^53 and the
        // value is m / 10^f with f <= 15 fraction digits: Clinger's exact case (one correctly rounded
        // division of two exact doubles), so it equals Double.parseDouble bit for bit.
        int end = start + len;
        int i = start;
        if (len > 0) {
            boolean neg = false;
            byte c = b[i];
            if (c == '-') {
                neg = true;
                i++;
            } else if (c == '+') {
                i++;
            }
            long mant;
            int intDigits = digitRun(b, i, end);
            if (intDigits == 8) {
                return parseGeneral(b, start, len); // long integer parts: the general path
            }
            mant = digits(b, i, intDigits);
            i += intDigits;
            int fracDigits = 0;
            if (i < end && b[i] == '.') {
                i++;
                fracDigits = digitRun(b, i, end);
                if (fracDigits == 8) {
                    return parseGeneral(b, start, len);
                }
                mant = mant * LONG_POW10[fracDigits] + digits(b, i, fracDigits);
                i += fracDigits;
            }
            int all = intDigits + fracDigits;
            if (i == end && all > 0 && all <= 15) {
                double v = fracDigits == 0 ? (double) mant : (double) mant / POW10[fracDigits];
                return neg ? -v : v;
            }
        }
        return parseGeneral(b, start, len);
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long[] LONG_POW10 = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};

    /**
     * The number of ASCII digits at {@code b[i..end)}, capped at 8: eight bytes at once (a byte is a
     * digit iff neither x - 0x30 nor x + 0x46 sets its high bit; a borrow or carry only travels
     * upwards from a non-digit byte, so the lowest flagged byte is the first non-digit), byte by
     * byte near the end of the array.
     */
    static int digitRun(byte[] b, int i, int end) {
        int n;
        if (i + 8 <= b.length) {
            long x = (long) LONGS.get(b, i);
            long nonDigit = ((x - 0x3030303030303030L) | (x + 0x4646464646464646L)) & 0x8080808080808080L;
            n = Long.numberOfTrailingZeros(nonDigit) >>> 3; // 8 when all eight are digits
        } else {
            n = 0;
            while (n < 8 && i + n < b.length && b[i + n] >= '0' && b[i + n] <= '9') {
                n++;
            }
        }
        return Math.min(n, end - i);
    }

    /**
     * The value of the n &lt;= 7 ASCII digits at {@code b[i..i+n)}: the digits are shifted to the top of
     * a word (zero bytes read as leading zeros) and combined pairwise, then in fours, then in eights
     * (D. Lemire's eight-digit SWAR reduction, as in "Number Parsing at a Gigabyte per Second",
     * Software: Practice and Experience, 2021); byte by byte near the end of the array.
     */
    static long digits(byte[] b, int i, int n) {
        if (n == 0) {
            return 0;
        }
        if (i + 8 <= b.length) {
            long x = ((long) LONGS.get(b, i)) << (8 * (8 - n));
            x = (x & 0x0F0F0F0F0F0F0F0FL) * 2561 >>> 8;
            x = (x & 0x00FF00FF00FF00FFL) * 6553601 >>> 16;
            return (x & 0x0000FFFF0000FFFFL) * 42949672960001L >>> 32;
        }
        long v = 0;
        for (int k = 0; k < n; k++) {
            v = v * 10 + (b[i + k] - '0');
        }
        return v;
    }

    /**
     * The general path (also the reference for the common-form path above): spaces trimmed, any
     * decimal form with an optional exponent, Clinger's fast path when it applies and
     * {@link Double#parseDouble} otherwise.
     */
    static double parseGeneral(byte[] b, int start, int len) {
        int i = start;
        int end = start + len;
        // trim spaces
        while (i < end && b[i] == ' ') {
            i++;
        }
        while (end > i && b[end - 1] == ' ') {
            end--;
        }
        if (i == end) {
            return NOT_A_NUMBER;
        }
        int s = i;
        boolean neg = false;
        if (b[i] == '-' || b[i] == '+') {
            neg = b[i] == '-';
            i++;
        }
        long mant = 0;
        int digits = 0;
        int exp10 = 0;
        boolean anyDigit = false;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            anyDigit = true;
            if (mant != 0 || b[i] != '0') {
                if (digits < 18) {
                    mant = mant * 10 + (b[i] - '0');
                    digits++;
                } else {
                    digits = 99;
                    exp10++;
                }
            }
            i++;
        }
        if (i < end && b[i] == '.') {
            i++;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                anyDigit = true;
                if (mant != 0 || b[i] != '0') {
                    if (digits < 18) {
                        mant = mant * 10 + (b[i] - '0');
                        digits++;
                        exp10--;
                    } else {
                        digits = 99;
                    }
                } else {
                    exp10--;
                }
                i++;
            }
        }
        if (!anyDigit) {
            return special(b, s, end);
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean eneg = false;
            if (i < end && (b[i] == '-' || b[i] == '+')) {
                eneg = b[i] == '-';
                i++;
            }
            int e = 0;
            boolean anyExp = false;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                anyExp = true;
                if (e < 100000) {
                    e = e * 10 + (b[i] - '0');
                }
                i++;
            }
            if (!anyExp) {
                return NOT_A_NUMBER;
            }
            exp10 += eneg ? -e : e;
        }
        if (i != end) {
            return NOT_A_NUMBER;
        }
        if (digits <= 15 && Math.abs(exp10) <= 22) {
            double v = mant;
            v = exp10 >= 0 ? v * POW10[exp10] : v / POW10[-exp10];
            return neg ? -v : v;
        }
        return Double.parseDouble(new String(b, s, end - s, StandardCharsets.ISO_8859_1));
    }

    /**
     * Whether a cell is a missing value: empty, or one of NA, N/A, NaN, nan, null, NULL, None (spaces trimmed).
     */
    public static boolean isMissingToken(byte[] b, int s, int len) {
        if (len == 0) {
            return true;
        }
        if (len > 6) {
            return false;
        }
        byte c = b[s];
        if (c != 'N' && c != 'n' && c != ' ') {
            return false;
        }
        String t = new String(b, s, len, StandardCharsets.ISO_8859_1).trim();
        return t.isEmpty() || t.equals("NA") || t.equals("N/A") || t.equals("NaN") || t.equals("nan") || t.equals("null")
                || t.equals("NULL") || t.equals("None");
    }

    /** A number as a category label: integers without a fraction ("1", not "1.0"). */
    public static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static double special(byte[] b, int s, int end) {
        String t = new String(b, s, end - s, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> NOT_A_NUMBER;
        };
    }
}
