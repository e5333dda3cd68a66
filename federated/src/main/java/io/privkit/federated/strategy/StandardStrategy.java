package io.privkit.federated.strategy;

import io.privkit.common.Checks;
import io.privkit.federated.ModelWeights;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A strategy built from an {@link Aggregation} rule, a {@link ServerOptimizer} and a FedProx
 * proximal coefficient: the form every strategy in {@link Strategies} takes.
 *
 * <p>Round {@code t}: {@code Δ_t = aggregation(Δ_1 .. Δ_n)} (or {@code sum / denominator} when only
 * a sum is known), then {@code x_{t+1} = optimizer(x_t, Δ_t)}. Optimiser moments are kept in
 * {@link #state()}. Not thread-safe (the coordinator calls it from one thread).
 */
public final class StandardStrategy implements Strategy {
    private final String name;
    private final Aggregation aggregation;
    private final ServerOptimizer optimizer;
    private final double proximalMu;
    private final int localEpochs;
    private Map<String, double[]> moments = new HashMap<>();
    private long steps;

    /**
     * A strategy.
     *
     * @param name        its name for evidence
     * @param aggregation how updates are combined
     * @param optimizer   how the combined update moves the model
     * @param proximalMu  FedProx's μ sent to clients (0 for none)
     * @param localEpochs local epochs hint sent to clients (0 leaves it to them)
     */
    public StandardStrategy(String name, Aggregation aggregation, ServerOptimizer optimizer, double proximalMu, int localEpochs) {
        this.name = Checks.requireNonBlank(name, "name");
        this.aggregation = Checks.requireNonNull(aggregation, "aggregation");
        this.optimizer = Checks.requireNonNull(optimizer, "optimizer");
        this.proximalMu = Checks.requireNonNegative(proximalMu, "proximalMu");
        this.localEpochs = Checks.requireNonNegative(localEpochs, "localEpochs");
    }

    /** The aggregation rule. */
    public Aggregation aggregation() {
        return aggregation;
    }

    /** The server optimiser. */
    public ServerOptimizer optimizer() {
        return optimizer;
    }

    /** The same strategy asking clients for {@code epochs} local epochs. */
    public StandardStrategy withLocalEpochs(int epochs) {
        return new StandardStrategy(name, aggregation, optimizer, proximalMu, epochs);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String weighting() {
        return aggregation.linear() ? "by the validated client weight (local examples, bounded)"
                : "unweighted (" + aggregation.name() + " treats every accepted update alike)";
    }

    @Override
    public ClientInstructions configureRound(int round) {
        return new ClientInstructions(proximalMu, localEpochs);
    }

    @Override
    public boolean needsIndividualUpdates() {
        return !aggregation.linear();
    }

    @Override
    public int minimumResults() {
        return aggregation.minimumUpdates();
    }

    @Override
    public ModelWeights aggregate(ModelWeights global, RoundResults results, List<ClientFailure> failures) throws IOException {
        Checks.requireNonNull(global, "global");
        Checks.requireNonNull(results, "results");
        double[] delta;
        if (results instanceof RoundResults.Individual ind) {
            if (ind.updates().isEmpty()) {
                throw new IllegalStateException(name + " has no update to aggregate");
            }
            if (ind.updates().get(0).size() != global.size()) {
                throw Checks.argument("updates").mustBe("of the model's size " + global.size()).got(ind.updates().get(0).size()).noFix().exception();
            }
            delta = aggregation.combine(ind.updates());
        } else {
            RoundResults.Summed sum = (RoundResults.Summed) results;
            if (!aggregation.linear()) {
                throw new IllegalStateException(aggregation.name() + " needs individual updates; it cannot run on a sum "
                        + "(secure aggregation or client-level DP). Use a weighted-mean strategy such as FedAvg.");
            }
            delta = sum.mean();
            if (delta.length != global.size()) {
                throw Checks.argument("weightedSum").mustBe("of the model's size " + global.size()).got(delta.length).noFix().exception();
            }
        }
        Map<String, double[]> next = new HashMap<>();
        double[] x = optimizer.step(global.values(), delta, moments, next);
        ModelWeights out = ModelWeights.of(global.spec(), x);   // throws on a non-finite result: state unchanged
        moments = next;
        steps++;
        return out;
    }

    @Override
    public StrategyState state() {
        return StrategyState.of(moments, Map.of("steps", (double) steps));
    }

    @Override
    public void restore(StrategyState state) {
        Checks.requireNonNull(state, "state");
        Map<String, double[]> m = new HashMap<>();
        for (String k : state.vectorNames()) {
            m.put(k, state.vector(k));
        }
        moments = m;
        steps = (long) state.scalar("steps", 0);
    }

    @Override
    public String toString() {
        return name + "[" + aggregation.name() + ", " + optimizer.name() + (proximalMu > 0 ? ", mu=" + proximalMu : "") + "]";
    }
}
