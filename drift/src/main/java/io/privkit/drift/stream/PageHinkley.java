package io.privkit.drift.stream;

import io.privkit.common.Checks;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Page-Hinkley test (E. S. Page, "Continuous Inspection Schemes", Biometrika 41(1/2), 100-115,
 * 1954; D. V. Hinkley, "Inference about the change-point from cumulative sum tests", Biometrika 58(3),
 * 1971), two-sided: with the running mean xbar_t,
 * m_t = sum_{i&lt;=t} (x_i - xbar_i - delta) and M_t = min_{i&lt;=t} m_i signal an increase when
 * m_t - M_t &gt; lambda; symmetrically u_t = sum (xbar_i - x_i - delta), U_t = min u_i signal a decrease
 * when u_t - U_t &gt; lambda. No alarm before {@code minInstances} observations. delta is the
 * tolerated magnitude; lambda the threshold ({@link Calibration} sets it to a target ERT). After a
 * DRIFT the sums restart. Not thread-safe.
 */
public final class PageHinkley implements ChangeDetector {
    private final double delta;
    private final double lambda;
    private final int minInstances;
    private long n;
    private double mean;
    private double up;
    private double upMin;
    private double down;
    private double downMin;

    private PageHinkley(double delta, double lambda, int minInstances) {
        this.delta = delta;
        this.lambda = lambda;
        this.minInstances = minInstances;
    }

    /** delta = 0.005, lambda = 50, 30 observations before alarms (MOA's and River's defaults; calibrate lambda). */
    public static PageHinkley withDefaults() {
        return new PageHinkley(0.005, 50, 30);
    }

    /** A copy with another threshold lambda. */
    public PageHinkley withLambda(double l) {
        return new PageHinkley(delta, Checks.requirePositive(l, "lambda"), minInstances);
    }

    /** A copy with another tolerance delta. */
    public PageHinkley withDelta(double d) {
        return new PageHinkley(Checks.requireNonNegative(d, "delta"), lambda, minInstances);
    }

    @Override
    public Signal update(double x) {
        Detectors.finite(x, "page-hinkley");
        n++;
        mean += (x - mean) / n;
        up += x - mean - delta;
        upMin = Math.min(upMin, up);
        down += mean - x - delta;
        downMin = Math.min(downMin, down);
        if (n >= minInstances && (up - upMin > lambda || down - downMin > lambda)) {
            reset();
            return Signal.DRIFT;
        }
        return Signal.STABLE;
    }

    @Override
    public void reset() {
        n = 0;
        mean = 0;
        up = 0;
        upMin = 0;
        down = 0;
        downMin = 0;
    }

    @Override
    public String name() {
        return "page-hinkley";
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> m = new TreeMap<>();
        m.put("delta", Detectors.num(delta));
        m.put("lambda", Detectors.num(lambda));
        m.put("minInstances", Integer.toString(minInstances));
        return m;
    }

    @Override
    public long observations() {
        return n;
    }
}
