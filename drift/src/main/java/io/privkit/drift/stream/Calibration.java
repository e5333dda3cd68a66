package io.privkit.drift.stream;

import io.privkit.common.Checks;
import io.privkit.common.Interval;
import io.privkit.common.Randomness;
import java.util.Map;

/**
 * Calibrates a detector's false-alarm parameter by seeded simulation so that its expected run time
 * (ERT: the mean number of in-control observations until a false alarm, also called the average run
 * length, ARL0) matches a target, instead of relying on folklore defaults whose false-alarm rates
 * differ by orders of magnitude between detectors.
 *
 * <p>Method: simulate {@code runs} in-control streams from the {@link NullModel}, each with a fresh
 * detector, until its first DRIFT or a horizon of {@code horizonFactor x target} observations. Treating
 * run lengths as geometric, the maximum-likelihood ERT under censoring is (total observations) /
 * (number of alarms). The parameter is bisected (on a log scale where stated) using the same
 * simulated streams for every candidate (common random numbers, so the estimate is monotone in the
 * parameter up to the detector's own discreteness). The approach follows the simulation-based
 * threshold setting of sequential detectors, e.g. G. J. Ross and N. M. Adams, "Two Nonparametric
 * Control Charts for Detecting Arbitrary Distribution Changes", Journal of Quality Technology 44(2), 2012.
 *
 * <p>The estimate's relative standard error is about 1/sqrt(alarms); the result reports the runs,
 * horizon and seed so the calibration can be replayed. Stateless and thread-safe.
 */
public final class Calibration {
    private Calibration() {
    }

    /**
     * Simulation effort.
     *
     * @param runs          simulated in-control streams per candidate
     * @param horizonFactor horizon as a multiple of the target ERT
     * @param iterations    bisection steps
     */
    public record Effort(int runs, double horizonFactor, int iterations) {
        public Effort {
            Checks.requireAtLeast(runs, "runs", 10);
            Checks.requireIn(horizonFactor, "horizonFactor", Interval.closed(1, 100));
            Checks.requireAtLeast(iterations, "iterations", 1);
        }

        /** 300 runs, horizon 4 x target, 22 bisection steps. */
        public static Effort standard() {
            return new Effort(300, 4, 22);
        }
    }

    /**
     * The calibrated parameter.
     *
     * @param detector     the detector
     * @param parameter    the calibrated parameter's name
     * @param value        its value
     * @param targetErt    the target ERT
     * @param estimatedErt the simulated ERT at the value
     * @param alarms       false alarms in the final simulation (its relative standard error is about 1/sqrt(alarms))
     * @param runs         simulated streams
     * @param horizon      observations per stream at most
     * @param seed         the simulation seed
     */
    public record Result(String detector, String parameter, double value, double targetErt, double estimatedErt, long alarms, int runs,
                         long horizon, long seed) {
        /** The calibrated false-alarm rate per observation, 1 / ERT. */
        public double falseAlarmRate() {
            return 1.0 / estimatedErt;
        }

        /** A fresh detector at the calibrated value. */
        public ChangeDetector detector(Tunable t, Randomness random) {
            return t.factory().apply(value, random);
        }
    }

    /** Calibrates a tunable detector to a target ERT. */
    public static Result calibrate(Tunable tunable, NullModel model, double targetErt, Effort effort, long seed) {
        Checks.requireNonNull(tunable, "tunable");
        Checks.requireNonNull(model, "model");
        Checks.requireIn(targetErt, "targetErt", Interval.atLeast(10), "Use e.g. 1000 (one false alarm per 1000 observations).");
        Checks.requireNonNull(effort, "effort");
        long horizon = (long) Math.ceil(effort.horizonFactor() * targetErt);
        boolean log = tunable.logScale() == Tunable.Scale.LOG;
        double lo = log ? Math.log(tunable.low()) : tunable.low();
        double hi = log ? Math.log(tunable.high()) : tunable.high();
        boolean largerStricter = tunable.largerIsStricter() == Tunable.Direction.LARGER_IS_STRICTER;
        double[] best = null;
        double bestGap = Double.POSITIVE_INFINITY;
        double bestValue = Double.NaN;
        for (int it = 0; it < effort.iterations(); it++) {
            double mid = (lo + hi) / 2;
            double value = log ? Math.exp(mid) : mid;
            double[] est = estimate(tunable, value, model, effort.runs(), horizon, seed);
            double gap = Math.abs(Math.log(est[0] / targetErt));
            if (gap < bestGap) {
                bestGap = gap;
                best = est;
                bestValue = value;
            }
            boolean tooManyAlarms = est[0] < targetErt;
            // too many alarms: move towards stricter values
            if (tooManyAlarms == largerStricter) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new Result(tunable.detector(), tunable.parameter(), bestValue, targetErt, best[0], (long) best[1], effort.runs(), horizon,
                seed);
    }

    /**
     * Simulated ERT of a detector at a parameter value: {ERT estimate, alarms, observations}.
     */
    public static double[] estimate(Tunable tunable, double value, NullModel model, int runs, long horizon, long seed) {
        long alarms = 0;
        long total = 0;
        Randomness root = Randomness.insecureSeeded(seed);
        for (int r = 0; r < runs; r++) {
            Randomness data = root.derive("stream-" + r);
            ChangeDetector d = tunable.factory().apply(value, root.derive("detector-" + r));
            long t = 0;
            while (t < horizon) {
                t++;
                if (d.update(model.next(data)) == ChangeDetector.Signal.DRIFT) {
                    alarms++;
                    break;
                }
            }
            total += t;
        }
        double ert = alarms == 0 ? Double.POSITIVE_INFINITY : (double) total / alarms;
        return new double[] {ert, alarms, total};
    }

    /**
     * Mean detection delay after a change: each run feeds {@code changeAt} in-control observations
     * (the detector restarts after any false alarm) and then observations from the changed model until
     * the first DRIFT or {@code horizon} observations after the change. A summary of
     * {@link DelayStudy#run} on the same streams, which also reports the median, the misses and the
     * false alarms before the change.
     *
     * @return {mean delay over detected runs, share of runs detected}
     */
    public static double[] detectionDelay(java.util.function.Function<Randomness, ChangeDetector> factory, NullModel before,
                                          NullModel after, DelayDesign design, long seed) {
        Checks.requireNonNull(design, "design");
        DelayStudy.Result r = DelayStudy.run(factory, new DelayStudy.StepStreams(before, after, design, seed));
        return new double[] {r.delays().isEmpty() ? Double.POSITIVE_INFINITY : r.meanDelay(), 1 - r.missedRate()};
    }

    /**
     * A detection-delay experiment.
     *
     * @param changeAt in-control observations before the change
     * @param horizon  observations after the change before giving up
     * @param runs     repetitions
     */
    public record DelayDesign(int changeAt, int horizon, int runs) {
        public DelayDesign {
            Checks.requireNonNegative(changeAt, "changeAt");
            Checks.requirePositive(horizon, "horizon");
            Checks.requirePositive(runs, "runs");
        }
    }

    /** The calibration in words, for the evidence record's parameters. */
    public static Map<String, String> describe(Result r) {
        return Map.of("calibratedParameter", r.parameter(), "calibratedValue", Double.toString(r.value()), "targetErt",
                Double.toString(r.targetErt()), "simulatedRuns", Integer.toString(r.runs()), "simulationSeed", Long.toString(r.seed()),
                "simulationAlarms", Long.toString(r.alarms()));
    }
}
