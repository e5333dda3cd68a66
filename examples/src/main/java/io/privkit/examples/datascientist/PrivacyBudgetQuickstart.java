package io.privkit.examples.datascientist;

import io.privkit.common.Randomness;
import io.privkit.dp.accounting.Calibration;
import io.privkit.dp.accounting.DpEvent;
import io.privkit.dp.accounting.PrivacyAccountant;
import io.privkit.dp.accounting.PrivacyGuarantee;
import io.privkit.dp.accounting.PrivacyTarget;
import io.privkit.dp.ledger.BudgetExceededException;
import io.privkit.dp.ledger.LedgerConfig;
import io.privkit.dp.ledger.LedgerLocation;
import io.privkit.dp.ledger.PrivacyLedger;
import io.privkit.dp.mechanism.AggregationParameters;
import io.privkit.dp.mechanism.BoundedMean;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Data scientist's quick start for privacy accounting and the budget ledger: plan a DP-SGD run
 * (epsilon of a given noise multiplier, and the noise multiplier for a target epsilon), see what
 * the guarantee means for a membership-inference attacker, then spend a budget durably: a training
 * run and a noisy mean released through a ledger, which refuses what the budget cannot cover.
 *
 * <p>Run with a folder for the ledger ({@code java ... PrivacyBudgetQuickstart /tmp/budget}); with
 * no argument it uses a temporary folder.
 */
public final class PrivacyBudgetQuickstart {
    private PrivacyBudgetQuickstart() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("privkit-budget");
        run(dir, System.out);
    }

    /** Runs the quick start with its ledger in {@code dir}; returns the epsilon the ledger spent. */
    public static double run(Path dir, PrintStream out) {
        // 1. Plan: 60 000 examples, expected batch 600 (q = 0.01), 30 epochs = 3000 steps.
        DpEvent run = DpEvent.gaussian(1.1).poissonSampled(0.01).selfComposed(3000);
        PrivacyGuarantee g = PrivacyAccountant.pld().account(run);
        out.printf(Locale.ROOT, "epsilon = %.3f at delta = 1e-5%n", g.epsilon(1e-5));
        out.println(g.attackStatement("record"));

        Calibration.Result z = Calibration.noiseMultiplier(PrivacyAccountant.pld(),
                sigma -> DpEvent.gaussian(sigma).poissonSampled(0.01).selfComposed(3000),
                PrivacyTarget.epsilon(2.0).atDelta(1e-5));
        out.printf(Locale.ROOT, "noise multiplier for epsilon 2: %.4f (epsilon %.4f)%n", z.value(), z.epsilon());

        // 2. Spend durably: a ledger with the budget the DPIA approved.
        LedgerLocation location = LedgerLocation.sqlite(dir.resolve("budget.db"));
        try (PrivacyLedger ledger = PrivacyLedger.create(location,
                LedgerConfig.builder().name("credit-model-2026").epsilon(4.0).delta(1e-5).build())) {
            ledger.reserve("training run v1", run);   // committed before training starts

            BoundedMean meanAge = BoundedMean.create(
                    AggregationParameters.builder().epsilon(0.5).bounds(18, 90).maxContributionsPerUnit(1).build());
            Randomness data = Randomness.insecureSeeded(7);   // generated data for the example only
            for (int i = 0; i < 10_000; i++) {
                meanAge.add("customer-" + i, 18 + data.nextDouble() * 60);
            }
            double mean = ledger.release("mean age", meanAge.event(), () -> meanAge.compute(Randomness.secure())).value();
            out.printf(Locale.ROOT, "noisy mean age: %.1f%n", mean);

            try {
                ledger.reserve("training run v2", run);
            } catch (BudgetExceededException refused) {
                out.println("refused: " + refused.getMessage());
            }
            out.printf(Locale.ROOT, "ledger: spent epsilon %.3f of %.1f, %d spends, intact = %s%n",
                    ledger.status().spentEpsilon(), ledger.config().epsilon(), ledger.status().entries(), ledger.verify().intact());
            return ledger.status().spentEpsilon();
        }
    }
}
