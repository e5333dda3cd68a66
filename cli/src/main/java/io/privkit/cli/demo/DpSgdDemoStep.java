package io.privkit.cli.demo;

import io.privkit.common.Randomness;
import io.privkit.dp.sgd.DpSgdConfig;
import io.privkit.dp.sgd.DpSgdEvidence;
import io.privkit.dp.sgd.DpSgdOptions;
import io.privkit.dp.sgd.tribuo.DpSgdLinearTrainer;
import io.privkit.dp.sgd.tribuo.DpSgdLogisticRegressionTrainer;
import io.privkit.evidence.EvidenceRecord;
import io.privkit.evidence.PrivacyBudgetEvidence;
import java.util.List;
import java.util.Random;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.SGD;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Demo step: trains a logistic-regression model with DP-SGD (Tribuo adapter, Poisson sampling,
 * secure noise, epsilon 1 at delta 1e-5) on generated applicant data, next to Tribuo's
 * non-private logistic regression, and returns the privacy-budget record with both accuracies.
 */
public final class DpSgdDemoStep implements DemoStep {
    private static final String[] FEATURES = {"income", "debt-ratio", "years-employed", "late-payments", "age"};

    @Override
    public String title() {
        return "DP training (DP-SGD logistic regression, generated data)";
    }

    @Override
    public List<EvidenceRecord> run(DemoContext context) {
        Random r = context.dataRandomness("dp-sgd").asRandom();
        MutableDataset<Label> train = generate(4000, r);
        MutableDataset<Label> test = generate(1000, r);

        // Tribuo logs its progress through java.util.logging at INFO; keep the demo's output to its own lines.
        java.util.logging.Logger tribuoLog = java.util.logging.Logger.getLogger("org.tribuo");
        java.util.logging.Level previous = tribuoLog.getLevel();
        tribuoLog.setLevel(java.util.logging.Level.WARNING);
        Model<Label> baseline;
        try {
            baseline = new LogisticRegressionTrainer().train(train);
        } finally {
            tribuoLog.setLevel(previous);
        }
        double baselineAccuracy = new LabelEvaluator().evaluate(baseline, test).accuracy();

        DpSgdConfig config = DpSgdConfig.builder().targetEpsilon(1.0).delta(1e-5).clippingNorm(1.0)
                .expectedBatchSize(200).epochs(20).build();
        Randomness noise = context.noise();
        DpSgdLinearTrainer.Trained<LinearSGDModel> trained = new DpSgdLogisticRegressionTrainer(config,
                SGD.getSimpleSGD(1.0, 0.9, SGD.Momentum.NESTEROV), DpSgdOptions.withDefaults().with(noise)).trainPrivately(train);
        double privateAccuracy = new LabelEvaluator().evaluate(trained.model(), test).accuracy();

        PrivacyBudgetEvidence record = DpSgdEvidence.of(trained.result())
                .subject(context.subject())
                .clock(context.clock())
                .randomness(noise)
                .utility("test-accuracy", privateAccuracy).nonPrivateBaseline(baselineAccuracy)
                .build();
        return List.of(record);
    }

    /** Applicants with 5 standardised features; default risk rises with debt and late payments. */
    private static MutableDataset<Label> generate(int n, Random r) {
        MutableDataset<Label> d = new MutableDataset<>(new SimpleDataSourceProvenance("generated applicants", new LabelFactory()),
                new LabelFactory());
        for (int i = 0; i < n; i++) {
            double[] x = new double[FEATURES.length];
            for (int j = 0; j < x.length; j++) {
                x[j] = r.nextGaussian() * 0.4;
            }
            double logit = -0.8 * x[0] + 1.2 * x[1] - 0.5 * x[2] + 1.5 * x[3] + 0.1 * x[4];
            boolean repaid = r.nextDouble() >= 1 / (1 + Math.exp(-4 * logit));
            d.add(new ArrayExample<>(new Label(repaid ? "repaid" : "default"), FEATURES, x));
        }
        return d;
    }
}
