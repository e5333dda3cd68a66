package io.privkit.dp.accounting;

/** Log-space arithmetic. */
final class LogMath {
    private LogMath() {
    }

    /** log(e^a + e^b). */
    static double add(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double m = Math.max(a, b);
        return m + Math.log1p(Math.exp(-Math.abs(a - b)));
    }

    /** log C(n, k) for real n ≥ 0 and integer k ≥ 0 with k ≤ n when n is whole; log|C| otherwise. */
    static double logAbsBinomial(double n, long k) {
        return org.apache.commons.numbers.gamma.LogGamma.value(n + 1) - logGammaAbs(n - k + 1)
                - org.apache.commons.numbers.gamma.LogGamma.value(k + 1.0);
    }

    private static double logGammaAbs(double x) {
        if (x > 0) {
            return org.apache.commons.numbers.gamma.LogGamma.value(x);
        }
        // Reflection: |Γ(x)| = π / (|sin(πx)| Γ(1 − x)).
        return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - org.apache.commons.numbers.gamma.LogGamma.value(1 - x);
    }

    /** log(e^x − 1) for x &gt; 0. */
    static double logExpm1(double x) {
        return x > 30 ? x + Math.log1p(-Math.exp(-x)) : Math.log(Math.expm1(x));
    }

    /** log(1 + e^x). */
    static double log1pExp(double x) {
        return x > 30 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }
}
