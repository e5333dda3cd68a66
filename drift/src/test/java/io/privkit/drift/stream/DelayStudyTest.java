package io.privkit.drift.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Detection delay of ADWIN on step changes against the guarantee of its paper, and the false alarms before the change
 * against the calibrated rate.
 *
 * <p>The delay bound, from A. Bifet and R. Gavalda, "Learning from Time-Changing Data with Adaptive Windowing", SDM 2007,
 * Theorem 3.1 (false negatives): for values in [0, 1], if some split of the window W into an older W0 and a newer W1 has
 * |mu_W0 - mu_W1| &gt; 2 eps_cut, ADWIN shrinks W to W1 or shorter with probability at least 1 - delta, where
 * eps_cut = sqrt((1/n0 + 1/n1)/2 ln(4|W|/delta)). {@link #theoremBound} turns this into a number of observations after a
 * step of size eps at the end of an intact in-control window of n0 observations:
 * <ol>
 * <li>ADWIN tests only splits at bucket boundaries. Below the top level every bucket size holds at least M - 1 = 4
 * buckets, so an observation k back from the newest lies in a bucket of size 2^i with 4 (2^i - 1) &lt; k, and the
 * boundary just newer than it leaves n1 &gt;= 3k/4 changed observations in W1 and at most k/4 of them in W0. The true
 * mean difference of that split is at least eps n0 / (n0 + k/4).</li>
 * <li>The implementation cuts on the Bernstein bound of the paper's Section 4, at most
 * sqrt(2 m sigma^2 ln(2 ln|W| / delta)) + (2/3) m ln(2 ln|W| / delta) with m = 1/n0 + 1/n1 and sigma^2 &lt;= 1/4 on
 * [0, 1]; eps_cut below is the larger of this and the theorem's Hoeffding form, so a split meeting the theorem's
 * condition is also cut by the implementation.</li>
 * <li>k* is the least k with eps n0 / (n0 + k/4) &gt; 2 eps_cut(n0, 3k/4, n0 + k); ADWIN checks every {@code clock}
 * observations, so the first check at or after k* comes at most clock - 1 later: bound = k* + clock - 1.</li>
 * </ol>
 * A run is late (delay above the bound, or missed) with probability at most delta plus the probability of a false alarm
 * before the change (which shortens W0); both are below 0.01 here.
 */
class DelayStudyTest {
    static final int N0 = 3000;
    static final int RUNS = 300;
    static final double P0 = 0.2;

    /** The number of observations after a step of size {@code eps} by which Theorem 3.1 says ADWIN has cut (see the class comment). */
    static int theoremBound(double eps, int n0, double delta, int clock) {
        for (int k = 4; k < 10_000_000; k++) {
            double n1 = 0.75 * k;
            double w = n0 + k;
            double m = 1.0 / n0 + 1.0 / n1;
            double hoeffding = Math.sqrt(m / 2 * Math.log(4 * w / delta));
            double dd = Math.log(2 * Math.log(w) / delta);
            double bernstein = Math.sqrt(2 * m * 0.25 * dd) + 2.0 / 3.0 * m * dd;
            double epsCut = Math.max(hoeffding, bernstein);
            if (eps * n0 / (n0 + k / 4.0) > 2 * epsCut) {
                return k + clock - 1;
            }
        }
        throw new IllegalArgumentException("no bound: the step " + eps + " is too small for an in-control window of " + n0);
    }

    static DelayStudy.StepStreams bernoulliStep(double eps, int runs, long seed) {
        return new DelayStudy.StepStreams(NullModel.bernoulli(P0), NullModel.bernoulli(P0 + eps), new Calibration.DelayDesign(N0, 2000, runs),
                seed);
    }

    /** Late runs allowed out of 300 when each is late with probability at most 0.01: P(Binomial(300, 0.01) &gt; 12) &lt; 1e-5. */
    static final int LATE_ALLOWED = 12;

    @ParameterizedTest(name = "eps={0}")
    @ValueSource(doubles = {0.3, 0.5})
    void run_adwinOnStep_meanDelayBelowTheorem31Bound(double eps) {
        int bound = theoremBound(eps, N0, 0.002, 32);
        DelayStudy.Result r = DelayStudy.run(x -> Adwin.withDefaults(), bernoulliStep(eps, RUNS, 11L));
        int late = (int) Math.round((1 - r.detectedWithin(bound)) * RUNS);
        System.out.printf("adwin eps=%.2f bound=%d mean=%.1f median=%.1f missed=%d late=%d falseAlarms=%d%n", eps, bound, r.meanDelay(),
                r.medianDelay(), r.missed(), late, r.falseAlarms());
        assertTrue(r.meanDelay() < bound, "mean delay " + r.meanDelay() + " above the Theorem 3.1 bound " + bound);
        assertTrue(late <= LATE_ALLOWED, late + " of " + RUNS + " runs later than the bound " + bound);
    }

    /** The same check rejects a detector that tests for a cut only every 1024 observations (bound computed for 32). */
    @Test
    void run_adwinCheckingRarely_failsTheSameCheck() {
        int bound = theoremBound(0.3, N0, 0.002, 32);
        DelayStudy.Result r = DelayStudy.run(x -> Adwin.withDefaults().withClock(1024), bernoulliStep(0.3, RUNS, 11L));
        int late = (int) Math.round((1 - r.detectedWithin(bound)) * RUNS);
        assertTrue(r.meanDelay() >= bound || late > LATE_ALLOWED, "a slow detector passed: mean " + r.meanDelay() + ", late " + late);
    }

    @Test
    void theoremBound_knownInputs_closedFormValues() {
        // larger steps and longer in-control windows need fewer observations; a slower clock adds to the bound
        assertTrue(theoremBound(0.5, N0, 0.002, 32) < theoremBound(0.3, N0, 0.002, 32));
        assertTrue(theoremBound(0.3, 4 * N0, 0.002, 32) < theoremBound(0.3, N0, 0.002, 32));
        assertEquals(theoremBound(0.3, N0, 0.002, 32) + 96, theoremBound(0.3, N0, 0.002, 128));
        assertThrows(IllegalArgumentException.class, () -> theoremBound(0.05, N0, 0.002, 32));
    }

    /**
     * False alarms before the change, for ADWIN calibrated to ERT 3000 with a calibration horizon equal to the change
     * position (3000): the share of study runs with a false alarm and the calibration's alarms per simulated stream
     * estimate the same probability q from independent streams (400 and 300 of them). Their difference is checked
     * against 4 standard errors of the two-proportion comparison, sqrt(q (1 - q) (1/300 + 1/400)): a false rejection
     * has probability about 6e-5 (normal approximation). (On Bernoulli(0.2) data ADWIN cannot alarm more often than
     * about once per 2000 observations even at delta = 0.9, so shorter targets are not reachable.)
     */
    @Test
    void run_calibratedAdwin_falseAlarmsBeforeChangeMatchCalibratedRate() {
        Calibration.Result cal = calibrated();
        DelayStudy.Result r = DelayStudy.run(x -> cal.detector(Tunable.adwin(), x), bernoulliStep(0.3, 400, 99L));
        double qCal = (double) cal.alarms() / cal.runs();
        double qStudy = (double) r.runsWithFalseAlarm() / 400;
        System.out.printf("calibrated adwin delta=%.4g ERT=%.0f qCal=%.3f qStudy=%.3f rate=%.6f (1/ERT %.6f) mean delay %.1f%n", cal.value(),
                cal.estimatedErt(), qCal, qStudy, r.firstAlarmRate(), cal.falseAlarmRate(), r.meanDelay());
        assertTrue(Math.abs(qStudy - qCal) <= 4 * twoProportionSe(qCal, qStudy, cal.runs(), 400), qStudy + " vs calibrated " + qCal);
    }

    /** The same check rejects ADWIN left at its default delta = 0.002 instead of the calibrated value. */
    @Test
    void run_adwinNotAtCalibratedDelta_failsTheSameCheck() {
        Calibration.Result cal = calibrated();
        DelayStudy.Result r = DelayStudy.run(x -> Adwin.withDefaults(), bernoulliStep(0.3, 400, 99L));
        double qCal = (double) cal.alarms() / cal.runs();
        double qStudy = (double) r.runsWithFalseAlarm() / 400;
        assertTrue(Math.abs(qStudy - qCal) > 4 * twoProportionSe(qCal, qStudy, cal.runs(), 400), "a miscalibrated adwin passed: " + qStudy);
    }

    static Calibration.Result calibrated() {
        // horizon = 1 x 3000 = the change position, so the calibration and the study estimate the same probability
        return Calibration.calibrate(Tunable.adwin(), NullModel.bernoulli(P0), N0, new Calibration.Effort(300, 1, 18), 20251123L);
    }

    static double twoProportionSe(double q1, double q2, int n1, int n2) {
        double q = (q1 * n1 + q2 * n2) / (n1 + n2);
        return Math.sqrt(q * (1 - q) * (1.0 / n1 + 1.0 / n2));
    }

    @Test
    void stepStreams_sameSeed_sameStreamsForEveryDetector() {
        DelayStudy.StepStreams s = bernoulliStep(0.3, 5, 3L);
        assertArrayEquals(s.stream(2), bernoulliStep(0.3, 5, 3L).stream(2));
        double[] x = s.stream(0);
        assertEquals(N0 + 2000, x.length);
        assertThrows(IllegalArgumentException.class, () -> s.stream(5));
    }

    @Test
    void result_delays_meanMedianAndMisses() {
        Calibration.DelayDesign d = new Calibration.DelayDesign(100, 50, 5);
        DelayStudy.Result r = new DelayStudy.Result("x", d, 3, 2, 400, List.of(9, 1, 5));
        assertEquals(List.of(1, 5, 9), r.delays());
        assertEquals(5.0, r.meanDelay());
        // ordered with misses last: 1, 5, 9, miss, miss: the median is 9
        assertEquals(9.0, r.medianDelay());
        assertEquals(2, r.missed());
        assertEquals(0.4, r.missedRate());
        assertEquals(0.4, r.detectedWithin(5));
        assertEquals(2.0 / 400, r.firstAlarmRate());
        DelayStudy.Result even = new DelayStudy.Result("x", new Calibration.DelayDesign(100, 50, 4), 0, 0, 400, List.of(2, 4, 6, 8));
        assertEquals(5.0, even.medianDelay());
        DelayStudy.Result mostlyMissed = new DelayStudy.Result("x", d, 0, 0, 500, List.of(2, 4));
        assertEquals(Double.POSITIVE_INFINITY, mostlyMissed.medianDelay());
        assertThrows(IllegalArgumentException.class, () -> new DelayStudy.Result("x", d, 0, 0, 500, List.of(51)));
        assertThrows(IllegalArgumentException.class, () -> new DelayStudy.Result("x", d, 0, 6, 500, List.of()));
    }
}
