package io.privkit.fairness.mitigation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReweighingTest {

    @Test
    void fit_handComputedWeights_makeLabelIndependentOfGroup() {
        // A: 6 rows, 4 positive; B: 4 rows, 1 positive. n = 10, 5 positive, 5 negative.
        String[] g = {"A", "A", "A", "A", "A", "A", "B", "B", "B", "B"};
        int[] y = {1, 1, 1, 1, 0, 0, 1, 0, 0, 0};
        Reweighing r = Reweighing.fit(g, y);
        // W(A,1) = 6*5/(10*4) = 0.75; W(A,0) = 6*5/(10*2) = 1.5; W(B,1) = 4*5/(10*1) = 2; W(B,0) = 4*5/(10*3).
        assertEquals(0.75, r.weight("A", 1), 1e-15);
        assertEquals(1.5, r.weight("A", 0), 1e-15);
        assertEquals(2.0, r.weight("B", 1), 1e-15);
        assertEquals(20.0 / 30, r.weight("B", 0), 1e-15);
        double[] w = r.weights(g, y);
        for (String group : new String[] {"A", "B"}) {
            double pos = 0;
            double all = 0;
            for (int i = 0; i < y.length; i++) {
                if (g[i].equals(group)) {
                    pos += w[i] * y[i];
                    all += w[i];
                }
            }
            assertEquals(0.5, pos / all, 1e-12, group + ": weighted positive rate equals the overall rate");
            assertEquals(group.equals("A") ? 6 : 4, all, 1e-12, group + ": keeps its total weight");
        }
        assertEquals("0.75", r.parameters().get("weight[A|1]"));
    }

    @Test
    void fit_groupWithOneLabel_keepsWeightOneWithANote() {
        Reweighing r = Reweighing.fit(new String[] {"A", "A", "B"}, new int[] {1, 0, 1});
        assertEquals(1.0, r.weight("B", 1));
        assertTrue(r.notes().get("B").startsWith("only label 1"));
        assertThrows(IllegalArgumentException.class, () -> r.weight("C", 1));
    }
}
