package io.privkit.dp.sgd.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import io.privkit.common.Checks;
import io.privkit.dp.sgd.DpSgdConfig;
import io.privkit.dp.sgd.DpSgdOptions;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.common.sgd.SGDObjective;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.optimisers.SGD;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.RegressionObjective;
import org.tribuo.regression.sgd.linear.LinearSGDModel;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * A Tribuo {@code Trainer<Regressor>} for linear regression (squared loss by default, or any
 * Tribuo {@link RegressionObjective}: Huber, absolute loss) trained with DP-SGD. Produces Tribuo's
 * own regression {@link LinearSGDModel}. See {@link DpSgdLinearTrainer} for the loop, provenance
 * and limits. With squared loss the per-example gradient grows with the residual, so choose the
 * clipping norm from public knowledge of the targets' scale (or prefer the Huber loss).
 */
public final class DpSgdLinearRegressionTrainer extends DpSgdLinearTrainer<Regressor, DenseVector, LinearSGDModel> {

    @Config(description = "The regression objective; squared loss by default.")
    private RegressionObjective objective = new SquaredLoss();

    /** For OLCUT configuration. */
    private DpSgdLinearRegressionTrainer() {
    }

    /** Linear regression (squared loss) with default options (secure randomness). */
    public DpSgdLinearRegressionTrainer(DpSgdConfig config, StochasticGradientOptimiser optimiser) {
        this(config, optimiser, DpSgdOptions.withDefaults());
    }

    /** Linear regression (squared loss) with the given options. */
    public DpSgdLinearRegressionTrainer(DpSgdConfig config, StochasticGradientOptimiser optimiser, DpSgdOptions options) {
        super(config, optimiser, options);
    }

    /** Another regression objective (e.g. Huber). */
    public DpSgdLinearRegressionTrainer(DpSgdConfig config, StochasticGradientOptimiser optimiser, DpSgdOptions options,
                                        RegressionObjective objective) {
        super(config, optimiser, options);
        this.objective = Checks.requireNonNull(objective, "objective");
    }

    @Override
    protected SGDObjective<DenseVector> objective() {
        return objective;
    }

    @Override
    protected DenseVector target(ImmutableOutputInfo<Regressor> outputInfo, Regressor output) {
        double[] values = new double[outputInfo.size()];
        for (Regressor.DimensionTuple r : output) {
            values[outputInfo.getID(r)] = r.getValue();
        }
        return DenseVector.createDenseVector(values);
    }

    @Override
    protected LinearSGDModel createModel(ModelProvenance provenance, ImmutableFeatureMap featureMap,
                                         ImmutableOutputInfo<Regressor> outputInfo, LinearParameters parameters) {
        return new Factory(objective).make(provenance, featureMap, outputInfo, parameters);
    }

    @Override
    protected String modelClassName() {
        return LinearSGDModel.class.getName();
    }

    @Override
    public String toString() {
        return "DpSgdLinearRegressionTrainer(objective=" + objective + ",optimiser=" + optimiser + "," + config() + ")";
    }

    /** Reaches Tribuo's model constructor through its trainer's protected factory method. */
    private static final class Factory extends LinearSGDTrainer {
        Factory(RegressionObjective objective) {
            super(objective, SGD.getSimpleSGD(0.1), 1, 1L);
        }

        LinearSGDModel make(ModelProvenance provenance, ImmutableFeatureMap featureMap, ImmutableOutputInfo<Regressor> outputInfo,
                            LinearParameters parameters) {
            return createModel("dp-sgd-linear-model", provenance, featureMap, outputInfo, parameters);
        }
    }
}
