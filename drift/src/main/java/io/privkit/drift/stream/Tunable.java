package io.privkit.drift.stream;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import java.util.function.BiFunction;

/**
 * A detector family with one false-alarm parameter to calibrate: its name, the search range, whether
 * to search on a log scale, in which direction the detector gets stricter (fewer alarms), and how to
 * build a detector at a parameter value (with its own randomness, for detectors that sample).
 *
 * @param detector  the detector's name
 * @param parameter the parameter's name
 * @param low       smallest value searched
 * @param high      largest value searched
 * @param logScale  whether to bisect on log(value)
 * @param largerIsStricter whether a larger value means fewer alarms
 * @param factory   builds a fresh detector at a value
 */
public record Tunable(String detector, String parameter, double low, double high, Scale logScale, Direction largerIsStricter,
                      BiFunction<Double, Randomness, ChangeDetector> factory) {
    /** The search scale. */
    public enum Scale {
        /** Bisect on the value. */
        LINEAR,
        /** Bisect on the logarithm of the value. */
        LOG
    }

    /** The direction in which the detector gets stricter. */
    public enum Direction {
        /** Larger values give fewer alarms. */
        LARGER_IS_STRICTER,
        /** Smaller values give fewer alarms. */
        SMALLER_IS_STRICTER
    }

    public Tunable {
        Checks.requireNonBlank(detector, "detector");
        Checks.requireNonBlank(parameter, "parameter");
        if (!(low < high)) {
            throw Checks.argument("search range").mustBe("low < high").got(low + ", " + high).noFix().exception();
        }
        if (logScale == Scale.LOG && !(low > 0)) {
            throw Checks.argument("low").mustBe("> 0 on a log scale").got(low).noFix().exception();
        }
        Checks.requireNonNull(largerIsStricter, "direction");
        Checks.requireNonNull(factory, "factory");
    }

    /** ADWIN's delta. */
    public static Tunable adwin() {
        return new Tunable("adwin", "delta", 1e-15, 0.9, Scale.LOG, Direction.SMALLER_IS_STRICTER,
                (v, r) -> Adwin.withDefaults().withDelta(v));
    }

    /** Page-Hinkley's lambda (delta 0.005, for standardised data). */
    public static Tunable pageHinkley() {
        return new Tunable("page-hinkley", "lambda", 0.5, 1e5, Scale.LOG, Direction.LARGER_IS_STRICTER,
                (v, r) -> PageHinkley.withDefaults().withLambda(v));
    }

    /** CUSUM's h (k = 0.5, moments from a 50-observation warm-up). */
    public static Tunable cusum() {
        return new Tunable("cusum", "h", 0.1, 200, Scale.LOG, Direction.LARGER_IS_STRICTER, (v, r) -> Cusum.withDefaults().withThreshold(v));
    }

    /** KSWIN's alpha. */
    public static Tunable kswin() {
        return new Tunable("kswin", "alpha", 1e-12, 0.5, Scale.LOG, Direction.SMALLER_IS_STRICTER,
                (v, r) -> Kswin.withDefaults(r).withAlpha(v));
    }

    /** DDM's drift level. */
    public static Tunable ddm() {
        return new Tunable("ddm", "driftLevel", 0.5, 20, Scale.LINEAR, Direction.LARGER_IS_STRICTER, (v, r) -> Ddm.withDefaults().withDriftLevel(v));
    }

    /** EDDM's beta. */
    public static Tunable eddm() {
        return new Tunable("eddm", "beta", 0.05, 0.99, Scale.LINEAR, Direction.SMALLER_IS_STRICTER, (v, r) -> Eddm.withDefaults().withBeta(v));
    }

    /** HDDM-A's drift confidence. */
    public static Tunable hddmA() {
        return new Tunable("hddm-a", "driftConfidence", 1e-15, 0.9, Scale.LOG, Direction.SMALLER_IS_STRICTER,
                (v, r) -> HddmA.withDefaults().withDriftConfidence(v));
    }

    /** HDDM-W's drift confidence. */
    public static Tunable hddmW() {
        return new Tunable("hddm-w", "driftConfidence", 1e-15, 0.9, Scale.LOG, Direction.SMALLER_IS_STRICTER,
                (v, r) -> HddmW.withDefaults().withDriftConfidence(v));
    }
}
