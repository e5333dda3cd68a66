package io.privkit.examples.datascientist;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.dp.sgd.DpSgdConfig;
import io.privkit.dp.sgd.DpSgdEvidence;
import io.privkit.dp.sgd.DpSgdOptions;
import io.privkit.dp.sgd.DpSgdResult;
import io.privkit.dp.sgd.LedgerGate;
import io.privkit.dp.ledger.LedgerConfig;
import io.privkit.dp.ledger.LedgerLocation;
import io.privkit.dp.ledger.PrivacyLedger;
import io.privkit.dp.sgd.dl4j.DpSgdNetworkTrainer;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.PrivacyBudgetEvidence;
import io.privkit.evidence.Subject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Data scientist's quick start: a DL4J CNN on Fashion-MNIST trained with DP-SGD at epsilon 3,
 * delta 1e-5, next to the same network trained without privacy, ending in a privacy-budget
 * evidence record.
 *
 * <p>The network is the end-to-end CNN of Tramer and Boneh ("Differentially Private Learning Needs
 * Better Features (or Much More Data)", ICLR 2021; the architecture of Papernot et al., "Tempered
 * Sigmoid Activations for Deep Learning with Differential Privacy", AAAI 2021): two tanh
 * convolutions (16 filters 8x8 stride 2, 32 filters 4x4 stride 2) each followed by 2x2 max pooling
 * with stride 1, a 32-unit tanh layer and a softmax output, 26 010 parameters. They report 86.0%
 * test accuracy at epsilon 3.
 *
 * <pre>
 * java ... FashionMnistQuickstart [fashion-mnist-folder] [--evidence record.json] [--ledger budget.db]
 * </pre>
 * Every DP-SGD step is reserved in a durable privacy ledger (an SQLite file, {@code
 * fashion-mnist-budget.db} unless {@code --ledger} names another; created with the settings'
 * budget at delta 1e-5 when it does not exist) before its update is applied; a second run against
 * the same ledger is refused before training, because the budget cannot pay for it twice.
 * The folder defaults to {@code /usr/share/datasets/fashion-mnist} (Debian package
 * {@code dataset-fashion-mnist}); when the files are missing it says so and exits with code 2.
 * The full run takes about 40 minutes on one core ({@code OMP_NUM_THREADS=1}). Give the JVM a
 * moderate heap ({@code -Xmx2g}, about 3 GB resident in all): ND4J frees its off-heap buffers when
 * the garbage collector collects their Java objects, and JavaCPP lets off-heap memory grow to a
 * multiple of the heap limit before it forces a collection, so a very large {@code -Xmx} lets the
 * process outgrow the machine.
 */
public final class FashionMnistQuickstart {
    private FashionMnistQuickstart() {
    }

    /**
     * What to run.
     *
     * @param data            where the data comes from: a folder of IDX files, or generated data
     * @param trainExamples   at most this many training examples
     * @param testExamples    at most this many test examples
     * @param targetEpsilon   the budget; the noise is calibrated to it
     * @param delta           the delta
     * @param epochs          DP-SGD epochs
     * @param batchSize       expected (Poisson) batch size
     * @param clippingNorm    per-example L2 bound
     * @param learningRate    Nesterov learning rate of the private run
     * @param baselineEpochs  epochs of the non-private baseline (mini-batches of 128)
     * @param ledgerEpsilon   the budget of a ledger created for the run; above the target, because the
     *                        ledger composes spends that may be chosen adaptively (a Rényi filter), which
     *                        costs more than the PLD accountant's epsilon for one run fixed in advance,
     *                        and more so for short runs (24 steps at epsilon 3 cost 4.13 there)
     * @param randomness      where noise and sampling come from (secure unless testing)
     */
    public record Settings(Path data, int trainExamples, int testExamples, double targetEpsilon, double delta, double epochs,
                           int batchSize, double clippingNorm, double learningRate, int baselineEpochs, double ledgerEpsilon, Randomness randomness) {
        public Settings {
            Checks.requirePositive(trainExamples, "trainExamples");
            Checks.requirePositive(testExamples, "testExamples");
            Checks.requireNonNull(randomness, "randomness");
        }

        /**
         * A run of seconds for tests: 2 000 training and 500 test images from {@code folder}, or
         * generated stand-in data when {@code folder} is null; seeded randomness (no privacy).
         */
        public static Settings small(Path folder, long seed) {
            return new Settings(folder, 2_000, 500, 3.0, 1e-5, 3, 256, 1.0, 0.5, 1, 5.0, Randomness.insecureSeeded(seed));
        }

        /** The full run on the real data in {@code folder}: all 60 000 + 10 000 images, epsilon 3. */
        public static Settings full(Path folder) {
            return new Settings(folder, 60_000, 10_000, 3.0, 1e-5, 40, 2048, 0.1, 4.0, 8, 4.0, Randomness.secure());
        }
    }

    /**
     * What the run found.
     *
     * @param privateAccuracy  test accuracy of the DP model
     * @param baselineAccuracy test accuracy of the same network trained without privacy
     * @param result           what the DP run spent
     * @param evidence         the privacy-budget record
     */
    public record Outcome(double privateAccuracy, double baselineAccuracy, DpSgdResult result, PrivacyBudgetEvidence evidence) {
    }

    public static void main(String[] args) throws IOException {
        Path folder = FashionMnist.DEBIAN_FOLDER;
        Path evidenceFile = null;
        Path ledgerFile = Path.of("fashion-mnist-budget.db");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--evidence") && i + 1 < args.length) {
                evidenceFile = Path.of(args[++i]);
            } else if (args[i].equals("--ledger") && i + 1 < args.length) {
                ledgerFile = Path.of(args[++i]);
            } else {
                folder = Path.of(args[i]);
            }
        }
        try {
            Outcome o = run(Settings.full(folder), ledgerFile, System.out);
            if (evidenceFile != null) {
                EvidenceJson.write(o.evidence(), evidenceFile);
                System.out.println("Evidence record written to " + evidenceFile);
            }
        } catch (NoSuchFileException e) {
            System.err.println("FashionMnistQuickstart: " + e.getReason() + ".");
            System.exit(2);
        } catch (io.privkit.dp.ledger.BudgetExceededException e) {
            System.err.println("FashionMnistQuickstart: " + e.getMessage());
            System.exit(3);
        } catch (IllegalArgumentException e) {
            System.err.println("FashionMnistQuickstart: " + e.getMessage());
            System.exit(2);
        }
    }

    /** The network: the same for the private and the baseline run. */
    static MultiLayerNetwork network(double learningRate, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER)
                .updater(new Nesterovs(learningRate, 0.9))
                .convolutionMode(ConvolutionMode.Truncate)
                .list()
                .layer(new ConvolutionLayer.Builder(8, 8).stride(2, 2).padding(3, 3).nOut(16).activation(Activation.TANH).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(1, 1).build())
                .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).nOut(32).activation(Activation.TANH).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(1, 1).build())
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build());
        net.init();
        return net;
    }

    /** Prints one line per epoch of DP-SGD steps. */
    static DpSgdOptions.StepListener progress(PrintStream out) {
        return run -> {
            double perEpoch = 1 / run.plan().samplingRate();
            long done = run.stepsApplied();
            if (Math.floor(done / perEpoch) > Math.floor((done - 1) / perEpoch) || run.finished()) {
                out.printf(Locale.ROOT, "  DP-SGD epoch %.0f of %.0f (%d of %d steps)%n", Math.floor(done / perEpoch),
                        Math.ceil(run.plan().epochs()), done, run.plan().steps());
            }
        };
    }

    static double accuracy(MultiLayerNetwork net, DataSet test) {
        return net.evaluate(new ListDataSetIterator<>(test.asList(), 1000)).accuracy();
    }

    /** Opens the ledger at {@code file}, creating it with a budget of {@code epsilon} (delta 1e-5) when absent. */
    static PrivacyLedger ledger(Path file, double epsilon) {
        LedgerLocation location = LedgerLocation.sqlite(file);
        return Files.exists(file) ? PrivacyLedger.open(location)
                : PrivacyLedger.create(location, LedgerConfig.builder().name("fashion-mnist-quickstart")
                        .epsilon(epsilon).delta(1e-5).build());
    }

    /**
     * Trains the baseline and the private model and prints both accuracies, the privacy spent and
     * the evidence record's headline. Every private step is first reserved in the ledger at
     * {@code ledgerFile}.
     *
     * @throws NoSuchFileException when the settings name a folder without the IDX files
     * @throws IllegalArgumentException when the ledger cannot pay for the run (nothing is trained)
     */
    public static Outcome run(Settings s, Path ledgerFile, PrintStream out) throws IOException {
        FashionMnist data = s.data() != null
                ? FashionMnist.load(s.data(), s.trainExamples(), s.testExamples())
                : FashionMnist.generated(s.trainExamples(), s.testExamples(), Randomness.insecureSeeded(20_26));
        out.printf(Locale.ROOT, "Fashion-MNIST: %d training and %d test images (%s)%n", data.train().numExamples(),
                data.test().numExamples(), s.data() != null ? s.data() : "generated stand-in data");

        // 1. Non-private baseline: the same network, plain fit() on shuffled mini-batches.
        MultiLayerNetwork baseline = network(0.05, 42);
        DataSet shuffled = data.train().copy();
        for (int e = 0; e < s.baselineEpochs(); e++) {
            shuffled.shuffle(1000L + e);
            baseline.fit(new ListDataSetIterator<>(shuffled.asList(), 128));
        }
        double baselineAccuracy = accuracy(baseline, data.test());
        out.printf(Locale.ROOT, "non-private baseline: %.2f%% test accuracy (%d epochs)%n", 100 * baselineAccuracy, s.baselineEpochs());

        // 2. The same network with DP-SGD: only these lines differ from ordinary DL4J training.
        MultiLayerNetwork network = network(s.learningRate(), 42);
        DpSgdConfig config = DpSgdConfig.builder()
                .targetEpsilon(s.targetEpsilon()).delta(s.delta())    // the budget; the noise is calibrated to it
                .clippingNorm(s.clippingNorm())                       // per-example L2 bound
                .expectedBatchSize(s.batchSize()).epochs(s.epochs())  // Poisson-sampled batches
                .maxPhysicalBatchSize(512)                            // memory: larger batches run in parts
                .build();
        long start = System.nanoTime();
        DpSgdResult result;
        PrivacyBudgetEvidence.LedgerSummary spent;
        try (PrivacyLedger ledger = ledger(ledgerFile, s.ledgerEpsilon())) {                 // the budget, durable
            LedgerGate gate = LedgerGate.of(ledger);                      // each step reserved before its update
            result = DpSgdNetworkTrainer.of(network, config)
                    .with(DpSgdOptions.withDefaults().with(s.randomness()).with(gate).with(progress(out)))
                    .fit(data.train());
            spent = gate.summary(result);
        }
        double privateAccuracy = accuracy(network, data.test());
        out.printf(Locale.ROOT, "DP-SGD: %.2f%% test accuracy at epsilon = %.3f, delta = %s (noise multiplier %.3f, "
                        + "%d steps, %.0f s)%n", 100 * privateAccuracy, result.epsilon(), s.delta(),
                result.plan().noiseMultiplier(), result.stepsReserved(), (System.nanoTime() - start) / 1e9);
        out.printf(Locale.ROOT, "ledger %s: epsilon %.3f spent before this run, %.3f left of %.1f%n", ledgerFile,
                spent.spentBefore(), spent.remainingAfter(), spent.budgetEpsilon());

        // 3. The evidence record for the DPIA.
        PrivacyBudgetEvidence evidence = DpSgdEvidence.of(result)
                .subject(new Subject("Fashion-MNIST quick start", "tramer-boneh-cnn", null, java.util.List.of()))
                .utility("test-accuracy", privateAccuracy).nonPrivateBaseline(baselineAccuracy)
                .ledger(spent)
                .randomness(s.randomness())
                .build();
        out.println("evidence: " + evidence.headline());
        return new Outcome(privateAccuracy, baselineAccuracy, result, evidence);
    }
}
