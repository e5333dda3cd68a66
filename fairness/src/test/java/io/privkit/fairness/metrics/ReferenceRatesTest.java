package io.privkit.fairness.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.privkit.common.Randomness;
import io.privkit.evidence.Estimate;
import io.privkit.fairness.Attribute;
import io.privkit.fairness.Characteristic;
import io.privkit.fairness.FairnessAccumulator;
import io.privkit.fairness.FavourableOutcome;
import io.privkit.fairness.GroupKey;
import io.privkit.fairness.GroupedStats;
import io.privkit.fairness.stats.ConfidenceLevel;
import io.privkit.fairness.stats.ProportionMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fast path (cells of confusion counts) against the reference path (filtering rows by definition). */
class ReferenceRatesTest {

    @Test
    void fastPath_randomRowsIncludingTinyGroups_equalsReferencePath() {
        Randomness r = Randomness.insecureSeeded(17);
        String[] names = {"a", "b", "c", "d", "tiny"};
        List<ReferenceRates.Row> rows = new ArrayList<>();
        FairnessAccumulator acc = FairnessAccumulator.builder().attribute(Attribute.sensitive("g", Characteristic.OTHER)).build();
        for (int i = 0; i < 20_000; i++) {
            String g = i % 5000 == 0 ? "tiny" : names[r.nextInt(4)];
            boolean y = g.equals("tiny") || r.nextDouble() < 0.3 + 0.1 * g.charAt(0) % 3;
            boolean p = r.nextDouble() < (y ? 0.7 : 0.2);
            rows.add(new ReferenceRates.Row(g, y, p));
            acc.addCounts(acc.cell(g), y, p);
        }
        Map<String, Map<Metric, ReferenceRates.Count>> slow = ReferenceRates.compute(rows, FavourableOutcome.NEGATIVE_CLASS);
        GroupedStats fast = acc.snapshot();
        RateEstimator est = new RateEstimator(ProportionMethod.WILSON, ConfidenceLevel.NINETY_FIVE, FavourableOutcome.NEGATIVE_CLASS);
        for (String g : slow.keySet()) {
            ConfusionCounts c = g.equals("overall") ? fast.overall().counts() : fast.marginal(List.of("g")).get(GroupKey.of("g", g)).counts();
            for (Map.Entry<Metric, ReferenceRates.Count> e : slow.get(g).entrySet()) {
                Estimate x = est.estimate(e.getKey(), c);
                assertEquals(e.getValue().denominator(), x.denominator(), g + " " + e.getKey());
                assertEquals(e.getValue().numerator(), x.numerator(), g + " " + e.getKey());
                if (e.getValue().denominator() == 0) {
                    assertEquals(null, x.value(), "undefined where the reference divides by zero: " + g + " " + e.getKey());
                } else {
                    assertEquals(e.getValue().value(), x.value(), 0, g + " " + e.getKey());
                }
            }
        }
        // "tiny" has only positive labels: FPR is undefined on both paths.
        assertEquals(0, slow.get("tiny").get(Metric.FPR).denominator());
    }

    @Test
    void accumulator_memory_dependsOnCellsNotRows() {
        FairnessAccumulator small = FairnessAccumulator.builder().attribute(Attribute.sensitive("g", Characteristic.OTHER)).build();
        FairnessAccumulator large = FairnessAccumulator.builder().attribute(Attribute.sensitive("g", Characteristic.OTHER)).build();
        int[] cellsSmall = {small.cell("x"), small.cell("y")};
        int[] cellsLarge = {large.cell("x"), large.cell("y")};
        for (int i = 0; i < 1_000; i++) {
            small.addCounts(cellsSmall[i % 2], i % 3 == 0, i % 5 == 0);
        }
        for (int i = 0; i < 2_000_000; i++) {
            large.addCounts(cellsLarge[i % 2], i % 3 == 0, i % 5 == 0);
        }
        assertEquals(small.cells(), large.cells());
        assertEquals(2_000_000, large.snapshot().rowsKept());
    }
}
