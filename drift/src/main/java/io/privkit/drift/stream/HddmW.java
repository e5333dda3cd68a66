package io.privkit.drift.stream;

import io.privkit.common.Checks;
import io.privkit.common.Interval;
import java.util.Map;
import java.util.TreeMap;

/**
 * HDDM-W, the weighted-average variant of Frias-Blanco et al. (IEEE TKDE 27(3), 2015): exponentially
 * weighted moving averages with McDiarmid's inequality. An EWMA with weight lambda,
 * Xhat_t = lambda x_t + (1 - lambda) Xhat_{t-1}, has sum of squared weights
 * v_t = lambda^2 + (1 - lambda)^2 v_{t-1}, and for values in [0, 1] McDiarmid's bound gives
 * P(Xhat - E Xhat &gt;= eps) &lt;= exp(-2 eps^2 / v). The cut point is the time where
 * Xhat + sqrt(v/2 ln(1/alpha)) was lowest; from the cut a second EWMA Yhat (weights v_Y) tracks the
 * newer data, and an increase is signalled when Yhat - Xhat_cut &gt;= sqrt((v_cut + v_Y)/2 ln(1/alpha)):
 * DRIFT at driftConfidence, WARNING at warningConfidence; one-sided. {@link Calibration} sets
 * driftConfidence to a target ERT. Not thread-safe.
 */
public final class HddmW implements ChangeDetector {
    private final double driftConfidence;
    private final double warningConfidence;
    private final double lambda;
    private long n;
    private double x;
    private double vx;
    private double cutX;
    private double cutV;
    private double cutBound;
    private double y;
    private double vy;
    private long sinceCut;

    private HddmW(double driftConfidence, double warningConfidence, double lambda) {
        this.driftConfidence = driftConfidence;
        this.warningConfidence = warningConfidence;
        this.lambda = lambda;
        reset();
    }

    /** drift confidence 0.001, warning 0.005, lambda 0.05 (the paper's values). */
    public static HddmW withDefaults() {
        return new HddmW(0.001, 0.005, 0.05);
    }

    /** A copy with another drift confidence. */
    public HddmW withDriftConfidence(double a) {
        Checks.requireIn(a, "driftConfidence", Interval.open(0, 1), "Use e.g. 0.001, or calibrate it.");
        return new HddmW(a, Math.max(a, warningConfidence), lambda);
    }

    @Override
    public Signal update(double value) {
        Detectors.finite(value, "hddm-w");
        if (value < 0 || value > 1) {
            throw Checks.argument("hddm-w observation").mustBe("in [0, 1]").got(value).fix("Feed error indicators.").exception();
        }
        n++;
        if (n == 1) {
            x = value;
            vx = 1;
        } else {
            x = lambda * value + (1 - lambda) * x;
            vx = lambda * lambda + (1 - lambda) * (1 - lambda) * vx;
        }
        double bound = x + Math.sqrt(vx / 2 * Math.log(1 / driftConfidence));
        if (bound <= cutBound) {
            cutBound = bound;
            cutX = x;
            cutV = vx;
            sinceCut = 0;
            y = 0;
            vy = 0;
            return Signal.STABLE;
        }
        sinceCut++;
        if (sinceCut == 1) {
            y = value;
            vy = 1;
        } else {
            y = lambda * value + (1 - lambda) * y;
            vy = lambda * lambda + (1 - lambda) * (1 - lambda) * vy;
        }
        double diff = y - cutX;
        if (diff >= Math.sqrt((cutV + vy) / 2 * Math.log(1 / driftConfidence))) {
            reset();
            return Signal.DRIFT;
        }
        if (diff >= Math.sqrt((cutV + vy) / 2 * Math.log(1 / warningConfidence))) {
            return Signal.WARNING;
        }
        return Signal.STABLE;
    }

    @Override
    public void reset() {
        n = 0;
        x = 0;
        vx = 0;
        cutX = 0;
        cutV = 0;
        cutBound = Double.MAX_VALUE;
        y = 0;
        vy = 0;
        sinceCut = 0;
    }

    @Override
    public String name() {
        return "hddm-w";
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> m = new TreeMap<>();
        m.put("driftConfidence", Detectors.num(driftConfidence));
        m.put("warningConfidence", Detectors.num(warningConfidence));
        m.put("lambda", Detectors.num(lambda));
        m.put("sides", "one (increase)");
        return m;
    }

    @Override
    public long observations() {
        return n;
    }
}
