package io.privkit.fairness.stats;

import static io.privkit.fairness.golden.Golden.close;
import static io.privkit.fairness.golden.Golden.relative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.privkit.fairness.golden.Golden;
import org.junit.jupiter.api.Test;

class ChiSquareIndependenceTest {

    @Test
    void of_selectionByRace_matchesReference() {
        JsonNode chi = Golden.root().get("statistics").get("compas_propublica__race__selection_chi2_independence");
        JsonNode t = chi.get("table_selected_notselected");
        long[][] table = new long[t.size()][2];
        for (int i = 0; i < t.size(); i++) {
            table[i][0] = t.get(i).get(0).asLong();
            table[i][1] = t.get(i).get(1).asLong();
        }
        ChiSquareIndependence c = ChiSquareIndependence.of(table);
        relative(chi.get("statistic").asDouble(), c.statistic(), "statistic");
        relative(chi.get("p").asDouble(), c.pValue(), "p");
        assertEquals(chi.get("dof").asInt(), c.degreesOfFreedom());
        close(chi.get("min_expected_count").asDouble(), c.minExpected(), 1e-12, "min expected");
        assertEquals(chi.get("cells_expected_below_5").asInt(), c.cellsExpectedBelow5());
    }

    @Test
    void of_handComputed_twoByTwo() {
        // {{10, 10}, {20, 0}}: expected {{15, 5}, {15, 5}}; X^2 = 25/15 + 25/5 + 25/15 + 25/5 = 13.333...
        ChiSquareIndependence c = ChiSquareIndependence.of(new long[][] {{10, 10}, {20, 0}, {0, 0}});
        close(40.0 / 3, c.statistic(), 1e-12, "statistic");
        assertEquals(1, c.degreesOfFreedom());
    }

    @Test
    void of_oneOutcomeOnly_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> ChiSquareIndependence.of(new long[][] {{3, 0}, {4, 0}}));
    }
}
