package io.privkit.federated.client.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.federated.ModelSpec;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.TensorEncoding;
import io.privkit.federated.TensorSpec;
import io.privkit.federated.client.LocalTrainer;
import io.privkit.federated.client.LocalUpdate;
import io.privkit.federated.client.TrainingTask;
import io.privkit.federated.coordinator.CoordinatorConfig;
import io.privkit.federated.coordinator.TrainingRun;
import io.privkit.federated.sim.Simulation;
import io.privkit.federated.strategy.ClientInstructions;
import io.privkit.federated.strategy.Strategies;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

class Dl4jLocalTrainerTest {

    private static DataSet doubleData(int n, long seed) {
        DataSet d = Dl4jFixtures.clusters(n, 1, 6, 3, 3.0, Randomness.insecureSeeded(seed))[0];
        return new DataSet(d.getFeatures().castTo(DataType.DOUBLE), d.getLabels().castTo(DataType.DOUBLE));
    }

    private static TrainingTask task(ModelWeights global, ClientInstructions instructions) {
        return new TrainingTask("run", 1, global, instructions, Instant.MAX);
    }

    @Test
    void weights_multiLayerNetwork_dl4jKeysRowMajorAndLoadRoundTrips() {
        MultiLayerNetwork net = Dl4jFixtures.mlp(6, 5, 3, new Sgd(0.1), DataType.FLOAT, 3);
        ModelWeights w = Dl4jParameters.weights(net);
        assertEquals(ModelSpec.of(TensorSpec.of("0_W", 6, 5), TensorSpec.of("0_b", 5), TensorSpec.of("1_W", 5, 3),
                TensorSpec.of("1_b", 3)), w.spec());
        INDArray w0 = net.getParam("0_W");
        double[] flat = w.tensor("0_W");
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(w0.getDouble(i, j), flat[i * 5 + j], 0.0, "0_W[" + i + "," + j + "] is element i*5+j (row-major)");
            }
        }
        double[] shifted = w.values();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] = i * 0.25;   // exactly representable in binary32
        }
        Dl4jParameters.load(ModelWeights.of(w.spec(), shifted), net);
        assertEquals(2 * 0.25 + 0.25 * 5, net.getParam("0_W").getDouble(1, 2), 0.0);   // index 1*5+2 = 7
        assertArrayEquals(shifted, Dl4jParameters.weights(net).values(), 0.0);
    }

    /**
     * The parameter mapping in closed form: one client, one FedAvg round over mutual TLS with
     * binary64 on the wire, plain SGD (no momentum), 2 local epochs of 3 minibatches, gives the
     * parameters of the same network after the same 6 {@code fit} steps outside the federation. The
     * only arithmetic in between is {@code w_g + (w_trained − w_g)} at the coordinator, one rounding
     * of binary64 per parameter: tolerance 1e-12 on values of order 1.
     */
    @Test
    void train_oneClientPlainSgdOverMutualTls_equalsTheSameFitStepsOutsideTheFederation() throws Exception {
        DataSet data = doubleData(60, 5);
        MultiLayerNetwork site = Dl4jFixtures.mlp(6, 5, 3, new Sgd(0.2), DataType.DOUBLE, 7);
        MultiLayerNetwork outside = Dl4jFixtures.mlp(6, 5, 3, new Sgd(0.2), DataType.DOUBLE, 7);
        ModelWeights initial = Dl4jParameters.weights(site);
        assertEquals(initial, Dl4jParameters.weights(outside), "same configuration and seed, same initial parameters");

        LocalTrainer trainer = Dl4jLocalTrainer.of(site, new ListDataSetIterator<>(data.asList(), 20))
                .with(Dl4jLocalTrainer.Options.withDefaults().withEpochs(2));
        TrainingRun run = Simulation.run(CoordinatorConfig.builder().federationId("dl4j-exact").rounds(1).strategy(Strategies.fedAvg())
                        .updateEncoding(TensorEncoding.FLOAT64_LE).randomness(Randomness.insecureSeeded(1))
                        .heartbeatInterval(Duration.ofMillis(500)),
                Map.of("site-1", trainer), initial, Simulation.Transport.MUTUAL_TLS);

        for (int e = 0; e < 2; e++) {
            outside.fit(new ListDataSetIterator<>(data.asList(), 20));
        }
        assertEquals(6, outside.getIterationCount());
        ModelWeights expected = Dl4jParameters.weights(outside);
        assertTrue(expected.distanceTo(initial) > 0.05, "training moved the parameters: " + expected.distanceTo(initial));
        assertArrayEquals(expected.values(), run.finalModel().values(), 1e-12);
        assertEquals(1, run.history().rounds().size());
        assertEquals(1, run.history().rounds().get(0).reported());
    }

    @Test
    void train_updateWeightAndMetric_examplesOfOneEpochAndMeanLoss() {
        DataSet data = doubleData(50, 6);
        MultiLayerNetwork net = Dl4jFixtures.mlp(6, 5, 3, new Sgd(0.1), DataType.DOUBLE, 8);
        ModelWeights global = Dl4jParameters.weights(net);
        LocalUpdate u = Dl4jLocalTrainer.of(net, data, Dl4jLocalTrainer.Batches.shuffled(8, Randomness.insecureSeeded(2)))
                .with(Dl4jLocalTrainer.Options.withDefaults().withEpochs(3)).train(task(global, ClientInstructions.NONE));
        assertEquals(50, u.examples(), "weight: the examples of one local epoch, not epochs x examples");
        double loss = u.metrics().get("loss");
        assertTrue(loss > 0 && loss < Math.log(3) + 0.5, "mean cross-entropy over 3 classes near or below log 3: " + loss);
        assertArrayEquals(Dl4jParameters.weights(net).values(), global.plus(u.delta(), 1.0).values(), 1e-12);
    }

    /**
     * FedProx in closed form: one full-batch SGD step of size η from w_g gives w_sgd; with μ the
     * trainer's proximal map gives {@code w_g + (w_sgd − w_g) / (1 + ημ)}.
     */
    @Test
    void train_fedProxPlainSgd_isTheProximalMapOfTheSgdStep() {
        DataSet data = doubleData(40, 9);
        double eta = 0.3;
        double mu = 2.0;
        MultiLayerNetwork site = Dl4jFixtures.mlp(6, 5, 3, new Sgd(eta), DataType.DOUBLE, 4);
        MultiLayerNetwork outside = Dl4jFixtures.mlp(6, 5, 3, new Sgd(eta), DataType.DOUBLE, 4);
        ModelWeights global = Dl4jParameters.weights(site);
        LocalUpdate u = Dl4jLocalTrainer.of(site, data, Dl4jLocalTrainer.Batches.inOrder(40)).train(task(global,
                new ClientInstructions(mu, 1)));
        outside.fit(data);
        double[] sgd = Dl4jParameters.weights(outside).values();
        double[] d = u.delta();
        for (int i = 0; i < d.length; i++) {
            assertEquals((sgd[i] - global.get(i)) / (1 + eta * mu), d[i], 1e-12, "parameter " + i);
        }
    }

    /**
     * Momentum state: from the same global model, two rounds give the same update when the updater
     * is reset every round, and different ones when Nesterov momentum carries over.
     */
    @Test
    void train_sameGlobalTwice_resetRepeatsTheUpdateCarryOverDoesNot() {
        DataSet data = doubleData(40, 10);
        for (Dl4jLocalTrainer.UpdaterState state : Dl4jLocalTrainer.UpdaterState.values()) {
            MultiLayerNetwork net = Dl4jFixtures.mlp(6, 5, 3, new Nesterovs(0.1, 0.9), DataType.DOUBLE, 5);
            ModelWeights global = Dl4jParameters.weights(net);
            Dl4jLocalTrainer t = Dl4jLocalTrainer.of(net, data, Dl4jLocalTrainer.Batches.inOrder(10))
                    .with(Dl4jLocalTrainer.Options.withDefaults().with(state));
            double[] first = t.train(task(global, ClientInstructions.NONE)).delta();
            double[] second = t.train(task(global, ClientInstructions.NONE)).delta();
            double diff = 0;
            for (int i = 0; i < first.length; i++) {
                diff = Math.max(diff, Math.abs(first[i] - second[i]));
            }
            if (state == Dl4jLocalTrainer.UpdaterState.RESET_EACH_ROUND) {
                assertEquals(0.0, diff, 1e-12, "reset: the round is a function of the global model alone");
            } else {
                assertTrue(diff > 1e-4, "carry-over: momentum from round 1 changes round 2, max diff " + diff);
            }
        }
    }

    @Test
    void train_globalModelOfAnotherWidth_namesTensorLayerAndFixAndLeavesNetworkUnchanged() {
        MultiLayerNetwork coordinatorNet = Dl4jFixtures.mlp(6, 5, 3, new Sgd(0.1), DataType.FLOAT, 1);
        MultiLayerNetwork site = Dl4jFixtures.mlp(6, 7, 3, new Sgd(0.1), DataType.FLOAT, 1);
        ModelWeights before = Dl4jParameters.weights(site);
        Dl4jLocalTrainer trainer = Dl4jLocalTrainer.of(site, doubleData(10, 1), Dl4jLocalTrainer.Batches.inOrder(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.train(task(Dl4jParameters.weights(coordinatorNet), ClientInstructions.NONE)));
        String m = e.getMessage();
        assertTrue(m.contains("global model tensor '0_W'") && m.contains("[6, 7]") && m.contains("layer 0 (DenseLayer)")
                && m.contains("[6, 5]") && m.contains("Build every site's network from the configuration"), m);
        assertEquals(before, Dl4jParameters.weights(site), "a rejected task changes nothing");
    }

    @Test
    void train_globalModelWithAnExtraTensor_namesIt() {
        MultiLayerNetwork site = Dl4jFixtures.mlp(6, 5, 3, new Sgd(0.1), DataType.FLOAT, 1);
        List<TensorSpec> tensors = new ArrayList<>(Dl4jParameters.spec(site).tensors());
        tensors.add(TensorSpec.of("2_W", 3, 3));
        ModelWeights global = ModelWeights.zeros(new ModelSpec(tensors));
        Dl4jLocalTrainer trainer = Dl4jLocalTrainer.of(site, doubleData(10, 1), Dl4jLocalTrainer.Batches.inOrder(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.train(task(global, ClientInstructions.NONE)));
        assertTrue(e.getMessage().contains("global model tensor '2_W'") && e.getMessage().contains("[0_W, 0_b, 1_W, 1_b]"),
                e.getMessage());
    }

    @Test
    void train_globalModelMissingATensor_namesTheLayerItBelongsTo() {
        MultiLayerNetwork site = Dl4jFixtures.mlp(6, 5, 3, new Sgd(0.1), DataType.FLOAT, 1);
        ModelWeights global = ModelWeights.zeros(ModelSpec.of(TensorSpec.of("0_W", 6, 5), TensorSpec.of("0_b", 5),
                TensorSpec.of("1_W", 5, 3)));
        Dl4jLocalTrainer trainer = Dl4jLocalTrainer.of(site, doubleData(10, 1), Dl4jLocalTrainer.Batches.inOrder(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.train(task(global, ClientInstructions.NONE)));
        assertTrue(e.getMessage().contains("a tensor '1_b'") && e.getMessage().contains("layer 1 (OutputLayer)"), e.getMessage());
    }
}
