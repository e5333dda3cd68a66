package io.privkit.dp.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.dp.accounting.DpEvent;
import io.privkit.dp.accounting.PrivacyAccountant;
import io.privkit.dp.noise.VectorGaussianNoise;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The ledger's contract, run against every storage: each storage's test extends this class and
 * says how to make a fresh location and run raw SQL on it.
 */
abstract class PrivacyLedgerContract {

    /** A fresh location with no ledger. */
    abstract LedgerLocation freshLocation() throws Exception;

    /** A raw connection to the location, for tampering in tests. */
    abstract Connection raw(LedgerLocation location) throws SQLException;

    static LedgerConfig budget(double epsilon) {
        return LedgerConfig.builder().name("test-budget").epsilon(epsilon).delta(1e-5).build();
    }

    /** Pure epsilon = 1/8, exactly representable: a budget of 1 holds exactly 8 of them. */
    static final DpEvent EIGHTH = DpEvent.laplace(8.0);

    private void rawUpdate(LedgerLocation location, String sql) throws SQLException {
        try (Connection c = raw(location); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    @Test
    void create_thenOpen_emptyStatus() throws Exception {
        LedgerLocation loc = freshLocation();
        String id;
        try (PrivacyLedger l = PrivacyLedger.create(loc, budget(3.0))) {
            id = l.ledgerId();
        }
        try (PrivacyLedger l = PrivacyLedger.open(loc)) {
            LedgerStatus s = l.status();
            assertEquals(id, s.ledgerId());
            assertEquals(0, s.entries());
            assertEquals(0, s.spentEpsilon());
            assertEquals(3.0, s.remainingEpsilon());
            assertEquals(3.0, l.config().epsilon());
            assertTrue(l.verify().intact());
        }
    }

    @Test
    void create_whereALedgerExists_refused_andOpenWhereNone_refused() throws Exception {
        LedgerLocation loc = freshLocation();
        PrivacyLedger.create(loc, budget(1.0)).close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PrivacyLedger.create(loc, budget(1.0)));
        assertTrue(e.getMessage().startsWith("ledger location"), e.getMessage());
        LedgerLocation other = freshLocation();
        IllegalArgumentException o = assertThrows(IllegalArgumentException.class, () -> PrivacyLedger.open(other));
        assertTrue(o.getMessage().startsWith("ledger must be"), o.getMessage());
    }

    @Test
    void pureSpends_basicComposition_exactlyEightEighthsFitABudgetOfOne_ninthRefusedLeavingLedgerUnchanged() throws Exception {
        LedgerLocation loc = freshLocation();
        try (PrivacyLedger l = PrivacyLedger.create(loc, budget(1.0))) {
            for (int i = 0; i < 8; i++) {
                LedgerEntry e = l.reserve("query " + i, EIGHTH);
                assertEquals(i, e.seq());
                assertEquals((i + 1) / 8.0, e.spentAfter(), 1e-12);
            }
            LedgerStatus before = l.status();
            List<LedgerEntry> historyBefore = l.history();
            BudgetExceededException ex = assertThrows(BudgetExceededException.class, () -> l.reserve("query 8", EIGHTH));
            assertTrue(ex.getMessage().startsWith("privacy budget of ledger \"test-budget\" must cover the spend \"query 8\"; got spent "
                    + "epsilon 1.00000, which this spend would raise to 1.12500"), ex.getMessage());
            assertTrue(ex instanceof IllegalStateException);
            assertEquals(before, l.status());
            assertEquals(historyBefore, l.history());
            assertFalse(l.wouldAccept(EIGHTH));
            assertTrue(l.verify().intact());
        }
    }

    @Test
    void adaptiveGaussianSteps_renyiFilter_neverExceedsBudget_andCostsMoreThanNonAdaptiveAccounting() throws Exception {
        LedgerLocation loc = freshLocation();
        DpEvent step = DpEvent.gaussian(1.5).poissonSampled(0.01).selfComposed(100);
        int accepted = 0;
        try (PrivacyLedger l = PrivacyLedger.create(loc, budget(2.0))) {
            while (true) {
                try {
                    l.reserve("100 DP-SGD steps", step);
                    accepted++;
                } catch (BudgetExceededException e) {
                    break;
                }
            }
            LedgerStatus s = l.status();
            assertTrue(s.spentEpsilon() <= 2.0, s.toString());
            assertTrue(accepted >= 5, "accepted " + accepted);
            // Non-adaptively, the same number of steps has a smaller RDP epsilon: adaptivity has a price.
            double nonAdaptive = PrivacyAccountant.rdp().account(step.selfComposed(accepted)).epsilon(1e-5);
            assertTrue(nonAdaptive <= s.spentEpsilon(), nonAdaptive + " vs " + s.spentEpsilon());
            assertTrue(l.verify().intact());
        }
    }

    @Test
    void history_keepsEachEventForReaccounting_andSummaryForEvidence() throws Exception {
        LedgerLocation loc = freshLocation();
        VectorGaussianNoise noise = VectorGaussianNoise.create(1.1, 1.0, 10_000, Randomness.insecureSeeded(1));
        DpEvent step = noise.eventForPoissonStep(0.02);
        try (PrivacyLedger l = PrivacyLedger.create(loc, budget(5.0))) {
            LedgerEntry first = l.reserve("training step 0", step);
            l.reserve("mean age", DpEvent.laplace(4.0));
            List<LedgerEntry> h = l.history();
            assertEquals(2, h.size());
            assertEquals(step, h.get(0).event());
            assertEquals(first, h.get(0));
            double reaccounted = PrivacyAccountant.pld().account(h.get(0).event()).epsilon(1e-5);
            assertTrue(reaccounted > 0 && reaccounted < 1, "re-accounted " + reaccounted);
            var summary = l.summaryOf(h.get(1));
            assertEquals(5.0, summary.budgetEpsilon());
            assertEquals(h.get(1).spentBefore(), summary.spentBefore());
            assertEquals(0.25, summary.thisSpend(), 1e-12);
            assertTrue(summary.adaptive());
        }
    }

    @Test
    void release_computesOnlyAfterTheSpendIsCommitted() throws Exception {
        LedgerLocation loc = freshLocation();
        try (PrivacyLedger l = PrivacyLedger.create(loc, budget(1.0))) {
            long committedSeen = l.release("count", EIGHTH, () -> {
                try (PrivacyLedger observer = PrivacyLedger.open(loc)) {
                    return observer.status().entries();
                }
            });
            assertEquals(1, committedSeen);
        }
    }

    @Test
    void unsupportedAndInfiniteSpends_refusedWithClearReasons() throws Exception {
        LedgerLocation loc = freshLocation();
        try (PrivacyLedger l = PrivacyLedger.create(loc, budget(1.0))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> l.reserve("approx", DpEvent.epsilonDelta(0.1, 1e-9)));
            assertTrue(e.getMessage().contains("an (epsilon, delta) event with delta > 0"), e.getMessage());
            assertThrows(BudgetExceededException.class, () -> l.reserve("raw statistic", new DpEvent.NonPrivate()));
            assertThrows(BudgetExceededException.class,
                    () -> l.reserve("slack beyond allowance", new DpEvent.SamplerSlack(DpEvent.laplace(100), 0.01, 0)));
            assertEquals(0, l.status().entries());
        }
    }

    @Test
    void verify_detectsEditedDeletedAndForgedEntries() throws Exception {
        LedgerLocation loc = freshLocation();
        try (PrivacyLedger l = PrivacyLedger.create(loc, budget(1.0))) {
            for (int i = 0; i < 4; i++) {
                l.reserve("q" + i, EIGHTH);
            }
        }
        // An auditor-visible edit: a spend made to look cheaper.
        rawUpdate(loc, "UPDATE privkit_ledger_entries SET event_json = REPLACE(event_json, ':8}', ':80}') WHERE seq = 1");
        try (PrivacyLedger l = PrivacyLedger.open(loc)) {
            LedgerVerification v = l.verify();
            assertFalse(v.intact());
            assertTrue(v.problems().contains("entry 1: its hash does not match its content (edited?)"), v.problems().toString());
            assertTrue(v.problems().contains("entry 1: its stored cost differs from the cost of its event re-accounted now"),
                    v.problems().toString());
        }
        LedgerLocation loc2 = freshLocation();
        try (PrivacyLedger l = PrivacyLedger.create(loc2, budget(1.0))) {
            for (int i = 0; i < 4; i++) {
                l.reserve("q" + i, EIGHTH);
            }
        }
        rawUpdate(loc2, "DELETE FROM privkit_ledger_entries WHERE seq = 2");
        try (PrivacyLedger l = PrivacyLedger.open(loc2)) {
            List<String> p = l.verify().problems();
            assertTrue(p.contains("entry 3: expected sequence number 2 (an entry is missing)"), p.toString());
            assertTrue(p.contains("header: it counts 4 entries but 3 are stored"), p.toString());
        }
        LedgerLocation loc3 = freshLocation();
        try (PrivacyLedger l = PrivacyLedger.create(loc3, budget(1.0))) {
            l.reserve("q0", EIGHTH);
        }
        // A budget raised by editing the header: detected, and the ledger refuses further spends.
        rawUpdate(loc3, "UPDATE privkit_ledger_meta SET config_json = REPLACE(config_json, '\"epsilon\":1,', '\"epsilon\":10,')");
        try (PrivacyLedger l = PrivacyLedger.open(loc3)) {
            assertEquals(10.0, l.config().epsilon());
            assertTrue(l.verify().problems().contains(
                    "header: the genesis hash does not match the ledger's identity and configuration (edited?)"), l.verify().problems().toString());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> l.reserve("q1", EIGHTH));
            assertTrue(e.getMessage().contains("its header does not match its genesis hash"), e.getMessage());
        }
    }

    @Test
    void twoHandlesInThreads_neverOverspendTogether() throws Exception {
        LedgerLocation loc = freshLocation();
        PrivacyLedger.create(loc, budget(1.0)).close();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        AtomicInteger ok = new AtomicInteger();
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < 3; t++) {
                futures.add(pool.submit(() -> {
                    try (PrivacyLedger l = PrivacyLedger.open(loc)) {
                        for (int i = 0; i < 5; i++) {
                            try {
                                l.reserve("t", EIGHTH);
                                ok.incrementAndGet();
                            } catch (BudgetExceededException refused) {
                                // expected once the budget is gone
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(8, ok.get());
        try (PrivacyLedger l = PrivacyLedger.open(loc)) {
            assertEquals(8, l.status().entries());
            assertTrue(l.verify().intact());
        }
    }
}
