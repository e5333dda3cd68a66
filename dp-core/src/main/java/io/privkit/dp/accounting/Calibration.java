package io.privkit.dp.accounting;

import io.privkit.common.Checks;
import java.util.function.DoubleFunction;
import java.util.function.LongFunction;

/**
 * Calibrates a parameter of a mechanism to a target (ε, δ), never overshooting: every value
 * returned has been accounted and meets the target. Searches bracket the answer and return the
 * safe end of the bracket (the larger noise multiplier, the fewer steps, the smaller sampling
 * rate), never a midpoint (the overshoot Opacus fixed in pytorch/opacus#346).
 *
 * <pre>{@code
 * Calibration.Result r = Calibration.noiseMultiplier(PrivacyAccountant.pld(),
 *         z -> DpEvent.gaussian(z).poissonSampled(0.01).selfComposed(10_000),
 *         PrivacyTarget.epsilon(3).atDelta(1e-5));
 * r.value();    // the noise multiplier, e.g. 0.93
 * r.epsilon();  // its epsilon, <= 3
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Calibration {
    /** Relative width of the final bracket for real-valued parameters. */
    public static final double RELATIVE_TOLERANCE = 1e-4;

    private Calibration() {
    }

    /**
     * The calibrated value and the epsilon it achieves at the target's delta (at most the
     * target's epsilon).
     *
     * @param value   the parameter
     * @param epsilon its accounted epsilon
     */
    public record Result(double value, double epsilon) {
    }

    /**
     * The smallest noise multiplier (to within a relative {@value #RELATIVE_TOLERANCE}, rounded
     * towards more noise) whose event meets the target.
     *
     * @throws IllegalArgumentException when no multiplier up to 10 000 meets it
     */
    public static Result noiseMultiplier(PrivacyAccountant accountant, DoubleFunction<DpEvent> eventForNoiseMultiplier,
                                         PrivacyTarget target) {
        Checks.requireNonNull(accountant, "accountant");
        Checks.requireNonNull(eventForNoiseMultiplier, "eventForNoiseMultiplier");
        Checks.requireNonNull(target, "target");
        double hi = 1;
        double epsHi = eps(accountant, eventForNoiseMultiplier.apply(hi), target);
        double lo = 0;
        while (epsHi > target.epsilon()) {
            lo = hi;
            hi *= 2;
            if (hi > 10_000) {
                throw Checks.argument("targetEpsilon").mustBe("reachable with a noise multiplier up to 10000")
                        .got(target.epsilon()).fix("Raise the target epsilon or delta, or lower the sampling rate or steps.")
                        .exception();
            }
            epsHi = eps(accountant, eventForNoiseMultiplier.apply(hi), target);
        }
        if (lo == 0) {
            // Search downwards for a bracket [lo, hi] with eps(lo) > target.
            lo = hi / 2;
            double epsLo = eps(accountant, eventForNoiseMultiplier.apply(lo), target);
            while (epsLo <= target.epsilon() && lo > 1e-3) {
                hi = lo;
                epsHi = epsLo;
                lo /= 2;
                epsLo = eps(accountant, eventForNoiseMultiplier.apply(lo), target);
            }
        }
        while (hi - lo > RELATIVE_TOLERANCE * hi) {
            double mid = (lo + hi) / 2;
            double e = eps(accountant, eventForNoiseMultiplier.apply(mid), target);
            if (e <= target.epsilon()) {
                hi = mid;
                epsHi = e;
            } else {
                lo = mid;
            }
        }
        return new Result(hi, epsHi);
    }

    /**
     * The largest number of steps whose event meets the target.
     *
     * @throws IllegalArgumentException when even one step exceeds it
     */
    public static Result steps(PrivacyAccountant accountant, LongFunction<DpEvent> eventForSteps, PrivacyTarget target) {
        Checks.requireNonNull(accountant, "accountant");
        Checks.requireNonNull(eventForSteps, "eventForSteps");
        Checks.requireNonNull(target, "target");
        double e1 = eps(accountant, eventForSteps.apply(1), target);
        if (e1 > target.epsilon()) {
            throw Checks.argument("targetEpsilon").mustBe("at least the epsilon of one step (" + e1 + ")").got(target.epsilon())
                    .fix("Add noise, lower the sampling rate, or raise the target.").exception();
        }
        long lo = 1;
        double epsLo = e1;
        long hi = 2;
        while (true) {
            double e = eps(accountant, eventForSteps.apply(hi), target);
            if (e > target.epsilon()) {
                break;
            }
            lo = hi;
            epsLo = e;
            if (hi > (1L << 40)) {
                return new Result(lo, epsLo);
            }
            hi *= 2;
        }
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            double e = eps(accountant, eventForSteps.apply(mid), target);
            if (e <= target.epsilon()) {
                lo = mid;
                epsLo = e;
            } else {
                hi = mid;
            }
        }
        return new Result(lo, epsLo);
    }

    /**
     * The largest sampling probability q in (0, 1] (to within a relative
     * {@value #RELATIVE_TOLERANCE}, rounded down) whose event meets the target.
     *
     * @throws IllegalArgumentException when no q down to 1e-9 meets it
     */
    public static Result samplingProbability(PrivacyAccountant accountant, DoubleFunction<DpEvent> eventForRate,
                                             PrivacyTarget target) {
        Checks.requireNonNull(accountant, "accountant");
        Checks.requireNonNull(eventForRate, "eventForRate");
        Checks.requireNonNull(target, "target");
        double eOne = eps(accountant, eventForRate.apply(1), target);
        if (eOne <= target.epsilon()) {
            return new Result(1, eOne);
        }
        double hi = 1;
        double lo = 0.5;
        double epsLo = eps(accountant, eventForRate.apply(lo), target);
        while (epsLo > target.epsilon()) {
            hi = lo;
            lo /= 2;
            if (lo < 1e-9) {
                throw Checks.argument("targetEpsilon").mustBe("reachable with a sampling probability of at least 1e-9")
                        .got(target.epsilon()).fix("Add noise or take fewer steps.").exception();
            }
            epsLo = eps(accountant, eventForRate.apply(lo), target);
        }
        while (hi - lo > RELATIVE_TOLERANCE * lo) {
            double mid = (lo + hi) / 2;
            double e = eps(accountant, eventForRate.apply(mid), target);
            if (e <= target.epsilon()) {
                lo = mid;
                epsLo = e;
            } else {
                hi = mid;
            }
        }
        return new Result(lo, epsLo);
    }

    private static double eps(PrivacyAccountant accountant, DpEvent event, PrivacyTarget target) {
        return accountant.account(event).epsilon(target.delta());
    }
}
