package io.privkit.dp.accounting;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

/** The correctness bar of the accountants against the reference grid, shared by the bundled and full-grid tests. */
final class ReferenceChecks {
    private ReferenceChecks() {
    }

    /**
     * PLD: never below the PRV accountant's certified lower bound; never above dp_accounting's PLD
     * by more than 1% (and finite where dp_accounting is not); for reference values up to 50, within
     * max(1e-3·ε, 1e-3) of dp_accounting (the same pessimistic method).
     */
    static List<String> checkPld(List<ReferenceGrid.Row> rows) {
        List<String> failures = new ArrayList<>();
        PldAccountant pld = PrivacyAccountant.pld();
        for (ReferenceGrid.Row row : rows) {
            double eps = pld.account(row.event()).epsilon(row.delta());
            if (!Double.isFinite(eps)) {
                failures.add(row + ": PLD epsilon " + eps);
                continue;
            }
            if (!Double.isNaN(row.epsPrvLower()) && eps < row.epsPrvLower()) {
                failures.add(row + ": PLD " + eps + " below the certified lower bound " + row.epsPrvLower());
            }
            if (Double.isFinite(row.epsPld()) && eps > 1.01 * row.epsPld()) {
                failures.add(row + ": PLD " + eps + " more than 1% above dp_accounting " + row.epsPld());
            }
            if (row.epsPld() <= 50 && Math.abs(eps - row.epsPld()) > Math.max(1e-3 * row.epsPld(), 1e-3)) {
                failures.add(row + ": PLD " + eps + " differs from dp_accounting " + row.epsPld());
            }
        }
        return failures;
    }

    /**
     * RDP: at most 0.5% above the better of dp_accounting's and Opacus's RDP epsilons, and never
     * below the certified lower bound.
     */
    static List<String> checkRdp(List<ReferenceGrid.Row> rows) {
        List<String> failures = new ArrayList<>();
        RdpAccountant rdp = PrivacyAccountant.rdp();
        for (ReferenceGrid.Row row : rows) {
            double eps = rdp.account(row.event()).epsilon(row.delta());
            if (eps > 1.005 * row.bestReferenceRdp()) {
                failures.add(row + ": RDP " + eps + " more than 0.5% above " + row.bestReferenceRdp());
            }
            if (!Double.isNaN(row.epsPrvLower()) && eps < row.epsPrvLower()) {
                failures.add(row + ": RDP " + eps + " below the certified lower bound " + row.epsPrvLower());
            }
        }
        return failures;
    }

    static void assertNone(List<String> failures) {
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
    }
}
