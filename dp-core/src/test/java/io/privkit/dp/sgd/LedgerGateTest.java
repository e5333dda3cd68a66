package io.privkit.dp.sgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.InvalidArgumentsException;
import io.privkit.common.Randomness;
import io.privkit.dp.ledger.BudgetExceededException;
import io.privkit.dp.ledger.LedgerConfig;
import io.privkit.dp.ledger.LedgerLocation;
import io.privkit.dp.ledger.PrivacyLedger;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.PrivacyBudgetEvidence;
import io.privkit.evidence.Subject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DP-SGD steps recorded in dp-core's durable SQLite ledger. */
class LedgerGateTest {
    @TempDir
    Path tmp;

    private PrivacyLedger ledger(double epsilon) {
        return PrivacyLedger.create(LedgerLocation.sqlite(tmp.resolve("budget.db")),
                LedgerConfig.builder().name("dp-sgd-test").epsilon(epsilon).delta(1e-5).build());
    }

    private static DpSgdConfig config(double target, long steps) {
        return DpSgdConfig.builder().targetEpsilon(target).delta(1e-6).clippingNorm(1.0).expectedBatchSize(10).steps(steps).build();
    }

    private static DpSgdPlan plan(DpSgdConfig c) {
        return c.plan(1000, new DpSgdRunTest.RecordingModel(8), DpSgdAccounting.of(c.accountant()));
    }

    @Test
    void run_withinBudget_everyStepRecordedBeforeItsUpdate() {
        try (PrivacyLedger l = ledger(4.0)) {
            LedgerGate gate = LedgerGate.of(l);
            DpSgdPlan plan = plan(config(1.0, 30));
            gate.check(plan, null);
            DpSgdRunTest.RecordingModel model = new DpSgdRunTest.RecordingModel(8);
            DpSgdRun run = DpSgdRun.start(plan, Randomness.insecureSeeded(1), gate);
            while (!run.finished()) {
                long before = l.history().size();
                run.step(model);
                assertEquals(before + 1, l.history().size(), "one entry per step");
            }
            assertEquals(30, gate.recordedSteps(run.runId()));
            assertTrue(l.verify().intact(), "hash chain intact");
            DpSgdResult result = DpSgdResult.of(run, DpSgdAccounting.of(DpSgdConfig.Accountant.PLD),
                    Randomness.insecureSeeded(1).describe(), "test", List.of("test"));
            PrivacyBudgetEvidence.LedgerSummary summary = gate.summary(result);
            assertEquals(0.0, summary.spentBefore(), 0.0);
            assertEquals(result.epsilon(), summary.thisSpend(), 0.0);
            assertTrue(summary.remainingAfter() < 4.0 && summary.remainingAfter() > 0);
            PrivacyBudgetEvidence e = DpSgdEvidence.of(result).subject(Subject.system("t")).ledger(summary).build();
            assertEquals(e, EvidenceJson.read(EvidenceJson.write(e)));
        }
    }

    @Test
    void check_planLargerThanTheRemainingBudget_refusedBeforeAnyStep() {
        try (PrivacyLedger l = ledger(1.0)) {
            LedgerGate gate = LedgerGate.of(l);
            DpSgdPlan plan = plan(config(2.0, 30));
            InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, () -> gate.check(plan, null));
            assertTrue(e.getMessage().startsWith("ledger \"dp-sgd-test\" must be able to pay for the 30 remaining steps"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("Nothing was trained."), e.getMessage());
            assertEquals(0, l.history().size());
        }
    }

    @Test
    void step_budgetRunsOutMidRun_refusedAndNotApplied() {
        try (PrivacyLedger l = ledger(4.0)) {
            LedgerGate gate = LedgerGate.of(l);
            // Half the data per step at noise multiplier 2: each step costs enough that the budget lasts a few steps.
            DpSgdConfig c = DpSgdConfig.builder().noiseMultiplier(2.0).delta(1e-6).clippingNorm(1.0).expectedBatchSize(500)
                    .steps(60).build();
            DpSgdPlan plan = plan(c);
            DpSgdRunTest.RecordingModel model = new DpSgdRunTest.RecordingModel(8);
            DpSgdRun run = DpSgdRun.start(plan, Randomness.insecureSeeded(2), gate);
            BudgetExceededException refused = null;
            while (refused == null) {
                model.calls.clear();
                try {
                    run.step(model);
                } catch (BudgetExceededException e) {
                    refused = e;
                }
            }
            assertTrue(!model.calls.contains("apply"), "the refused step's update was not applied: " + model.calls);
            assertEquals(run.stepsReserved(), gate.recordedSteps(run.runId()));
            assertEquals(run.stepsReserved(), run.stepsApplied());
            assertTrue(run.stepsReserved() > 0 && run.stepsReserved() < 60, "refused at step " + run.stepsReserved());
        }
    }
}
