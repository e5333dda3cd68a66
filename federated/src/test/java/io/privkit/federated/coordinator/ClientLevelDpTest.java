package io.privkit.federated.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.dp.accounting.DpEvent;
import io.privkit.dp.accounting.PrivacyAccountant;
import io.privkit.federated.ModelSpec;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.TensorSpec;
import io.privkit.federated.client.LocalTrainer;
import io.privkit.federated.client.LocalUpdate;
import io.privkit.federated.secagg.SecureAggregationConfig;
import io.privkit.federated.sim.Simulation;
import io.privkit.federated.strategy.ClientUpdate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** DP-FedAvg: clipping, noise from dp-core, adaptive clipping, accounting and the budget reservation. */
class ClientLevelDpTest {
    private static final int D = 20_000;

    private static List<ClientUpdate> updates(int n, double value) {
        List<ClientUpdate> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            double[] d = new double[D];
            Arrays.fill(d, value);
            out.add(ClientUpdate.inMemory("c" + k, 1, d));
        }
        return out;
    }

    /**
     * Whether the sample standard deviation of {@code x} is within 5% of {@code sigma}. With
     * n = 20000 the relative standard error of a sample standard deviation is 1/sqrt(2n) = 0.5%, so
     * 5% is 10 standard errors: the probability of rejecting the right scale is below 1e-20.
     */
    static boolean stdWithin(double[] x, double sigma) {
        double m = 0;
        for (double v : x) {
            m += v;
        }
        m /= x.length;
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        double sd = Math.sqrt(s / (x.length - 1));
        return Math.abs(sd / sigma - 1) < 0.05;
    }

    @Test
    void privatize_fixedClip_noiseHasStdZTimesClip_clippedSumInMean() throws Exception {
        ClientDpConfig cfg = ClientDpConfig.fixed(1.5, 2.0, 1e-5);
        ClientLevelDp dp = new ClientLevelDp(cfg, 0.5, 8, D, Randomness.insecureSeeded(1), PrivacyAccountant.pld());
        // 4 clients, each update 0.1 per coordinate: norm 0.1·sqrt(20000) = 14.1 > C, clipped to norm 2.
        ClientLevelDp.Pending p = dp.privatize(1, updates(4, 0.1));
        double[] sum = p.results().weightedSum();
        double clippedCoordinate = 2.0 * (1 - 1e-9) / Math.sqrt(D);
        double[] noise = new double[D];
        double mean = 0;
        for (int i = 0; i < D; i++) {
            noise[i] = sum[i] - 4 * clippedCoordinate;
            mean += noise[i] / D;
        }
        assertTrue(stdWithin(noise, 1.5 * 2.0), "noise std is z·C");
        // The mean of 20000 N(0, 3^2) draws has standard error 0.021; 0.15 is 7 standard errors.
        assertEquals(0, mean, 0.15);
        assertEquals(4.0, p.results().totalWeight(), "fixed denominator q N = 0.5 · 8");
        assertEquals(2.0, p.clipUsed());
        assertEquals(2.0, p.nextClip(), "a fixed clip does not move");
    }

    @Test
    void stdCheck_rejectsHalfTheScale() {
        java.util.Random r = new java.util.Random(3);
        double[] x = new double[D];
        for (int i = 0; i < D; i++) {
            x[i] = r.nextGaussian() * 1.5;
        }
        assertTrue(stdWithin(x, 1.5));
        assertFalse(stdWithin(x, 3.0), "the same check rejects a wrong scale");
    }

    /**
     * Adaptive clipping (Andrew et al. 2021): every update (norm 0.1 · sqrt(20000) / 100 = 0.141) is
     * under the clip C = 1, so b̃ ≈ 1 and C ← exp(-0.2 (b̃ - 0.5)). With 20 expected clients and
     * σ_b = 20/20 = 1, b̃ has noise std 1/20 = 0.05; five standard deviations put C₁ within
     * [exp(-0.15), exp(-0.05)].
     */
    @Test
    void adaptiveClipping_allUnderClip_clipShrinksGeometrically() throws Exception {
        ClientDpConfig cfg = ClientDpConfig.fixed(1.0, 1.0, 1e-5).with(ClientDpConfig.AdaptiveClipping.withDefaults(20));
        ClientLevelDp dp = new ClientLevelDp(cfg, 0.5, 40, D, Randomness.insecureSeeded(4), PrivacyAccountant.pld());
        ClientLevelDp.Pending p = dp.privatize(1, updates(20, 0.001));
        assertTrue(p.nextClip() > Math.exp(-0.15) && p.nextClip() < Math.exp(-0.05), "C1 = " + p.nextClip());
        assertEquals(1.0, dp.clipNorm(), "nothing moves before the round is committed");
        dp.commit(p);
        assertEquals(p.nextClip(), dp.clipNorm());
        // z_update = (1 - (2 sigma_b)^-2)^-1/2 = (1 - 1/4)^-1/2
        assertEquals(1 / Math.sqrt(0.75), cfg.updateNoiseMultiplier(), 1e-15);
    }

    @Test
    void epsilon_neverBelowIdealGaussian_withinOnePercentOfIt() throws Exception {
        ClientDpConfig cfg = ClientDpConfig.fixed(1.0, 1.0, 1e-5);
        ClientLevelDp dp = new ClientLevelDp(cfg, 0.1, 100, D, Randomness.insecureSeeded(5), PrivacyAccountant.pld());
        for (int r = 1; r <= 50; r++) {
            dp.commit(dp.privatize(r, updates(2, 0.0)));
        }
        double ideal = PrivacyAccountant.pld().account(new DpEvent.SelfComposed(
                new DpEvent.PoissonSampled(0.1, DpEvent.gaussian(1.0)), 50)).epsilon(1e-5);
        double eps = dp.epsilon();
        assertTrue(eps >= ideal, "the sampler slack can only add: " + eps + " vs " + ideal);
        assertTrue(eps <= ideal * 1.01, eps + " vs " + ideal);
        byte[] state = dp.state();
        ClientLevelDp restored = new ClientLevelDp(cfg, 0.1, 100, D, Randomness.insecureSeeded(6), PrivacyAccountant.pld());
        restored.restore(state);
        assertEquals(eps, restored.epsilon(), 0, "the accountant state survives a checkpoint");
    }

    private static Map<String, LocalTrainer> clients(int n, double value) {
        Map<String, LocalTrainer> m = new TreeMap<>();
        for (int k = 0; k < n; k++) {
            m.put(String.format("site-%02d", k), task -> {
                double[] d = new double[task.globalModel().size()];
                Arrays.fill(d, value);
                return LocalUpdate.ofDelta(d, 1);
            });
        }
        return m;
    }

    /** A ledger that accepts two rounds and refuses the third: the third model is never released. */
    @Test
    void budgetRefusesThirdRound_runStops_modelOfRoundTwoKept() throws Exception {
        List<DpEvent> reserved = new ArrayList<>();
        BudgetReservation ledger = (label, event) -> {
            if (reserved.size() == 2) {
                throw new IllegalStateException("budget exhausted at " + label);
            }
            reserved.add(event);
            return "entry-" + reserved.size();
        };
        ModelSpec spec = ModelSpec.of(TensorSpec.of("w", 50));
        List<RoundReport> reports = new ArrayList<>();
        CoordinatorConfig.Builder b = CoordinatorConfig.builder().federationId("dp").rounds(5).minResults(1)
                .clientDp(ClientDpConfig.fixed(1.0, 1.0, 1e-5)).updatePolicy(UpdatePolicy.withDefaults().with(UpdatePolicy.WeightBound.uniform()))
                .noise(Randomness.insecureSeeded(7)).budget(ledger).listener((r, t) -> reports.add(r))
                .heartbeatInterval(java.time.Duration.ofMillis(300)).heartbeatPatience(10);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Simulation.run(b, clients(4, 0.01), ModelWeights.zeros(spec), Simulation.Transport.PLAINTEXT));
        assertEquals("budget exhausted at dp round 3", e.getMessage());
        assertEquals(3, reports.size());
        assertEquals(RoundReport.Outcome.FAILED, reports.get(2).outcome());
        assertEquals(reports.get(1).modelSha256(), reports.get(2).modelSha256(), "round 3's noisy model was never released");
        assertNotNull(reports.get(1).epsilon());
        assertTrue(reports.get(1).epsilon() > reports.get(0).epsilon());
        assertEquals(2, reserved.size());
    }

    @Test
    void dpWithSecureAggregation_fixedClip_runsAndReportsEpsilon() throws Exception {
        ModelSpec spec = ModelSpec.of(TensorSpec.of("w", 30));
        CoordinatorConfig.Builder b = CoordinatorConfig.builder().federationId("dp-sa").rounds(2).minResults(3)
                .clientDp(ClientDpConfig.fixed(0.8, 2.0, 1e-5)).secureAggregation(SecureAggregationConfig.withClipRange(2.0))
                .updatePolicy(UpdatePolicy.withDefaults().with(UpdatePolicy.WeightBound.uniform()))
                .noise(Randomness.insecureSeeded(8)).heartbeatInterval(java.time.Duration.ofMillis(300)).heartbeatPatience(10);
        TrainingRun run = Simulation.run(b, clients(4, 0.05), ModelWeights.zeros(spec), Simulation.Transport.PLAINTEXT);
        assertEquals(2, run.privacy().releases());
        assertTrue(run.privacy().epsilon() > 0 && Double.isFinite(run.privacy().epsilon()));
        assertEquals(2.0, run.privacy().finalClipNorm());
        assertEquals(2, run.completedRounds());
        // Adaptive clipping cannot run under secure aggregation.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CoordinatorConfig.builder().federationId("x")
                .allowList(io.privkit.federated.transport.AllowList.of("a")).security(new io.privkit.federated.transport.TransportSecurity.Plaintext())
                .rounds(1).clientDp(ClientDpConfig.fixed(1, 2.0, 1e-5).with(ClientDpConfig.AdaptiveClipping.withDefaults(40)))
                .secureAggregation(SecureAggregationConfig.withClipRange(2.0))
                .updatePolicy(UpdatePolicy.withDefaults().with(UpdatePolicy.WeightBound.uniform())).build());
        assertTrue(e.getMessage().contains("clientDp.adaptive must be null under secure aggregation"), e.getMessage());
    }

    /**
     * dp-core's durable ledger as the budget: every released round is an entry committed before its
     * model exists; when the budget cannot cover the next round the run stops with the ledger's
     * BudgetExceededException, and the ledger's hash chain and re-accounting check out.
     */
    @Test
    void privacyLedger_reservesEachRound_refusesWhenExhausted_ledgerIntact(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        io.privkit.dp.ledger.LedgerLocation where = io.privkit.dp.ledger.LedgerLocation.sqlite(tmp.resolve("budget.db"));
        ModelSpec spec = ModelSpec.of(TensorSpec.of("w", 20));
        List<RoundReport> reports = new ArrayList<>();
        try (io.privkit.dp.ledger.PrivacyLedger ledger = io.privkit.dp.ledger.PrivacyLedger.create(where,
                io.privkit.dp.ledger.LedgerConfig.builder().name("fed").epsilon(2.0).delta(1e-5).build())) {
            CoordinatorConfig.Builder b = CoordinatorConfig.builder().federationId("dp-ledger").rounds(50).minResults(1)
                    .clientDp(ClientDpConfig.fixed(4.0, 1.0, 1e-5))
                    .updatePolicy(UpdatePolicy.withDefaults().with(UpdatePolicy.WeightBound.uniform()))
                    .noise(Randomness.insecureSeeded(9)).budget(BudgetReservation.ledger(ledger)).listener((r, t) -> reports.add(r))
                    .heartbeatInterval(java.time.Duration.ofMillis(300)).heartbeatPatience(10);
            io.privkit.dp.ledger.BudgetExceededException e = assertThrows(io.privkit.dp.ledger.BudgetExceededException.class,
                    () -> Simulation.run(b, clients(3, 0.01), ModelWeights.zeros(spec), Simulation.Transport.PLAINTEXT));
            assertTrue(e.getMessage().contains("dp-ledger round " + reports.size()), e.getMessage());
            long released = reports.stream().filter(r -> r.outcome() == RoundReport.Outcome.COMPLETED).count();
            assertTrue(released >= 1, "at least one round fits an epsilon of 2 at q = 1, z = 4");
            assertEquals(released, ledger.history().size(), "one ledger entry per released round, none for the refused one");
            assertTrue(ledger.verify().intact(), "hash chain and re-accounting intact");
        }
    }
}
