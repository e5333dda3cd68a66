package io.privkit.dp.mechanism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.dp.accounting.PrivacyAccountant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedAggregationsTest {
    private static AggregationParameters.Builder params() {
        return AggregationParameters.builder().epsilon(1.0).bounds(0, 100).maxContributionsPerUnit(2);
    }

    @Test
    void sum_boundsContributionsPerUnit_andClamps_reportingBoth() {
        BoundedSum s = BoundedSum.create(params().build());
        s.add("alice", 10);
        s.add("alice", 20);
        s.add("alice", 30);     // over the cap of 2: dropped
        s.add("bob", 500);      // clamped to 100
        s.add("carol", -5);     // clamped to 0
        ContributionReport r = s.report();
        assertEquals(new ContributionReport(5, 4, 1, 0, 2, 3), r);
    }

    @Test
    void sum_noiseIsLaplaceOfSensitivityOverEpsilon_meanAndSpreadWithinDerivedTolerance() {
        // Sensitivity 2 * 100 = 200 at epsilon 1: Laplace scale 200, sd 200 sqrt 2.
        int runs = 4000;
        Randomness r = Randomness.insecureSeeded(71);
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < runs; i++) {
            BoundedSum s = BoundedSum.create(params().build());
            s.add("a", 40.5);
            s.add("b", 60.25);
            double e = s.compute(r).value() - 100.75;
            sum += e;
            sumSq += e * e;
        }
        double sd = 200 * Math.sqrt(2);
        // Mean error within 5.5 standard errors (false rejection about 4e-8); variance within 5.5 of its
        // standard error (the Laplace fourth moment is 6 b^4 ... var of e^2 = 20 b^4).
        assertEquals(0, sum / runs, 5.5 * sd / Math.sqrt(runs));
        double var = sumSq / runs;
        assertEquals(sd * sd, var, 5.5 * Math.sqrt(20) * 200 * 200 / Math.sqrt(runs));
        assertTrue(Math.abs(Math.sqrt(var) / sd - 1.5) > 0.3, "the same check separates a 1.5x wrong scale");
    }

    @Test
    void count_noiseIsDiscreteLaplaceOfScaleMaxContributionsOverEpsilon() {
        Randomness r = Randomness.insecureSeeded(72);
        int runs = 20_000;
        long[] hist = new long[41];
        for (int i = 0; i < runs; i++) {
            BoundedCount c = BoundedCount.create(params().build());
            for (int k = 0; k < 7; k++) {
                c.add("u" + k);
            }
            long noise = c.compute(r).value() - 7;
            hist[(int) Math.max(0, Math.min(40, noise + 20))]++;
        }
        double scale = 2.0;
        double x = Math.exp(-1 / scale);
        double[] p = new double[41];
        for (int k = -20; k <= 20; k++) {
            double pk = (1 - x) / (1 + x) * Math.exp(-Math.abs(k) / scale);
            p[k + 20] = pk;
        }
        double tail = Math.exp(-21 / scale) / (1 + x);   // P(k <= -21) = P(k >= 21)
        p[0] += tail;
        p[40] += tail;
        double stat = 0;
        for (int i = 0; i < 41; i++) {
            double e = p[i] * runs;
            stat += (hist[i] - e) * (hist[i] - e) / e;
        }
        // Bins with expected counts below 5 are few; the 1e-6 quantile with 40 df is about 100.
        assertTrue(stat < org.apache.commons.statistics.distribution.ChiSquaredDistribution.of(40).inverseSurvivalProbability(1e-6),
                "chi2 " + stat);
    }

    @Test
    void mean_variance_quantiles_closeToTruthOnLargeData_andInsideBounds() {
        Randomness data = Randomness.insecureSeeded(73);
        Randomness noise = Randomness.insecureSeeded(74);
        AggregationParameters p = AggregationParameters.builder().epsilon(1.0).bounds(0, 100).units(UnitKeying.EACH_ROW).build();
        BoundedMean mean = BoundedMean.create(p);
        BoundedVariance var = BoundedVariance.create(p);
        BoundedQuantiles q = BoundedQuantiles.create(p, List.of(0.25, 0.5, 0.9));
        for (int i = 0; i < 20_000; i++) {
            double v = data.nextDouble() * 100;
            mean.add(v);
            var.add(v);
            q.add(v);
        }
        // Uniform on [0, 100]: mean 50, variance 833.3, quantiles 25, 50, 90. Noise is tiny here.
        assertEquals(50, mean.compute(noise).value(), 1.0);
        assertEquals(833.3, var.compute(noise).value(), 30);
        List<Double> qs = q.compute(noise).value();
        assertEquals(25, qs.get(0), 2);
        assertEquals(50, qs.get(1), 2);
        assertEquals(90, qs.get(2), 2);
    }

    @Test
    void everyAggregation_eventCostsAtMostItsEpsilon() {
        AggregationParameters p = params().build();
        var accountant = PrivacyAccountant.pld();
        assertTrue(accountant.account(BoundedCount.create(p).event()).epsilon(0) <= 1.0);
        assertTrue(accountant.account(BoundedSum.create(p).event()).epsilon(0) <= 1.0);
        assertTrue(accountant.account(BoundedMean.create(p).event()).epsilon(0) <= 1.0);
        assertTrue(accountant.account(BoundedVariance.create(p).event()).epsilon(0) <= 1.0);
        assertTrue(accountant.account(BoundedQuantiles.create(p, List.of(0.5, 0.9)).event()).epsilon(0) <= 1.0);
        AggregationParameters g = params().noise(NoiseKind.GAUSSIAN).delta(1e-6).build();
        assertTrue(accountant.account(BoundedMean.create(g).event()).epsilon(1e-6) <= 1.0 + 1e-3);
        assertTrue(accountant.account(BoundedCount.create(g).event()).epsilon(1e-6) <= 1.0);
    }

    @Test
    void singleUse_secondReleaseOrLateRow_refused() {
        BoundedSum s = BoundedSum.create(params().build());
        s.add("a", 1);
        s.compute(Randomness.insecureSeeded(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.compute(Randomness.insecureSeeded(1)));
        assertTrue(e.getMessage().startsWith("BoundedSum has already released its result; an aggregation is single-use."));
        assertThrows(IllegalStateException.class, () -> s.add("b", 2));
    }

    @Test
    void nanPolicy_rejectByDefault_dropWhenAsked_andRejectedRowChangesNothing() {
        BoundedMean m = BoundedMean.create(params().build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.add("a", Double.NaN));
        assertTrue(e.getMessage().startsWith("value must be a number, not NaN; got NaN. Clean the data, or build"), e.getMessage());
        assertEquals(new ContributionReport(0, 0, 0, 0, 0, 0), m.report());
        BoundedMean d = BoundedMean.create(params().nanPolicy(NanPolicy.DROP).build());
        d.add("a", Double.NaN);
        d.add("a", 3);
        assertEquals(new ContributionReport(2, 1, 0, 1, 0, 1), d.report());
    }

    @Test
    void parameters_reportEveryProblemAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AggregationParameters.builder()
                .epsilon(-1).noise(NoiseKind.GAUSSIAN).bounds(5, 1).maxContributionsPerUnit(0).build());
        String m = e.getMessage();
        assertTrue(m.startsWith("AggregationParameters has 4 problems:"), m);
        assertTrue(m.contains("epsilon must be a finite number > 0; got -1.0."), m);
        assertTrue(m.contains("delta must be > 0 for Gaussian noise; got 0.0."), m);
        assertTrue(m.contains("bounds must be finite with lower < upper; got \"[5.0, 1.0]\"."), m);
        assertTrue(m.contains("maxContributionsPerUnit must be >= 1; got 0."), m);
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                () -> BoundedSum.create(AggregationParameters.builder().epsilon(1).build()));
        assertTrue(b.getMessage().startsWith("bounds must be given for BoundedSum"), b.getMessage());
        IllegalStateException u = assertThrows(IllegalStateException.class, () -> BoundedSum.create(params().build()).add(3.0));
        assertTrue(u.getMessage().startsWith("BoundedSum bounds contributions per unit: call add(unit, value)"));
    }
}
