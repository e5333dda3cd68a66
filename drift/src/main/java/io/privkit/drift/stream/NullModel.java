package io.privkit.drift.stream;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;

/**
 * How in-control ("null") observations are simulated for calibration: a bootstrap of reference
 * values (the usual choice: no distributional assumption), a standard normal, or Bernoulli errors.
 */
@FunctionalInterface
public interface NullModel {
    /** Draws one observation. */
    double next(Randomness random);

    /** Resamples the given reference values uniformly with replacement (the array is copied). */
    static NullModel bootstrap(double[] reference) {
        Checks.requireNonNull(reference, "reference");
        if (reference.length == 0) {
            throw Checks.argument("reference").mustBe("non-empty").got("0 values").noFix().exception();
        }
        double[] v = reference.clone();
        for (double x : v) {
            Checks.requireFinite(x, "reference value");
        }
        return r -> v[r.nextInt(v.length)];
    }

    /** Standard normal draws (Box-Muller). */
    static NullModel gaussian() {
        return r -> Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** Bernoulli(p) error indicators. */
    static NullModel bernoulli(double p) {
        Checks.requireProbability(p, "p");
        return r -> r.nextDouble() < p ? 1.0 : 0.0;
    }

    /** This model shifted by a constant (for detection-delay studies). */
    default NullModel shifted(double by) {
        Checks.requireFinite(by, "shift");
        return r -> next(r) + by;
    }
}
