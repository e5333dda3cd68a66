package io.privkit.dp.sgd;

import io.privkit.common.Checks;
import io.privkit.common.InvalidArgumentsException;
import io.privkit.dp.accounting.DpEvent;
import io.privkit.dp.ledger.LedgerEntry;
import io.privkit.dp.ledger.PrivacyLedger;
import io.privkit.evidence.PrivacyBudgetEvidence;
import java.util.List;
import java.util.Locale;

/**
 * A {@link PrivacyGate} over dp-core's durable {@link PrivacyLedger}: each DP-SGD step is reserved
 * as its own ledger entry (label {@code "dp-sgd <run id> step <k>"}) and committed to the database
 * before the step's noisy update is applied; a step that would overspend is refused with the
 * ledger's {@code BudgetExceededException} and nothing is applied.
 *
 * <p>Before training, {@link #check} asks the ledger whether all the plan's remaining steps fit:
 * the ledger composes spends by Rényi costs, which add up, so the composed event of the remaining
 * steps is accepted exactly when every one of its steps will be. A resumed run counts the steps the
 * ledger holds under its run id ({@link #recordedSteps}).
 * <pre>{@code
 * try (PrivacyLedger ledger = PrivacyLedger.open(LedgerLocation.sqlite(Path.of("budget.db")))) {
 *     LedgerGate gate = LedgerGate.of(ledger);
 *     DpSgdResult result = DpSgdNetworkTrainer.of(network, config).with(DpSgdOptions.withDefaults().with(gate)).fit(data);
 *     PrivacyBudgetEvidence record = DpSgdEvidence.of(result).ledger(gate.summary(result)).subject(...).build();
 * }
 * }</pre>
 *
 * <p>Thread-safe as the ledger is; one gate may serve several runs.
 */
public final class LedgerGate implements PrivacyGate {
    private static final String PREFIX = "dp-sgd ";

    private final PrivacyLedger ledger;

    private LedgerGate(PrivacyLedger ledger) {
        this.ledger = ledger;
    }

    /** A gate that records every step in {@code ledger}. */
    public static LedgerGate of(PrivacyLedger ledger) {
        return new LedgerGate(Checks.requireNonNull(ledger, "ledger"));
    }

    static String label(String runId, long stepIndex) {
        return PREFIX + runId + " step " + stepIndex;
    }

    @Override
    public void reserve(String runId, DpEvent stepEvent, long stepIndex) {
        ledger.reserve(label(runId, stepIndex), stepEvent);
    }

    @Override
    public long recordedSteps(String runId) {
        String prefix = PREFIX + runId + " step ";
        return ledger.history().stream().filter(e -> e.label().startsWith(prefix)).count();
    }

    @Override
    public void check(DpSgdPlan plan, String runId) {
        long done = runId == null ? 0 : recordedSteps(runId);
        long remaining = plan.steps() - done;
        if (remaining <= 0) {
            return;
        }
        if (!ledger.wouldAccept(plan.runEvent(remaining))) {
            double spent = ledger.status().spentEpsilon();
            throw new InvalidArgumentsException(List.of(Checks.argument("ledger \"" + ledger.config().name() + "\"")
                    .mustBe(String.format(Locale.ROOT, "able to pay for the %d remaining steps (epsilon %.4g on their own)",
                            remaining, plan.plannedEpsilon()))
                    .got(String.format(Locale.ROOT, "spent epsilon %.4g of a budget of %.4g at delta %s", spent,
                            ledger.config().epsilon(), ledger.config().delta()))
                    .fix("Nothing was trained. Lower the target epsilon, train for fewer steps or with a smaller sampling "
                            + "rate, or have a larger budget approved.")), "DP-SGD run");
        }
    }

    /**
     * The ledger's account of a finished run for its evidence record: the budget, the epsilon spent
     * before the run's first step, the run's epsilon on its own, and what remains after its last step.
     *
     * @throws IllegalArgumentException when the ledger holds no step of this run
     */
    public PrivacyBudgetEvidence.LedgerSummary summary(DpSgdResult result) {
        Checks.requireNonNull(result, "result");
        String prefix = PREFIX + result.runId() + " step ";
        List<LedgerEntry> entries = ledger.history().stream().filter(e -> e.label().startsWith(prefix)).toList();
        if (entries.isEmpty()) {
            throw Checks.argument("result").mustBe("a run recorded in ledger \"" + ledger.config().name() + "\"")
                    .got(result.runId()).fix("Pass the result of a run trained with this gate.").exception();
        }
        LedgerEntry first = entries.get(0);
        LedgerEntry last = entries.get(entries.size() - 1);
        return new PrivacyBudgetEvidence.LedgerSummary(ledger.ledgerId(), ledger.config().epsilon(), ledger.config().delta(),
                first.spentBefore(), result.epsilon(), Math.max(0, ledger.config().epsilon() - last.spentAfter()),
                PrivacyLedger.COMPOSITION_THEOREM, true);
    }
}
