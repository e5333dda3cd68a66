package io.privkit.drift.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.evidence.DriftEvidence;
import io.privkit.evidence.EvidenceHeader;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.Subject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Calibration to a target expected run time (ERT), checked on fresh null streams.
 *
 * <p>Tolerance: the calibrated ERT is estimated from about 190 alarms (relative standard error about 7%), and the
 * check counts about N/ERT alarms on fresh streams (about 6%); the difference has a relative standard deviation below
 * 10%, so a tolerance of 40% is four standard deviations: a false rejection has probability below 1e-4 (normal
 * approximation). The sibling tests show the same check rejects a detector calibrated to a quarter of the ERT.
 */
class CalibrationTest {
    static final double TARGET = 300;
    static final double TOLERANCE = 0.40;
    static final Calibration.Effort EFFORT = new Calibration.Effort(200, 4, 18);

    static Stream<Arguments> detectors() {
        return Stream.of(
                Arguments.of(Tunable.pageHinkley(), NullModel.gaussian()),
                Arguments.of(Tunable.cusum(), NullModel.gaussian()),
                Arguments.of(Tunable.kswin(), NullModel.gaussian()),
                Arguments.of(Tunable.ddm(), NullModel.bernoulli(0.2)),
                Arguments.of(Tunable.eddm(), NullModel.bernoulli(0.2)),
                Arguments.of(Tunable.hddmA(), NullModel.bernoulli(0.2)),
                Arguments.of(Tunable.hddmW(), NullModel.bernoulli(0.2)));
    }

    /**
     * ADWIN never alarms more often than about once per 600 observations on N(0, 1) (its minimum sub-windows and clock),
     * so it is calibrated to 1000.
     */
    @Test
    void calibrate_adwinNullStreams_falseAlarmRateMatchesTarget() {
        Calibration.Result cal = Calibration.calibrate(Tunable.adwin(), NullModel.gaussian(), 1000, new Calibration.Effort(200, 4, 18),
                20251123L);
        assertTrue(Math.abs(cal.estimatedErt() / 1000 - 1) < 0.25, "adwin ERT " + cal.estimatedErt());
        double[] fresh = Calibration.estimate(Tunable.adwin(), cal.value(), NullModel.gaussian(), 300, 4000, 987654321L);
        double ratio = fresh[1] / (fresh[2] / cal.estimatedErt());
        assertTrue(Math.abs(ratio - 1) <= TOLERANCE, "adwin observed/expected " + ratio);
        Calibration.Result wrong = Calibration.calibrate(Tunable.adwin(), NullModel.gaussian(), 4000, new Calibration.Effort(200, 2, 18),
                20251123L);
        double[] few = Calibration.estimate(Tunable.adwin(), wrong.value(), NullModel.gaussian(), 300, 4000, 987654321L);
        assertTrue(Math.abs(few[1] / (few[2] / 1000) - 1) > TOLERANCE, "a miscalibrated adwin passed");
    }

    /** alarms observed on fresh null streams divided by alarms expected at the calibrated rate. */
    static double observedOverExpected(Tunable t, NullModel m, Calibration.Result cal) {
        double[] fresh = Calibration.estimate(t, cal.value(), m, 300, (long) (4 * TARGET), 987654321L);
        double expected = fresh[2] / cal.estimatedErt();
        return fresh[1] / expected;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void calibrate_nullStreams_falseAlarmRateMatchesTarget(Tunable t, NullModel m) {
        Calibration.Result cal = Calibration.calibrate(t, m, TARGET, EFFORT, 20251123L);
        // discrete statistics (KSWIN's 30-vs-30 KS, DDM's counts) reach only some ERTs: the record reports the one reached
        assertTrue(Math.abs(cal.estimatedErt() / TARGET - 1) < 0.35,
                t.detector() + ": calibrated ERT " + cal.estimatedErt() + " at " + t.parameter() + "=" + cal.value());
        double ratio = observedOverExpected(t, m, cal);
        assertTrue(Math.abs(ratio - 1) <= TOLERANCE, t.detector() + ": observed/expected alarms " + ratio);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void calibrate_toAQuarterOfTheTarget_rejectedBySameCheck(Tunable t, NullModel m) {
        Calibration.Result wrong = Calibration.calibrate(t, m, TARGET / 4, EFFORT, 20251123L);
        // judged against the target rate: about four times too many alarms
        double[] fresh = Calibration.estimate(t, wrong.value(), m, 300, (long) (4 * TARGET), 987654321L);
        double ratio = fresh[1] / (fresh[2] / TARGET);
        assertTrue(Math.abs(ratio - 1) > TOLERANCE, t.detector() + ": a miscalibrated detector passed (ratio " + ratio + ")");
    }

    static Stream<Arguments> delays() {
        return Stream.of(
                Arguments.of(Tunable.adwin(), NullModel.gaussian(), NullModel.gaussian().shifted(1.0), 120.0),
                Arguments.of(Tunable.pageHinkley(), NullModel.gaussian(), NullModel.gaussian().shifted(1.0), 120.0),
                Arguments.of(Tunable.cusum(), NullModel.gaussian(), NullModel.gaussian().shifted(1.0), 60.0),
                Arguments.of(Tunable.kswin(), NullModel.gaussian(), NullModel.gaussian().shifted(1.0), 120.0),
                Arguments.of(Tunable.ddm(), NullModel.bernoulli(0.2), NullModel.bernoulli(0.5), 300.0),
                Arguments.of(Tunable.eddm(), NullModel.bernoulli(0.2), NullModel.bernoulli(0.5), 600.0),
                Arguments.of(Tunable.hddmA(), NullModel.bernoulli(0.2), NullModel.bernoulli(0.5), 300.0),
                Arguments.of(Tunable.hddmW(), NullModel.bernoulli(0.2), NullModel.bernoulli(0.5), 300.0));
    }

    /**
     * Detection delay on a step change after calibration to ERT 1000: every detector finds the change in most runs, far
     * sooner than its ERT. The bounds are generous multiples of the delays measured (reported in the test output).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("delays")
    void detectionDelay_stepChange_detectedQuickly(Tunable t, NullModel before, NullModel after, double maxDelay) {
        Calibration.Result cal = Calibration.calibrate(t, before, 1000, new Calibration.Effort(100, 3, 16), 7L);
        double[] d = Calibration.detectionDelay(r -> cal.detector(t, r), before, after, new Calibration.DelayDesign(300, 3000, 60), 8L);
        System.out.printf("%s: %s=%.4g ERT=%.0f delay=%.1f detected=%.2f%n", t.detector(), t.parameter(), cal.value(), cal.estimatedErt(),
                d[0], d[1]);
        assertTrue(d[1] >= 0.9, t.detector() + " detected only " + d[1]);
        assertTrue(d[0] <= maxDelay, t.detector() + " mean delay " + d[0]);
    }

    @Test
    void monitor_evidence_recordsCalibrationAndAlarms() {
        Calibration.Result cal = Calibration.calibrate(Tunable.cusum(), NullModel.gaussian(), 500, new Calibration.Effort(100, 3, 14), 1L);
        StreamMonitor m = StreamMonitor.of("score", cal.detector(Tunable.cusum(), Randomness.insecureSeeded(2)), cal);
        Randomness r = Randomness.insecureSeeded(3);
        for (int i = 0; i < 400; i++) {
            m.update(NullModel.gaussian().next(r));
        }
        for (int i = 0; i < 200; i++) {
            m.update(NullModel.gaussian().shifted(2).next(r));
        }
        assertTrue(m.alarms().stream().anyMatch(a -> a > 400), m.alarms().toString());
        DriftEvidence e = m.evidence(EvidenceHeader.builder().subject(Subject.system("scoring")));
        assertEquals("cusum", e.streaming().detector());
        assertEquals(cal.estimatedErt(), e.streaming().expectedRunTime());
        assertEquals("h", e.streaming().parameters().get("calibratedParameter"));
        assertEquals("1", e.streaming().parameters().get("simulationSeed"));
        assertEquals(Double.toString(cal.value()), e.streaming().parameters().get("h"));
        assertEquals(EvidenceJson.read(EvidenceJson.write(e)), e);
    }

    @Test
    void detectors_badInput_rejectedWithoutStateChange() {
        Ddm d = Ddm.withDefaults();
        assertThrows(IllegalArgumentException.class, () -> d.update(0.5));
        assertEquals(0, d.observations());
        Adwin a = Adwin.withDefaults();
        assertThrows(IllegalArgumentException.class, () -> a.update(Double.NaN));
        assertEquals(0, a.width());
    }

    @Test
    void adwin_stepChange_shrinksWindowToNewConcept() {
        Adwin a = Adwin.withDefaults();
        Randomness r = Randomness.insecureSeeded(5);
        List<Integer> alarms = new java.util.ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            double x = (i < 2000 ? 0 : 3) + NullModel.gaussian().next(r);
            if (a.update(x) == ChangeDetector.Signal.DRIFT) {
                alarms.add(i);
            }
        }
        assertTrue(alarms.stream().anyMatch(i -> i >= 2000 && i < 2100), alarms.toString());
        assertTrue(a.width() < 2100, "window " + a.width());
        assertEquals(3.0, a.mean(), 0.15);
    }
}
