package io.privkit.dp.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Rényi formulas against slow, obviously correct numerical integration and summation. */
class RdpMathTest {

    /**
     * Reference path: log A_α = log E_{x~N(0,σ²)}[(1 − q + q e^{(2x−1)/(2σ²)})^α] by the trapezoid
     * rule on 400 000 points over [−40σ, 40σ + α + 2] (exponentially accurate for this smooth,
     * rapidly decaying integrand), integrating (·)^α − 1 so that A − 1 keeps its precision.
     */
    static double logAIntegral(double q, double s, double alpha) {
        double lo = -40 * s;
        double hi = 40 * s + alpha + 2;
        int n = 400_000;
        double step = (hi - lo) / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double x = lo + i * step;
            double inner = Math.log1p(q * Math.expm1((2 * x - 1) / (2 * s * s)));
            double logPhi = -x * x / (2 * s * s) - Math.log(s * Math.sqrt(2 * Math.PI));
            double v = alpha * inner > 50 ? Math.exp(alpha * inner + logPhi) : Math.expm1(alpha * inner) * Math.exp(logPhi);
            sum += (i == 0 || i == n ? 0.5 : 1) * v;
        }
        return Math.log1p(sum * step);
    }

    @Test
    void subsampledGaussian_integerAndFractionalOrders_matchNumericalIntegration() {
        double[][] params = {{0.01, 1.1}, {0.001, 2.0}, {0.05, 0.8}, {0.1, 0.5}, {0.0042667, 0.7}};
        double[] orders = {1.05, 1.5, 2, 3.7, 8, 12.5, 32};
        for (double[] p : params) {
            for (double a : orders) {
                double fast = RdpMath.subsampledGaussian(p[0], p[1], a) * (a - 1);
                double slow = logAIntegral(p[0], p[1], a);
                if (slow > 700) {
                    continue;   // outside the integrator's range; such orders never matter
                }
                String at = "q=" + p[0] + " sigma=" + p[1] + " alpha=" + a;
                // 3e-14 absolute: the series sums terms near 1 into A = 1 + (log A), so log A has an
                // absolute resolution of a few 1e-16 times the number of terms (the fast path adds
                // that error bound, the reference integrates A - 1 directly).
                assertEquals(slow, fast, 1e-7 * slow + 3e-14, at);
                assertTrue(fast >= slow * (1 - 1e-9), at + ": below the exact value");
            }
        }
    }

    @Test
    void subsampledGaussian_smallSigmaLargeQ_fractionalSeriesConvergesWhereDpAccountingDropsOrders() {
        // sigma 0.5 with q >= 0.05: dp_accounting's series fails for fractional orders and it falls back
        // to a poor order (epsilon 580 where 327 is right).
        for (double a : new double[] {1.1, 1.3, 1.6, 2.5}) {
            double series = RdpMath.logAFrac(0.1, 0.5, a);
            assertTrue(Double.isFinite(series), "series at " + a);
            assertEquals(logAIntegral(0.1, 0.5, a), series, 1e-7 * series, "alpha " + a);
        }
    }

    @Test
    void subsampledGaussian_fractionalOrders_neverAboveInterpolationBound() {
        for (double a : new double[] {1.3, 2.5, 7.7}) {
            double v = RdpMath.subsampledGaussian(0.02, 1.0, a) * (a - 1);
            assertTrue(v <= RdpMath.interpolated(0.02, 1.0, a), "alpha " + a);
        }
    }

    /** Reference: D_α(P‖Q) = log ∫ p^α q^{1−α} / (α − 1) by the trapezoid rule. */
    private static double renyiLaplace(double b, double alpha) {
        double lo = -60 * b - 1;
        double hi = 60 * b + 2;
        int n = 2_000_000;
        double step = (hi - lo) / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double x = lo + i * step;
            double lp = -Math.abs(x) / b;
            double lq = -Math.abs(x - 1) / b;
            sum += (i == 0 || i == n ? 0.5 : 1) * Math.exp(alpha * lp + (1 - alpha) * lq) / (2 * b);
        }
        return Math.log(sum * step) / (alpha - 1);
    }

    @Test
    void laplace_closedForm_matchesNumericalIntegration_andPureBound() {
        for (double b : new double[] {0.5, 1, 3}) {
            for (double a : new double[] {1.5, 2, 8}) {
                double closed = RdpMath.laplace(b, a);
                assertEquals(renyiLaplace(b, a), closed, 1e-6 * closed, "b=" + b + " alpha=" + a);
                assertTrue(closed <= 1 / b);
            }
        }
    }

    @Test
    void discreteLaplace_closedForm_matchesDirectSum_andApproachesLaplace() {
        double scale = 2.5;
        long delta = 3;
        double lambda = 1 / scale;
        double c = -Math.expm1(-lambda) / (1 + Math.exp(-lambda));
        for (double a : new double[] {1.5, 2, 5}) {
            double sum = 0;
            for (long k = -400; k <= 400; k++) {
                double lp = Math.log(c) - lambda * Math.abs(k);
                double lq = Math.log(c) - lambda * Math.abs(k - delta);
                sum += Math.exp(a * lp + (1 - a) * lq);
            }
            assertEquals(Math.log(sum) / (a - 1), RdpMath.discreteLaplace(scale, delta, a), 1e-12, "alpha " + a);
        }
        // A fine grid: scale 1e6 units, sensitivity 1e6 units is the continuous Laplace with b = 1.
        assertEquals(RdpMath.laplace(1, 3), RdpMath.discreteLaplace(1e6, 1_000_000, 3), 1e-5);
    }

    @Test
    void pure_randomizedResponseDivergence_matchesTwoPointComputation() {
        double eps = 0.7;
        double p = Math.exp(eps) / (1 + Math.exp(eps));
        for (double a : new double[] {1.5, 4}) {
            double direct = Math.log(Math.pow(p, a) * Math.pow(1 - p, 1 - a) + Math.pow(1 - p, a) * Math.pow(p, 1 - a)) / (a - 1);
            assertEquals(direct, RdpMath.pure(eps, a), 1e-13);
            assertTrue(RdpMath.pure(eps, a) <= eps);
        }
    }

    @Test
    void genericPoissonBound_isAboveExactSubsampledGaussian_andBelowUnsampled() {
        RdpMath.IntegerRdp gauss = new RdpMath.IntegerRdp() {
            @Override
            public double at(long alpha) {
                return RdpMath.gaussian(1.2, alpha);
            }

            @Override
            public double atInfinity() {
                return Double.POSITIVE_INFINITY;
            }
        };
        for (long a = 2; a <= 20; a++) {
            double generic = RdpMath.poissonGeneric(0.05, gauss, a);
            double exact = RdpMath.subsampledGaussian(0.05, 1.2, a);
            assertTrue(generic >= exact * (1 - 1e-12), "alpha " + a + ": generic " + generic + " < exact " + exact);
            assertTrue(generic <= RdpMath.gaussian(1.2, a));
        }
    }

    @Test
    void withoutReplacementBound_grows_withSamplingRate_andNeverExceedsUnsampled() {
        RdpMath.IntegerRdp gauss = new RdpMath.IntegerRdp() {
            @Override
            public double at(long alpha) {
                return RdpMath.gaussian(1.0, alpha);
            }

            @Override
            public double atInfinity() {
                return Double.POSITIVE_INFINITY;
            }
        };
        double previous = 0;
        for (double gamma : new double[] {0.001, 0.01, 0.1, 0.5, 1.0}) {
            double v = RdpMath.withoutReplacementGeneric(gamma, gauss, 8);
            assertTrue(v >= previous && v <= RdpMath.gaussian(1.0, 8), "gamma " + gamma);
            previous = v;
        }
        assertEquals(RdpMath.gaussian(1.0, 8), RdpMath.withoutReplacementGeneric(1.0, gauss, 8), 1e-12);
    }
}
