package io.privkit.fairness.mitigation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import org.junit.jupiter.api.Test;

class GroupThresholdsTest {

    @Test
    void fit_handMadeScores_equaliseSelectionRates() {
        // A scores high, B low. At 0.5 everyone: 5 of 8 selected -> target 0.625.
        double[] s = {0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.3, 0.2};
        int[] y = {1, 1, 0, 1, 0, 1, 0, 0};
        String[] g = {"A", "A", "A", "A", "B", "B", "B", "B"};
        GroupThresholds t = GroupThresholds.fit(s, y, g, ThresholdTarget.SELECTION_RATE, 0.5);
        assertEquals(0.625, t.targetRate(), 1e-15);
        // A: rates 1/4, 2/4, 3/4, 4/4 -> 0.5 and 0.75 tie at |gap| 0.125; accuracy at 0.8 (2 of 4 right... ) vs 0.7.
        // Selecting {0.9, 0.8}: right on 1,1 and the two negatives? labels A = 1,1,0,1: select 2 -> TP 2, TN 1 -> 3/4.
        // Selecting {0.9, 0.8, 0.7}: TP 2, FP 1, FN 1 -> 2/4. So 0.8 wins.
        assertEquals(0.8, t.thresholds().get("A"));
        // B: selecting {0.55, 0.4} gives 0.5, {0.55, 0.4, 0.3} 0.75: tie; accuracy 3/4 vs 2/4 -> 0.4.
        assertEquals(0.4, t.thresholds().get("B"));
        assertArrayEquals(new int[] {1, 1, 0, 0, 1, 1, 0, 0}, t.decide(s, g));
        assertEquals(0.5, t.achieved().get("B"), 1e-15);
    }

    @Test
    void fit_generatedScores_selectionRatesWithinGranularity_andDeterministic() {
        Randomness r = Randomness.insecureSeeded(8);
        int n = 4000;
        double[] s = new double[n];
        int[] y = new int[n];
        String[] g = new String[n];
        for (int i = 0; i < n; i++) {
            g[i] = i % 3 == 0 ? "B" : "A";
            double shift = g[i].equals("A") ? 0.15 : -0.1;
            s[i] = Math.min(1, Math.max(0, r.nextDouble() * 0.7 + shift));
            y[i] = r.nextDouble() < s[i] ? 1 : 0;
        }
        GroupThresholds t = GroupThresholds.fit(s, y, g, ThresholdTarget.SELECTION_RATE, 0.5);
        int[] d = t.decide(s, g);
        double[] rate = new double[2];
        double[] count = new double[2];
        for (int i = 0; i < n; i++) {
            int k = g[i].equals("A") ? 0 : 1;
            rate[k] += d[i];
            count[k]++;
        }
        // Continuous scores: each group can hit the target to within one person, 1/1333.
        assertTrue(Math.abs(rate[0] / count[0] - t.targetRate()) <= 1.0 / count[0] + 1e-12);
        assertTrue(Math.abs(rate[1] / count[1] - t.targetRate()) <= 1.0 / count[1] + 1e-12);
        assertEquals(t, GroupThresholds.fit(s, y, g, ThresholdTarget.SELECTION_RATE, 0.5));
        GroupThresholds tpr = GroupThresholds.fit(s, y, g, ThresholdTarget.TRUE_POSITIVE_RATE, 0.5);
        assertTrue(Math.abs(tpr.achieved().get("A") - tpr.achieved().get("B")) < 0.01);
        assertThrows(IllegalArgumentException.class, () -> t.decide(0.5, "C"));
    }
}
