package io.privkit.evidence.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one number format of Privkit's JSON, so that the same value is always written as the same
 * characters, on every JVM version, and two runs diff cleanly.
 *
 * <p><b>Digits.</b> The shortest decimal that reads back to the same {@code double}: the value is
 * rounded (half-even, exactly, with {@link BigDecimal}) to 1, 2, ... 17 significant digits and the
 * first precision that round-trips is kept. This does not depend on {@link Double#toString}, whose
 * output changed between Java versions.
 *
 * <p><b>Layout.</b> The layout of ECMAScript's {@code Number.prototype.toString} (ECMA-262,
 * Number::toString), the layout RFC 8785 (JSON Canonicalization Scheme) prescribes: integers up to
 * 10<sup>21</sup> without a fraction or exponent ({@code 3}, {@code 100000}), plain decimals down
 * to 10<sup>-6</sup> ({@code 0.001}), and exponent notation outside that range
 * ({@code 1e-7}, {@code 2.5e+21}). Negative zero is written {@code 0}.
 *
 * <p>Non-finite values have no JSON number form; callers write them as strings (see
 * {@link CanonicalJson}).
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonNumbers {
    private JsonNumbers() {
    }

    /**
     * Formats a finite double.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    public static String format(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite to be a JSON number; got " + value
                    + ". Write non-finite values as strings.");
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(value);
        BigDecimal shortest = exact;
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == value) {
                shortest = rounded;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int k = digits.length();
        // value = 0.d1d2...dk * 10^n  <=>  unscaled * 10^-scale with n = k - scale
        int n = k - shortest.scale();
        StringBuilder sb = new StringBuilder(24);
        if (value < 0) {
            sb.append('-');
        }
        if (k <= n && n <= 21) {
            sb.append(digits);
            sb.append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            sb.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            sb.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            int e = n - 1;
            sb.append(digits.charAt(0));
            if (k > 1) {
                sb.append('.').append(digits, 1, k);
            }
            sb.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
        return sb.toString();
    }
}
