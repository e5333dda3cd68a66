package io.privkit.fairness.mitigation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.evidence.FairnessEvidence;
import io.privkit.fairness.Attribute;
import io.privkit.fairness.Characteristic;
import io.privkit.fairness.FairnessAssessment;
import io.privkit.fairness.FairnessData;
import io.privkit.fairness.FairnessReport;
import io.privkit.fairness.FavourableOutcome;
import io.privkit.fairness.metrics.Aggregates;
import io.privkit.fairness.metrics.Metric;
import io.privkit.fairness.mitigation.tribuo.TribuoLogisticLearner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExponentiatedGradientTest {

    /** Generated population: group A has higher feature values and more positive labels. */
    record Data(List<double[]> x, int[] y, String[] g) {
        static Data generate(int n, long seed) {
            Randomness r = Randomness.insecureSeeded(seed);
            List<double[]> x = new ArrayList<>();
            int[] y = new int[n];
            String[] g = new String[n];
            for (int i = 0; i < n; i++) {
                g[i] = r.nextBoolean() ? "A" : "B";
                double mean = g[i].equals("A") ? 1.0 : 0.0;
                double v = mean + gaussian(r);
                x.add(new double[] {v, gaussian(r)});
                y[i] = v + 0.5 * gaussian(r) > 0.5 ? 1 : 0;
            }
            return new Data(x, y, g);
        }

        static double gaussian(Randomness r) {
            return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
        }
    }

    /** A weighted threshold stump on the first feature: a fast, exact best response for tests. */
    static final WeightedLearner<double[]> STUMP = (features, labels, weights) -> {
        double[] xs = features.stream().mapToDouble(f -> f[0]).sorted().distinct().toArray();
        double best = Double.POSITIVE_INFINITY;
        double bestT = Double.POSITIVE_INFINITY;
        int bestSign = 1;
        for (int k = 0; k <= xs.length; k++) {
            double t = k == xs.length ? Double.POSITIVE_INFINITY : xs[k];
            for (int sign : new int[] {1, -1}) {
                double loss = 0;
                for (int i = 0; i < labels.length; i++) {
                    int p = (sign > 0 ? features.get(i)[0] >= t : features.get(i)[0] < t) ? 1 : 0;
                    loss += p != labels[i] ? weights[i] : 0;
                }
                if (loss < best) {
                    best = loss;
                    bestT = t;
                    bestSign = sign;
                }
            }
        }
        double threshold = bestT;
        int s = bestSign;
        return f -> (s > 0 ? f[0] >= threshold : f[0] < threshold) ? 1 : 0;
    };

    private static double spread(RandomizedClassifier<double[]> q, Data d) {
        double[] sum = new double[2];
        double[] count = new double[2];
        for (int i = 0; i < d.y().length; i++) {
            int k = d.g()[i].equals("A") ? 0 : 1;
            sum[k] += q.probability(d.x().get(i));
            count[k]++;
        }
        return Math.abs(sum[0] / count[0] - sum[1] / count[1]);
    }

    @Test
    void fit_stumpLearner_bringsDemographicParityWithinEpsilon() {
        Data d = Data.generate(400, 1);
        RandomizedClassifier<double[]> unconstrained = new RandomizedClassifier<>(List.of(STUMP.fit(d.x(), d.y(), ones(400))), 1, 0, 0);
        assertTrue(spread(unconstrained, d) > 0.3, "baseline spread " + spread(unconstrained, d));
        RandomizedClassifier<double[]> fair = ExponentiatedGradient.builder().constraint(FairnessConstraint.DEMOGRAPHIC_PARITY)
                .epsilon(0.02).maxIterations(100).build().fit(d.x(), d.y(), d.g(), STUMP);
        // Each group's moment |E[h|A=a] - E[h]| <= eps + slack; the two-group spread is at most twice that.
        // The guarantee is approximate (duality gap nu): allow 0.05 on training data.
        assertTrue(spread(fair, d) < 0.05, "mitigated spread " + spread(fair, d) + " after " + fair.iterations() + " iterations");
    }

    @Test
    void fit_tribuoLogistic_reducesSpreadOnFreshEvaluationData_beforeAfterRecord() {
        Data train = Data.generate(600, 2);
        Data eval = Data.generate(600, 3);
        TribuoLogisticLearner learner = TribuoLogisticLearner.withSeed(5);
        BinaryClassifier<double[]> baseline = learner.fit(train.x(), train.y(), ones(600));
        ExponentiatedGradient eg = ExponentiatedGradient.builder().constraint(FairnessConstraint.DEMOGRAPHIC_PARITY).epsilon(0.02)
                .maxIterations(30).build();
        RandomizedClassifier<double[]> fair = eg.fit(train.x(), train.y(), train.g(), learner);
        Randomness draws = Randomness.insecureSeeded(11);
        int[] before = new int[600];
        int[] after = new int[600];
        for (int i = 0; i < 600; i++) {
            before[i] = baseline.predict(eval.x().get(i));
            after[i] = fair.predict(eval.x().get(i), draws);
        }
        FairnessAssessment a = FairnessAssessment.builder().favourable(FavourableOutcome.POSITIVE_CLASS)
                .reference("g", "A", "advantaged group in the generated data").build();
        FairnessReport rb = a.assess(data(eval, before));
        FairnessReport ra = a.assess(data(eval, after));
        double spreadBefore = rb.view("g").summary(Metric.SELECTION_RATE).get(Aggregates.Kind.DIFFERENCE_BETWEEN_GROUPS).value();
        double spreadAfter = ra.view("g").summary(Metric.SELECTION_RATE).get(Aggregates.Kind.DIFFERENCE_BETWEEN_GROUPS).value();
        assertTrue(spreadBefore > 0.3, "before " + spreadBefore);
        // The randomised decisions on fresh data: the sampling sd of a spread between two groups of ~300
        // is about 0.04, so 0.15 leaves 3 sd for noise and generalisation.
        assertTrue(spreadAfter < 0.15, "after " + spreadAfter);
        BeforeAfter ba = new BeforeAfter(rb, ra);
        FairnessEvidence.Mitigation m = ba.mitigation(FairnessEvidence.MitigationKind.IN_PROCESSING, "exponentiated-gradient",
                eg.parameters());
        assertEquals("demographic-parity", m.parameters().get("constraint"));
        assertTrue(m.changes().stream().anyMatch(c -> c.metric().equals("selection-rate") && c.group().equals("g=B")
                && c.after() > c.before()));
        assertTrue(ba.tradeOffs().overallAccuracyDelta() < 0.05);
    }

    private static FairnessData data(Data d, int[] decisions) {
        return FairnessData.builder().labels(d.y()).predictions(decisions)
                .attribute(Attribute.sensitive("g", Characteristic.OTHER), d.g()).build();
    }

    static double[] ones(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0);
        return w;
    }
}
