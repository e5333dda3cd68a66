package io.privkit.drift.stream;

import io.privkit.common.Checks;
import java.util.Map;
import java.util.TreeMap;

/**
 * DDM, the drift detection method of J. Gama, P. Medas, G. Castillo and P. Rodrigues, "Learning with
 * Drift Detection", SBIA 2004 (LNCS 3171), on a stream of errors (1 = error). After i observations
 * the error rate p_i has standard deviation s_i = sqrt(p_i (1 - p_i) / i); the minimum of p_i + s_i
 * is remembered (p_min, s_min) once {@code minInstances} are seen. WARNING when
 * p_i + s_i &gt;= p_min + w s_min, DRIFT when p_i + s_i &gt;= p_min + d s_min (the paper's w = 2,
 * d = 3; {@link Calibration} sets d to a target ERT). After a DRIFT the statistics restart.
 * Not thread-safe.
 */
public final class Ddm implements ChangeDetector {
    private final double warningLevel;
    private final double driftLevel;
    private final int minInstances;
    private long n;
    private long errors;
    private double pMin;
    private double sMin;
    private double psMin;

    private Ddm(double warningLevel, double driftLevel, int minInstances) {
        this.warningLevel = warningLevel;
        this.driftLevel = driftLevel;
        this.minInstances = minInstances;
        reset();
    }

    /** w = 2, d = 3, 30 observations before alarms (the paper's values). */
    public static Ddm withDefaults() {
        return new Ddm(2, 3, 30);
    }

    /** A copy with another drift level d (the warning level is kept below it). */
    public Ddm withDriftLevel(double d) {
        Checks.requirePositive(d, "drift level");
        return new Ddm(Math.min(warningLevel, d * 2 / 3), d, minInstances);
    }

    @Override
    public Signal update(double x) {
        Detectors.bit(x, "ddm");
        n++;
        if (x == 1.0) {
            errors++;
        }
        double p = (double) errors / n;
        double s = Math.sqrt(p * (1 - p) / n);
        if (n < minInstances) {
            return Signal.STABLE;
        }
        if (p + s <= psMin) {
            pMin = p;
            sMin = s;
            psMin = p + s;
        }
        if (p + s >= pMin + driftLevel * sMin) {
            reset();
            return Signal.DRIFT;
        }
        return p + s >= pMin + warningLevel * sMin ? Signal.WARNING : Signal.STABLE;
    }

    @Override
    public void reset() {
        n = 0;
        errors = 0;
        pMin = Double.MAX_VALUE;
        sMin = Double.MAX_VALUE;
        psMin = Double.MAX_VALUE;
    }

    @Override
    public String name() {
        return "ddm";
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> m = new TreeMap<>();
        m.put("warningLevel", Detectors.num(warningLevel));
        m.put("driftLevel", Detectors.num(driftLevel));
        m.put("minInstances", Integer.toString(minInstances));
        return m;
    }

    @Override
    public long observations() {
        return n;
    }
}
