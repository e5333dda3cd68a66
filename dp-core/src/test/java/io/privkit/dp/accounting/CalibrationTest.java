package io.privkit.dp.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CalibrationTest {
    private static final PrivacyTarget TARGET = PrivacyTarget.epsilon(2.0).atDelta(1e-5);

    @Test
    void noiseMultiplier_neverOvershoots_andIsNearlySmallest() {
        for (PrivacyAccountant a : new PrivacyAccountant[] {PrivacyAccountant.pld(), PrivacyAccountant.rdp()}) {
            Calibration.Result r = Calibration.noiseMultiplier(a, z -> DpEvent.gaussian(z).poissonSampled(0.01).selfComposed(2000), TARGET);
            double check = a.account(DpEvent.gaussian(r.value()).poissonSampled(0.01).selfComposed(2000)).epsilon(1e-5);
            assertEquals(check, r.epsilon(), 0);
            assertTrue(r.epsilon() <= 2.0, a.kind() + ": " + r);
            double smaller = r.value() * (1 - 3 * Calibration.RELATIVE_TOLERANCE);
            assertTrue(a.account(DpEvent.gaussian(smaller).poissonSampled(0.01).selfComposed(2000)).epsilon(1e-5) > 2.0,
                    a.kind() + ": a slightly smaller multiplier must exceed the target");
        }
    }

    @Test
    void noiseMultiplier_singleGaussian_matchesAnalyticCalibration() {
        // Balle-Wang: the smallest sigma for (1, 1e-5) with sensitivity 1 is about 3.73.
        Calibration.Result r = Calibration.noiseMultiplier(ExactGaussianAccountant.withDefaults(), DpEvent::gaussian,
                PrivacyTarget.epsilon(1.0).atDelta(1e-5));
        assertTrue(r.epsilon() <= 1.0);
        assertEquals(3.73, r.value(), 0.01);
    }

    @Test
    void steps_isTheLargestCountWithinTarget() {
        RdpAccountant rdp = PrivacyAccountant.rdp();
        Calibration.Result r = Calibration.steps(rdp, t -> DpEvent.gaussian(1.0).poissonSampled(0.01).selfComposed(t), TARGET);
        long t = (long) r.value();
        assertTrue(r.epsilon() <= 2.0);
        assertTrue(rdp.account(DpEvent.gaussian(1.0).poissonSampled(0.01).selfComposed(t + 1)).epsilon(1e-5) > 2.0);
    }

    @Test
    void samplingProbability_isTheLargestRateWithinTarget() {
        RdpAccountant rdp = PrivacyAccountant.rdp();
        Calibration.Result r = Calibration.samplingProbability(rdp, q -> DpEvent.gaussian(1.0).poissonSampled(q).selfComposed(1000), TARGET);
        assertTrue(r.epsilon() <= 2.0);
        double larger = r.value() * (1 + 3 * Calibration.RELATIVE_TOLERANCE);
        assertTrue(rdp.account(DpEvent.gaussian(1.0).poissonSampled(larger).selfComposed(1000)).epsilon(1e-5) > 2.0);
    }

    @Test
    void unreachableTargets_clearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Calibration.steps(
                PrivacyAccountant.rdp(), t -> DpEvent.laplace(0.1).selfComposed(t), PrivacyTarget.epsilon(1).atDelta(1e-5)));
        assertTrue(e.getMessage().startsWith("targetEpsilon must be at least the epsilon of one step"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PrivacyTarget.epsilon(0));
        assertTrue(e.getMessage().startsWith("targetEpsilon must be a finite number > 0; got 0.0."), e.getMessage());
    }
}
