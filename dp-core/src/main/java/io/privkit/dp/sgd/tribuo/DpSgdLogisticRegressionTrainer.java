package io.privkit.dp.sgd.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import io.privkit.common.Checks;
import io.privkit.dp.sgd.DpSgdConfig;
import io.privkit.dp.sgd.DpSgdOptions;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.LabelObjective;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.sgd.SGDObjective;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.optimisers.SGD;
import org.tribuo.provenance.ModelProvenance;

/**
 * A Tribuo {@code Trainer<Label>} for (multinomial) logistic regression, or any linear classifier
 * with a Tribuo {@link LabelObjective}, trained with DP-SGD (Abadi et al., CCS 2016) with Poisson
 * sampling, per-example clipping and secure Gaussian noise. Produces Tribuo's own
 * {@link LinearSGDModel}.
 * <pre>{@code
 * DpSgdConfig config = DpSgdConfig.builder().targetEpsilon(1.0).delta(1e-5).clippingNorm(1.0)
 *         .expectedBatchSize(64).epochs(30).build();
 * var trainer = new DpSgdLogisticRegressionTrainer(config, SGD.getLinearDecaySGD(0.5));
 * var trained = trainer.trainPrivately(trainData);     // or trainer.train(trainData)
 * System.out.println(trained.result().summary());
 * }</pre>
 * See {@link DpSgdLinearTrainer} for the loop, provenance and limits.
 */
public final class DpSgdLogisticRegressionTrainer extends DpSgdLinearTrainer<Label, Integer, LinearSGDModel> {

    @Config(description = "The classification objective; logistic (LogMulticlass) by default.")
    private LabelObjective objective = new LogMulticlass();

    /** For OLCUT configuration. */
    private DpSgdLogisticRegressionTrainer() {
    }

    /** Logistic regression with the given DP-SGD config and optimiser, default options (secure randomness). */
    public DpSgdLogisticRegressionTrainer(DpSgdConfig config, StochasticGradientOptimiser optimiser) {
        this(config, optimiser, DpSgdOptions.withDefaults());
    }

    /** Logistic regression with the given options (randomness, ledger gate, accountant). */
    public DpSgdLogisticRegressionTrainer(DpSgdConfig config, StochasticGradientOptimiser optimiser, DpSgdOptions options) {
        super(config, optimiser, options);
    }

    /** Another linear classification objective (e.g. Hinge for a linear SVM). */
    public DpSgdLogisticRegressionTrainer(DpSgdConfig config, StochasticGradientOptimiser optimiser, DpSgdOptions options,
                                          LabelObjective objective) {
        super(config, optimiser, options);
        this.objective = Checks.requireNonNull(objective, "objective");
    }

    @Override
    protected SGDObjective<Integer> objective() {
        return objective;
    }

    @Override
    protected Integer target(ImmutableOutputInfo<Label> outputInfo, Label output) {
        return outputInfo.getID(output);
    }

    @Override
    protected LinearSGDModel createModel(ModelProvenance provenance, ImmutableFeatureMap featureMap,
                                         ImmutableOutputInfo<Label> outputInfo, LinearParameters parameters) {
        return new Factory(objective).make(provenance, featureMap, outputInfo, parameters);
    }

    @Override
    protected String modelClassName() {
        return LinearSGDModel.class.getName();
    }

    @Override
    public String toString() {
        return "DpSgdLogisticRegressionTrainer(objective=" + objective + ",optimiser=" + optimiser + "," + config() + ")";
    }

    /** Reaches Tribuo's model constructor through its trainer's protected factory method. */
    private static final class Factory extends LinearSGDTrainer {
        Factory(LabelObjective objective) {
            super(objective, SGD.getSimpleSGD(0.1), 1, 1L);
        }

        LinearSGDModel make(ModelProvenance provenance, ImmutableFeatureMap featureMap, ImmutableOutputInfo<Label> outputInfo,
                            LinearParameters parameters) {
            return createModel("dp-sgd-linear-model", provenance, featureMap, outputInfo, parameters);
        }
    }
}
