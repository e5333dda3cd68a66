package io.privkit.fairness.stats;

import static io.privkit.fairness.golden.Golden.close;
import static io.privkit.fairness.golden.Golden.relative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.privkit.evidence.ConfidenceInterval;
import io.privkit.fairness.golden.Golden;
import org.junit.jupiter.api.Test;

class TwoProportionsTest {
    private static final ConfidenceLevel L95 = ConfidenceLevel.NINETY_FIVE;

    @Test
    void comparisons_africanAmericanMinusCaucasian_matchReferenceForEveryRate() {
        JsonNode all = Golden.root().get("statistics").get("compas_propublica__AfricanAmerican_minus_Caucasian");
        for (String rate : Golden.fields(all)) {
            JsonNode r = all.get(rate);
            Proportion g1 = Proportion.of(r.get("group1").get("k").asLong(), r.get("group1").get("n").asLong());
            Proportion g2 = Proportion.of(r.get("group2").get("k").asLong(), r.get("group2").get("n").asLong());
            TwoProportions t = TwoProportions.of(g1, g2);
            close(r.get("difference").asDouble(), t.difference(), Golden.EXACT, rate + " difference");
            ConfidenceInterval nc = t.newcombe(L95);
            close(r.get("newcombe_hybrid_score95").get(0).asDouble(), nc.lower(), Golden.EXACT, rate + " newcombe lower");
            close(r.get("newcombe_hybrid_score95").get(1).asDouble(), nc.upper(), Golden.EXACT, rate + " newcombe upper");
            ConfidenceInterval w = t.wald(L95);
            close(r.get("wald95").get(0).asDouble(), w.lower(), Golden.EXACT, rate + " wald lower");
            close(r.get("wald95").get(1).asDouble(), w.upper(), Golden.EXACT, rate + " wald upper");
            close(r.get("pooled_z").asDouble(), t.pooledZ().orElseThrow(), 1e-10, rate + " z");
            relative(r.get("pooled_z_p_two_sided").asDouble(), t.pooledZPValue(), rate + " z p");
            relative(r.get("chi2_no_correction").get("statistic").asDouble(), t.chiSquare(), rate + " chi2");
            relative(r.get("chi2_no_correction").get("p").asDouble(), TwoProportions.chiSquarePValue(t.chiSquare()), rate + " chi2 p");
            relative(r.get("chi2_yates").get("statistic").asDouble(), t.chiSquareYates(), rate + " yates");
            relative(r.get("chi2_yates").get("p").asDouble(), TwoProportions.chiSquarePValue(t.chiSquareYates()), rate + " yates p");
            relative(r.get("fisher_exact_p_two_sided").asDouble(), t.fisherExactP(), rate + " fisher p");
            close(r.get("fisher_sample_odds_ratio").asDouble(), t.sampleOddsRatio().orElseThrow(), Golden.EXACT, rate + " odds ratio");
            close(r.get("ratio").asDouble(), t.ratio().orElseThrow(), Golden.EXACT, rate + " ratio");
            ConfidenceInterval k = t.katz(L95).orElseThrow();
            close(r.get("ratio_katz_log95").get(0).asDouble(), k.lower(), Golden.EXACT, rate + " katz lower");
            close(r.get("ratio_katz_log95").get(1).asDouble(), k.upper(), Golden.EXACT, rate + " katz upper");
        }
    }

    @Test
    void fisherExact_teaTasting_isFisherSeventeenOverThirtyFive() {
        // Fisher's lady tasting tea, 3 of 4 right each way: tables {4,0}=1/70, {3,1}=16/70, {2,2}=36/70,
        // {1,3}=16/70, {0,4}=1/70; two-sided p = (1 + 16 + 16 + 1)/70 = 34/70.
        close(34.0 / 70, FisherExact.twoSided(new long[][] {{3, 1}, {1, 3}}), 1e-14, "p");
        close(2.0 / 70, FisherExact.twoSided(new long[][] {{4, 0}, {0, 4}}), 1e-14, "p");
        assertEquals(1.0, FisherExact.twoSided(new long[][] {{2, 2}, {2, 2}}));
    }

    @Test
    void pooledZ_squared_equalsUncorrectedChiSquare() {
        TwoProportions t = TwoProportions.of(Proportion.of(30, 100), Proportion.of(45, 120));
        close(t.chiSquare(), Math.pow(t.pooledZ().orElseThrow(), 2), 1e-12, "z^2");
        assertTrue(t.chiSquareYates() < t.chiSquare());
    }

    @Test
    void newcombe_containsTheDifference_andKatzTheRatio() {
        for (int k1 = 0; k1 <= 20; k1 += 4) {
            for (int k2 = 1; k2 <= 20; k2 += 3) {
                TwoProportions t = TwoProportions.of(Proportion.of(k1, 20), Proportion.of(k2, 25));
                assertTrue(t.newcombe(L95).contains(t.difference()), k1 + " " + k2);
                if (k1 > 0) {
                    assertTrue(t.katz(L95).orElseThrow().contains(t.ratio().orElseThrow()), k1 + " " + k2);
                } else {
                    assertTrue(t.katz(L95).isEmpty(), "katz undefined at zero count");
                }
            }
        }
    }
}
