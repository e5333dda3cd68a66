package io.privkit.examples.datascientist;

import io.privkit.common.Checks;
import io.privkit.common.DataFormatException;
import io.privkit.common.Randomness;
import io.privkit.dp.sgd.DpSgdConfig;
import io.privkit.dp.sgd.DpSgdEvidence;
import io.privkit.dp.sgd.DpSgdOptions;
import io.privkit.dp.sgd.tribuo.DpSgdLinearTrainer;
import io.privkit.dp.sgd.tribuo.DpSgdLogisticRegressionTrainer;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.PrivacyBudgetEvidence;
import io.privkit.evidence.Subject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.SGD;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Data scientist's quick start: Tribuo logistic regression on a tabular dataset trained with
 * DP-SGD, next to Tribuo's own non-private logistic regression, ending in a privacy-budget
 * evidence record.
 *
 * <p>Data: the Wisconsin diagnostic breast-cancer table (569 patients, 30 features, malignant or
 * benign; Street, Wolberg and Mangasarian 1993) in the CSV layout scikit-learn ships
 * ({@code breast_cancer.csv}: a header line "n,features,class0,class1", then one row per patient
 * with the label last; Debian: {@code apt-get install python3-sklearn}), or generated data of the
 * same shape when no file is given.
 *
 * <p>Preprocessing fits nothing on the training set (a scaler fitted there would touch the private
 * data outside the guarantee): each feature is scaled to [-1, 1] with the minimum and maximum the
 * dataset's published description lists ({@link #RANGES}), treated as public and named in the
 * evidence as a touch not covered, then divided by sqrt(30) so every row has norm at most 1.
 * The split into training and test patients is a fixed shuffle.
 *
 * <pre>
 * java ... TabularLogisticQuickstart [breast_cancer.csv] [--evidence record.json]
 * </pre>
 */
public final class TabularLogisticQuickstart {
    /** Where Debian's python3-sklearn puts the table. */
    public static final Path DEBIAN_CSV = Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv");

    private TabularLogisticQuickstart() {
    }

    /**
     * What the run found.
     *
     * @param privateAccuracy  test accuracy of the DP model
     * @param baselineAccuracy test accuracy of Tribuo's non-private logistic regression
     * @param evidence         the privacy-budget record
     */
    public record Outcome(double privateAccuracy, double baselineAccuracy, PrivacyBudgetEvidence evidence) {
    }

    public static void main(String[] args) throws IOException {
        Path csv = java.nio.file.Files.isRegularFile(DEBIAN_CSV) ? DEBIAN_CSV : null;
        Path evidenceFile = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--evidence") && i + 1 < args.length) {
                evidenceFile = Path.of(args[++i]);
            } else {
                csv = Path.of(args[i]);
            }
        }
        if (csv != null && !Files.isRegularFile(csv)) {
            System.err.println("TabularLogisticQuickstart: " + csv + " does not exist. Give the path of breast_cancer.csv "
                    + "(Debian: apt-get install python3-sklearn puts it in " + DEBIAN_CSV.getParent() + "), or no path to "
                    + "use generated data.");
            System.exit(2);
        }
        Outcome o = run(csv, 1.0, Randomness.secure(), System.out);
        if (evidenceFile != null) {
            EvidenceJson.write(o.evidence(), evidenceFile);
            System.out.println("Evidence record written to " + evidenceFile);
        }
    }

    /**
     * Trains both models and prints their test accuracy, the privacy spent and the record's headline.
     *
     * @param csv           the breast-cancer CSV, or {@code null} for generated data
     * @param targetEpsilon the budget (delta is 1e-5)
     * @param randomness    noise and sampling randomness (secure unless testing)
     */
    public static Outcome run(Path csv, double targetEpsilon, Randomness randomness, PrintStream out) throws IOException {
        List<ArrayExample<Label>> rows = csv != null ? readCsv(csv) : generated(569, Randomness.insecureSeeded(1993));
        java.util.Collections.shuffle(rows, Randomness.insecureSeeded(7).asRandom());   // a fixed, public split
        int nTrain = rows.size() * 4 / 5;
        MutableDataset<Label> train = dataset(rows.subList(0, nTrain), csv);
        MutableDataset<Label> test = dataset(rows.subList(nTrain, rows.size()), csv);
        out.printf(Locale.ROOT, "%s: %d training and %d test rows, %d features%n", csv != null ? csv.getFileName() : "generated data",
                train.size(), test.size(), train.getFeatureMap().size());

        // Non-private baseline: Tribuo's own logistic regression.
        Model<Label> baseline = new LogisticRegressionTrainer().train(train);
        double baselineAccuracy = accuracy(baseline, test);
        out.printf(Locale.ROOT, "non-private baseline: %.2f%% test accuracy%n", 100 * baselineAccuracy);

        // The same model class with DP-SGD.
        DpSgdConfig config = DpSgdConfig.builder()
                .targetEpsilon(targetEpsilon).delta(1e-5)
                .clippingNorm(1.0)
                .expectedBatchSize(128).epochs(40)
                .build();
        DpSgdLogisticRegressionTrainer trainer = new DpSgdLogisticRegressionTrainer(config, SGD.getSimpleSGD(1.0, 0.9, SGD.Momentum.NESTEROV),
                DpSgdOptions.withDefaults().with(randomness));
        DpSgdLinearTrainer.Trained<LinearSGDModel> trained = trainer.trainPrivately(train);
        double privateAccuracy = accuracy(trained.model(), test);
        out.printf(Locale.ROOT, "DP-SGD: %.2f%% test accuracy at epsilon = %.3f, delta = 1e-5 (noise multiplier %.3f, %d steps)%n",
                100 * privateAccuracy, trained.result().epsilon(), trained.result().plan().noiseMultiplier(),
                trained.result().stepsReserved());

        PrivacyBudgetEvidence evidence = DpSgdEvidence.of(trained.result())
                .subject(new Subject("Breast-cancer screening quick start", "dp-logistic-regression", null, List.of()))
                .accessNotCovered("feature ranges from the dataset's published description (computed on the same patients)")
                .utility("test-accuracy", privateAccuracy).nonPrivateBaseline(baselineAccuracy)
                .randomness(randomness)
                .build();
        out.println("evidence: " + evidence.headline());
        return new Outcome(privateAccuracy, baselineAccuracy, evidence);
    }

    static double accuracy(Model<Label> model, MutableDataset<Label> test) {
        return new LabelEvaluator().evaluate(model, test).accuracy();
    }

    private static MutableDataset<Label> dataset(List<ArrayExample<Label>> rows, Path source) {
        MutableDataset<Label> d = new MutableDataset<>(new SimpleDataSourceProvenance(source != null ? source.toString() : "generated",
                new LabelFactory()), new LabelFactory());
        rows.forEach(d::add);
        return d;
    }

    private static final String[] FEATURES = featureNames();

    private static String[] featureNames() {
        String[] base = {"radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity", "concave points",
                "symmetry", "fractal dimension"};
        String[] names = new String[30];
        for (int i = 0; i < 10; i++) {
            names[i] = "mean " + base[i];
            names[10 + i] = base[i] + " error";
            names[20 + i] = "worst " + base[i];
        }
        return names;
    }

    /**
     * The minimum and maximum of each feature as the dataset's published description lists them
     * (scikit-learn's breast_cancer.rst, "Summary Statistics"), in column order.
     */
    static final double[][] RANGES = {
        {6.981, 28.11}, {9.71, 39.28}, {43.79, 188.5}, {143.5, 2501.0}, {0.053, 0.163}, {0.019, 0.345}, {0.0, 0.427},
        {0.0, 0.201}, {0.106, 0.304}, {0.05, 0.097}, {0.112, 2.873}, {0.36, 4.885}, {0.757, 21.98}, {6.802, 542.2},
        {0.002, 0.031}, {0.002, 0.135}, {0.0, 0.396}, {0.0, 0.053}, {0.008, 0.079}, {0.001, 0.03}, {7.93, 36.04},
        {12.02, 49.54}, {50.41, 251.2}, {185.2, 4254.0}, {0.071, 0.223}, {0.027, 1.058}, {0.0, 1.252}, {0.0, 0.291},
        {0.156, 0.664}, {0.055, 0.208}};

    /** Each feature scaled to [-1, 1] by its published range (clamped), then the row divided by sqrt(30). */
    static double[] preprocess(double[] raw) {
        double[] v = new double[raw.length];
        double scale = Math.sqrt(raw.length);
        for (int i = 0; i < raw.length; i++) {
            double lo = RANGES[i][0];
            double hi = RANGES[i][1];
            double u = Math.min(1, Math.max(0, (raw[i] - lo) / (hi - lo)));
            v[i] = (2 * u - 1) / scale;
        }
        return v;
    }

    /** Reads scikit-learn's breast_cancer.csv layout. */
    static List<ArrayExample<Label>> readCsv(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new DataFormatException(csv, 1, null, "the file must start with a header line \"n,30,malignant,benign\"; got an empty file.");
        }
        String[] header = lines.get(0).split(",");
        if (header.length != 4 || !header[1].trim().equals("30")) {
            throw new DataFormatException(csv, 1, null, "the header must be \"n,30,class0,class1\"; got \"" + lines.get(0)
                    + "\". Pass scikit-learn's breast_cancer.csv.");
        }
        String[] classes = {header[2].trim(), header[3].trim()};
        List<ArrayExample<Label>> out = new ArrayList<>();
        for (int r = 1; r < lines.size(); r++) {
            if (lines.get(r).isBlank()) {
                continue;
            }
            String[] cells = lines.get(r).split(",");
            if (cells.length != 31) {
                throw new DataFormatException(csv, r + 1, null, "the row must have 30 features and a label; got " + cells.length
                        + " cells.");
            }
            double[] x = new double[30];
            for (int c = 0; c < 30; c++) {
                try {
                    x[c] = Double.parseDouble(cells[c].trim());
                } catch (NumberFormatException e) {
                    throw new DataFormatException(csv, r + 1, FEATURES[c], "must be a number; got \"" + cells[c] + "\".", e);
                }
                if (!Double.isFinite(x[c])) {
                    throw new DataFormatException(csv, r + 1, FEATURES[c], "must be finite; got " + cells[c] + ".");
                }
            }
            String label = cells[30].trim();
            if (!label.equals("0") && !label.equals("1")) {
                throw new DataFormatException(csv, r + 1, "label", "must be 0 or 1; got \"" + label + "\".");
            }
            out.add(new ArrayExample<>(new Label(classes[Integer.parseInt(label)]), FEATURES, preprocess(x)));
        }
        Checks.requireNonEmpty(out, "rows of " + csv);
        return out;
    }

    /** Two overlapping classes within the real table's feature ranges, for runs without the file. */
    static List<ArrayExample<Label>> generated(int n, Randomness randomness) {
        java.util.Random r = randomness.asRandom();
        List<ArrayExample<Label>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean malignant = r.nextDouble() < 0.37;
            double[] x = new double[30];
            for (int c = 0; c < 30; c++) {
                double lo = RANGES[c][0];
                double width = RANGES[c][1] - lo;
                double centre = malignant ? 0.45 : 0.25;
                x[c] = lo + width * Math.min(1, Math.max(0, centre + 0.12 * r.nextGaussian()));
            }
            out.add(new ArrayExample<>(new Label(malignant ? "malignant" : "benign"), FEATURES, preprocess(x)));
        }
        return out;
    }
}
