package io.privkit.dp.sgd;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import java.util.List;

/**
 * What a DP-SGD run did and spent: the plan, the steps whose spend was recorded and applied, the
 * epsilon those steps cost (at the plan's delta, rounded up, for the sampling implemented), the
 * noise actually added, where the randomness came from, and how per-example gradients were
 * computed. Turn it into a {@code PrivacyBudgetEvidence} record with {@link DpSgdEvidence}.
 *
 * @param plan                   the plan the run followed
 * @param runId                  the run's identifier (its ledger label)
 * @param stepsReserved          steps whose spend was recorded: what {@code epsilon} accounts for
 * @param stepsApplied           steps whose update the model contains
 * @param epsilon                the epsilon of {@code stepsReserved} steps at {@code plan.delta()}, rounded up
 * @param noiseStandardDeviation the per-coordinate noise standard deviation actually added (at least sigma C)
 * @param randomness             where the sampling and noise randomness came from
 * @param framework              the training framework and model type, e.g. "DL4J MultiLayerNetwork"
 * @param perExampleRoutes       how each layer's per-example gradients were computed
 */
public record DpSgdResult(
        DpSgdPlan plan,
        String runId,
        long stepsReserved,
        long stepsApplied,
        double epsilon,
        double noiseStandardDeviation,
        Randomness.Description randomness,
        String framework,
        List<String> perExampleRoutes) {

    public DpSgdResult {
        Checks.requireNonNull(plan, "plan");
        Checks.requireNonBlank(runId, "runId");
        Checks.requireNonNegative(stepsApplied, "stepsApplied");
        if (stepsReserved < stepsApplied) {
            throw Checks.argument("stepsReserved").mustBe(">= stepsApplied").got(stepsReserved).noFix().exception();
        }
        if (Double.isNaN(epsilon) || epsilon < 0) {
            throw Checks.argument("epsilon").mustBe(">= 0 (or Infinity)").got(epsilon).noFix().exception();
        }
        Checks.requireNonNull(randomness, "randomness");
        Checks.requireNonBlank(framework, "framework");
        perExampleRoutes = List.copyOf(Checks.requireNoNullElements(perExampleRoutes, "perExampleRoutes"));
    }

    /** The delta of the guarantee. */
    public double delta() {
        return plan.delta();
    }

    /** Whether the randomness was a fixed seed (then the run gives no privacy). */
    public boolean insecureRandomness() {
        return randomness.kind() == Randomness.Kind.INSECURE_SEEDED;
    }

    /** One line for logs: epsilon, delta, steps, noise, sampling. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "DP-SGD: epsilon = %.4g at delta = %.3g after %d steps (noise multiplier %.4g, clipping norm %.4g, "
                        + "%s sampling, rate %.4g, expected batch %.1f, %.2f epochs over %d examples)%s",
                epsilon, plan.delta(), stepsReserved, plan.noiseMultiplier(), plan.clippingNorm(),
                plan.sampling() == DpSgdConfig.BatchSampling.POISSON ? "Poisson" : "shuffled",
                plan.samplingRate(), plan.expectedBatchSize(), plan.epochs() * stepsReserved / plan.steps(),
                plan.datasetSize(), insecureRandomness() ? " [SEEDED RANDOMNESS: NO PRIVACY]" : "");
    }

    /** Builds a result once the run has ended (or stopped), accounting for the steps it reserved. */
    public static DpSgdResult of(DpSgdRun run, DpSgdAccounting accounting, Randomness.Description randomness, String framework,
                                 List<String> perExampleRoutes) {
        Checks.requireNonNull(run, "run");
        Checks.requireNonNull(accounting, "accounting");
        DpSgdPlan plan = run.plan();
        double eps = run.stepsReserved() == 0 ? 0.0 : accounting.epsilon(plan.runEvent(run.stepsReserved()), plan.delta());
        return new DpSgdResult(plan, run.runId(), run.stepsReserved(), run.stepsApplied(), eps,
                Double.isNaN(run.noiseStandardDeviation()) ? plan.noiseStandardDeviation() : run.noiseStandardDeviation(),
                randomness, framework, perExampleRoutes);
    }
}
