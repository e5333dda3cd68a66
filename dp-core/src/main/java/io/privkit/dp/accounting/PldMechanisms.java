package io.privkit.dp.accounting;

/**
 * The hockey-stick divergences δ(ε) of single mechanisms, one direction each, for
 * {@link Pld#connectTheDots}. Notation of Google's dp_accounting (Doroshenko et al. 2022): the
 * privacy loss of x is ln(μ<sub>upper</sub>(x)/μ<sub>lower</sub>(x)) with x ~ μ<sub>upper</sub>, and for a
 * loss that does not increase in x, δ(ε) = μ<sub>upper</sub>(x ≤ x*) − e<sup>ε</sup>μ<sub>lower</sub>(x ≤ x*)
 * where x* is the largest x with loss ≥ ε.
 */
final class PldMechanisms {
    static final double DELTA_FLOOR = 1e-25;

    private PldMechanisms() {
    }

    /** Which neighbour carries the extra unit (dp_accounting's AdjacencyType). */
    enum Direction {
        /** μ<sub>upper</sub> = (1−q)μ(x) + qμ(x+1), μ<sub>lower</sub> = μ(x): the unit is removed. */
        REMOVE,
        /** μ<sub>upper</sub> = μ(x), μ<sub>lower</sub> = (1−q)μ(x) + qμ(x−1): the unit is added. */
        ADD
    }

    /** A continuous, symmetric, log-concave noise of sensitivity 1. */
    interface Noise {
        /** P(X ≤ x). */
        double cdf(double x);

        /** P(X &gt; x). */
        double sf(double x);

        /** The largest y with f(y+1)/f(y) ≥ r (±∞ when all or none). */
        double ratioInverse(double r);
    }

    /** N(0, σ²): f(y+1)/f(y) = exp(−(2y+1)/(2σ²)). */
    static Noise gaussian(double sigma) {
        return new Noise() {
            @Override
            public double cdf(double x) {
                return Normal.cdf(x / sigma);
            }

            @Override
            public double sf(double x) {
                return Normal.sf(x / sigma);
            }

            @Override
            public double ratioInverse(double r) {
                return -sigma * sigma * Math.log(r) - 0.5;
            }
        };
    }

    /** Laplace(0, b): f(y+1)/f(y) = e<sup>−1/b</sup> for y ≥ 0, e<sup>1/b</sup> for y ≤ −1, e<sup>−(2y+1)/b</sup> between. */
    static Noise laplace(double b) {
        return new Noise() {
            @Override
            public double cdf(double x) {
                return x < 0 ? 0.5 * Math.exp(x / b) : 1 - 0.5 * Math.exp(-x / b);
            }

            @Override
            public double sf(double x) {
                return x > 0 ? 0.5 * Math.exp(-x / b) : 1 - 0.5 * Math.exp(x / b);
            }

            @Override
            public double ratioInverse(double r) {
                double logR = Math.log(r);
                if (logR <= -1 / b) {
                    return Double.POSITIVE_INFINITY;
                }
                if (logR > 1 / b) {
                    return Double.NEGATIVE_INFINITY;
                }
                return -(b * logR + 1) / 2;
            }
        };
    }

    /**
     * An additive-noise mechanism with Poisson sampling probability q (q = 1: no sampling), one
     * direction, following dp_accounting's AdditiveNoisePrivacyLoss.
     */
    static Pld.Monotone additive(Noise noise, double q, Direction direction, double lossMinHint, double lossMaxHint) {
        return new Pld.Monotone() {
            @Override
            public double delta(double eps) {
                if (direction == Direction.REMOVE) {
                    if (q < 1 && eps <= Math.log1p(-q)) {
                        return -Math.expm1(eps);
                    }
                    double r = (Math.expm1(eps) + q) / q;
                    double x = noise.ratioInverse(r);
                    if (x == Double.NEGATIVE_INFINITY) {
                        return 0;
                    }
                    if (x == Double.POSITIVE_INFINITY) {
                        return Math.max(0, -Math.expm1(eps));
                    }
                    // (1-q)F(x) + qF(x+1) - e^eps F(x) = q F(x+1) - (e^eps - 1 + q) F(x)
                    double d = q * noise.cdf(x + 1) - (Math.expm1(eps) + q) * noise.cdf(x);
                    return Math.max(0, d);
                }
                if (q < 1 && eps >= -Math.log1p(-q)) {
                    return 0;
                }
                double rPrime = (Math.expm1(-eps) + q) / q;   // 1/r(x-1) <= rPrime
                double y = noise.ratioInverse(1 / rPrime);
                if (y == Double.NEGATIVE_INFINITY) {
                    return 0;
                }
                if (y == Double.POSITIVE_INFINITY) {
                    return Math.max(0, -Math.expm1(eps));
                }
                double x = y + 1;
                // F(x) - e^eps [(1-q)F(x) + qF(x-1)]
                double fx = noise.cdf(x);
                double d = fx - Math.exp(eps) * ((1 - q) * fx + q * noise.cdf(x - 1));
                return Math.max(0, d);
            }

            @Override
            public double lossLower() {
                if (!Double.isInfinite(lossMinHint)) {
                    return lossMinHint;
                }
                // Unbounded below: the loss where the upper distribution's mass below it is <= TAIL.
                double e = -1;
                while (massBelow(e) > Pld.TAIL && e > -1e7) {
                    e *= 2;
                }
                return e;
            }

            private double massBelow(double eps) {
                // P_upper(loss < eps) = P_upper(x > x*(eps)).
                if (direction == Direction.REMOVE) {
                    double r = (Math.expm1(eps) + q) / q;
                    double x = noise.ratioInverse(r);
                    if (x == Double.POSITIVE_INFINITY) {
                        return 0;
                    }
                    if (x == Double.NEGATIVE_INFINITY) {
                        return 1;
                    }
                    return (1 - q) * noise.sf(x) + q * noise.sf(x + 1);
                }
                double rPrime = (Math.expm1(-eps) + q) / q;
                if (!(rPrime > 0)) {
                    return 1;
                }
                double y = noise.ratioInverse(1 / rPrime);
                if (y == Double.POSITIVE_INFINITY) {
                    return 0;
                }
                if (y == Double.NEGATIVE_INFINITY) {
                    return 1;
                }
                return noise.sf(y + 1);
            }

            @Override
            public double lossUpper() {
                if (!Double.isInfinite(lossMaxHint)) {
                    return lossMaxHint;
                }
                double e = 1;
                while (delta(e) > DELTA_FLOOR && e < 1e7) {
                    e *= 2;
                }
                // Tighten by bisection to the smallest loss with delta <= floor (fewer grid points).
                double lo = e / 2;
                double hi = e;
                for (int i = 0; i < 60; i++) {
                    double mid = (lo + hi) / 2;
                    if (delta(mid) > DELTA_FLOOR) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                return hi;
            }
        };
    }

    /** The Gaussian mechanism (noise multiplier σ), sampled with probability q, one direction. */
    static Pld.Monotone gaussian(double sigma, double q, Direction direction) {
        double min = Double.NEGATIVE_INFINITY;
        double max = Double.POSITIVE_INFINITY;
        if (q < 1) {
            if (direction == Direction.REMOVE) {
                min = Math.log1p(-q);
            } else {
                max = -Math.log1p(-q);
            }
        }
        return additive(gaussian(sigma), q, direction, min, max);
    }

    /** The Laplace mechanism (noise multiplier b), sampled with probability q, one direction. */
    static Pld.Monotone laplace(double b, double q, Direction direction) {
        double high = Math.log1p(q * Math.expm1(1 / b));
        double low = Math.log1p(q * Math.expm1(-1 / b));
        double min = direction == Direction.REMOVE ? low : -high;
        double max = direction == Direction.REMOVE ? high : -low;
        return additive(laplace(b), q, direction, min, max);
    }

    /**
     * The discrete Laplace mechanism with scale 1/λ and integer sensitivity Δ (symmetric), in
     * closed form with x = e<sup>−λ</sup> and ε₀ = λΔ: for −ε₀ &lt; ε &lt; ε₀,
     * δ(ε) = (1 − e<sup>ε−ε₀</sup>)/(1+x) + (1 − x<sup>K</sup>)(x − e<sup>ε−λ(Δ−K)</sup>)/(1+x), where
     * K = min(Δ−1, ⌈(Δ − ε/λ)/2⌉ − 1) counts the middle points whose loss λ(Δ − 2k) exceeds ε.
     */
    static Pld.Monotone discreteLaplace(double scale, long sensitivity) {
        double lambda = 1 / scale;
        double eps0 = lambda * sensitivity;
        double x = Math.exp(-lambda);
        return new Pld.Monotone() {
            @Override
            public double delta(double eps) {
                if (eps >= eps0) {
                    return 0;
                }
                if (eps <= -eps0) {
                    return -Math.expm1(eps);
                }
                double top = -Math.expm1(eps - eps0) / (1 + x);
                double kappa = (sensitivity - eps / lambda) / 2;
                long k = Math.min(sensitivity - 1, (long) Math.ceil(kappa) - 1);
                double middle = 0;
                if (k >= 1) {
                    double a = eps - lambda * (sensitivity - k);     // x^k - e^eps x^(Delta-k) at the last k
                    // x - e^a = e^a (e^(-lambda - a) - 1)
                    double diff = Math.exp(a) * Math.expm1(-lambda - a);
                    middle = -Math.expm1(-lambda * k) / (1 + x) * diff;
                }
                return Math.max(0, top + Math.max(0, middle));
            }

            @Override
            public double lossLower() {
                return -eps0;
            }

            @Override
            public double lossUpper() {
                return eps0;
            }
        };
    }

    /**
     * The discrete Gaussian mechanism N<sub>ℤ</sub>(0, σ²) with integer sensitivity Δ (symmetric),
     * exactly from its probability table over |y| ≤ 15σ + Δ: the loss of y is (Δ² − 2yΔ)/(2σ²), so
     * δ(ε) = F(y*) − e<sup>ε</sup>F(y* − Δ) with y* the largest y whose loss exceeds ε and F the
     * cumulative distribution (summed from the left, so small tail values keep their precision).
     */
    static Pld.Monotone discreteGaussian(double sigma, long sensitivity) {
        int half = (int) Math.ceil(15 * sigma) + (int) Math.min(sensitivity, 1 << 20) + 1;
        double[] cdf = new double[2 * half + 1];
        double z = 0;
        double[] w = new double[2 * half + 1];
        for (int i = 0; i < w.length; i++) {
            double y = i - half;
            w[i] = Math.exp(-y * y / (2 * sigma * sigma));
            z += w[i];
        }
        double acc = 0;
        for (int i = 0; i < w.length; i++) {
            acc += w[i] / z;
            cdf[i] = Math.min(1, acc);
        }
        double twoS2 = 2 * sigma * sigma;
        double d = sensitivity;
        return new Pld.Monotone() {
            private double f(long y) {
                long i = y + half;
                if (i < 0) {
                    return 0;
                }
                if (i >= cdf.length) {
                    return 1;
                }
                return cdf[(int) i];
            }

            @Override
            public double delta(double eps) {
                long yStar = (long) Math.ceil((d * d - eps * twoS2) / (2 * d)) - 1;
                double v = f(yStar) - Math.exp(eps) * f(yStar - sensitivity);
                return Math.max(0, v);
            }

            @Override
            public double lossLower() {
                return (d * d - 2 * half * d) / twoS2;
            }

            @Override
            public double lossUpper() {
                double e = (d * d + 2 * half * d) / twoS2;
                double lo = 0;
                double hi = Math.max(e, 1e-9);
                for (int i = 0; i < 80; i++) {
                    double mid = (lo + hi) / 2;
                    if (delta(mid) > DELTA_FLOOR) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                return hi;
            }
        };
    }
}
