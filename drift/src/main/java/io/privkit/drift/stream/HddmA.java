package io.privkit.drift.stream;

import io.privkit.common.Checks;
import io.privkit.common.Interval;
import java.util.Map;
import java.util.TreeMap;

/**
 * HDDM-A, the Hoeffding-bound drift detection method with the A-test of I. Frias-Blanco,
 * J. del Campo-Avila, G. Ramos-Jimenez, R. Morales-Bueno, A. Ortiz-Diaz and Y. Caballero-Mota,
 * "Online and Non-Parametric Drift Detection Methods Based on Hoeffding's Bounds", IEEE Transactions
 * on Knowledge and Data Engineering 27(3), 810-823, 2015, for values in [0, 1] (error indicators).
 *
 * <p>With X the mean of the first c observations (c the cut point) and Z the mean of all n, the
 * cut point is moved to the current time whenever X_n + eps(n) &lt;= X_c + eps(c),
 * eps(k) = sqrt(ln(1/alpha) / (2k)) (the prefix whose upper bound is lowest). An increase of the mean
 * is signalled when Z_n - X_c &gt;= eps_alpha with eps_alpha = sqrt(m/2 ln(1/alpha)),
 * m = (n - c) / (c n) (Hoeffding's inequality for the difference of the two averages); DRIFT at
 * alpha = driftConfidence, WARNING at warningConfidence. One-sided (increases in error), as the paper
 * monitors a learner's error. {@link Calibration} sets driftConfidence to a target ERT. Not thread-safe.
 */
public final class HddmA implements ChangeDetector {
    private final double driftConfidence;
    private final double warningConfidence;
    private long n;
    private double sum;
    private long cutN;
    private double cutSum;

    private HddmA(double driftConfidence, double warningConfidence) {
        this.driftConfidence = driftConfidence;
        this.warningConfidence = warningConfidence;
    }

    /** drift confidence 0.001, warning confidence 0.005 (the paper's values). */
    public static HddmA withDefaults() {
        return new HddmA(0.001, 0.005);
    }

    /** A copy with another drift confidence (smaller: fewer alarms). */
    public HddmA withDriftConfidence(double a) {
        Checks.requireIn(a, "driftConfidence", Interval.open(0, 1), "Use e.g. 0.001, or calibrate it.");
        return new HddmA(a, Math.max(a, warningConfidence));
    }

    @Override
    public Signal update(double x) {
        Detectors.finite(x, "hddm-a");
        if (x < 0 || x > 1) {
            throw Checks.argument("hddm-a observation").mustBe("in [0, 1]").got(x).fix("Feed error indicators or values scaled to [0, 1].")
                    .exception();
        }
        n++;
        sum += x;
        if (cutN == 0 || sum / n + eps(n, driftConfidence) <= cutSum / cutN + eps(cutN, driftConfidence)) {
            cutN = n;
            cutSum = sum;
        }
        if (cutN < n) {
            double m = (double) (n - cutN) / ((double) cutN * n);
            double diff = sum / n - cutSum / cutN;
            if (diff >= Math.sqrt(m / 2 * Math.log(1 / driftConfidence))) {
                reset();
                return Signal.DRIFT;
            }
            if (diff >= Math.sqrt(m / 2 * Math.log(1 / warningConfidence))) {
                return Signal.WARNING;
            }
        }
        return Signal.STABLE;
    }

    private static double eps(long k, double alpha) {
        return Math.sqrt(Math.log(1 / alpha) / (2.0 * k));
    }

    @Override
    public void reset() {
        n = 0;
        sum = 0;
        cutN = 0;
        cutSum = 0;
    }

    @Override
    public String name() {
        return "hddm-a";
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> m = new TreeMap<>();
        m.put("driftConfidence", Detectors.num(driftConfidence));
        m.put("warningConfidence", Detectors.num(warningConfidence));
        m.put("sides", "one (increase)");
        return m;
    }

    @Override
    public long observations() {
        return n;
    }
}
