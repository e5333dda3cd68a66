package io.privkit.dp.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PldTest {

    /** Slow reference path: T-fold composition by repeated direct convolution, no truncation. */
    private static Pld naiveSelfCompose(Pld p, int count) {
        double[] acc = {1};
        long offset = 0;
        for (int t = 0; t < count; t++) {
            double[] next = new double[acc.length + p.pmf.length - 1];
            for (int i = 0; i < acc.length; i++) {
                for (int j = 0; j < p.pmf.length; j++) {
                    next[i + j] += acc[i] * p.pmf[j];
                }
            }
            acc = next;
            offset += p.offset;
        }
        double inf = 1 - Math.pow(1 - p.infinity, count);
        return new Pld(p.h, offset, acc, inf);
    }

    @Test
    void selfCompose_fftPower_matchesRepeatedDirectConvolution() {
        double h = 0.01;
        Pld single = Pld.connectTheDots(PldMechanisms.gaussian(1.5, 0.2, PldMechanisms.Direction.REMOVE), h);
        Pld fast = single.selfCompose(40);
        Pld slow = naiveSelfCompose(single, 40);
        for (double eps = 0; eps <= 3; eps += 0.037) {
            double f = fast.delta(eps);
            double s = slow.delta(eps);
            assertEquals(s, f, 1e-12 + 1e-9 * s, "delta at " + eps);
            assertTrue(f >= s - 1e-15, "the fast path must not report less at " + eps);
        }
        assertEquals(slow.epsilon(1e-5), fast.epsilon(1e-5), 1e-9);
    }

    @Test
    void accountant_fftComposition_matchesDirectReferenceComposition() {
        DpEvent e = DpEvent.gaussian(2.0).poissonSampled(0.02).selfComposed(200);
        PldAccountant fast = PrivacyAccountant.pld().withDiscretisation(2e-3);
        PldAccountant slow = fast.withComposition(PldAccountant.Composition.DIRECT);
        for (double delta : new double[] {1e-4, 1e-6, 1e-8}) {
            double f = fast.account(e).epsilon(delta);
            double s = slow.account(e).epsilon(delta);
            // The FFT path adds its truncated tail (1e-18) and rounding allowance to the mass at infinity.
            assertEquals(s, f, 1e-6 * s, "at " + delta);
            assertTrue(f >= s * (1 - 1e-12), "the fast path must not report less at " + delta);
        }
    }

    @Test
    void compose_matchesSelfCompose() {
        Pld single = Pld.connectTheDots(PldMechanisms.laplace(2.0, 1, PldMechanisms.Direction.REMOVE), 1e-3);
        Pld twice = single.compose(single).compose(single);
        Pld three = single.selfCompose(3);
        for (double eps : new double[] {0, 0.3, 0.9, 1.4}) {
            assertEquals(twice.delta(eps), three.delta(eps), 1e-12, "delta at " + eps);
        }
    }

    @Test
    void connectTheDots_isPessimisticEverywhere_andExactAtGridPoints() {
        double h = 0.05;   // coarse, so that points between the grid are really tested
        Pld.Monotone m = PldMechanisms.gaussian(0.9, 0.1, PldMechanisms.Direction.REMOVE);
        Pld p = Pld.connectTheDots(m, h);
        Random r = new Random(5);
        for (int i = 0; i < 2000; i++) {
            double eps = r.nextDouble() * 4;
            assertTrue(p.delta(eps) >= m.delta(eps) - 1e-15, "below the true profile at " + eps);
        }
        for (int k = 1; k < 60; k++) {
            assertEquals(m.delta(k * h), p.delta(k * h), 1e-12, "at grid point " + k * h);
        }
    }

    @Test
    void epsilonOfDelta_isTheExactInverseOfDeltaOfEpsilon() {
        Pld p = Pld.connectTheDots(PldMechanisms.gaussian(1.1, 0.01, PldMechanisms.Direction.ADD), 1e-4).selfCompose(1000);
        for (double delta : new double[] {1e-3, 1e-5, 1e-7, 1e-9}) {
            double eps = p.epsilon(delta);
            assertTrue(p.delta(eps) <= delta * (1 + 1e-9), "delta(epsilon(d)) <= d at " + delta);
            assertTrue(p.delta(eps - 1e-6) > delta, "epsilon(d) is the smallest at " + delta);
        }
    }

    @Test
    void discreteLaplacePld_onAFineGrid_isCloseToLaplace_butNeverBelowIt() {
        // Sensitivity 1e6 units of scale 1e6: the discrete Laplace puts a little more mass on the top
        // loss than the continuous one, so its profile lies just above.
        Pld d = Pld.connectTheDots(PldMechanisms.discreteLaplace(1e6, 1_000_000), 1e-4);
        Pld c = Pld.connectTheDots(PldMechanisms.laplace(1.0, 1, PldMechanisms.Direction.REMOVE), 1e-4);
        for (double eps : new double[] {0, 0.2, 0.5, 0.9}) {
            assertEquals(c.delta(eps), d.delta(eps), 1e-5, "at " + eps);
            assertTrue(d.delta(eps) >= c.delta(eps) - 1e-12);
        }
    }

    @Test
    void discreteGaussianPld_exact_matchesDirectSumOfHockeyStick() {
        double sigma = 3.0;
        long delta = 2;
        Pld.Monotone m = PldMechanisms.discreteGaussian(sigma, delta);
        double z = 0;
        for (int y = -200; y <= 200; y++) {
            z += Math.exp(-y * (double) y / (2 * sigma * sigma));
        }
        for (double eps : new double[] {0, 0.1, 0.5, 1.0}) {
            double direct = 0;
            for (int y = -200; y <= 200; y++) {
                double p = Math.exp(-y * (double) y / (2 * sigma * sigma)) / z;
                double q = Math.exp(-(y - delta) * (double) (y - delta) / (2 * sigma * sigma)) / z;
                direct += Math.max(0, p - Math.exp(eps) * q);
            }
            assertEquals(direct, m.delta(eps), 1e-14, "at " + eps);
        }
    }
}
