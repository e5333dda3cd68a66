package io.privkit.federated.client.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.federated.client.LocalTrainer;
import io.privkit.federated.coordinator.CoordinatorConfig;
import io.privkit.federated.coordinator.RoundReport;
import io.privkit.federated.coordinator.TrainingRun;
import io.privkit.federated.sim.Simulation;
import io.privkit.federated.strategy.Strategies;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The DL4J client in a real federation: 3 sites over gRPC with mutual TLS, each holding McMahan
 * et al.'s pathological non-IID label shards of generated data, train the same small MLP with
 * FedAvg; the federated model's held-out accuracy is compared with the same network trained
 * centrally on the union.
 */
class Dl4jFederatedLearningTest {

    static final int DIMS = 10;
    static final int CLASSES = 4;
    static final int HIDDEN = 16;
    static final double LR = 0.05;
    static final int BATCH = 10;

    /**
     * Margin: 2 accuracy points, the module's learning bar (FedAvg within 2 points of central
     * training). Everything is seeded, so the comparison is deterministic; the margin is not a
     * statistical allowance. For scale: on 2000 held-out examples the standard error of an accuracy
     * near 0.9 is √(0.9·0.1/2000) ≈ 0.7 points, so the bar is about three standard errors. The
     * sibling assertions show the check can fail: after the first round, when every site has seen
     * only its own two labels' worth of data once, the federated model is still more than 2 points
     * below central.
     */
    @Test
    void fedAvg_threeDl4jSitesLabelShards_withinTwoPointsOfCentral() throws Exception {
        DataSet[] tt = Dl4jFixtures.clusters(1500, 2000, DIMS, CLASSES, 3.0, Randomness.insecureSeeded(21));
        DataSet train = tt[0];
        DataSet test = tt[1];

        // Central: the same network, 10 epochs of shuffled minibatches.
        MultiLayerNetwork central = Dl4jFixtures.mlp(DIMS, HIDDEN, CLASSES, new Sgd(LR), DataType.FLOAT, 42);
        Dl4jLocalTrainer centralTrainer = Dl4jLocalTrainer.of(central, train, Dl4jLocalTrainer.Batches.shuffled(BATCH,
                Randomness.insecureSeeded(5))).with(Dl4jLocalTrainer.Options.withDefaults().withEpochs(10));
        centralTrainer.train(new io.privkit.federated.client.TrainingTask("central", 1, Dl4jParameters.weights(central),
                io.privkit.federated.strategy.ClientInstructions.NONE, java.time.Instant.MAX));
        double centralAccuracy = Dl4jFixtures.accuracy(central, test);

        // Federated: 3 sites, 2 label shards each, 1 local epoch per round, 10 rounds.
        List<DataSet> parts = Dl4jFixtures.labelShards(train, 3, 2, Randomness.insecureSeeded(6));
        Map<String, LocalTrainer> sites = new TreeMap<>();
        for (int k = 0; k < parts.size(); k++) {
            MultiLayerNetwork net = Dl4jFixtures.mlp(DIMS, HIDDEN, CLASSES, new Sgd(LR), DataType.FLOAT, 42);
            sites.put("site-" + (k + 1), Dl4jLocalTrainer.of(net, parts.get(k),
                    Dl4jLocalTrainer.Batches.shuffled(BATCH, Randomness.insecureSeeded(100 + k))));
        }
        MultiLayerNetwork evaluator = Dl4jFixtures.mlp(DIMS, HIDDEN, CLASSES, new Sgd(LR), DataType.FLOAT, 42);
        MultiLayerNetwork initialNet = Dl4jFixtures.mlp(DIMS, HIDDEN, CLASSES, new Sgd(LR), DataType.FLOAT, 42);
        TrainingRun run = Simulation.run(CoordinatorConfig.builder().federationId("dl4j-fedavg").rounds(10)
                        .strategy(Strategies.fedAvg()).randomness(Randomness.insecureSeeded(7)).heartbeatInterval(Duration.ofSeconds(1))
                        .evaluator(w -> {
                            synchronized (evaluator) {
                                Dl4jParameters.load(w, evaluator);
                                return Map.of("accuracy", Dl4jFixtures.accuracy(evaluator, test));
                            }
                        }),
                sites, Dl4jParameters.weights(initialNet), Simulation.Transport.MUTUAL_TLS);

        List<Double> curve = run.history().rounds().stream().map(RoundReport::metrics).map(m -> m.get("accuracy")).toList();
        Dl4jParameters.load(run.finalModel(), evaluator);
        double federated = Dl4jFixtures.accuracy(evaluator, test);
        String report = "central " + centralAccuracy + ", federated by round " + curve;
        assertEquals(10, curve.size(), report);
        assertEquals(federated, curve.get(curve.size() - 1), 1e-9, report);
        assertTrue(centralAccuracy > 0.8, "the task is learnable: " + report);
        assertTrue(federated >= centralAccuracy - 0.02, report);
        assertTrue(curve.get(0) < centralAccuracy - 0.02, "after one round the bar is not met yet: " + report);
        System.out.println("DL4J FedAvg learning bar: " + report);
    }
}
