package io.privkit.federated.sim;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.client.LocalTrainer;
import io.privkit.federated.coordinator.ClientSampling;
import io.privkit.federated.coordinator.CoordinatorConfig;
import io.privkit.federated.coordinator.RoundReport;
import io.privkit.federated.coordinator.TrainingRun;
import io.privkit.federated.coordinator.UpdatePolicy;
import io.privkit.federated.learn.Classifier;
import io.privkit.federated.learn.Dataset;
import io.privkit.federated.learn.LocalSgd;
import io.privkit.federated.strategy.Strategies;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The learning experiment of McMahan et al. (AISTATS 2017) on any dataset: the same model trained
 * centrally, and federated over {@code K} simulated clients holding label shards, with FedAvg
 * ({@code E} local epochs, batch {@code B}) or FedSGD ({@code E = 1}, full batch), {@code C·K}
 * clients per round, over the real protocol on loopback. Reports test accuracy per round and the
 * rounds needed to reach a target.
 */
public final class FedAvgExperiment {

    /**
     * The federated setting.
     *
     * @param clients         K
     * @param shardsPerClient label shards per client (2 is McMahan et al.'s pathological non-IID split)
     * @param fraction        C, the sampling rate
     * @param local           E, B and η of local SGD
     * @param rounds          rounds to run
     */
    public record Setting(int clients, int shardsPerClient, double fraction, LocalSgd.Options local, int rounds) {
        public Setting {
            Checks.requirePositive(clients, "clients");
            Checks.requirePositive(shardsPerClient, "shardsPerClient");
            Checks.requireNonNull(local, "local");
            Checks.requirePositive(rounds, "rounds");
        }
    }

    /**
     * A federated run's accuracy curve.
     *
     * @param accuracyByRound test accuracy after each round
     * @param run             the coordinator's run
     */
    public record Curve(List<Double> accuracyByRound, TrainingRun run) {
        /** The first round whose accuracy reaches {@code target}, or -1. */
        public int roundsTo(double target) {
            for (int i = 0; i < accuracyByRound.size(); i++) {
                if (accuracyByRound.get(i) >= target) {
                    return i + 1;
                }
            }
            return -1;
        }

        /** The accuracy after the last round. */
        public double finalAccuracy() {
            return accuracyByRound.get(accuracyByRound.size() - 1);
        }
    }

    private FedAvgExperiment() {
    }

    /** Test accuracy of the model trained centrally for {@code epochs} epochs. */
    public static double central(Classifier model, Dataset train, Dataset test, LocalSgd.Options options, int epochs, long seed) {
        ModelWeights w = LocalSgd.trainCentrally(model, train, options, epochs, Randomness.insecureSeeded(seed));
        return model.accuracy(w, test);
    }

    /** Runs the federated setting; evaluation on {@code test} after every round. */
    public static Curve federated(Classifier model, Dataset train, Dataset test, Setting s, long seed) throws IOException, InterruptedException {
        Randomness root = Randomness.insecureSeeded(seed);
        List<int[]> parts = Partitions.labelShards(train, s.clients(), s.shardsPerClient(), root.derive("partition"));
        Map<String, LocalTrainer> trainers = new TreeMap<>();
        for (int k = 0; k < parts.size(); k++) {
            String id = String.format("client-%03d", k);
            trainers.put(id, new LocalSgd(model, train.subset(parts.get(k)), s.local(), root.derive("shuffle/" + id)));
        }
        CoordinatorConfig.Builder b = CoordinatorConfig.builder().federationId("fedavg-experiment").rounds(s.rounds())
                .sampling(s.fraction() >= 1 ? ClientSampling.all() : ClientSampling.poisson(s.fraction()))
                .minResults(1).minAvailable(Math.max(1, (int) Math.floor(s.fraction() * s.clients()))).roundTimeout(Duration.ofMinutes(10))
                .strategy(Strategies.fedAvg()).updatePolicy(UpdatePolicy.withDefaults())
                .randomness(root.derive("sampling")).heartbeatInterval(Duration.ofSeconds(2))
                .evaluator(w -> Map.of("accuracy", model.accuracy(w, test)));
        TrainingRun run = Simulation.run(b, trainers, model.initialize(root.derive("init")), Simulation.Transport.PLAINTEXT);
        List<Double> acc = run.history().rounds().stream().map(RoundReport::metrics)
                .map(m -> m.getOrDefault("accuracy", Double.NaN)).toList();
        return new Curve(acc, run);
    }

    /**
     * Runs the experiment and prints a table. Arguments (all optional, {@code key=value}):
     * {@code data=fashion-mnist|synthetic model=softmax|mlp hidden=64 clients=20 shards=2 fraction=0.5
     * epochs=1 batch=10 lr=0.05 rounds=40 sgdLr=0.5 sgdRounds=200 centralEpochs=5 target=0.8 seed=1}.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> a = new TreeMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        long seed = Long.parseLong(a.getOrDefault("seed", "1"));
        Dataset train;
        Dataset test;
        if (a.getOrDefault("data", "fashion-mnist").equals("fashion-mnist")) {
            java.nio.file.Path dir = FashionMnist.locate().orElseThrow(() -> new IllegalStateException(
                    "Fashion-MNIST is not installed: apt-get install dataset-fashion-mnist"));
            train = FashionMnist.train(dir, Integer.parseInt(a.getOrDefault("train", "60000")));
            test = FashionMnist.test(dir, Integer.parseInt(a.getOrDefault("test", "10000")));
        } else {
            Dataset[] tt = SyntheticData.trainTest(6000, 2000, 20, 10, 3.0, Randomness.insecureSeeded(seed));
            train = tt[0];
            test = tt[1];
        }
        Classifier model = a.getOrDefault("model", "softmax").equals("mlp")
                ? new io.privkit.federated.learn.MultilayerPerceptron(train.dims(), Integer.parseInt(a.getOrDefault("hidden", "64")), 10)
                : new io.privkit.federated.learn.SoftmaxRegression(train.dims(), train.classes());
        LocalSgd.Options local = new LocalSgd.Options(Integer.parseInt(a.getOrDefault("epochs", "1")),
                Integer.parseInt(a.getOrDefault("batch", "10")), Double.parseDouble(a.getOrDefault("lr", "0.05")));
        int clients = Integer.parseInt(a.getOrDefault("clients", "20"));
        int shards = Integer.parseInt(a.getOrDefault("shards", "2"));
        double fraction = Double.parseDouble(a.getOrDefault("fraction", "0.5"));
        double target = Double.parseDouble(a.getOrDefault("target", "0.8"));
        long t0 = System.nanoTime();
        double central = central(model, train, test, local, Integer.parseInt(a.getOrDefault("centralEpochs", "5")), seed);
        System.out.printf(java.util.Locale.ROOT, "central: accuracy %.4f (%.1f s)%n", central, (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        Curve avg = federated(model, train, test, new Setting(clients, shards, fraction, local, Integer.parseInt(a.getOrDefault("rounds", "40"))), seed);
        System.out.printf(java.util.Locale.ROOT, "fedavg E=%d B=%d: final %.4f, best %.4f, rounds to %.2f: %d (%.1f s)%n  %s%n", local.epochs(),
                local.batchSize(), avg.finalAccuracy(), avg.accuracyByRound().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                target, avg.roundsTo(target), (System.nanoTime() - t0) / 1e9, avg.accuracyByRound());
        int sgdRounds = Integer.parseInt(a.getOrDefault("sgdRounds", "0"));
        if (sgdRounds > 0) {
            t0 = System.nanoTime();
            LocalSgd.Options sgd = new LocalSgd.Options(1, 0, Double.parseDouble(a.getOrDefault("sgdLr", "0.5")));
            Curve fs = federated(model, train, test, new Setting(clients, shards, fraction, sgd, sgdRounds), seed);
            System.out.printf(java.util.Locale.ROOT, "fedsgd: final %.4f, rounds to %.2f: %d (%.1f s)%n  %s%n", fs.finalAccuracy(), target,
                    fs.roundsTo(target), (System.nanoTime() - t0) / 1e9, fs.accuracyByRound());
            if (avg.roundsTo(target) > 0 && fs.roundsTo(target) > 0) {
                System.out.printf(java.util.Locale.ROOT, "speedup of FedAvg over FedSGD to %.2f: %.1fx%n", target,
                        fs.roundsTo(target) / (double) avg.roundsTo(target));
            }
        }
    }
}
