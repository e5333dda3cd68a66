package io.privkit.fairness;

import static io.privkit.fairness.Fixtures.c;
import static io.privkit.fairness.Fixtures.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.evidence.Verdict;
import io.privkit.fairness.golden.Golden;
import io.privkit.fairness.metrics.Aggregates;
import io.privkit.fairness.metrics.Metric;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisclosureTest {

    private static FairnessReport compasRaceBySex(int floor) {
        GroupedStats data = Fixtures.twoAttributes("race", "sex", Golden.byGroupCounts("compas_propublica__race_x_sex"));
        return FairnessAssessment.builder().favourable(FavourableOutcome.NEGATIVE_CLASS)
                .reference(new GroupKey(List.of("race", "sex"), List.of("Caucasian", "Male")), "largest")
                .minCellSize(floor)
                .criterion(Criterion.demographicParity(Tolerance.difference(0.1), "illustration"))
                .build().assess(data);
    }

    @Test
    void publish_compasRaceBySex_withholdsSmallCellsAndTheirComplement() {
        FairnessReport full = compasRaceBySex(10);
        FairnessReport published = Disclosure.publish(full);
        assertEquals(FairnessReport.Publication.PUBLISHED, published.publication());
        List<String> withheld = published.suppressed().stream().map(s -> s.view() + ": " + s.group() + " (" + s.reason() + ")").toList();
        assertEquals(List.of(
                "race x sex: race=Asian & sex=Female (fewer than 10 people)",
                "race x sex: race=Asian & sex=Male (withheld so that a smaller withheld group cannot be recovered by subtraction)",
                "race x sex: race=Native American & sex=Female (fewer than 10 people)",
                "race x sex: race=Native American & sex=Male (fewer than 10 people)"), withheld);
        ViewResult v = published.view("race x sex");
        assertFalse(v.groups().stream().anyMatch(g -> g.key().key().startsWith("Asian") || g.key().key().startsWith("Native")));
        assertFalse(v.comparisons().stream().anyMatch(x -> x.group().key().startsWith("Asian")));
        // The spread of selection rates no longer reveals the two groups of two people (1.0 before).
        assertEquals(1.0, full.view("race x sex").summary(Metric.SELECTION_RATE).get(Aggregates.Kind.DIFFERENCE_BETWEEN_GROUPS).value());
        assertTrue(v.summary(Metric.SELECTION_RATE).get(Aggregates.Kind.DIFFERENCE_BETWEEN_GROUPS).value() < 0.6);
        // Single-attribute views keep every group (Native American has 11 people).
        assertEquals(6, published.view("race").groups().size());
        // Verdicts are kept; the withheld groups' figures are not.
        assertEquals(full.verdict(), published.verdict());
        assertTrue(published.criterion("demographic-parity").comparisons().stream()
                .anyMatch(x -> x.group().equals("a withheld group") && x.estimate() == null));
        assertFalse(published.notes().stream().anyMatch(n -> n.contains("Asian & sex=Female")), published.notes().toString());
        assertTrue(published.notes().get(published.notes().size() - 1).startsWith("4 groups withheld"));
        assertSame(published, Disclosure.publish(published));
    }

    @Test
    void publish_singleSmallGroup_withholdsTheNextSmallestToo() {
        GroupedStats data = Fixtures.oneAttribute("g", map("A", c(300, 100, 500, 100), "B", c(20, 10, 30, 20), "C", c(2, 1, 3, 1)));
        FairnessReport published = Disclosure.publish(FairnessAssessment.builder().favourable(FavourableOutcome.POSITIVE_CLASS)
                .reference("g", "A", "largest").build().assess(data));
        assertEquals(List.of("g=B", "g=C"), published.suppressed().stream().map(FairnessReport.Suppression::group).sorted().toList());
        assertEquals(1, published.view("g").groups().size());
    }

    @Test
    void publish_floorZero_withholdsNothing() {
        FairnessReport published = Disclosure.publish(compasRaceBySex(0));
        assertTrue(published.suppressed().isEmpty());
        assertEquals(12, published.view("race x sex").groups().size());
        assertEquals(Verdict.FAIL, published.verdict());
    }
}
