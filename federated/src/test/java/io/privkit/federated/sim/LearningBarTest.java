package io.privkit.federated.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.federated.learn.Dataset;
import io.privkit.federated.learn.LocalSgd;
import io.privkit.federated.learn.SoftmaxRegression;
import org.junit.jupiter.api.Test;

/**
 * The learning bar on generated data (always available): FedAvg over 10 clients holding
 * McMahan et al.'s pathological non-IID label shards (2 shards each, so most clients see two of the
 * ten classes) reaches the accuracy of the same model trained centrally to within 2 points, over the
 * real protocol on loopback. The Fashion-MNIST version is the experiment in {@link FedAvgExperiment}
 * (figures in the module's notes).
 */
class LearningBarTest {

    @Test
    void fedAvg_tenClientsLabelShards_withinTwoPointsOfCentral() throws Exception {
        Dataset[] tt = SyntheticData.trainTest(4000, 2000, 20, 10, 3.0, Randomness.insecureSeeded(11));
        SoftmaxRegression model = new SoftmaxRegression(20, 10);
        LocalSgd.Options local = new LocalSgd.Options(1, 10, 0.05);
        double central = FedAvgExperiment.central(model, tt[0], tt[1], local, 5, 1);
        FedAvgExperiment.Curve curve = FedAvgExperiment.federated(model, tt[0], tt[1],
                new FedAvgExperiment.Setting(10, 2, 1.0, local, 10), 1);
        assertEquals(10, curve.accuracyByRound().size());
        assertTrue(central > 0.8, "the task is learnable: central accuracy " + central);
        assertTrue(curve.finalAccuracy() >= central - 0.02, "federated " + curve.finalAccuracy() + " vs central " + central);
        assertTrue(curve.accuracyByRound().get(0) < curve.finalAccuracy(), "accuracy rises over the rounds");
    }
}
