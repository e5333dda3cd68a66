package io.privkit.fairness.stats;

import static io.privkit.fairness.golden.Golden.relative;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.privkit.fairness.golden.Golden;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PValueAdjustmentTest {

    @Test
    void adjust_pairwiseSelectionVsCaucasian_matchesReferenceHolmBhBonferroni() {
        JsonNode stats = Golden.root().get("statistics");
        JsonNode pairwise = stats.get("compas_propublica__race__pairwise_selection_vs_Caucasian").get("results");
        JsonNode chi = stats.get("compas_propublica__race__selection_chi2_independence");
        List<String> races = new ArrayList<>();
        chi.get("groups_in_row_order").forEach(n -> races.add(n.asText()));
        int reference = races.indexOf("Caucasian");
        JsonNode table = chi.get("table_selected_notselected");
        Proportion ref = Proportion.of(table.get(reference).get(0).asLong(),
                table.get(reference).get(0).asLong() + table.get(reference).get(1).asLong());
        List<String> family = Golden.fields(pairwise);
        double[] fisher = new double[family.size()];
        double[] z = new double[family.size()];
        for (int i = 0; i < family.size(); i++) {
            JsonNode row = table.get(races.indexOf(family.get(i)));
            TwoProportions t = TwoProportions.of(Proportion.of(row.get(0).asLong(), row.get(0).asLong() + row.get(1).asLong()), ref);
            fisher[i] = t.fisherExactP();
            z[i] = t.pooledZPValue();
            relative(pairwise.get(family.get(i)).get("fisher_p").asDouble(), fisher[i], family.get(i) + " fisher");
            relative(pairwise.get(family.get(i)).get("pooled_z_p").asDouble(), z[i], family.get(i) + " z");
        }
        String[][] methods = {{"holm", "HOLM"}, {"bh", "BENJAMINI_HOCHBERG"}, {"bonferroni", "BONFERRONI"}};
        for (String[] m : methods) {
            double[] fa = PValueAdjustment.valueOf(m[1]).adjust(fisher);
            double[] za = PValueAdjustment.valueOf(m[1]).adjust(z);
            for (int i = 0; i < family.size(); i++) {
                relative(pairwise.get(family.get(i)).get("fisher_p_" + m[0]).asDouble(), fa[i], family.get(i) + " fisher " + m[0]);
                relative(pairwise.get(family.get(i)).get("pooled_z_p_" + m[0]).asDouble(), za[i], family.get(i) + " z " + m[0]);
            }
        }
        // Hispanic: significant after Holm and BH, not after Bonferroni.
        int h = family.indexOf("Hispanic");
        assertTrue(PValueAdjustment.HOLM.adjust(fisher)[h] < 0.05);
        assertTrue(PValueAdjustment.BENJAMINI_HOCHBERG.adjust(fisher)[h] < 0.05);
        assertTrue(PValueAdjustment.BONFERRONI.adjust(fisher)[h] > 0.05);
    }

    @Test
    void adjust_handComputed_holmAndBh() {
        double[] p = {0.01, 0.04, 0.03, 0.005};
        // Holm: sorted 0.005, 0.01, 0.03, 0.04 -> 0.02, 0.03, 0.06, 0.06 (monotone).
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, PValueAdjustment.HOLM.adjust(p), 1e-15);
        // BH: m p / rank = 0.02, 0.02, 0.04, 0.04 after the running minimum from the top.
        assertArrayEquals(new double[] {0.02, 0.04, 0.04, 0.02}, PValueAdjustment.BENJAMINI_HOCHBERG.adjust(p), 1e-15);
        assertArrayEquals(p, PValueAdjustment.NONE.adjust(p));
        assertEquals(0, PValueAdjustment.HOLM.adjust(new double[0]).length);
    }
}
