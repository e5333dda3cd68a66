package io.privkit.dp.accounting;

/**
 * Rényi-divergence formulas, one per mechanism, each an upper bound on the Rényi DP of order α &gt; 1
 * (I. Mironov, "Rényi Differential Privacy", CSF 2017).
 */
final class RdpMath {
    /** Series terms for fractional orders before giving up and using the interpolation bound. */
    static final int MAX_SERIES_TERMS = 20_000;
    private static final double SQRT2 = Math.sqrt(2);

    private RdpMath() {
    }

    /** Gaussian mechanism, noise multiplier z: α/(2z²) (Mironov 2017, Table 2). */
    static double gaussian(double z, double alpha) {
        return alpha / (2 * z * z);
    }

    /**
     * Laplace mechanism, noise multiplier b (Mironov 2017, Table 2):
     * (1/(α−1)) log[(α/(2α−1)) e<sup>(α−1)/b</sup> + ((α−1)/(2α−1)) e<sup>−α/b</sup>], at most 1/b.
     */
    static double laplace(double b, double alpha) {
        double l = LogMath.add(Math.log(alpha / (2 * alpha - 1)) + (alpha - 1) / b,
                Math.log((alpha - 1) / (2 * alpha - 1)) - alpha / b);
        return Math.min(l / (alpha - 1), 1 / b);
    }

    /**
     * Any pure ε-DP mechanism: the Rényi divergence of randomized response with
     * p = e<sup>ε</sup>/(1 + e<sup>ε</sup>), which dominates every ε-DP pair (Kairouz, Oh and
     * Viswanath, ICML 2015): (1/(α−1)) log[p<sup>α</sup>(1−p)<sup>1−α</sup> + (1−p)<sup>α</sup>p<sup>1−α</sup>].
     */
    static double pure(double epsilon, double alpha) {
        if (epsilon == 0) {
            return 0;
        }
        double lp = -LogMath.log1pExp(-epsilon);
        double lq = -LogMath.log1pExp(epsilon);
        double l = LogMath.add(alpha * lp + (1 - alpha) * lq, alpha * lq + (1 - alpha) * lp);
        return Math.min(l / (alpha - 1), epsilon);
    }

    /**
     * Discrete Laplace with scale λ<sup>−1</sup> on an integer query of sensitivity Δ, exactly:
     * with x = e<sup>−λ</sup>, ε₀ = λΔ and y = x<sup>2α−1</sup>,
     * Σ<sub>k</sub> P(k)<sup>α</sup>P(k−Δ)<sup>1−α</sup> = e<sup>(α−1)ε₀</sup>[(1 + e<sup>−(2α−1)ε₀</sup>)/(1+x)
     * + ((1−x)/(1+x))·y(1 − y<sup>Δ−1</sup>)/(1−y)], summing the three regions k ≤ 0, 0 &lt; k &lt; Δ, k ≥ Δ.
     */
    static double discreteLaplace(double scale, long sensitivity, double alpha) {
        double lambda = 1 / scale;
        double eps0 = lambda * sensitivity;
        double x = Math.exp(-lambda);
        double oneMinusX = -Math.expm1(-lambda);
        double twoAm1 = 2 * alpha - 1;
        double first = (1 + Math.exp(-twoAm1 * eps0)) / (1 + x);
        double middle = 0;
        if (sensitivity > 1) {
            double y = Math.exp(-lambda * twoAm1);
            double oneMinusY = -Math.expm1(-lambda * twoAm1);
            double oneMinusYPow = -Math.expm1(-lambda * twoAm1 * (sensitivity - 1));
            middle = oneMinusX / (1 + x) * y * oneMinusYPow / oneMinusY;
        }
        double l = (alpha - 1) * eps0 + Math.log(first + middle);
        return Math.min(l / (alpha - 1), eps0);
    }

    // ------------------------------------------------------------------ subsampled Gaussian

    /**
     * The Poisson-subsampled Gaussian under add-or-remove-one: (1/(α−1)) log A<sub>α</sub> with
     * A<sub>α</sub> = E<sub>x∼N(0,σ²)</sub>[(1 − q + q·e<sup>(2x−1)/(2σ²)</sup>)<sup>α</sup>] (I. Mironov,
     * K. Talwar and L. Zhang, "Rényi Differential Privacy of the Sampled Gaussian Mechanism",
     * arXiv:1908.10530, 2019). Integer α: the finite binomial sum (their Section 3.2), written as
     * A − 1 = Σ<sub>k≥2</sub> C(α,k)(1−q)<sup>α−k</sup>q<sup>k</sup>(e<sup>k(k−1)/(2σ²)</sup> − 1), a sum of
     * positive terms, so A − 1 keeps full relative precision when q is small. Fractional α: their
     * two infinite series (Section 3.3), summed in a scaled, signed representation until the
     * remaining terms, which alternate in sign with decreasing magnitude, are below 10<sup>−11</sup>
     * of A − 1; the last term's magnitude is added as the bound on the remainder. Where the series
     * does not settle within {@value #MAX_SERIES_TERMS} terms (where Google's dp_accounting drops
     * the order), and in every case as a cross-check, the log-convexity of A<sub>α</sub> in α gives
     * an upper bound by interpolating log A between the neighbouring integer orders; the smaller
     * bound is returned.
     */
    static double subsampledGaussian(double q, double sigma, double alpha) {
        if (q == 1) {
            return gaussian(sigma, alpha);
        }
        double rdp;
        if (alpha == Math.rint(alpha)) {
            rdp = logAInt(q, sigma, (long) alpha) / (alpha - 1);
        } else {
            double interp = interpolated(q, sigma, alpha);
            double series = logAFrac(q, sigma, alpha);
            double best = Double.isNaN(series) ? interp : Math.min(series, interp);
            rdp = best / (alpha - 1);
        }
        return Math.min(rdp, gaussian(sigma, alpha));
    }

    /** log A for integer α ≥ 2. */
    static double logAInt(double q, double sigma, long alpha) {
        return LogMath.log1pExp(logAMinusOneInt(q, sigma, alpha));
    }

    /** log(A − 1) for integer α ≥ 2: a log-sum-exp of positive terms. */
    static double logAMinusOneInt(double q, double sigma, long alpha) {
        double logq = Math.log(q);
        double log1mq = Math.log1p(-q);
        double twoS2 = 2 * sigma * sigma;
        double lc = 0;   // log C(alpha, 0)
        double acc = Double.NEGATIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[(int) alpha + 1];
        for (long k = 0; k <= alpha; k++) {
            if (k >= 2) {
                double rest = alpha - k == 0 ? 0 : (alpha - k) * log1mq;
                double t = lc + rest + k * logq + LogMath.logExpm1(k * (k - 1) / twoS2);
                terms[(int) k] = t;
                max = Math.max(max, t);
            } else {
                terms[(int) k] = Double.NEGATIVE_INFINITY;
            }
            lc += Math.log(alpha - k) - Math.log(k + 1);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double t : terms) {
            if (t != Double.NEGATIVE_INFINITY) {
                sum += Math.exp(t - max);
            }
        }
        acc = max + Math.log(sum);
        return acc;
    }

    /** log A for α ∈ (1, ∞) by log-convex interpolation between the neighbouring integer orders (log A₁ = 0). */
    static double interpolated(double q, double sigma, double alpha) {
        long lo = (long) Math.floor(alpha);
        long hi = lo + 1;
        double logLo = lo <= 1 ? 0 : logAInt(q, sigma, lo);
        double logHi = logAInt(q, sigma, hi);
        double t = alpha - lo;
        return (1 - t) * logLo + t * logHi;
    }

    /**
     * log A for fractional α by the series of Mironov, Talwar and Zhang (2019, Section 3.3), with
     * z₀ = σ² log(1/q − 1) + ½:
     * A = Σ<sub>i≥0</sub> C(α,i) q<sup>i</sup>(1−q)<sup>α−i</sup> e<sup>(i²−i)/(2σ²)</sup> ½erfc((i − z₀)/(√2σ))
     * + Σ<sub>i≥0</sub> C(α,i) q<sup>α−i</sup>(1−q)<sup>i</sup> e<sup>(j²−j)/(2σ²)</sup> ½erfc((z₀ − j)/(√2σ)), j = α − i.
     * Returns NaN when the series does not settle.
     */
    static double logAFrac(double q, double sigma, double alpha) {
        double logq = Math.log(q);
        double log1mq = Math.log1p(-q);
        double twoS2 = 2 * sigma * sigma;
        double z0 = sigma * sigma * Math.log(1 / q - 1) + 0.5;
        double rootTwoSigma = SQRT2 * sigma;
        // Scale for the stopping rule: A - 1 is about as large as at the neighbouring integer order.
        long hi = (long) Math.ceil(alpha);
        double logScale = logAMinusOneInt(q, sigma, Math.max(2, hi)) + Math.log((alpha - 1) * alpha / (hi * (hi - 1.0)));
        double logStop = logScale + Math.log(1e-11);
        double[] logs = new double[2 * 64];
        double[] signs = new double[2 * 64];
        int count = 0;
        double lcAbs = 0;
        double sign = 1;
        double max = Double.NEGATIVE_INFINITY;
        double lastMagnitudeLog = Double.NEGATIVE_INFINITY;
        boolean settled = false;
        for (int i = 0; i < MAX_SERIES_TERMS; i++) {
            double j = alpha - i;
            double ls0 = lcAbs + i * logq + j * log1mq + (i * (double) i - i) / twoS2
                    + Normal.logHalfErfc((i - z0) / rootTwoSigma);
            double ls1 = lcAbs + j * logq + i * log1mq + (j * j - j) / twoS2
                    + Normal.logHalfErfc((z0 - j) / rootTwoSigma);
            if (count + 2 > logs.length) {
                logs = java.util.Arrays.copyOf(logs, logs.length * 2);
                signs = java.util.Arrays.copyOf(signs, signs.length * 2);
            }
            logs[count] = ls0;
            signs[count++] = sign;
            logs[count] = ls1;
            signs[count++] = sign;
            double termLog = Math.max(ls0, ls1);
            max = Math.max(max, termLog);
            lastMagnitudeLog = LogMath.add(ls0, ls1);
            if (i > alpha + 1 && i > z0 + 1 && termLog < logStop && termLog < max - 36) {
                settled = true;
                break;
            }
            lcAbs += Math.log(Math.abs(alpha - i)) - Math.log(i + 1.0);
            if (alpha - i < 0) {
                sign = -sign;
            }
        }
        if (!settled) {
            return Double.NaN;
        }
        // Neumaier summation of the signed terms (scaled by e^-max); the allowance covers each term's
        // own rounding (its logarithm is computed to a few ulps of its magnitude) and the summation.
        double sum = 0;
        double compensation = 0;
        double allowance = 0;
        for (int k = 0; k < count; k++) {
            double v = Math.exp(logs[k] - max);
            double t = signs[k] * v;
            double next = sum + t;
            compensation += Math.abs(sum) >= Math.abs(t) ? (sum - next) + t : (t - next) + sum;
            sum = next;
            allowance += v * 0x1p-50 * (2 + Math.abs(logs[k]));
        }
        sum += compensation;
        // Upper bound: the remainder of an alternating series with decreasing terms is below its
        // first term (bounded by the last computed one).
        double upper = sum + Math.exp(lastMagnitudeLog - max) + allowance + 0x1p-51 * Math.abs(sum);
        if (!(upper > 0)) {
            return Double.NaN;
        }
        return max + Math.log(upper);
    }

    // ------------------------------------------------------------------ generic amplification

    /** A mechanism's Rényi DP at integer orders and at infinity. */
    interface IntegerRdp {
        double at(long alpha);

        double atInfinity();
    }

    /**
     * Poisson subsampling of any mechanism under add-or-remove-one, integer α ≥ 2 (Y. Zhu and
     * Y.-X. Wang, "Poisson Subsampled Rényi Differential Privacy", ICML 2019, Theorem 6):
     * (1/(α−1)) log[(1−q)<sup>α−1</sup>(αq − q + 1) + C(α,2)q²(1−q)<sup>α−2</sup>e<sup>ε(2)</sup>
     * + 3Σ<sub>l=3..α</sub> C(α,l)(1−q)<sup>α−l</sup>q<sup>l</sup>e<sup>(l−1)ε(l)</sup>], and never more than
     * the mechanism's own RDP (quasi-convexity of the Rényi divergence).
     */
    static double poissonGeneric(double q, IntegerRdp inner, long alpha) {
        double log1mq = Math.log1p(-q);
        double logq = Math.log(q);
        double first = (alpha - 1) * log1mq + Math.log(alpha * q - q + 1);
        double acc = first;
        double lc = Math.log(alpha * (alpha - 1) / 2.0);
        for (long l = 2; l <= alpha; l++) {
            double eps = inner.at(l);
            if (Double.isInfinite(eps)) {
                return Double.POSITIVE_INFINITY;
            }
            double rest = alpha - l == 0 ? 0 : (alpha - l) * log1mq;
            double t = lc + rest + l * logq + (l - 1) * eps + (l >= 3 ? Math.log(3) : 0);
            acc = LogMath.add(acc, t);
            lc += Math.log(alpha - l) - Math.log(l + 1.0);
        }
        return Math.min(acc / (alpha - 1), inner.at(alpha));
    }

    /**
     * Sampling γ = m/n of the units without replacement, under replace-one, integer α ≥ 2 (Y.-X.
     * Wang, B. Balle and S. Kasiviswanathan, "Subsampled Rényi Differential Privacy and Analytical
     * Moments Accountant", AISTATS 2019, Theorem 9): (1/(α−1)) log[1 + γ²C(α,2)min{4(e<sup>ε(2)</sup>−1),
     * e<sup>ε(2)</sup>min{2, (e<sup>ε(∞)</sup>−1)²}} + Σ<sub>j=3..α</sub> γ<sup>j</sup>C(α,j)e<sup>(j−1)ε(j)</sup>
     * min{2, (e<sup>ε(∞)</sup>−1)<sup>j</sup>}], and never more than the mechanism's own RDP.
     */
    static double withoutReplacementGeneric(double gamma, IntegerRdp inner, long alpha) {
        double epsInf = inner.atInfinity();
        double logGamma = Math.log(gamma);
        double logEm1Inf = Double.isInfinite(epsInf) ? Double.POSITIVE_INFINITY : LogMath.logExpm1(Math.max(epsInf, 1e-300));
        double e2 = inner.at(2);
        if (Double.isInfinite(e2)) {
            return Double.POSITIVE_INFINITY;
        }
        double second = Math.min(Math.log(4) + LogMath.logExpm1(Math.max(e2, 1e-300)),
                e2 + Math.min(Math.log(2), 2 * logEm1Inf));
        double acc = LogMath.add(0, 2 * logGamma + Math.log(alpha * (alpha - 1) / 2.0) + second);
        double lc = Math.log(alpha * (alpha - 1) / 2.0) + Math.log(alpha - 2) - Math.log(3);
        for (long j = 3; j <= alpha; j++) {
            double eps = inner.at(j);
            if (Double.isInfinite(eps)) {
                return Double.POSITIVE_INFINITY;
            }
            double t = j * logGamma + lc + (j - 1) * eps + Math.min(Math.log(2), j * logEm1Inf);
            acc = LogMath.add(acc, t);
            lc += Math.log(alpha - j) - Math.log(j + 1.0);
        }
        return Math.min(acc / (alpha - 1), inner.at(alpha));
    }

    /**
     * A bound at a fractional order from bounds at the neighbouring integer orders: (α−1)·RDP(α) is
     * the log of a moment and convex in α, so it lies below the chord (at α = 1 it is 0).
     */
    static double interpolate(double alpha, java.util.function.LongToDoubleFunction atInteger) {
        long lo = (long) Math.floor(alpha);
        long hi = lo + 1;
        double lLo = lo <= 1 ? 0 : (lo - 1) * atInteger.applyAsDouble(lo);
        double lHi = (hi - 1) * atInteger.applyAsDouble(hi);
        double t = alpha - lo;
        return ((1 - t) * lLo + t * lHi) / (alpha - 1);
    }
}
