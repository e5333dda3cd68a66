package io.privkit.fairness.stats;

import static io.privkit.fairness.golden.Golden.close;
import static io.privkit.fairness.golden.Golden.relative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.privkit.evidence.ConfidenceInterval;
import io.privkit.evidence.IntervalMethod;
import io.privkit.fairness.golden.Golden;
import org.junit.jupiter.api.Test;

class ProportionMethodTest {

    @Test
    void interval_everyCompasRaceAndRate_matchesReferenceWilsonClopperPearsonJeffreys() {
        JsonNode intervals = Golden.root().get("statistics").get("compas_propublica__race__intervals");
        int checked = 0;
        for (String race : Golden.fields(intervals)) {
            JsonNode rates = intervals.get(race);
            for (String rate : Golden.fields(rates)) {
                JsonNode r = rates.get(rate);
                Proportion p = Proportion.of(r.get("k").asLong(), r.get("n").asLong());
                close(r.get("p").asDouble(), p.value(), Golden.EXACT, race + " " + rate + " p");
                ConfidenceInterval w = ProportionMethod.WILSON.interval(p, ConfidenceLevel.NINETY_FIVE);
                close(r.get("wilson95").get(0).asDouble(), w.lower(), Golden.EXACT, race + " " + rate + " wilson lower");
                close(r.get("wilson95").get(1).asDouble(), w.upper(), Golden.EXACT, race + " " + rate + " wilson upper");
                ConfidenceInterval cp = ProportionMethod.CLOPPER_PEARSON.interval(p, ConfidenceLevel.NINETY_FIVE);
                relative(r.get("clopper_pearson95").get(0).asDouble(), cp.lower(), race + " " + rate + " CP lower");
                relative(r.get("clopper_pearson95").get(1).asDouble(), cp.upper(), race + " " + rate + " CP upper");
                ConfidenceInterval j = ProportionMethod.JEFFREYS.interval(p, ConfidenceLevel.NINETY_FIVE);
                relative(r.get("jeffreys95").get(0).asDouble(), j.lower(), race + " " + rate + " Jeffreys lower");
                relative(r.get("jeffreys95").get(1).asDouble(), j.upper(), race + " " + rate + " Jeffreys upper");
                checked++;
            }
        }
        assertEquals(42, checked);
    }

    @Test
    void z_ninetyFive_isReferenceQuantile() {
        close(Golden.root().get("statistics").get("z_95").asDouble(), ConfidenceLevel.NINETY_FIVE.z(), 1e-15, "z");
    }

    @Test
    void wilson_handComputed_matchesClosedForm() {
        // k = 0, n = 4, z = 2 (level 0.9544997361036416): centre = (0 + 4/8)/(1 + 1) = 0.25,
        // half = 2 sqrt(0 + 4/64)/2 = 0.25, so [0, 0.5]. k = 2, n = 4: centre 0.5,
        // half = 2 sqrt(1/16 + 1/16)/2 = sqrt(2)/4.
        ConfidenceLevel twoSigma = ConfidenceLevel.of(0.9544997361036416);
        close(2.0, twoSigma.z(), 1e-12, "z");
        ConfidenceInterval zero = ProportionMethod.WILSON.interval(Proportion.of(0, 4), twoSigma);
        assertEquals(0.0, zero.lower());
        close(0.5, zero.upper(), 1e-12, "upper");
        ConfidenceInterval half = ProportionMethod.WILSON.interval(Proportion.of(2, 4), twoSigma);
        close(0.5 - Math.sqrt(2) / 4, half.lower(), 1e-12, "lower");
        close(0.5 + Math.sqrt(2) / 4, half.upper(), 1e-12, "upper");
        assertEquals(IntervalMethod.WILSON, half.method());
    }

    @Test
    void clopperPearson_allSuccesses_lowerIsAlphaHalfRoot() {
        // For k = n the exact lower limit solves p^n = alpha/2: (0.025)^(1/5).
        ConfidenceInterval cp = ProportionMethod.CLOPPER_PEARSON.interval(Proportion.of(5, 5), ConfidenceLevel.NINETY_FIVE);
        close(Math.pow(0.025, 0.2), cp.lower(), 1e-12, "lower");
        assertEquals(1.0, cp.upper());
    }

    @Test
    void interval_everyMethod_containsTheEstimateAndStaysInUnitInterval() {
        for (ProportionMethod m : ProportionMethod.values()) {
            for (long n = 1; n <= 40; n += 3) {
                for (long k = 0; k <= n; k++) {
                    ConfidenceInterval ci = m.interval(Proportion.of(k, n), ConfidenceLevel.NINETY_FIVE);
                    double p = (double) k / n;
                    assertTrue(ci.lower() >= 0 && ci.upper() <= 1, m + " " + k + "/" + n);
                    if (m != ProportionMethod.JEFFREYS) {
                        assertTrue(ci.contains(p), m + " " + k + "/" + n + " " + ci);
                    }
                }
            }
        }
    }

    @Test
    void interval_noTrials_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProportionMethod.WILSON.interval(Proportion.of(0, 0), ConfidenceLevel.NINETY_FIVE));
        assertTrue(e.getMessage().contains("undefined"), e.getMessage());
    }

    @Test
    void proportion_swappedCounts_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Proportion.of(11, 8));
        assertTrue(e.getMessage().startsWith("proportion.successes must be <= trials (8); got 11."), e.getMessage());
    }
}
