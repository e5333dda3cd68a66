package io.privkit.drift.stream;

import io.privkit.common.Checks;
import io.privkit.common.Interval;
import java.util.Map;
import java.util.TreeMap;

/**
 * EDDM, the early drift detection method of M. Baena-Garcia, J. del Campo-Avila, R. Fidalgo,
 * A. Bifet, R. Gavalda and R. Morales-Bueno, "Early Drift Detection Method", ECML PKDD Workshop on
 * Knowledge Discovery from Data Streams, 2006, on a stream of errors (1 = error). It tracks the
 * distance (in observations) between consecutive errors: its running mean p' and standard deviation
 * s', and the maximum of p' + 2 s'. Once {@code minErrors} errors are seen, WARNING when
 * (p' + 2 s') / max(p' + 2 s') &lt; alpha and DRIFT when it is &lt; beta (the paper's alpha = 0.95,
 * beta = 0.90; {@link Calibration} sets beta to a target ERT). After a DRIFT it restarts.
 * Not thread-safe.
 */
public final class Eddm implements ChangeDetector {
    private final double alpha;
    private final double beta;
    private final int minErrors;
    private long n;
    private long errors;
    private long lastError;
    private double mean;
    private double m2;
    private double max;

    private Eddm(double alpha, double beta, int minErrors) {
        this.alpha = alpha;
        this.beta = beta;
        this.minErrors = minErrors;
    }

    /** alpha = 0.95, beta = 0.90, 30 errors before alarms. */
    public static Eddm withDefaults() {
        return new Eddm(0.95, 0.90, 30);
    }

    /** A copy with another drift level beta (smaller: fewer alarms); the warning level is kept above it. */
    public Eddm withBeta(double b) {
        Checks.requireIn(b, "beta", Interval.open(0, 1), "Use e.g. 0.9, or calibrate it.");
        return new Eddm(Math.max(alpha, Math.min(0.999, b + 0.05)), b, minErrors);
    }

    @Override
    public Signal update(double x) {
        Detectors.bit(x, "eddm");
        n++;
        if (x != 1.0) {
            return Signal.STABLE;
        }
        errors++;
        double dist = n - lastError;
        lastError = n;
        double d = dist - mean;
        mean += d / errors;
        m2 += d * (dist - mean);
        double s = errors > 1 ? Math.sqrt(m2 / errors) : 0;
        double level = mean + 2 * s;
        if (level > max) {
            max = level;
        }
        if (errors < minErrors) {
            return Signal.STABLE;
        }
        double ratio = level / max;
        if (ratio < beta) {
            reset();
            return Signal.DRIFT;
        }
        return ratio < alpha ? Signal.WARNING : Signal.STABLE;
    }

    @Override
    public void reset() {
        n = 0;
        errors = 0;
        lastError = 0;
        mean = 0;
        m2 = 0;
        max = 0;
    }

    @Override
    public String name() {
        return "eddm";
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> m = new TreeMap<>();
        m.put("alpha", Detectors.num(alpha));
        m.put("beta", Detectors.num(beta));
        m.put("minErrors", Integer.toString(minErrors));
        return m;
    }

    @Override
    public long observations() {
        return n;
    }
}
