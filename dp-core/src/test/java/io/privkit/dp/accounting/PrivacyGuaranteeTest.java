package io.privkit.dp.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.evidence.PrivacyBudgetEvidence;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrivacyGuaranteeTest {

    @Test
    void gaussianDp_ofAGaussianMechanism_isOneOverNoiseMultiplier() {
        PrivacyGuarantee g = ExactGaussianAccountant.withDefaults().account(DpEvent.gaussian(2.0).selfComposed(4));
        PrivacyBudgetEvidence.GaussianDp fit = g.gaussianDp().orElseThrow();
        assertEquals(1.0, fit.mu(), 1e-6, "mu = sqrt(4)/2");
        assertTrue(fit.fitError() < 1e-6, "fit error " + fit.fitError());
    }

    @Test
    void gaussianDp_ofDpSgd_liesAboveTheProfile() {
        PrivacyGuarantee g = PrivacyAccountant.pld().account(DpEvent.gaussian(1.1).poissonSampled(0.01).selfComposed(1000));
        PrivacyBudgetEvidence.GaussianDp fit = g.gaussianDp().orElseThrow();
        for (double eps = 0; eps < 3; eps += 0.05) {
            assertTrue(Gdp.delta(fit.mu(), eps) >= g.delta(eps) * (1 - 1e-9), "mu-GDP must lie above at " + eps);
        }
        // The central-limit mu q sqrt(T (e^{1/z^2} - 1)) is not a bound: the subsampled Gaussian's tail is
        // heavier than any Gaussian's, so the dominating mu is larger.
        double clt = 0.01 * Math.sqrt(1000 * Math.expm1(1 / (1.1 * 1.1)));
        assertTrue(fit.mu() > clt && fit.mu() < 1.5 * clt, fit.mu() + " vs CLT " + clt);
    }

    @Test
    void attackBounds_pureEpsilon_matchTheHypothesisTestingRegion() {
        PrivacyGuarantee g = PrivacyAccountant.pld().account(DpEvent.epsilonDelta(1.0, 0));
        // (epsilon, 0)-DP: TPR <= min(e^eps FPR, 1 - e^-eps (1 - FPR)); advantage <= tanh(eps / 2).
        for (double fpr : new double[] {0.001, 0.01, 0.1, 0.5}) {
            double expected = Math.min(Math.E * fpr, 1 - Math.exp(-1) * (1 - fpr));
            double bound = g.maxTruePositiveRate(fpr);
            assertTrue(bound >= expected, "never below the exact region at " + fpr);
            assertEquals(expected, bound, 2e-3 * expected, "at " + fpr);
        }
        assertEquals(Math.tanh(0.5), g.maxAdvantage(), 1e-3);
    }

    @Test
    void attackBounds_laplace_advantageIsTotalVariation() {
        PrivacyGuarantee g = PrivacyAccountant.pld().account(DpEvent.laplace(1.0));
        assertEquals(1 - Math.exp(-0.5), g.maxAdvantage(), 1e-4);
        assertTrue(g.maxAdvantage() >= 1 - Math.exp(-0.5));
    }

    @Test
    void attackStatement_quotesUpperBoundsRoundedUp() {
        PrivacyGuarantee g = PrivacyAccountant.pld().account(DpEvent.epsilonDelta(1.0, 0));
        String s = g.attackStatement("person's record");
        assertTrue(s.startsWith("An attacker trying to tell whether a given person's record was used can succeed with at most a "
                + "2.8% true-positive rate at a 1% false-positive rate (0.28% at 0.1%)"), s);
        assertTrue(s.endsWith("is at most 47%."), s);
    }

    @Test
    void profile_isNonIncreasingInDelta_andValidatesInput() {
        PrivacyGuarantee g = PrivacyAccountant.rdp().account(DpEvent.gaussian(0.9).poissonSampled(0.02).selfComposed(500));
        List<PrivacyBudgetEvidence.ProfilePoint> p = g.profile();
        for (int i = 1; i < p.size(); i++) {
            assertTrue(p.get(i).epsilon() >= p.get(i - 1).epsilon(), "smaller delta, larger epsilon");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.epsilon(1.0));
        assertTrue(e.getMessage().startsWith("delta must be in [0, 1); got 1.0."), e.getMessage());
    }

    @Test
    void slack_raisesEpsilonByTwiceTheLogRatio() {
        DpEvent ideal = DpEvent.gaussian(1.0).poissonSampled(0.01).selfComposed(1000);
        DpEvent withSlack = new DpEvent.SamplerSlack(ideal, 1e-3, 1e-12);
        for (PrivacyAccountant a : List.<PrivacyAccountant>of(PrivacyAccountant.pld(), PrivacyAccountant.rdp())) {
            double e0 = a.account(ideal).epsilon(1e-5);
            double e1 = a.account(withSlack).epsilon(1e-5);
            assertTrue(e1 >= e0 + 2e-3, a.kind() + ": " + e1 + " vs " + e0);
            // plus a little for delta shrinking by e^-eta
            assertTrue(e1 <= e0 + 2.5e-3, a.kind() + ": " + e1 + " vs " + e0);
        }
    }

    @Test
    void discreteGaussian_fineGrid_accountedThroughTheRoundedGaussianWithSlack() {
        DpEvent discrete = new DpEvent.DiscreteGaussian(1.1 * (1L << 30), 1L << 30);
        double viaDiscrete = PrivacyAccountant.pld().account(discrete).epsilon(1e-5);
        double continuous = ExactGaussianAccountant.withDefaults().account(DpEvent.gaussian(1.1)).epsilon(1e-5);
        assertTrue(viaDiscrete >= continuous && viaDiscrete <= continuous + 1e-3, viaDiscrete + " vs " + continuous);
        // Small sigma: exact; the RDP bound alpha Delta^2/(2 sigma^2) (Canonne, Kamath, Steinke) is looser.
        DpEvent small = new DpEvent.DiscreteGaussian(3.0, 1);
        assertTrue(PrivacyAccountant.pld().account(small).epsilon(1e-5) <= PrivacyAccountant.rdp().account(small).epsilon(1e-5));
    }

    @Test
    void samplingWithoutReplacement_rdpUnderReplaceOne_amplifies_pldRefusesClearly() {
        RdpAccountant rdp = PrivacyAccountant.rdp().with(NeighboringRelation.REPLACE_ONE);
        DpEvent sampled = DpEvent.gaussian(1.0).sampledWithoutReplacement(10_000, 100).selfComposed(100);
        double amplified = rdp.account(sampled).epsilon(1e-5);
        double full = rdp.account(DpEvent.gaussian(1.0).selfComposed(100)).epsilon(1e-5);
        assertTrue(amplified < full / 5, amplified + " vs " + full);
        UnsupportedEventException e = assertThrows(UnsupportedEventException.class,
                () -> PrivacyAccountant.pld().with(NeighboringRelation.REPLACE_ONE).account(sampled));
        assertTrue(e.getMessage().contains("Use the RDP accountant"), e.getMessage());
        UnsupportedEventException p = assertThrows(UnsupportedEventException.class,
                () -> rdp.account(DpEvent.gaussian(1.0).poissonSampled(0.01)));
        assertTrue(p.getMessage().startsWith("dpEvent must be an event this accountant supports; got Poisson sampling under REPLACE_ONE"),
                p.getMessage());
    }

    @Test
    void approximateParts_composeByBasicComposition_onTopOfRdp() {
        DpEvent mixed = DpEvent.gaussian(2.0).composedWith(DpEvent.epsilonDelta(0.3, 1e-7));
        double rdp = PrivacyAccountant.rdp().account(mixed).epsilon(1e-5);
        double gaussOnly = PrivacyAccountant.rdp().account(DpEvent.gaussian(2.0)).epsilon(1e-5 - 1e-7);
        assertEquals(gaussOnly + 0.3, rdp, 1e-6);
        double pld = PrivacyAccountant.pld().account(mixed).epsilon(1e-5);
        assertTrue(pld < rdp, "PLD composes the (epsilon, delta) part tightly: " + pld + " vs " + rdp);
    }
}
