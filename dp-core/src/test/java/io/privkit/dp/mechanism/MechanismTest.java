package io.privkit.dp.mechanism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.dp.accounting.PrivacyAccountant;
import io.privkit.dp.accounting.PrivacyTarget;
import java.util.List;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

class MechanismTest {
    /** Pearson chi-square at false-rejection probability 1e-6. */
    private static boolean chiSquareRejects(long[] counts, double[] p) {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        double stat = 0;
        for (int i = 0; i < counts.length; i++) {
            double e = p[i] * n;
            stat += (counts[i] - e) * (counts[i] - e) / e;
        }
        return stat > ChiSquaredDistribution.of(counts.length - 1).inverseSurvivalProbability(1e-6);
    }

    private static double[] exponentialProbabilities(double[] u, double epsilon, double sensitivity) {
        double[] p = new double[u.length];
        double z = 0;
        for (int i = 0; i < u.length; i++) {
            p[i] = Math.exp(epsilon * u[i] / (2 * sensitivity));
            z += p[i];
        }
        for (int i = 0; i < u.length; i++) {
            p[i] /= z;
        }
        return p;
    }

    @Test
    void exponentialMechanism_selectionFrequencies_matchExpOfScaledUtility_wrongEpsilonRejected() {
        List<String> c = List.of("a", "b", "c", "d", "e");
        double[] u = {0, -1, -2.5, -4, -0.5};
        ExponentialMechanism m = ExponentialMechanism.of(1.2, 1.0);
        Randomness r = Randomness.insecureSeeded(61);
        long[] counts = new long[5];
        for (int i = 0; i < 100_000; i++) {
            counts[c.indexOf(m.select(c, x -> u[c.indexOf(x)], r).value())]++;
        }
        assertFalse(chiSquareRejects(counts, exponentialProbabilities(u, 1.2, 1.0)));
        assertTrue(chiSquareRejects(counts, exponentialProbabilities(u, 1.5, 1.0)), "a 25% wrong epsilon must be detected");
    }

    @Test
    void exponentialMechanism_nonFiniteUtility_rejected() {
        ExponentialMechanism m = ExponentialMechanism.of(1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.select(List.of(1, 2), x -> x == 2 ? Double.NaN : 0, Randomness.insecureSeeded(1)));
        assertTrue(e.getMessage().startsWith("utility(candidates[1]) must be finite; got NaN."), e.getMessage());
    }

    @Test
    void randomizedResponse_keepsWithCalibratedProbability_andNeverExceedsEpsilon() {
        RandomizedResponse rr = RandomizedResponse.of(1.0, 4);
        double p = rr.keepProbability();
        double exact = Math.E / (Math.E + 3);
        assertTrue(p <= exact && p > exact - 1e-14, "p' = " + p);
        assertTrue(Math.log(p * 3 / (1 - p)) <= 1.0);
        Randomness r = Randomness.insecureSeeded(62);
        long[] counts = new long[4];
        for (int i = 0; i < 100_000; i++) {
            counts[rr.respond(2, r).value()]++;
        }
        double q = (1 - p) / 3;
        assertFalse(chiSquareRejects(counts, new double[] {q, q, p, q}));
        double pw = Math.exp(1.3) / (Math.exp(1.3) + 3);
        double qw = (1 - pw) / 3;
        assertTrue(chiSquareRejects(counts, new double[] {qw, qw, pw, qw}), "a wrong epsilon must be detected");
        double[] f = rr.unbiasedFrequencies(counts);
        assertEquals(1.0, f[2], 0.02);
    }

    @Test
    void gaussianMechanism_analyticCalibration_meetsTargetWithTheBalleWangSigma() {
        GaussianMechanism g = GaussianMechanism.calibrated(1.0, PrivacyTarget.epsilon(1.0).atDelta(1e-5));
        assertEquals(3.73, g.standardDeviation(), 0.01);
        assertTrue(PrivacyAccountant.pld().account(g.event()).epsilon(1e-5) <= 1.0 + 1e-3);
        assertTrue(io.privkit.dp.accounting.ExactGaussianAccountant.withDefaults().account(g.event()).epsilon(1e-5) <= 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMechanism.calibrated(1.0, PrivacyTarget.epsilon(1.0).atDelta(0)));
        assertTrue(e.getMessage().startsWith("delta must be > 0 for the Gaussian mechanism"), e.getMessage());
    }

    @Test
    void laplaceMechanism_eventIsExactlyItsEpsilon() {
        LaplaceMechanism l = LaplaceMechanism.of(2.0, 0.5);
        assertTrue(PrivacyAccountant.pld().account(l.event()).epsilon(0) <= 0.5);
        assertTrue(PrivacyAccountant.rdp().account(l.event()).epsilon(1e-6) <= 0.5);
        assertEquals(4.0, l.scale(), 1e-9);
    }
}
