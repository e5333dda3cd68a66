package io.privkit.federated.client.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import io.privkit.common.Checks;
import io.privkit.federated.ModelSpec;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.TensorSpec;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableDataset;
import org.tribuo.MutableFeatureMap;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.LabelObjective;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.SGD;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The feature names and label order a federation of Tribuo linear classifiers agrees on, and the
 * model they define.
 *
 * <p>A Tribuo dataset numbers its features and labels from what it happens to contain (features by
 * sorted name, labels by first sight), so two sites' datasets almost never agree on the numbering;
 * parameters averaged position by position would then mix unrelated features. The federation
 * fixes the numbering instead: every site and the coordinator use the same {@code FeatureSpace},
 * and each site maps its examples onto it by name.
 *
 * <p>The model is a linear classifier over {@code d} features and {@code k} labels, as two
 * tensors: {@code weights} of shape {@code [k, d]} (row = label in {@link #labels()} order, column =
 * feature in {@link #features()} order) and {@code bias} of shape {@code [k]}; scores are
 * {@code W x + b}, as Tribuo's {@link LinearSGDModel} computes them with its bias feature.
 *
 * <p>Immutable and thread-safe.
 *
 * @param features the feature names, in the federation's order; non-empty, unique, non-blank
 * @param labels   the label names, in the federation's order; at least two, unique, non-blank
 */
public record FeatureSpace(List<String> features, List<String> labels) {

    /** The tensor of the weights, {@code [labels, features]}. */
    public static final String WEIGHTS = "weights";
    /** The tensor of the biases, {@code [labels]}. */
    public static final String BIAS = "bias";

    public FeatureSpace {
        features = List.copyOf(Checks.requireNoNullElements(Checks.requireNonEmpty(features, "features"), "features"));
        labels = List.copyOf(Checks.requireNoNullElements(Checks.requireNonEmpty(labels, "labels"), "labels"));
        requireUnique(features, "features");
        requireUnique(labels, "labels");
        if (labels.size() < 2) {
            throw Checks.argument("labels").mustBe("at least two").got(labels).fix("List every class of the task, in a fixed order.")
                    .exception();
        }
    }

    private static void requireUnique(List<String> names, String what) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            Checks.requireNonBlank(n, what + " entry");
            if (!seen.add(n)) {
                throw Checks.argument(what).mustBe("unique").got("'" + n + "' twice").fix("List each name once.").exception();
            }
        }
    }

    /** The tensor names and shapes: {@code weights [k, d]}, {@code bias [k]}. */
    public ModelSpec modelSpec() {
        return ModelSpec.of(TensorSpec.of(WEIGHTS, labels.size(), features.size()), TensorSpec.of(BIAS, labels.size()));
    }

    /** All-zero parameters (Tribuo's own starting point for linear SGD): the initial model of a federation. */
    public ModelWeights initialModel() {
        return ModelWeights.zeros(modelSpec());
    }

    /** The position of each feature name. */
    Map<String, Integer> featureIndex() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < features.size(); i++) {
            m.put(features.get(i), i);
        }
        return m;
    }

    /** The position of each label name. */
    Map<String, Integer> labelIndex() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            m.put(labels.get(i), i);
        }
        return m;
    }

    /**
     * Checks that {@code spec} is this space's model.
     *
     * @throws IllegalArgumentException naming the tensor that differs and the fix
     */
    void requireModel(ModelSpec spec) {
        Checks.requireNonNull(spec, "global model spec");
        ModelSpec expected = modelSpec();
        String fix = "Give the coordinator and every site the same FeatureSpace (feature names and label order); "
                + "start the coordinator with featureSpace.initialModel().";
        for (TensorSpec t : expected.tensors()) {
            int i = spec.indexOf(t.name());
            if (i < 0) {
                throw Checks.argument("global model").mustBe("a tensor '" + t.name() + "' of shape " + t.shape()).got("tensors "
                        + spec.tensors()).fix(fix).exception();
            }
            if (!spec.tensors().get(i).shape().equals(t.shape())) {
                throw Checks.argument("global model tensor '" + t.name() + "'").mustBe("of shape " + t.shape() + " ("
                                + labels.size() + " labels x " + features.size() + " features of the site's feature space)")
                        .got(spec.tensors().get(i).shape()).fix(fix).exception();
            }
        }
        if (!spec.equals(expected)) {
            throw Checks.argument("global model").mustBe("exactly the tensors " + expected.tensors() + ", in this order")
                    .got(spec.tensors()).fix(fix).exception();
        }
    }

    /**
     * The model as Tribuo's own {@link LinearSGDModel} with the logistic (softmax) objective, e.g.
     * the final global model of a run, to evaluate, explain or serialise with Tribuo. Features are
     * looked up by name, so examples need not carry every feature (a missing one counts as 0).
     */
    public LinearSGDModel toModel(ModelWeights weights) {
        return toModel(weights, new LogMulticlass());
    }

    /** As {@link #toModel(ModelWeights)}, with the objective the model was trained with (its prediction head). */
    public LinearSGDModel toModel(ModelWeights weights, LabelObjective objective) {
        Checks.requireNonNull(weights, "weights");
        Checks.requireNonNull(objective, "objective");
        requireModel(weights.spec());
        MutableFeatureMap mutable = new MutableFeatureMap();
        for (String f : features) {
            mutable.add(f, 0.0);
        }
        ImmutableFeatureMap featureMap = new ImmutableFeatureMap(mutable);
        Map<Label, Integer> ids = new LinkedHashMap<>();
        for (int k = 0; k < labels.size(); k++) {
            ids.put(new Label(labels.get(k)), k);
        }
        LabelFactory factory = new LabelFactory();
        ImmutableOutputInfo<Label> outputInfo = factory.constructInfoForExternalModel(ids);
        int d = features.size();
        double[] w = weights.tensor(WEIGHTS);
        double[] b = weights.tensor(BIAS);
        DenseMatrix matrix = new DenseMatrix(labels.size(), d + 1);
        for (int k = 0; k < labels.size(); k++) {
            for (int j = 0; j < d; j++) {
                matrix.set(k, featureMap.getID(features.get(j)), w[k * d + j]);
            }
            matrix.set(k, d, b[k]);   // Tribuo's bias feature is the last column
        }
        Factory trainer = new Factory(objective);
        MutableDataset<Label> none = new MutableDataset<>(new SimpleDataSourceProvenance("federated global model: no data at the "
                + "exporting party", factory), factory);
        Map<String, Provenance> run = new HashMap<>();
        run.put("federated.model-sha256", new StringProvenance("federated.model-sha256", weights.sha256().hex()));
        ModelProvenance provenance = new ModelProvenance(LinearSGDModel.class.getName(), OffsetDateTime.now(), none.getProvenance(),
                trainer.getProvenance(), run);
        return trainer.make(provenance, featureMap, outputInfo, new LinearParameters(matrix));
    }

    /** Reaches Tribuo's model constructor through its trainer's protected factory method. */
    private static final class Factory extends LinearSGDTrainer {
        Factory(LabelObjective objective) {
            super(objective, SGD.getSimpleSGD(0.1), 1, 1L);
        }

        LinearSGDModel make(ModelProvenance provenance, ImmutableFeatureMap featureMap, ImmutableOutputInfo<Label> outputInfo,
                            LinearParameters parameters) {
            return createModel("federated-linear-model", provenance, featureMap, outputInfo, parameters);
        }
    }
}
