package io.privkit.federated.client.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.client.LocalTrainer;
import io.privkit.federated.client.LocalUpdate;
import io.privkit.federated.client.TrainingTask;
import io.privkit.federated.coordinator.CoordinatorConfig;
import io.privkit.federated.coordinator.RoundReport;
import io.privkit.federated.coordinator.TrainingRun;
import io.privkit.federated.sim.Simulation;
import io.privkit.federated.strategy.ClientInstructions;
import io.privkit.federated.strategy.Strategies;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.SGD;
import org.tribuo.provenance.SimpleDataSourceProvenance;

class TribuoLinearLocalTrainerTest {

    /** Deliberately neither sorted (Tribuo's feature numbering) nor in first-sight order (its label numbering). */
    static final FeatureSpace SPACE = new FeatureSpace(List.of("x3", "x1", "x2"), List.of("c", "a", "b"));
    static final String[] FEATURES = {"x1", "x2", "x3"};
    static final String[] LABELS = {"a", "b", "c"};

    /** Three Gaussian classes in 3 dimensions, means 2.5 apart on the axes; labels uniform. */
    static MutableDataset<Label> data(int n, Randomness r, int... onlyLabels) {
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> d = new MutableDataset<>(new SimpleDataSourceProvenance("generated", f), f);
        int made = 0;
        while (made < n) {
            int k = r.nextInt(3);
            if (onlyLabels.length > 0 && java.util.Arrays.stream(onlyLabels).noneMatch(l -> l == k)) {
                continue;
            }
            double[] v = new double[3];
            for (int j = 0; j < 3; j++) {
                v[j] = (j == k ? 2.5 : 0) + gaussian(r);
            }
            d.add(new ArrayExample<>(new Label(LABELS[k]), FEATURES, v));
            made++;
        }
        return d;
    }

    static double gaussian(Randomness r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static TrainingTask task(ModelWeights global) {
        return new TrainingTask("run", 1, global, ClientInstructions.NONE, Instant.MAX);
    }

    /**
     * Closed form against Tribuo itself: from the zero model, batch size 1, dataset order, one
     * epoch of plain SGD is exactly Tribuo's LinearSGDTrainer without shuffling (which also starts
     * from zero). The exported model must score every example as Tribuo's model does, although the
     * federation numbers features and labels differently from Tribuo: a wrong mapping would permute
     * the scores.
     */
    @Test
    void train_batchOneInOrderFromZero_equalsTribuosLinearSgdTrainer() {
        MutableDataset<Label> train = data(200, Randomness.insecureSeeded(1));
        LocalUpdate u = TribuoLinearLocalTrainer.of(train, SPACE, SGD.getSimpleSGD(0.1))
                .with(TribuoLinearLocalTrainer.Options.withDefaults().inOrder()).train(task(SPACE.initialModel()));
        Model<Label> ours = SPACE.toModel(SPACE.initialModel().plus(u.delta(), 1.0));

        LinearSGDTrainer tribuo = new LinearSGDTrainer(new LogMulticlass(), SGD.getSimpleSGD(0.1), 1, 1000, 1, 1L);
        tribuo.setShuffle(false);
        Model<Label> reference = tribuo.train(train);

        int compared = 0;
        for (Example<Label> ex : data(50, Randomness.insecureSeeded(2))) {
            Prediction<Label> a = ours.predict(ex);
            Prediction<Label> b = reference.predict(ex);
            assertEquals(b.getOutput().getLabel(), a.getOutput().getLabel());
            for (String l : LABELS) {
                assertEquals(b.getOutputScores().get(l).getScore(), a.getOutputScores().get(l).getScore(), 1e-12, "score of " + l);
            }
            compared++;
        }
        assertEquals(50, compared);
        assertEquals(200, u.examples());
        assertEquals(1.0 / 3, u.metrics().get("accuracy"), 0.2, "the zero model predicts one label: accuracy near 1/3");
    }

    /**
     * Three Tribuo sites over mutual TLS, each holding two of the three labels (non-IID), train
     * with FedAvg; the exported global model's accuracy on 1000 held-out examples is within 2
     * points of the same trainer run centrally on the union (the module's learning bar; seeded, so
     * deterministic; the standard error of an accuracy near 0.9 on 1000 examples is about 1 point).
     */
    @Test
    void fedAvg_threeTribuoSitesTwoLabelsEach_withinTwoPointsOfCentral() throws Exception {
        int[][] labelsOf = {{0, 1}, {1, 2}, {0, 2}};
        Map<String, LocalTrainer> sites = new TreeMap<>();
        MutableDataset<Label> union = data(1, Randomness.insecureSeeded(99));
        union.clear();
        for (int k = 0; k < 3; k++) {
            MutableDataset<Label> local = data(300, Randomness.insecureSeeded(10 + k), labelsOf[k]);
            union.addAll(local.getData());
            sites.put("site-" + (k + 1), TribuoLinearLocalTrainer.of(local, SPACE, SGD.getSimpleSGD(0.05))
                    .with(TribuoLinearLocalTrainer.Options.withDefaults().withBatchSize(10).with(Randomness.insecureSeeded(20 + k))));
        }
        MutableDataset<Label> test = data(1000, Randomness.insecureSeeded(3));
        LabelEvaluator eval = new LabelEvaluator();

        LocalUpdate c = TribuoLinearLocalTrainer.of(union, SPACE, SGD.getSimpleSGD(0.05))
                .with(new TribuoLinearLocalTrainer.Options(10, 10, java.util.Optional.of(Randomness.insecureSeeded(4))))
                .train(task(SPACE.initialModel()));
        double central = eval.evaluate(SPACE.toModel(SPACE.initialModel().plus(c.delta(), 1.0)), test).accuracy();

        TrainingRun run = Simulation.run(CoordinatorConfig.builder().federationId("tribuo-fedavg").rounds(10).strategy(Strategies.fedAvg())
                        .randomness(Randomness.insecureSeeded(5)).heartbeatInterval(Duration.ofSeconds(1))
                        .evaluator(w -> Map.of("accuracy", eval.evaluate(SPACE.toModel(w), test).accuracy())),
                sites, SPACE.initialModel(), Simulation.Transport.MUTUAL_TLS);
        List<Double> curve = run.history().rounds().stream().map(RoundReport::metrics).map(m -> m.get("accuracy")).toList();
        double federated = eval.evaluate(SPACE.toModel(run.finalModel()), test).accuracy();
        String report = "central " + central + ", federated by round " + curve;
        assertTrue(central > 0.8, report);
        assertTrue(federated >= central - 0.02, report);
        assertEquals(10, curve.size(), report);
        double untrained = eval.evaluate(SPACE.toModel(SPACE.initialModel()), test).accuracy();
        assertTrue(untrained < central - 0.02, "the same check rejects the untrained model: " + untrained);
        System.out.println("Tribuo FedAvg: " + report);
    }

    @Test
    void train_globalModelOfAnotherFeatureSpace_namesTensorShapesAndFix() {
        FeatureSpace coordinator = new FeatureSpace(List.of("x3", "x1", "x2", "x4"), List.of("c", "a", "b"));
        TribuoLinearLocalTrainer trainer = TribuoLinearLocalTrainer.of(data(20, Randomness.insecureSeeded(1)), SPACE,
                SGD.getSimpleSGD(0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.train(task(coordinator.initialModel())));
        String m = e.getMessage();
        assertTrue(m.contains("global model tensor 'weights'") && m.contains("[3, 3]") && m.contains("[3, 4]")
                && m.contains("same FeatureSpace"), m);
    }

    @Test
    void of_localFeatureOutsideTheSpace_namesItAndTheFix() {
        MutableDataset<Label> local = data(5, Randomness.insecureSeeded(1));
        local.add(new ArrayExample<>(new Label("a"), new String[] {"x1", "x9"}, new double[] {1, 2}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TribuoLinearLocalTrainer.of(local, SPACE, SGD.getSimpleSGD(0.1)));
        assertTrue(e.getMessage().contains("unknown [x9]") && e.getMessage().contains("add them to the FeatureSpace"), e.getMessage());
    }

    @Test
    void of_localLabelOutsideTheSpace_namesIt() {
        MutableDataset<Label> local = data(5, Randomness.insecureSeeded(1));
        local.add(new ArrayExample<>(new Label("d"), new String[] {"x1"}, new double[] {1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TribuoLinearLocalTrainer.of(local, SPACE, SGD.getSimpleSGD(0.1)));
        assertTrue(e.getMessage().contains("label of example 5") && e.getMessage().contains("got \"d\""), e.getMessage());
    }

    @Test
    void featureSpace_duplicateFeature_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FeatureSpace(List.of("x1", "x1"), List.of("a", "b")));
        assertTrue(e.getMessage().contains("'x1' twice"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FeatureSpace(new ArrayList<>(List.of("x1")), List.of("a")));
    }
}
