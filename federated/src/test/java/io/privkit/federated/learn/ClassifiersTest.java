package io.privkit.federated.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.client.LocalUpdate;
import io.privkit.federated.client.TrainingTask;
import io.privkit.federated.sim.SyntheticData;
import io.privkit.federated.strategy.ClientInstructions;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Analytic gradients against central finite differences (the slow, obviously correct path). */
class ClassifiersTest {
    private static final Dataset DATA = SyntheticData.gaussianClusters(12, 5, 3, 3.0, Randomness.insecureSeeded(1));

    private static void checkGradient(Classifier c, double[] w) {
        int[] batch = {0, 3, 5, 7, 11};
        double[] g = new double[w.length];
        c.lossAndGradient(w, DATA, batch, 0, batch.length, g);
        double h = 1e-6;
        double[] scratch = new double[w.length];
        for (int j = 0; j < w.length; j++) {
            double keep = w[j];
            w[j] = keep + h;
            double up = c.lossAndGradient(w, DATA, batch, 0, batch.length, scratch);
            w[j] = keep - h;
            double down = c.lossAndGradient(w, DATA, batch, 0, batch.length, scratch);
            w[j] = keep;
            // Central difference error O(h^2 f''') plus rounding O(eps / h): well under 1e-6 here.
            assertEquals((up - down) / (2 * h), g[j], 1e-6, c + " parameter " + j);
        }
    }

    @Test
    void softmaxRegression_gradient_matchesFiniteDifferences() {
        SoftmaxRegression c = new SoftmaxRegression(5, 3);
        double[] w = new double[c.spec().size()];
        Randomness r = Randomness.insecureSeeded(2);
        for (int j = 0; j < w.length; j++) {
            w[j] = r.nextDouble() - 0.5;
        }
        checkGradient(c, w);
    }

    @Test
    void mlp_gradient_matchesFiniteDifferences() {
        MultilayerPerceptron c = new MultilayerPerceptron(5, 7, 3);
        checkGradient(c, c.initialize(Randomness.insecureSeeded(3)).values());
    }

    @Test
    void localSgd_learnsSeparableClusters_andIsReproducible() {
        Dataset[] tt = SyntheticData.trainTest(600, 300, 8, 4, 6.0, Randomness.insecureSeeded(4));
        SoftmaxRegression c = new SoftmaxRegression(8, 4);
        LocalSgd sgd = new LocalSgd(c, tt[0], new LocalSgd.Options(3, 10, 0.1), Randomness.insecureSeeded(5));
        ModelWeights w0 = c.initialize(Randomness.insecureSeeded(6));
        TrainingTask task = new TrainingTask("r", 1, w0, ClientInstructions.NONE, Instant.MAX);
        LocalUpdate u = sgd.train(task);
        ModelWeights w = w0.plus(u.delta(), 1);
        assertTrue(c.accuracy(w, tt[1]) > 0.9, "accuracy " + c.accuracy(w, tt[1]));
        assertEquals(0.25, u.metrics().get("accuracy"), 0.1, "the zero model's accuracy before training is about chance");
        assertEquals(600, u.examples());
        assertEquals(java.util.Arrays.toString(u.delta()), java.util.Arrays.toString(sgd.train(task).delta()), "same seed, same update");
    }

    /** With mu > 0 each step also pulls toward the global model: the update is shorter. */
    @Test
    void localSgd_proximalTerm_shrinksUpdate() {
        Dataset d = SyntheticData.gaussianClusters(200, 8, 4, 6.0, Randomness.insecureSeeded(7));
        SoftmaxRegression c = new SoftmaxRegression(8, 4);
        LocalSgd sgd = new LocalSgd(c, d, new LocalSgd.Options(5, 10, 0.1), Randomness.insecureSeeded(8));
        ModelWeights w0 = c.initialize(Randomness.insecureSeeded(9));
        double plain = norm(sgd.train(new TrainingTask("r", 1, w0, ClientInstructions.NONE, Instant.MAX)).delta());
        double prox = norm(sgd.train(new TrainingTask("r", 1, w0, new ClientInstructions(1.0, 0), Instant.MAX)).delta());
        assertTrue(prox < 0.8 * plain, prox + " vs " + plain);
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
