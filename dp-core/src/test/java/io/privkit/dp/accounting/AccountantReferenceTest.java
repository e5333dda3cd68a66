package io.privkit.dp.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The accountants against reference values from Google's dp_accounting, Microsoft's PRV
 * accountant and Opacus (provenance in the header of the test resource epsilons.csv), and against
 * closed forms.
 */
class AccountantReferenceTest {
    /** dp_accounting's default orders, to reproduce its RDP epsilons exactly. */
    static final List<Double> DP_ACCOUNTING_ORDERS = dpAccountingOrders();

    private static List<Double> dpAccountingOrders() {
        List<Double> o = new ArrayList<>();
        for (int i = 11; i <= 109; i++) {
            o.add(i / 10.0);
        }
        for (int i = 11; i <= 63; i++) {
            o.add((double) i);
        }
        o.addAll(List.of(128.0, 256.0, 512.0, 1024.0));
        return o;
    }

    /** The cells that take well under a second each; the full-grid test covers the rest. */
    private static boolean fast(ReferenceGrid.Row r) {
        if (r.steps() > 10_000) {
            return false;
        }
        if (r.kind().equals("dpsgd_grid") && r.sigma() < 1 && r.q() >= 0.05) {
            return false;
        }
        if (r.kind().equals("gaussian_composition") && r.sigma() < 2 && r.steps() > 1) {
            return false;
        }
        return !(r.kind().equals("laplace_composition") && r.steps() > 10);
    }

    @Test
    void pld_fastReferenceCells_neverBelowCertifiedLowerBound_within1PercentOfDpAccounting() {
        List<ReferenceGrid.Row> rows = ReferenceGrid.bundled().stream().filter(AccountantReferenceTest::fast).toList();
        assertTrue(rows.size() >= 50, "cells checked: " + rows.size());
        ReferenceChecks.assertNone(ReferenceChecks.checkPld(rows));
    }

    @Test
    void rdp_everyReferenceCell_atMostHalfPercentAboveBestReference_neverBelowLowerBound() {
        List<ReferenceGrid.Row> rows = ReferenceGrid.bundled();
        ReferenceChecks.assertNone(ReferenceChecks.checkRdp(rows));
    }

    @Test
    void rdp_dpAccountingOrders_reproduceItsEpsilon_exceptWhereItDroppedDivergentOrders() {
        RdpAccountant rdp = RdpAccountant.withDefaults().withOrders(DP_ACCOUNTING_ORDERS);
        int exact = 0;
        for (ReferenceGrid.Row r : ReferenceGrid.bundled()) {
            if (r.kind().equals("laplace_composition")) {
                continue;   // reported as min(RDP, pure bound); checked separately
            }
            double eps = rdp.account(r.event()).epsilon(r.delta());
            boolean divergent = !Double.isNaN(r.epsRdpOpacus()) && r.epsRdp() > 1.05 * r.epsRdpOpacus();
            if (divergent) {
                // dp_accounting fell back to a poor order; the fractional series here converges.
                assertTrue(eps < r.epsRdp() && eps <= 1.005 * r.epsRdpOpacus(), r + ": " + eps);
            } else {
                // Never above dp_accounting with its own orders. At fractional optimal orders dp_accounting
                // 0.6.0 reports slightly more than the exact Rényi divergence (up to 2e-4 relative on the
                // published anchors; Opacus matches the value here, and RdpMathTest checks it against
                // numerical integration), so the lower side is only a sanity band.
                double lowest = Double.isNaN(r.epsRdpOpacus()) ? r.epsRdp() : Math.min(r.epsRdp(), r.epsRdpOpacus());
                assertTrue(eps <= r.epsRdp() * (1 + 1e-9), r + ": " + eps + " above dp_accounting " + r.epsRdp());
                assertTrue(eps >= lowest * (1 - 1e-3), r + ": " + eps + " far below the references " + lowest);
                exact++;
            }
        }
        assertTrue(exact >= 60, "cells checked: " + exact);
    }

    @Test
    void exactGaussian_gaussianCompositionCells_matchAnalyticGaussianAndNeverBelowIt() {
        ExactGaussianAccountant exact = ExactGaussianAccountant.withDefaults();
        for (ReferenceGrid.Row r : ReferenceGrid.bundled()) {
            if (!r.kind().equals("gaussian_composition")) {
                continue;
            }
            double eps = exact.account(r.event()).epsilon(r.delta());
            assertEquals(r.epsExact(), eps, 1e-9 * r.epsExact(), r.toString());
            assertTrue(eps >= r.epsExact() * (1 - 1e-12), r + ": below the analytic value");
            assertTrue(eps <= r.epsClosedFormBound(), r + ": above the zCDP bound");
        }
    }

    @Test
    void pld_gaussianCells_neverBelowExactGaussian() {
        // Pessimism: the discretised distribution never reports less than the exact analytic value.
        PldAccountant pld = PrivacyAccountant.pld();
        for (ReferenceGrid.Row r : ReferenceGrid.bundled()) {
            if (r.kind().equals("gaussian_composition") && r.sigma() == 4.0) {
                double eps = pld.account(r.event()).epsilon(r.delta());
                assertTrue(eps >= r.epsExact(), r + ": " + eps + " < " + r.epsExact());
                assertTrue(eps <= r.epsExact() + 2e-4, r + ": " + eps + " too loose");
            }
        }
    }

    @Test
    void laplace_singleRelease_neverReportedAboveItsEpsilon() {
        DpEvent one = DpEvent.laplace(1.0);
        for (PrivacyAccountant a : List.<PrivacyAccountant>of(PrivacyAccountant.pld(), PrivacyAccountant.rdp())) {
            PrivacyGuarantee g = a.account(one);
            assertEquals(1.0, g.epsilon(0), 0, a.kind() + " at delta 0");
            for (double delta : new double[] {1e-5, 1e-6, 1e-9}) {
                assertTrue(g.epsilon(delta) <= 1.0, a.kind() + " at " + delta + ": " + g.epsilon(delta));
            }
        }
        // The PLD value is the exact one, 1/b + 2 ln(1 - delta), never below it.
        for (ReferenceGrid.Row r : ReferenceGrid.bundled()) {
            if (r.kind().equals("laplace_composition") && r.steps() == 1) {
                double eps = PrivacyAccountant.pld().account(r.event()).epsilon(r.delta());
                assertTrue(eps >= r.epsExact() && eps <= r.epsExact() + 1e-6, r + ": " + eps);
            }
        }
    }

    @Test
    void pld_extremeComposition_finiteAndMonotoneInDelta_whereDpAccountingUnderflows() {
        // dp_accounting returned +inf at delta = 1e-5 but 735 at 1e-6 for this event.
        DpEvent e = DpEvent.gaussian(1.1).poissonSampled(0.1).selfComposed(100_000);
        PrivacyGuarantee g = PrivacyAccountant.pld().account(e);
        double previous = 0;
        for (double delta : new double[] {1e-3, 1e-4, 1e-5, 1e-6, 1e-7}) {
            double eps = g.epsilon(delta);
            assertTrue(Double.isFinite(eps), "epsilon at " + delta);
            assertTrue(eps >= previous, "epsilon must not decrease as delta shrinks: " + eps + " < " + previous);
            previous = eps;
        }
        double rdp = PrivacyAccountant.rdp().account(e).epsilon(1e-5);
        double pld = g.epsilon(1e-5);
        assertTrue(pld <= rdp && pld > 0.8 * rdp, "PLD " + pld + " vs RDP " + rdp);
    }
}
