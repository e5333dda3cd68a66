package io.privkit.drift.stream;

import io.privkit.common.Checks;
import java.util.Map;
import java.util.TreeMap;

/**
 * Page's two-sided CUSUM (E. S. Page, "Continuous Inspection Schemes", Biometrika 41, 1954) on
 * standardised observations z = (x - mu0) / sigma0: S+_t = max(0, S+_{t-1} + z_t - k),
 * S-_t = max(0, S-_{t-1} - z_t - k), DRIFT when either exceeds h. mu0 and sigma0 are given (the
 * reference's mean and standard deviation) or estimated from the first {@code warmUp} observations
 * after each restart. k is half the shift to detect fastest (in sigma units); h the threshold,
 * which {@link Calibration} sets to a target ERT (the folklore k = 0.5, h = 5 gives an ERT near 465
 * only when mu0 and sigma0 are known exactly). Not thread-safe.
 */
public final class Cusum implements ChangeDetector {
    private final double k;
    private final double h;
    private final int warmUp;
    private final double givenMean;
    private final double givenSd;
    private long n;
    private double mu;
    private double m2;
    private double sPlus;
    private double sMinus;

    private Cusum(double k, double h, int warmUp, double givenMean, double givenSd) {
        this.k = k;
        this.h = h;
        this.warmUp = warmUp;
        this.givenMean = givenMean;
        this.givenSd = givenSd;
    }

    /** k = 0.5, h = 5, mean and standard deviation estimated from 50 warm-up observations. */
    public static Cusum withDefaults() {
        return new Cusum(0.5, 5, 50, Double.NaN, Double.NaN);
    }

    /** A copy with another threshold h. */
    public Cusum withThreshold(double threshold) {
        return new Cusum(k, Checks.requirePositive(threshold, "h"), warmUp, givenMean, givenSd);
    }

    /** A copy with another allowance k. */
    public Cusum withAllowance(double allowance) {
        return new Cusum(Checks.requireNonNegative(allowance, "k"), h, warmUp, givenMean, givenSd);
    }

    /** A copy with a known in-control mean and standard deviation (no warm-up). */
    public Cusum withReference(ReferenceMoments ref) {
        Checks.requireNonNull(ref, "reference");
        return new Cusum(k, h, 0, ref.mean(), ref.sd());
    }

    /** In-control mean and standard deviation. */
    public record ReferenceMoments(double mean, double sd) {
        public ReferenceMoments {
            Checks.requireFinite(mean, "mean");
            Checks.requirePositive(sd, "sd");
        }
    }

    @Override
    public Signal update(double x) {
        Detectors.finite(x, "cusum");
        n++;
        if (Double.isNaN(givenMean) && n <= warmUp) {
            double d = x - mu;
            mu += d / n;
            m2 += d * (x - mu);
            return Signal.STABLE;
        }
        double m0 = Double.isNaN(givenMean) ? mu : givenMean;
        double sd = Double.isNaN(givenSd) ? Math.sqrt(m2 / Math.max(1, warmUp - 1)) : givenSd;
        if (!(sd > 0)) {
            sd = 1e-12;
        }
        double z = (x - m0) / sd;
        sPlus = Math.max(0, sPlus + z - k);
        sMinus = Math.max(0, sMinus - z - k);
        if (sPlus > h || sMinus > h) {
            reset();
            return Signal.DRIFT;
        }
        return Signal.STABLE;
    }

    @Override
    public void reset() {
        n = 0;
        mu = 0;
        m2 = 0;
        sPlus = 0;
        sMinus = 0;
    }

    @Override
    public String name() {
        return "cusum";
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> m = new TreeMap<>();
        m.put("k", Detectors.num(k));
        m.put("h", Detectors.num(h));
        m.put("warmUp", Integer.toString(warmUp));
        if (!Double.isNaN(givenMean)) {
            m.put("mean0", Detectors.num(givenMean));
            m.put("sd0", Detectors.num(givenSd));
        }
        return m;
    }

    @Override
    public long observations() {
        return n;
    }
}
