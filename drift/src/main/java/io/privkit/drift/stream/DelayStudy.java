package io.privkit.drift.stream;

import io.privkit.common.Checks;
import io.privkit.common.Interval;
import io.privkit.common.Randomness;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * A detection-delay study on seeded step-change streams: each of {@code runs} streams holds
 * {@code changeAt} in-control observations from one model followed by {@code horizon} observations
 * from the changed model. Every detector studied sees exactly the same streams (stream {@code r} is
 * drawn from the seed's child {@code "delay-" + r}), so two detectors, or Privkit's ADWIN and another
 * implementation, can be compared run by run.
 *
 * <p>Per run it records the alarms before the change (false alarms; the detector restarts itself
 * after each, see {@link ChangeDetector}), the observations until the first false alarm (the
 * exposure, censored at {@code changeAt}), and the detection delay: the 1-based index, counted from
 * the first changed observation, of the first alarm at or after the change, or a miss when there is
 * none within the horizon. The result summarises these as the mean and median delay over detected
 * runs, the missed-detection rate, and the false alarms.
 *
 * <p>The first-alarm exposure makes the pre-change part comparable with a {@link Calibration}: with
 * {@code changeAt} equal to the calibration's horizon, the share of runs with a false alarm estimates
 * the same probability as the calibration's alarms per simulated stream.
 *
 * <p>Stateless and thread-safe; the detectors built by the factory are used from the calling thread.
 */
public final class DelayStudy {
    private DelayStudy() {
    }

    /**
     * Seeded step-change streams.
     *
     * @param before the in-control model
     * @param after  the changed model
     * @param design where the change is, the horizon after it, and the number of streams
     * @param seed   the seed of the streams
     */
    public record StepStreams(NullModel before, NullModel after, Calibration.DelayDesign design, long seed) {
        public StepStreams {
            Checks.requireNonNull(before, "before");
            Checks.requireNonNull(after, "after");
            Checks.requireNonNull(design, "design");
        }

        /** Stream {@code r} (0-based): {@code changeAt} values from {@code before}, then {@code horizon} from {@code after}. */
        public double[] stream(int r) {
            Checks.requireIn(r, "run", Interval.closed(0, design.runs() - 1));
            Randomness data = Randomness.insecureSeeded(seed).derive("delay-" + r);
            double[] x = new double[design.changeAt() + design.horizon()];
            for (int t = 0; t < design.changeAt(); t++) {
                x[t] = before.next(data);
            }
            for (int t = design.changeAt(); t < x.length; t++) {
                x[t] = after.next(data);
            }
            return x;
        }

        /** The randomness handed to the detector of run {@code r} (for detectors that sample, such as KSWIN). */
        public Randomness detectorRandomness(int r) {
            return Randomness.insecureSeeded(seed).derive("delay-detector-" + r);
        }
    }

    /**
     * The outcome of a study.
     *
     * @param detector           the detector's name
     * @param design             the design
     * @param falseAlarms        alarms before the change, over all runs
     * @param runsWithFalseAlarm runs with at least one alarm before the change
     * @param exposure           in-control observations until the first false alarm (or the change), summed over runs
     * @param delays             the detection delays of the detected runs, ascending
     */
    public record Result(String detector, Calibration.DelayDesign design, long falseAlarms, int runsWithFalseAlarm, long exposure,
                         List<Integer> delays) {
        public Result {
            Checks.requireNonBlank(detector, "detector");
            Checks.requireNonNull(design, "design");
            Checks.requireNonNegative(falseAlarms, "falseAlarms");
            Checks.requireIn(runsWithFalseAlarm, "runsWithFalseAlarm", Interval.closed(0, design.runs()));
            Checks.requireIn(exposure, "exposure", Interval.closed(0, (double) design.runs() * design.changeAt()));
            Checks.requireNonNull(delays, "delays");
            if (delays.size() > design.runs()) {
                throw Checks.argument("delays").mustBe("at most one per run (" + design.runs() + ")").got(delays.size() + " delays")
                        .noFix().exception();
            }
            List<Integer> sorted = new ArrayList<>(delays);
            Collections.sort(sorted);
            for (int d : sorted) {
                Checks.requireIn(d, "delay", Interval.closed(1, design.horizon()));
            }
            delays = List.copyOf(sorted);
        }

        /** Runs with no alarm within the horizon after the change. */
        public int missed() {
            return design.runs() - delays.size();
        }

        /** The missed-detection rate within the horizon. */
        public double missedRate() {
            return (double) missed() / design.runs();
        }

        /** The mean delay over detected runs (NaN when none was detected). */
        public double meanDelay() {
            if (delays.isEmpty()) {
                return Double.NaN;
            }
            long sum = 0;
            for (int d : delays) {
                sum += d;
            }
            return (double) sum / delays.size();
        }

        /**
         * The median delay over all runs, a miss counting as longer than the horizon: the middle order
         * statistic (the mean of the two middle ones for an even count); +infinity when half or more of
         * the runs missed.
         */
        public double medianDelay() {
            int n = design.runs();
            return (orderStatistic(n / 2 + 1) + orderStatistic((n + 1) / 2)) / 2;
        }

        private double orderStatistic(int k) {
            return k <= delays.size() ? delays.get(k - 1) : Double.POSITIVE_INFINITY;
        }

        /** The share of runs whose delay is at most {@code d} (misses count as late). */
        public double detectedWithin(int d) {
            int c = 0;
            for (int x : delays) {
                if (x <= d) {
                    c++;
                }
            }
            return (double) c / design.runs();
        }

        /** False alarms per in-control observation until the first one: an estimate of 1 / ERT. */
        public double firstAlarmRate() {
            return exposure == 0 ? Double.NaN : (double) runsWithFalseAlarm / exposure;
        }
    }

    /**
     * Runs fresh detectors from {@code factory} (given {@link StepStreams#detectorRandomness}) over every stream.
     */
    public static Result run(Function<Randomness, ChangeDetector> factory, StepStreams streams) {
        Checks.requireNonNull(factory, "factory");
        Checks.requireNonNull(streams, "streams");
        Calibration.DelayDesign design = streams.design();
        long falseAlarms = 0;
        int runsWithFalseAlarm = 0;
        long exposure = 0;
        List<Integer> delays = new ArrayList<>();
        String name = null;
        for (int r = 0; r < design.runs(); r++) {
            double[] x = streams.stream(r);
            ChangeDetector d = Checks.requireNonNull(factory.apply(streams.detectorRandomness(r)), "detector");
            name = d.name();
            int first = -1;
            for (int t = 0; t < design.changeAt(); t++) {
                if (d.update(x[t]) == ChangeDetector.Signal.DRIFT) {
                    falseAlarms++;
                    if (first < 0) {
                        first = t + 1;
                    }
                }
            }
            if (first > 0) {
                runsWithFalseAlarm++;
                exposure += first;
            } else {
                exposure += design.changeAt();
            }
            for (int t = 1; t <= design.horizon(); t++) {
                if (d.update(x[design.changeAt() + t - 1]) == ChangeDetector.Signal.DRIFT) {
                    delays.add(t);
                    break;
                }
            }
        }
        return new Result(name, design, falseAlarms, runsWithFalseAlarm, exposure, delays);
    }
}
