package io.privkit.federated.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.federated.ModelSpec;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.TensorSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of every strategy against closed forms worked out by hand (FedAvg, median, trimmed
 * mean, Krum) or from the paper's update equations (FedOpt).
 */
class StrategiesTest {
    private static final ModelSpec SPEC2 = ModelSpec.of(TensorSpec.of("w", 2));
    private static final ModelSpec SPEC1 = ModelSpec.of(TensorSpec.of("w", 1));

    private static RoundResults results(ClientUpdate... u) {
        return new RoundResults.Individual(List.of(u));
    }

    private static ModelWeights model(ModelSpec spec, double... v) {
        return ModelWeights.of(spec, v);
    }

    @Test
    void fedAvg_twoWeightedUpdates_weightedMeanAddedToModel() throws IOException {
        // (1*[1,2] + 3*[3,4]) / 4 = [2.5, 3.5]
        ModelWeights next = Strategies.fedAvg().aggregate(model(SPEC2, 10, 20),
                results(ClientUpdate.inMemory("a", 1, new double[] {1, 2}), ClientUpdate.inMemory("b", 3, new double[] {3, 4})), List.of());
        assertArrayEquals(new double[] {12.5, 23.5}, next.values(), 0);
    }

    @Test
    void fedAvg_summedResults_dividesByTotalWeight() throws IOException {
        ModelWeights next = Strategies.fedAvg().aggregate(model(SPEC2, 0, 0),
                new RoundResults.Summed(new double[] {4, 8}, 4, 2), List.of());
        assertArrayEquals(new double[] {1, 2}, next.values(), 0);
    }

    @Test
    void fedProx_sendsMuToClients_aggregatesLikeFedAvg() throws IOException {
        StandardStrategy s = Strategies.fedProx(0.01);
        assertEquals(0.01, s.configureRound(1).proximalMu());
        assertEquals(0.0, Strategies.fedAvg().configureRound(1).proximalMu());
        ModelWeights next = s.aggregate(model(SPEC2, 0, 0),
                results(ClientUpdate.inMemory("a", 1, new double[] {1, 2}), ClientUpdate.inMemory("b", 1, new double[] {3, 4})), List.of());
        assertArrayEquals(new double[] {2, 3}, next.values(), 0);
    }

    /**
     * Two rounds with deltas [1, -2] then [0.5, 0.25] from x0 = [0, 1], eta 0.1, beta1 0.9, beta2 0.99,
     * tau 1e-3, v_{-1} = tau^2. Golden values: an independent Python 3 implementation of Reddi et al.
     * (ICLR 2021) Algorithm 2 in binary64; first Adam coordinate by hand: m = 0.1,
     * v = 0.99e-6 + 0.01, x = 0.01 / (sqrt(v) + 0.001) = 0.0990050488825...
     */
    @Test
    void fedOpt_twoRounds_matchAlgorithm2() throws IOException {
        double[][] adagrad = {{0.009990004999998749, 0.99000499875}, {0.02250079068278884, 0.9823186596436041}};
        double[][] adam = {{0.0990050488825424, 0.9004987376323415}, {0.22360489652905574, 0.8236001440666572}};
        double[][] yogi = {{0.0990049998750062, 0.9004987500078124}, {0.22310981530709212, 0.8239778065494299}};
        check(Strategies.fedAdagrad(ServerOptimizer.Adagrad.withDefaults()), adagrad);
        check(Strategies.fedAdam(ServerOptimizer.Adam.withDefaults()), adam);
        check(Strategies.fedYogi(ServerOptimizer.Yogi.withDefaults()), yogi);
    }

    private static void check(Strategy s, double[][] expected) throws IOException {
        ModelWeights x = model(SPEC2, 0, 1);
        x = s.aggregate(x, results(ClientUpdate.inMemory("a", 1, new double[] {1, -2})), List.of());
        assertArrayEquals(expected[0], x.values(), 1e-15, s.name() + " round 1");
        x = s.aggregate(x, results(ClientUpdate.inMemory("a", 1, new double[] {0.5, 0.25})), List.of());
        assertArrayEquals(expected[1], x.values(), 1e-15, s.name() + " round 2");
    }

    @Test
    void fedAdam_restoredState_continuesIdentically() throws IOException {
        Strategy a = Strategies.fedAdam(ServerOptimizer.Adam.withDefaults());
        ModelWeights x = model(SPEC2, 0, 1);
        x = a.aggregate(x, results(ClientUpdate.inMemory("a", 1, new double[] {1, -2})), List.of());
        byte[] saved = a.state().toBytes();
        Strategy b = Strategies.fedAdam(ServerOptimizer.Adam.withDefaults());
        b.restore(StrategyState.fromBytes(saved));
        assertEquals(a.state(), b.state());
        RoundResults r2 = results(ClientUpdate.inMemory("a", 1, new double[] {0.5, 0.25}));
        assertArrayEquals(a.aggregate(x, r2, List.of()).values(), b.aggregate(x, r2, List.of()).values(), 0);
    }

    @Test
    void median_oddAndEvenCounts_middleValueOrMeanOfMiddlePair() throws IOException {
        ModelWeights odd = Strategies.median().aggregate(model(SPEC1, 0), results(
                ClientUpdate.inMemory("a", 1, new double[] {1}), ClientUpdate.inMemory("b", 1, new double[] {5}),
                ClientUpdate.inMemory("c", 1, new double[] {3})), List.of());
        assertEquals(3.0, odd.get(0));
        ModelWeights even = Strategies.median().aggregate(model(SPEC1, 0), results(
                ClientUpdate.inMemory("a", 1, new double[] {1}), ClientUpdate.inMemory("b", 9, new double[] {2}),
                ClientUpdate.inMemory("c", 1, new double[] {3}), ClientUpdate.inMemory("d", 1, new double[] {10})), List.of());
        assertEquals(2.5, even.get(0), "median is unweighted");
    }

    @Test
    void trimmedMean_dropsFloorBetaNFromEachEnd() throws IOException {
        // beta 0.2, n 5: k = 1; [1,2,3,4,100] -> mean(2,3,4) = 3
        ModelWeights x = Strategies.trimmedMean(0.2).aggregate(model(SPEC1, 0), results(
                ClientUpdate.inMemory("a", 1, new double[] {100}), ClientUpdate.inMemory("b", 1, new double[] {2}),
                ClientUpdate.inMemory("c", 1, new double[] {3}), ClientUpdate.inMemory("d", 1, new double[] {1}),
                ClientUpdate.inMemory("e", 1, new double[] {4})), List.of());
        assertEquals(3.0, x.get(0));
        assertThrows(IllegalArgumentException.class, () -> Strategies.trimmedMean(0.5));
    }

    /**
     * Updates 0, 0.25, 0.5, 0.75, 100 (exact in binary) with f = 1: each score sums the
     * n - f - 2 = 2 smallest squared distances: 0.3125, 0.125, 0.125, 0.3125, huge. Krum picks 0.25
     * (tie with 0.5 goes to the lower id); Multi-Krum m = 3 averages 0.25, 0.5 and 0 (tie 0 / 0.75
     * to the lower id): 0.25.
     */
    @Test
    void krum_outlierIgnored_tiesToLowerId() throws IOException {
        List<ClientUpdate> u = List.of(ClientUpdate.inMemory("a", 1, new double[] {0}), ClientUpdate.inMemory("b", 1, new double[] {0.25}),
                ClientUpdate.inMemory("c", 1, new double[] {0.5}), ClientUpdate.inMemory("d", 1, new double[] {0.75}),
                ClientUpdate.inMemory("e", 1, new double[] {100}));
        assertEquals(0.25, Strategies.krum(1).aggregate(model(SPEC1, 0), new RoundResults.Individual(u), List.of()).get(0));
        assertEquals(0.25, Strategies.multiKrum(1, 3).aggregate(model(SPEC1, 0), new RoundResults.Individual(u), List.of()).get(0));
    }

    @Test
    void krum_fewerThan2fPlus3_failsAndKeepsState() {
        Strategy k = Strategies.krum(1);
        StrategyState before = k.state();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> k.aggregate(model(SPEC1, 0), results(
                ClientUpdate.inMemory("a", 1, new double[] {0}), ClientUpdate.inMemory("b", 1, new double[] {1}),
                ClientUpdate.inMemory("c", 1, new double[] {2}), ClientUpdate.inMemory("d", 1, new double[] {3})), List.of()));
        assertTrue(e.getMessage().contains("needs at least 5 updates; got 4"), e.getMessage());
        assertEquals(before, k.state());
        assertEquals(5, k.minimumResults());
    }

    @Test
    void robustRule_onSummedResults_refused() {
        assertThrows(IllegalStateException.class, () -> Strategies.median().aggregate(model(SPEC1, 0),
                new RoundResults.Summed(new double[] {1}, 1, 1), List.of()));
        assertTrue(Strategies.median().needsIndividualUpdates());
        assertTrue(!Strategies.fedAvg().needsIndividualUpdates());
    }

    @Test
    void individualResults_duplicateClient_refused() {
        assertThrows(IllegalArgumentException.class, () -> results(ClientUpdate.inMemory("a", 1, new double[] {0}),
                ClientUpdate.inMemory("a", 1, new double[] {1})));
    }

    /** The block-wise fast paths against whole-array reference implementations, block size 7 over 50 values. */
    @Test
    void blockwiseRules_randomUpdates_equalReferenceImplementations() throws IOException {
        java.util.Random rnd = new java.util.Random(7);
        int n = 9;
        int d = 50;
        double[][] x = new double[n][d];
        double[] w = new double[n];
        List<ClientUpdate> updates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = rnd.nextGaussian() * (i == 3 ? 50 : 1);
            }
            w[i] = 1 + rnd.nextInt(5);
            updates.add(ClientUpdate.inMemory("c" + i, w[i], x[i]));
        }
        assertArrayEquals(Reference.weightedMean(x, w), new Aggregation.WeightedMean().combine(updates, 7), 1e-12);
        assertArrayEquals(Reference.median(x), new Aggregation.CoordinateMedian().combine(updates, 7), 0);
        assertArrayEquals(Reference.trimmedMean(x, 0.25), new Aggregation.TrimmedMean(0.25).combine(updates, 7), 1e-12);
        assertArrayEquals(Reference.multiKrum(x, 2, 1), new Aggregation.Krum(2, 1).combine(updates, 7), 0);
        assertArrayEquals(Reference.multiKrum(x, 2, 4), new Aggregation.Krum(2, 4).combine(updates, 7), 1e-12);
        // and the block size does not matter
        assertArrayEquals(new Aggregation.Krum(2, 4).combine(updates, 1), new Aggregation.Krum(2, 4).combine(updates, 1000), 1e-12);
    }

    /** Obviously-correct, whole-array versions of the rules. */
    static final class Reference {
        static double[] weightedMean(double[][] x, double[] w) {
            double[] out = new double[x[0].length];
            double tw = 0;
            for (double v : w) {
                tw += v;
            }
            for (int j = 0; j < out.length; j++) {
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                    s += w[i] * x[i][j];
                }
                out[j] = s / tw;
            }
            return out;
        }

        static double[] column(double[][] x, int j) {
            double[] c = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                c[i] = x[i][j];
            }
            java.util.Arrays.sort(c);
            return c;
        }

        static double[] median(double[][] x) {
            double[] out = new double[x[0].length];
            for (int j = 0; j < out.length; j++) {
                double[] c = column(x, j);
                int n = c.length;
                out[j] = n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
            }
            return out;
        }

        static double[] trimmedMean(double[][] x, double beta) {
            double[] out = new double[x[0].length];
            int n = x.length;
            int k = (int) Math.floor(beta * n);
            for (int j = 0; j < out.length; j++) {
                double[] c = column(x, j);
                double s = 0;
                for (int i = k; i < n - k; i++) {
                    s += c[i];
                }
                out[j] = s / (n - 2 * k);
            }
            return out;
        }

        static double[] multiKrum(double[][] x, int f, int m) {
            int n = x.length;
            double[] score = new double[n];
            for (int i = 0; i < n; i++) {
                List<Double> ds = new ArrayList<>();
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        double s = 0;
                        for (int c = 0; c < x[i].length; c++) {
                            s += (x[i][c] - x[j][c]) * (x[i][c] - x[j][c]);
                        }
                        ds.add(s);
                    }
                }
                ds.sort(null);
                for (int j = 0; j < n - f - 2; j++) {
                    score[i] += ds.get(j);
                }
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                order.add(i);
            }
            order.sort((a, b) -> score[a] != score[b] ? Double.compare(score[a], score[b]) : Integer.compare(a, b));
            List<Integer> chosen = new ArrayList<>(order.subList(0, m));
            chosen.sort(null);
            double[] out = new double[x[0].length];
            for (int i : chosen) {
                for (int c = 0; c < out.length; c++) {
                    out[c] += x[i][c];
                }
            }
            for (int c = 0; c < out.length; c++) {
                out[c] /= m;
            }
            return out;
        }
    }
}
