package io.privkit.federated.client;

import io.privkit.common.Checks;
import io.privkit.federated.ModelWeights;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of local training: the update (a delta from the global model), the number of local
 * examples it was computed on (its weight, which the coordinator bounds), and optional metrics such
 * as the local accuracy of the global model before training.
 *
 * <p>Only the delta, the count and the metrics leave the site: never examples. Immutable (arrays are
 * copied); thread-safe.
 */
public final class LocalUpdate {
    private final double[] delta;
    private final long examples;
    private final Map<String, Double> metrics;

    private LocalUpdate(double[] delta, long examples, Map<String, Double> metrics) {
        Checks.requireNonNull(delta, "delta");
        Checks.requirePositive(examples, "examples", "Report the number of local examples trained on (at least 1).");
        for (int i = 0; i < delta.length; i++) {
            if (!Double.isFinite(delta[i])) {
                throw Checks.argument("update value " + i).mustBe("finite").got(delta[i])
                        .fix("Local training diverged: lower the learning rate.").exception();
            }
        }
        this.delta = delta;
        this.examples = examples;
        this.metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
    }

    /** The update from locally trained weights: {@code trained - global}. */
    public static LocalUpdate fromTrained(ModelWeights global, ModelWeights trained, long examples) {
        Checks.requireNonNull(global, "global");
        Checks.requireNonNull(trained, "trained");
        if (!global.spec().equals(trained.spec())) {
            throw Checks.argument("trained model").mustBe("of the global model's tensor names and shapes").got(trained.spec().digest())
                    .fix("Train the model the coordinator sent.").exception();
        }
        double[] d = new double[global.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = trained.get(i) - global.get(i);
        }
        return new LocalUpdate(d, examples, Map.of());
    }

    /** An update given as a delta (copied). */
    public static LocalUpdate ofDelta(double[] delta, long examples) {
        return new LocalUpdate(Checks.requireNonNull(delta, "delta").clone(), examples, Map.of());
    }

    /** The same update with one more metric. */
    public LocalUpdate withMetric(String name, double value) {
        Checks.requireNonBlank(name, "metric name");
        Checks.requireFinite(value, "metric " + name);
        Map<String, Double> m = new TreeMap<>(metrics);
        m.put(name, value);
        return new LocalUpdate(delta, examples, m);
    }

    /** A copy of the delta. */
    public double[] delta() {
        return delta.clone();
    }

    double[] deltaUnsafe() {
        return delta;
    }

    /** The number of local examples. */
    public long examples() {
        return examples;
    }

    /** The metrics. */
    public Map<String, Double> metrics() {
        return metrics;
    }
}
