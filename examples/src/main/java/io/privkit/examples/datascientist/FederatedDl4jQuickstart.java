package io.privkit.examples.datascientist;

import io.privkit.common.Randomness;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.client.ClientConfig;
import io.privkit.federated.client.FederatedClient;
import io.privkit.federated.client.dl4j.Dl4jLocalTrainer;
import io.privkit.federated.client.dl4j.Dl4jParameters;
import io.privkit.federated.coordinator.Coordinator;
import io.privkit.federated.coordinator.CoordinatorConfig;
import io.privkit.federated.coordinator.RoundListener;
import io.privkit.federated.coordinator.TrainingRun;
import io.privkit.federated.strategy.Strategies;
import io.privkit.federated.transport.AllowList;
import io.privkit.federated.transport.FederationPki;
import io.privkit.federated.transport.TransportSecurity;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Data scientist's federated quick start with DL4J: three sites (say, hospitals) each train their
 * own copy of the same {@link MultiLayerNetwork} on data that never leaves them; a coordinator
 * averages their updates (FedAvg) over gRPC with mutual TLS. Each site sees only two of the four
 * classes (non-IID), which no site could learn alone; the federated model is compared with the same
 * network trained on all the data in one place.
 *
 * <p>Here the three sites and the coordinator run in one JVM over loopback sockets; in production
 * each site runs only its {@code FederatedClient} part, with its certificate from
 * {@code privkit federated init}, and the coordinator runs {@code privkit federated serve} or its
 * own {@link Coordinator}.
 *
 * <pre>java ... FederatedDl4jQuickstart</pre>
 */
public final class FederatedDl4jQuickstart {
    private FederatedDl4jQuickstart() {
    }

    static final int FEATURES = 10;
    static final int CLASSES = 4;

    /**
     * What the run found.
     *
     * @param federatedAccuracy held-out accuracy of the final global model
     * @param centralAccuracy   held-out accuracy of the same network trained on the union of the sites' data
     * @param run               the coordinator's run (rounds, reports, final model)
     */
    public record Outcome(double federatedAccuracy, double centralAccuracy, TrainingRun run) {
    }

    public static void main(String[] args) throws Exception {
        run(15, Randomness.secure(), System.out);
    }

    /** The network every site builds: the same configuration and seed everywhere. */
    static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(42).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER).updater(new Sgd(0.05))
                .list()
                .layer(new DenseLayer.Builder().nIn(FEATURES).nOut(16).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /**
     * Runs the federation for {@code rounds} rounds and prints a progress line per round and the
     * accuracies. {@code randomness} generates the data, shuffles and client sampling (seed it to
     * reproduce a run).
     */
    public static Outcome run(int rounds, Randomness randomness, PrintStream out) throws Exception {
        // Generated stand-in data: 4 Gaussian classes in 10 dimensions; site k holds classes k, k+1 (mod 4).
        double[][] means = means(randomness.derive("means"));
        List<String> sites = List.of("site-1", "site-2", "site-3");
        List<DataSet> local = new ArrayList<>();
        for (int k = 0; k < sites.size(); k++) {
            local.add(sample(500, means, new int[] {k, (k + 1) % CLASSES}, randomness.derive("site-" + k)));
        }
        DataSet holdout = sample(2000, means, new int[] {0, 1, 2, 3}, randomness.derive("holdout"));

        // The federation's PKI: a CA, a coordinator certificate and one client certificate per site.
        FederationPki pki = FederationPki.createAuthority("dl4j-quickstart", Duration.ofDays(1), Clock.systemUTC());
        MultiLayerNetwork evaluator = network();
        CoordinatorConfig config = CoordinatorConfig.builder().federationId("dl4j-quickstart").rounds(rounds)
                .allowList(AllowList.of(sites)).bindAddress(InetAddress.getLoopbackAddress()).port(0)
                .security(TransportSecurity.MutualTls.of(pki.issueCoordinator(List.of("localhost", "127.0.0.1"), Duration.ofDays(1))))
                .strategy(Strategies.fedAvg()).randomness(randomness.derive("sampling")).heartbeatInterval(Duration.ofSeconds(1))
                .listener(RoundListener.printingTo(new PrintWriter(out, true, StandardCharsets.UTF_8)))
                .evaluator(w -> {
                    synchronized (evaluator) {
                        Dl4jParameters.load(w, evaluator);
                        return Map.of("accuracy", accuracy(evaluator, holdout));
                    }
                })
                .build();

        ExecutorService pool = Executors.newFixedThreadPool(sites.size());
        TrainingRun run;
        try (Coordinator coordinator = Coordinator.open(config, Dl4jParameters.weights(network()))) {
            List<Future<FederatedClient.ClientSummary>> clients = new ArrayList<>();
            for (int k = 0; k < sites.size(); k++) {
                String id = sites.get(k);
                DataSet data = local.get(k);
                Randomness shuffles = randomness.derive("shuffles/" + id);
                ClientConfig site = ClientConfig.builder().target("localhost", coordinator.port()).identity(id)
                        .security(TransportSecurity.MutualTls.of(pki.issueClient(id, Duration.ofDays(1)))).build();
                clients.add(pool.submit(() -> {
                    // --- What a site runs: its own network and data, plugged into the client. ---
                    MultiLayerNetwork net = network();
                    Dl4jLocalTrainer trainer = Dl4jLocalTrainer.of(net, data, Dl4jLocalTrainer.Batches.shuffled(10, shuffles));
                    try (FederatedClient client = FederatedClient.open(site, trainer)) {
                        return client.run();
                    }
                }));
            }
            run = coordinator.run();
            for (Future<FederatedClient.ClientSummary> f : clients) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        Dl4jParameters.load(run.finalModel(), evaluator);
        double federated = accuracy(evaluator, holdout);

        // The comparison: the same network trained on all sites' data in one place (10 epochs).
        MultiLayerNetwork central = network();
        DataSet union = DataSet.merge(local);
        for (int e = 0; e < 10; e++) {
            union.shuffle(randomness.derive("central/" + e).nextLong());
            central.fit(new ListDataSetIterator<>(union.asList(), 10));
        }
        double centralAccuracy = accuracy(central, holdout);
        out.printf(Locale.ROOT, "federated model: %.1f%% held-out accuracy after %d rounds; the same network trained centrally: %.1f%%%n",
                100 * federated, run.completedRounds(), 100 * centralAccuracy);
        return new Outcome(federated, centralAccuracy, run);
    }

    static double accuracy(MultiLayerNetwork net, DataSet test) {
        return net.evaluate(new ListDataSetIterator<>(test.asList(), 500)).accuracy();
    }

    private static double[][] means(Randomness r) {
        double[][] mu = new double[CLASSES][FEATURES];
        for (double[] m : mu) {
            for (int j = 0; j < FEATURES; j++) {
                m[j] = gaussian(r) * 3.0 / Math.sqrt(FEATURES);
            }
        }
        return mu;
    }

    private static DataSet sample(int n, double[][] means, int[] classes, Randomness r) {
        double[][] x = new double[n][FEATURES];
        double[][] y = new double[n][CLASSES];
        for (int i = 0; i < n; i++) {
            int k = classes[r.nextInt(classes.length)];
            y[i][k] = 1;
            for (int j = 0; j < FEATURES; j++) {
                x[i][j] = means[k][j] + gaussian(r);
            }
        }
        return new DataSet(Nd4j.create(x).castTo(DataType.FLOAT), Nd4j.create(y).castTo(DataType.FLOAT));
    }

    private static double gaussian(Randomness r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
