package io.privkit.benchmarks.drift;

import io.privkit.common.Randomness;
import io.privkit.drift.stream.Adwin;
import io.privkit.drift.stream.Calibration;
import io.privkit.drift.stream.ChangeDetector;
import io.privkit.drift.stream.DelayStudy;
import io.privkit.drift.stream.NullModel;
import io.privkit.drift.stream.Tunable;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Question: how quickly do the stream detectors find a step change, and does Privkit's ADWIN find it
 * as quickly as MOA's ADWIN (the Java reference implementation) with the same delta on the same
 * streams? Not a JMH benchmark: it counts observations, not time.
 *
 * <p>Streams ({@link DelayStudy.StepStreams}, one seed, identical for every detector): N(0, 1) with a
 * mean shift of 0.25, 0.5, 1 or 2 after {@value #CHANGE_AT} observations, and Bernoulli(0.2) errors
 * rising by 0.05, 0.1, 0.2 or 0.3; {@value #HORIZON} observations after the change, {@code runs}
 * streams per magnitude (default {@value #RUNS}). Reported per magnitude: mean and median delay
 * (observations after the change until the first alarm; the median counts misses as longest), the
 * missed-detection rate within the horizon, the false alarms before the change (total, and runs with
 * one), and for ADWIN against MOA the run-by-run share where each detector was earlier.
 *
 * <p>Part 1, Privkit's and MOA's ADWIN at delta = 0.002 (clock 32, 5 buckets per size): needs MOA,
 * which is GPL-3.0 and only on the class path with the opt-in profile
 * ({@code mvn -B -pl benchmarks -am package -DskipTests -Pmoa-peer}); without it part 1 reports
 * Privkit only. Part 2, runnable without MOA: every Privkit detector calibrated by simulation to an
 * expected run time of {@value #TARGET_ERT} observations between false alarms, on the same streams
 * (ADWIN, Page-Hinkley, CUSUM and KSWIN on the Gaussian streams; ADWIN, DDM, EDDM, HDDM-A and HDDM-W on
 * the error streams).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.privkit.benchmarks.drift.AdwinDelayComparison [runs]}
 * (about three minutes on one core at the default).
 */
public final class AdwinDelayComparison {
    static final int CHANGE_AT = 2000;
    static final int HORIZON = 4000;
    static final int RUNS = 500;
    static final double TARGET_ERT = 5000;
    static final long SEED = 20251123L;
    static final double[] GAUSSIAN_SHIFTS = {0.25, 0.5, 1.0, 2.0};
    static final double P0 = 0.2;
    static final double[] ERROR_RISES = {0.05, 0.1, 0.2, 0.3};

    private AdwinDelayComparison() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : RUNS;
        Calibration.DelayDesign design = new Calibration.DelayDesign(CHANGE_AT, HORIZON, runs);
        boolean moa = MoaAdwin.available();
        System.out.printf(Locale.ROOT, "# Detection delay on step changes: change after %d observations, horizon %d, %d streams per magnitude, seed %d%n%n",
                CHANGE_AT, HORIZON, runs, SEED);
        System.out.println("## ADWIN, delta = 0.002: Privkit against MOA 2024.07.0 on the same streams"
                + (moa ? "" : " (MOA absent: build with -Pmoa-peer; Privkit only)"));
        System.out.println();
        System.out.println("| stream | change | detector | mean delay | median delay | missed | false alarms (runs) | earlier run by run |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (double eps : GAUSSIAN_SHIFTS) {
            adwinPair("N(0,1)", "mean +" + eps, new DelayStudy.StepStreams(NullModel.gaussian(), NullModel.gaussian().shifted(eps), design, SEED),
                    moa);
        }
        for (double eps : ERROR_RISES) {
            adwinPair("Bernoulli(0.2)", "p +" + eps, new DelayStudy.StepStreams(NullModel.bernoulli(P0), NullModel.bernoulli(P0 + eps), design,
                    SEED), moa);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "## Every detector calibrated to ERT %.0f (Calibration.Effort(150, 2, 16), seed %d), same streams%n%n", TARGET_ERT,
                SEED);
        System.out.println("| stream | detector | calibrated parameter | simulated ERT | change | mean delay | median delay | missed | false alarms (runs) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        List<Tunable> real = List.of(Tunable.adwin(), Tunable.pageHinkley(), Tunable.cusum(), Tunable.kswin());
        for (Tunable t : real) {
            calibrated("N(0,1)", t, NullModel.gaussian(), GAUSSIAN_SHIFTS, e -> NullModel.gaussian().shifted(e), design);
        }
        List<Tunable> errors = List.of(Tunable.adwin(), Tunable.ddm(), Tunable.eddm(), Tunable.hddmA(), Tunable.hddmW());
        for (Tunable t : errors) {
            calibrated("Bernoulli(0.2)", t, NullModel.bernoulli(P0), ERROR_RISES, e -> NullModel.bernoulli(P0 + e), design);
        }
    }

    private static void adwinPair(String stream, String change, DelayStudy.StepStreams streams, boolean moa) {
        DelayStudy.Result privkit = DelayStudy.run(r -> Adwin.withDefaults(), streams);
        if (!moa) {
            row(stream, change, "Privkit", privkit, "");
            return;
        }
        DelayStudy.Result peer = DelayStudy.run(r -> new MoaAdwin(0.002), streams);
        int[] a = perRunDelays(r -> Adwin.withDefaults(), streams);
        int[] b = perRunDelays(r -> new MoaAdwin(0.002), streams);
        int earlier = 0;
        int later = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] < b[i]) {
                earlier++;
            } else if (a[i] > b[i]) {
                later++;
            }
        }
        double n = a.length;
        row(stream, change, "Privkit", privkit, pct(earlier / n));
        row(stream, change, "MOA", peer, pct(later / n));
    }

    /** Each run's delay, in run order (Integer.MAX_VALUE for a miss), for the run-by-run comparison. */
    private static int[] perRunDelays(Function<Randomness, ChangeDetector> factory, DelayStudy.StepStreams streams) {
        Calibration.DelayDesign d = streams.design();
        int[] out = new int[d.runs()];
        for (int r = 0; r < d.runs(); r++) {
            double[] x = streams.stream(r);
            ChangeDetector det = factory.apply(streams.detectorRandomness(r));
            for (int t = 0; t < d.changeAt(); t++) {
                det.update(x[t]);
            }
            out[r] = Integer.MAX_VALUE;
            for (int t = 1; t <= d.horizon(); t++) {
                if (det.update(x[d.changeAt() + t - 1]) == ChangeDetector.Signal.DRIFT) {
                    out[r] = t;
                    break;
                }
            }
        }
        return out;
    }

    private static void calibrated(String stream, Tunable t, NullModel before, double[] magnitudes, java.util.function.DoubleFunction<NullModel> after,
                                   Calibration.DelayDesign design) {
        Calibration.Result cal = Calibration.calibrate(t, before, TARGET_ERT, new Calibration.Effort(150, 2, 16), SEED);
        for (double eps : magnitudes) {
            DelayStudy.Result r = DelayStudy.run(x -> cal.detector(t, x), new DelayStudy.StepStreams(before, after.apply(eps), design, SEED));
            System.out.printf(Locale.ROOT, "| %s | %s | %s = %.4g | %.0f | %s | %s | %s | %s | %d (%d) |%n", stream, t.detector(), t.parameter(),
                    cal.value(), cal.estimatedErt(), (stream.startsWith("N") ? "mean +" : "p +") + eps, num(r.meanDelay()), num(r.medianDelay()),
                    pct(r.missedRate()), r.falseAlarms(), r.runsWithFalseAlarm());
        }
    }

    private static void row(String stream, String change, String who, DelayStudy.Result r, String earlier) {
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %d (%d) | %s |%n", stream, change, who, num(r.meanDelay()), num(r.medianDelay()),
                pct(r.missedRate()), r.falseAlarms(), r.runsWithFalseAlarm(), earlier);
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : (Double.isNaN(v) ? "-" : "> horizon");
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
