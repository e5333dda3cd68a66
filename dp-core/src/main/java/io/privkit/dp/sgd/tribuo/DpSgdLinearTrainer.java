package io.privkit.dp.sgd.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import io.privkit.common.Checks;
import io.privkit.dp.sgd.DpSgdAccounting;
import io.privkit.dp.sgd.DpSgdConfig;
import io.privkit.dp.sgd.DpSgdOptions;
import io.privkit.dp.sgd.DpSgdPlan;
import io.privkit.dp.sgd.DpSgdResult;
import io.privkit.dp.sgd.DpSgdRun;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Trainer;
import org.tribuo.common.sgd.SGDObjective;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SGDVector;
import org.tribuo.math.la.SparseVector;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

/**
 * The shared part of Privkit's Tribuo trainers for linear models trained with DP-SGD
 * ({@link DpSgdLogisticRegressionTrainer}, {@link DpSgdLinearRegressionTrainer}).
 *
 * <p>Tribuo's own SGD trainers sum per-example gradients before the optimiser sees them, so
 * per-example clipping cannot be added by wrapping an optimiser; this trainer owns the loop (the
 * engine's {@link DpSgdRun}: Poisson sampling, clipping, one secure Gaussian noise draw per step,
 * ledger reservation before each update) and hands each noisy average gradient to the configured
 * Tribuo {@link StochasticGradientOptimiser}. The model is Tribuo's own linear SGD model, so
 * everything downstream (evaluation, serialisation, explanation) works unchanged.
 *
 * <p><b>Provenance.</b> The trainer's DP parameters are {@code @Config} fields, so Tribuo's
 * trainer provenance records them; the model's run provenance also records what the run spent
 * (keys {@code dp-sgd.*}: epsilon, delta, noise multiplier and the noise actually added, sampling
 * implemented and accounted, steps, run id, randomness).
 *
 * <p>Example weights scale an example's gradient before clipping, so the clipping bound still
 * holds. Features enter as Tribuo encodes them (a bias feature of 1 appended); scale them with
 * public constants, since a scaler fitted on the training data is outside the guarantee.
 *
 * <p>Not thread-safe; each {@code train} call is one DP-SGD run with its own privacy spend.
 *
 * @param <T> the output type
 * @param <U> the objective's target type
 * @param <V> the model type
 */
public abstract class DpSgdLinearTrainer<T extends Output<T>, U, V extends Model<T>> implements Trainer<T> {

    @Config(mandatory = true, description = "The optimiser that applies each noisy average gradient.")
    protected StochasticGradientOptimiser optimiser;
    @Config(description = "Noise multiplier sigma (noise sd over the clipping norm); 0 when calibrated to targetEpsilon.")
    protected double noiseMultiplier;
    @Config(description = "Target epsilon the noise is calibrated to; 0 when noiseMultiplier is given.")
    protected double targetEpsilon;
    @Config(mandatory = true, description = "Delta of the (epsilon, delta) guarantee.")
    protected double delta;
    @Config(mandatory = true, description = "Per-example L2 clipping norm C.")
    protected double clippingNorm;
    @Config(description = "Expected batch size; 0 when samplingRate is given.")
    protected int expectedBatchSize;
    @Config(description = "Poisson sampling rate; 0 when expectedBatchSize is given.")
    protected double samplingRate;
    @Config(description = "Number of epochs; 0 when steps is given.")
    protected double epochs;
    @Config(description = "Number of noisy steps; 0 when epochs is given.")
    protected long steps;
    @Config(description = "Batch sampling: POISSON (accounted with amplification) or SHUFFLED (accounted without).")
    protected DpSgdConfig.BatchSampling sampling = DpSgdConfig.BatchSampling.POISSON;
    @Config(description = "The accountant: PLD or RDP.")
    protected DpSgdConfig.Accountant accountant = DpSgdConfig.Accountant.PLD;

    private DpSgdOptions options = DpSgdOptions.withDefaults();
    private int invocationCount;

    /** For OLCUT configuration; call {@link #postConfig()} after setting the fields. */
    protected DpSgdLinearTrainer() {
    }

    protected DpSgdLinearTrainer(DpSgdConfig config, StochasticGradientOptimiser optimiser, DpSgdOptions options) {
        Checks.requireNonNull(config, "config");
        this.optimiser = Checks.requireNonNull(optimiser, "optimiser");
        this.options = Checks.requireNonNull(options, "options");
        if (config.noise() instanceof DpSgdConfig.NoiseMultiplier m) {
            noiseMultiplier = m.value();
        } else {
            targetEpsilon = ((DpSgdConfig.TargetEpsilon) config.noise()).epsilon();
        }
        delta = config.delta();
        clippingNorm = config.clippingNorm();
        if (config.batch() instanceof DpSgdConfig.ExpectedBatchSize b) {
            expectedBatchSize = b.value();
        } else {
            samplingRate = ((DpSgdConfig.SamplingRate) config.batch()).value();
        }
        if (config.length() instanceof DpSgdConfig.Epochs e) {
            epochs = e.value();
        } else {
            steps = ((DpSgdConfig.Steps) config.length()).value();
        }
        sampling = config.sampling();
        accountant = config.accountant();
    }

    @Override
    public void postConfig() {
        config();
    }

    /** The DP-SGD config these fields describe. */
    public DpSgdConfig config() {
        DpSgdConfig.Builder b = DpSgdConfig.builder().delta(delta).clippingNorm(clippingNorm).sampling(sampling).accountant(accountant);
        if (targetEpsilon > 0) {
            b.targetEpsilon(targetEpsilon);
        }
        if (noiseMultiplier > 0 || targetEpsilon <= 0) {
            b.noiseMultiplier(noiseMultiplier);
        }
        if (samplingRate > 0) {
            b.samplingRate(samplingRate);
        }
        if (expectedBatchSize > 0 || samplingRate <= 0) {
            b.expectedBatchSize(expectedBatchSize);
        }
        if (steps > 0) {
            b.steps(steps);
        }
        if (epochs > 0 || steps <= 0) {
            b.epochs(epochs);
        }
        return b.build();
    }

    /** The options (randomness, ledger gate, accountant, listener) used by later {@code train} calls. */
    public DpSgdOptions options() {
        return options;
    }

    /** Sets the options for later {@code train} calls. */
    public void setOptions(DpSgdOptions options) {
        this.options = Checks.requireNonNull(options, "options");
    }

    /** A trained model with what its run spent. */
    public record Trained<V>(V model, DpSgdResult result) {
        public Trained {
            Checks.requireNonNull(model, "model");
            Checks.requireNonNull(result, "result");
        }
    }

    /** The objective (loss) this trainer minimises. */
    protected abstract SGDObjective<U> objective();

    /** The objective's target for an output. */
    protected abstract U target(ImmutableOutputInfo<T> outputInfo, T output);

    /** Builds Tribuo's model around trained parameters. */
    protected abstract V createModel(ModelProvenance provenance, ImmutableFeatureMap featureMap, ImmutableOutputInfo<T> outputInfo,
                                     LinearParameters parameters);

    /** The model class, for provenance. */
    protected abstract String modelClassName();

    @Override
    public V train(Dataset<T> examples, Map<String, Provenance> runProvenance) {
        return trainPrivately(examples, runProvenance).model();
    }

    @Override
    public V train(Dataset<T> examples) {
        return train(examples, Map.of());
    }

    /** Trains and returns the model with what its run spent. */
    public Trained<V> trainPrivately(Dataset<T> examples) {
        return trainPrivately(examples, Map.of());
    }

    /**
     * Trains with DP-SGD and returns the model with what its run spent.
     *
     * @throws io.privkit.common.InvalidArgumentsException listing every problem with the data, the
     *                                                     plan or the ledger, before any training
     */
    public synchronized Trained<V> trainPrivately(Dataset<T> examples, Map<String, Provenance> runProvenance) {
        Checks.requireNonNull(examples, "examples");
        Checks.requireNonNull(runProvenance, "runProvenance");
        if (examples.size() == 0) {
            throw Checks.argument("examples").mustBe("a non-empty dataset").got(0).fix("Train on at least one example.").exception();
        }
        if (examples.getOutputInfo().getUnknownCount() > 0) {
            throw Checks.argument("examples").mustBe("labelled (no unknown outputs)").got(examples.getOutputInfo().getUnknownCount()
                    + " unknown outputs").fix("This trainer is supervised; remove unlabelled examples.").exception();
        }
        DpSgdConfig config = config();
        TrainerProvenance trainerProvenance = getProvenance();
        invocationCount++;
        ImmutableOutputInfo<T> outputInfo = examples.getOutputIDInfo();
        ImmutableFeatureMap featureMap = examples.getFeatureIDMap();
        int n = examples.size();
        SGDVector[] features = new SGDVector[n];
        @SuppressWarnings("unchecked")
        U[] targets = (U[]) new Object[n];
        double[] weights = new double[n];
        int i = 0;
        for (Example<T> example : examples) {
            weights[i] = example.getWeight();
            features[i] = example.size() == featureMap.size()
                    ? DenseVector.createDenseVector(example, featureMap, true)
                    : SparseVector.createSparseVector(example, featureMap, true);
            targets[i] = target(outputInfo, example.getOutput());
            for (var t : features[i]) {
                if (!Double.isFinite(t.value)) {
                    throw Checks.argument("examples[" + i + "] feature " + (t.index < featureMap.size()
                                    ? featureMap.get(t.index).getName() : "bias"))
                            .mustBe("finite").got(t.value).fix("Drop or impute rows with missing values before training.").exception();
                }
            }
            i++;
        }
        LinearParameters parameters = new LinearParameters(featureMap.size() + 1, outputInfo.size());
        StochasticGradientOptimiser localOptimiser = optimiser.copy();
        localOptimiser.initialise(parameters);
        LinearPrivateModel<U> model = new LinearPrivateModel<>(features, targets, weights, parameters, objective(), localOptimiser);

        DpSgdAccounting accounting = options.accounting() != null ? options.accounting() : DpSgdAccounting.of(config.accountant());
        DpSgdPlan plan = config.plan(n, model, accounting);
        options.gate().check(plan, null);
        DpSgdRun run = DpSgdRun.start(plan, options.randomness(), options.gate());
        while (!run.finished()) {
            run.step(model);
            if (options.listener() != null) {
                options.listener().afterStep(run);
            }
        }
        localOptimiser.finalise();
        DpSgdResult result = DpSgdResult.of(run, accounting, options.randomness().describe(), "Tribuo " + getClass().getSimpleName(),
                List.of("linear model: per-example gradient d_i x_i^T, norm |d_i| |x_i| (exact, no fallback)"));

        Map<String, Provenance> run2 = new HashMap<>(runProvenance);
        run2.putAll(dpProvenance(result));
        ModelProvenance provenance = new ModelProvenance(modelClassName(), OffsetDateTime.now(), examples.getProvenance(),
                trainerProvenance, run2);
        V trained = createModel(provenance, featureMap, outputInfo, parameters);
        localOptimiser.reset();
        return new Trained<>(trained, result);
    }

    /** The {@code dp-sgd.*} run-provenance entries recording what a run spent. */
    static Map<String, Provenance> dpProvenance(DpSgdResult r) {
        Map<String, Provenance> m = new HashMap<>();
        DpSgdPlan p = r.plan();
        m.put("dp-sgd.epsilon", new DoubleProvenance("dp-sgd.epsilon", r.epsilon()));
        m.put("dp-sgd.delta", new DoubleProvenance("dp-sgd.delta", r.delta()));
        m.put("dp-sgd.noise-multiplier", new DoubleProvenance("dp-sgd.noise-multiplier", p.noiseMultiplier()));
        m.put("dp-sgd.noise-standard-deviation", new DoubleProvenance("dp-sgd.noise-standard-deviation", r.noiseStandardDeviation()));
        m.put("dp-sgd.clipping-norm", new DoubleProvenance("dp-sgd.clipping-norm", p.clippingNorm()));
        m.put("dp-sgd.sampling-rate", new DoubleProvenance("dp-sgd.sampling-rate", p.samplingRate()));
        m.put("dp-sgd.expected-batch-size", new DoubleProvenance("dp-sgd.expected-batch-size", p.expectedBatchSize()));
        m.put("dp-sgd.sampling-implemented", new StringProvenance("dp-sgd.sampling-implemented",
                p.sampling() == DpSgdConfig.BatchSampling.POISSON ? "poisson" : "shuffle"));
        m.put("dp-sgd.sampling-accounted-as", new StringProvenance("dp-sgd.sampling-accounted-as",
                p.sampling() == DpSgdConfig.BatchSampling.POISSON ? "poisson" : "no-amplification"));
        m.put("dp-sgd.steps", new LongProvenance("dp-sgd.steps", r.stepsReserved()));
        m.put("dp-sgd.dataset-size", new LongProvenance("dp-sgd.dataset-size", p.datasetSize()));
        m.put("dp-sgd.accountant", new StringProvenance("dp-sgd.accountant", p.config().accountant().name()));
        m.put("dp-sgd.run-id", new StringProvenance("dp-sgd.run-id", r.runId()));
        m.put("dp-sgd.randomness", new StringProvenance("dp-sgd.randomness", r.randomness().kind() + " " + r.randomness().algorithm()
                + (r.insecureRandomness() ? " (seeded: no privacy)" : "")));
        return m;
    }

    @Override
    public int getInvocationCount() {
        return invocationCount;
    }

    @Override
    public synchronized void setInvocationCount(int count) {
        if (count < 0) {
            throw Checks.argument("invocationCount").mustBe(">= 0").got(count).noFix().exception();
        }
        invocationCount = count;
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }
}
