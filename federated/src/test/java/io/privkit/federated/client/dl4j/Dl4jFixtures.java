package io.privkit.federated.client.dl4j;

import io.privkit.common.Randomness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks and generated data for the DL4J adapter's tests. */
final class Dl4jFixtures {
    private Dl4jFixtures() {
    }

    /** {@code inputs → hidden (tanh) → classes (softmax)}, cross-entropy, the given updater and seed. */
    static MultiLayerNetwork mlp(int inputs, int hidden, int classes, IUpdater updater, DataType type, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(type).weightInit(WeightInit.XAVIER).updater(updater)
                .list()
                .layer(new DenseLayer.Builder().nIn(inputs).nOut(hidden).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(hidden).nOut(classes)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /**
     * {@code n} examples of {@code classes} Gaussian clusters in {@code dims} dimensions: class means
     * with N(0, separation²/dims) coordinates, unit-variance noise; labels uniform. Deterministic for
     * a seeded source; train and test drawn from one call share the means.
     */
    static DataSet[] clusters(int nTrain, int nTest, int dims, int classes, double separation, Randomness r) {
        Randomness means = r.derive("means");
        double[][] mu = new double[classes][dims];
        for (double[] m : mu) {
            for (int j = 0; j < dims; j++) {
                m[j] = gaussian(means) * separation / Math.sqrt(dims);
            }
        }
        Randomness ex = r.derive("examples");
        int n = nTrain + nTest;
        double[][] x = new double[n][dims];
        double[][] y = new double[n][classes];
        for (int i = 0; i < n; i++) {
            int k = ex.nextInt(classes);
            y[i][k] = 1;
            for (int j = 0; j < dims; j++) {
                x[i][j] = mu[k][j] + gaussian(ex);
            }
        }
        return new DataSet[] {
            new DataSet(Nd4j.create(Arrays.copyOfRange(x, 0, nTrain)).castTo(DataType.FLOAT),
                    Nd4j.create(Arrays.copyOfRange(y, 0, nTrain)).castTo(DataType.FLOAT)),
            new DataSet(Nd4j.create(Arrays.copyOfRange(x, nTrain, n)).castTo(DataType.FLOAT),
                    Nd4j.create(Arrays.copyOfRange(y, nTrain, n)).castTo(DataType.FLOAT))};
    }

    /**
     * McMahan et al.'s pathological non-IID split (AISTATS 2017, §3): sort by label, cut into
     * {@code clients × shards} shards, deal {@code shards} random shards to each client.
     */
    static List<DataSet> labelShards(DataSet data, int clients, int shards, Randomness r) {
        int n = data.numExamples();
        Integer[] idx = new Integer[n];
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
            label[i] = data.getLabels().getRow(i).argMax().getInt(0);
        }
        Arrays.sort(idx, (a, b) -> label[a] != label[b] ? Integer.compare(label[a], label[b]) : Integer.compare(a, b));
        int total = clients * shards;
        int size = n / total;
        int[] perm = new int[total];
        for (int i = 0; i < total; i++) {
            perm[i] = i;
        }
        for (int i = total - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        List<DataSet> out = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int[] rows = new int[shards * size];
            for (int s = 0; s < shards; s++) {
                int shard = perm[c * shards + s];
                for (int j = 0; j < size; j++) {
                    rows[s * size + j] = idx[shard * size + j];
                }
            }
            out.add(data.get(rows));
        }
        return out;
    }

    static double accuracy(MultiLayerNetwork net, DataSet test) {
        return net.evaluate(new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(test.asList(), 500)).accuracy();
    }

    private static double gaussian(Randomness r) {
        double u1 = 1 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
