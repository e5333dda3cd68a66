package io.privkit.federated.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.federated.ModelSpec;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.TensorEncoding;
import io.privkit.federated.TensorSpec;
import io.privkit.federated.client.LocalTrainer;
import io.privkit.federated.client.LocalUpdate;
import io.privkit.federated.sim.Simulation;
import io.privkit.federated.strategy.Strategies;
import io.privkit.federated.strategy.Strategy;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * 20% Byzantine clients (2 of 10) over real sockets. Honest client k sends {@code t + e_k} with a
 * fixed target {@code t} and its own offset {@code e_k ∈ [-0.1, 0.1]^d}; a Byzantine client sends a
 * scaled ({@code 100 t}) or sign-flipped ({@code -10 t}) update.
 *
 * <p><b>Stated bound.</b> With {@code f = 2} Byzantine of {@code n = 10}:
 * <ul>
 *   <li>trimmed mean with {@code ⌊βn⌋ = 2 ≥ f}, and the coordinate-wise median ({@code f < n/2}):
 *       every coordinate of the aggregate lies within the honest updates' range on that coordinate,
 *       so {@code |agg_i - mean_honest_i| ≤ max_k e_k,i - min_k e_k,i ≤ 0.2};</li>
 *   <li>Krum with {@code f = 2} ({@code n ≥ 2f + 3}): the selected update is an honest one (the
 *       Byzantine updates are far from every other), so the same bound holds.</li>
 * </ul>
 * FedAvg under the same attack moves by about {@code 0.2 · 100 |t|}: the attack is real.
 */
class ByzantineRobustnessTest {
    private static final int D = 64;
    private static final ModelSpec SPEC = ModelSpec.of(TensorSpec.of("w", D));
    private static final double[] TARGET = new double[D];

    static {
        for (int i = 0; i < D; i++) {
            TARGET[i] = Math.sin(i) + 0.5;
        }
    }

    private static double[] offset(int k) {
        Randomness r = Randomness.insecureSeeded(1000 + k);
        double[] e = new double[D];
        for (int i = 0; i < D; i++) {
            e[i] = (r.nextDouble() - 0.5) * 0.2;
        }
        return e;
    }

    private static double[] honestMean() {
        double[] m = new double[D];
        for (int k = 0; k < 8; k++) {
            double[] e = offset(k);
            for (int i = 0; i < D; i++) {
                m[i] += (TARGET[i] + e[i]) / 8;
            }
        }
        return m;
    }

    /** max over coordinates of |model - honest mean|. */
    private static double deviation(Strategy s, DoubleUnaryOperator attack) throws Exception {
        Map<String, LocalTrainer> clients = new TreeMap<>();
        for (int k = 0; k < 10; k++) {
            boolean byzantine = k >= 8;
            double[] e = offset(k);
            clients.put(String.format("client-%02d", k), task -> {
                double[] d = new double[D];
                for (int i = 0; i < D; i++) {
                    d[i] = byzantine ? attack.applyAsDouble(TARGET[i]) : TARGET[i] + e[i];
                }
                return LocalUpdate.ofDelta(d, 100);
            });
        }
        CoordinatorConfig.Builder b = CoordinatorConfig.builder().federationId("byz").rounds(1).minResults(7).strategy(s)
                .updateEncoding(TensorEncoding.FLOAT64_LE).roundTimeout(Duration.ofSeconds(60)).heartbeatInterval(Duration.ofMillis(500)).heartbeatPatience(10);
        TrainingRun run = Simulation.run(b, clients, ModelWeights.zeros(SPEC), Simulation.Transport.PLAINTEXT);
        assertEquals(10, run.history().rounds().get(0).reported());
        double[] h = honestMean();
        double worst = 0;
        for (int i = 0; i < D; i++) {
            worst = Math.max(worst, Math.abs(run.finalModel().get(i) - h[i]));
        }
        return worst;
    }

    @Test
    void robustAggregators_twentyPercentScaledOrSignFlipped_stayWithinHonestRange() throws Exception {
        DoubleUnaryOperator scaled = t -> 100 * t;
        DoubleUnaryOperator flipped = t -> -10 * t;
        for (DoubleUnaryOperator attack : new DoubleUnaryOperator[] {scaled, flipped}) {
            assertTrue(deviation(Strategies.trimmedMean(0.2), attack) <= 0.2, "trimmed mean");
            assertTrue(deviation(Strategies.median(), attack) <= 0.2, "median");
            assertTrue(deviation(Strategies.krum(2), attack) <= 0.2, "krum");
        }
        double fedAvg = deviation(Strategies.fedAvg(), scaled);
        assertTrue(fedAvg > 10, "FedAvg is moved by the same attack: " + fedAvg);
    }
}
