package io.privkit.drift.multivariate;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.drift.test.MannWhitney;
import io.privkit.drift.test.Outcome;
import io.privkit.drift.test.SortedSample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Domain-classifier drift detection: a classifier is trained to tell current rows from reference
 * rows; if it does better than chance the joint distribution changed (S. Rabanser, S. Gunnemann and
 * Z. C. Lipton, "Failing Loudly: An Empirical Study of Methods for Detecting Dataset Shift",
 * NeurIPS 2019, section 3.3; D. Lopez-Paz and M. Oquab, "Revisiting Classifier Two-Sample Tests",
 * ICLR 2017).
 *
 * <p>Features are standardised by the reference; a Tribuo logistic regression (AdaGrad SGD, fixed
 * seed) is trained in k folds (stratified by a seeded shuffle), so every row gets an out-of-fold
 * score P(current). The AUC of those scores is U / (n m), U the Mann-Whitney statistic of the current
 * rows' scores against the reference rows' scores; its one-sided p-value (AUC &gt; 1/2) is that of the
 * Mann-Whitney test on the scores (tie-corrected, asymptotic). Out-of-fold scores from different
 * folds come from different models, so the p-value is approximate; the AUC is the effect size
 * (0.5 = indistinguishable). The absolute weights of a model trained on all rows rank the features
 * that separate the two samples: which features drifted, jointly.
 *
 * <p>Randomness is injected (fold assignment); training itself uses Tribuo's fixed seed.
 * Stateless and thread-safe.
 */
public final class DomainClassifier {
    private static final String REF = "reference";
    private static final String CUR = "current";

    private DomainClassifier() {
    }

    /**
     * The result.
     *
     * @param auc              out-of-fold ROC AUC of P(current)
     * @param pValue           one-sided p-value of AUC &gt; 1/2
     * @param folds            folds used
     * @param featureRanking   features by decreasing absolute weight (standardised units)
     * @param weights          the absolute weights, in the same order
     */
    public record Result(double auc, double pValue, int folds, List<String> featureRanking, List<Double> weights) {
        public Result {
            featureRanking = List.copyOf(featureRanking);
            weights = List.copyOf(weights);
        }
    }

    /** Trains and tests with k folds. */
    public static Result test(double[][] reference, double[][] current, String[] featureNames, int folds, Randomness random) {
        int d = Rows.check(reference, "reference");
        if (Rows.check(current, "current") != d) {
            throw Checks.argument("current").mustBe("of " + d + " features like the reference").got(current[0].length).noFix().exception();
        }
        Checks.requireNonNull(featureNames, "featureNames");
        if (featureNames.length != d) {
            throw Checks.argument("featureNames").mustBe("one name per feature (" + d + ")").got(featureNames.length).noFix().exception();
        }
        Checks.requireAtLeast(folds, "folds", 2);
        Checks.requireNonNull(random, "random");
        if (reference.length < folds || current.length < folds) {
            throw Checks.argument("samples").mustBe("at least " + folds + " rows each").got(reference.length + " and " + current.length)
                    .noFix().exception();
        }
        double[][] m = Rows.moments(reference);
        double[][] x = Rows.standardise(reference, m);
        double[][] y = Rows.standardise(current, m);
        int[] foldOfX = folds(x.length, folds, random.derive("folds-reference"));
        int[] foldOfY = folds(y.length, folds, random.derive("folds-current"));
        double[] scoreX = new double[x.length];
        double[] scoreY = new double[y.length];
        LabelFactory lf = new LabelFactory();
        for (int f = 0; f < folds; f++) {
            MutableDataset<Label> train = new MutableDataset<>(new SimpleDataSourceProvenance("drift-domain-classifier", lf), lf);
            for (int i = 0; i < x.length; i++) {
                if (foldOfX[i] != f) {
                    train.add(new ArrayExample<>(new Label(REF), featureNames, x[i]));
                }
            }
            for (int i = 0; i < y.length; i++) {
                if (foldOfY[i] != f) {
                    train.add(new ArrayExample<>(new Label(CUR), featureNames, y[i]));
                }
            }
            Model<Label> model = new LogisticRegressionTrainer().train(train);
            for (int i = 0; i < x.length; i++) {
                if (foldOfX[i] == f) {
                    scoreX[i] = score(model, featureNames, x[i]);
                }
            }
            for (int i = 0; i < y.length; i++) {
                if (foldOfY[i] == f) {
                    scoreY[i] = score(model, featureNames, y[i]);
                }
            }
        }
        Outcome mw = MannWhitney.test(SortedSample.of(scoreY), SortedSample.of(scoreX));
        double u = mw.statistic(); // U of the current rows' scores
        double auc = u / ((double) x.length * y.length);
        double pOne = auc > 0.5 ? mw.pValue() / 2 : 1 - mw.pValue() / 2;
        // feature ranking from a model on all rows
        MutableDataset<Label> all = new MutableDataset<>(new SimpleDataSourceProvenance("drift-domain-classifier", lf), lf);
        for (double[] r : x) {
            all.add(new ArrayExample<>(new Label(REF), featureNames, r));
        }
        for (double[] r : y) {
            all.add(new ArrayExample<>(new Label(CUR), featureNames, r));
        }
        Model<Label> full = new LogisticRegressionTrainer().train(all);
        Map<String, List<com.oracle.labs.mlrg.olcut.util.Pair<String, Double>>> top = full.getTopFeatures(-1);
        List<com.oracle.labs.mlrg.olcut.util.Pair<String, Double>> w = new ArrayList<>(top.getOrDefault(CUR, List.of()));
        w.removeIf(p -> p.getA().startsWith("BIAS"));
        w.sort(Comparator.comparingDouble((com.oracle.labs.mlrg.olcut.util.Pair<String, Double> p) -> -Math.abs(p.getB())));
        return new Result(auc, Math.max(0, Math.min(1, pOne)), folds, w.stream().map(com.oracle.labs.mlrg.olcut.util.Pair::getA).toList(),
                w.stream().map(p -> Math.abs(p.getB())).toList());
    }

    private static double score(Model<Label> model, String[] names, double[] row) {
        Example<Label> e = new ArrayExample<>(new Label(REF), names, row);
        Prediction<Label> p = model.predict(e);
        Label l = p.getOutputScores().get(CUR);
        return l == null ? 0.0 : l.getScore();
    }

    private static int[] folds(int n, int k, Randomness r) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Rows.shuffle(idx, r);
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[idx[i]] = i % k;
        }
        return fold;
    }
}
