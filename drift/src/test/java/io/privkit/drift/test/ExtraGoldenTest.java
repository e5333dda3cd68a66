package io.privkit.drift.test;

import static io.privkit.drift.test.SciPyGoldenTest.assertRel;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The further SciPy 1.17.1 values of golden/extra.json (made by golden/extra.py). */
class ExtraGoldenTest {
    static final double REL = 1e-9;

    static List<JsonNode> cases(String kind) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : Golden.json("extra.json").get("cases")) {
            if (c.get("kind").asText().equals(kind)) {
                out.add(c);
            }
        }
        return out;
    }

    @Test
    void smallSamples_exactMethods_matchSciPy() {
        List<JsonNode> cs = cases("small");
        assertEquals(6, cs.size());
        for (JsonNode c : cs) {
            SortedSample x = SortedSample.of(Golden.array(c.get("x")));
            SortedSample y = SortedSample.of(Golden.array(c.get("y")));
            String id = x.size() + "/" + y.size();
            Outcome cvm = CramerVonMises.test(x, y, Method.EXACT);
            assertRel(c.get("cvm_exact").get(0).asDouble(), cvm.statistic(), REL, id + " cvm T");
            assertRel(c.get("cvm_exact").get(1).asDouble(), cvm.pValue(), REL, id + " cvm exact p");
            Outcome cvmA = CramerVonMises.test(x, y, Method.ASYMPTOTIC);
            assertRel(c.get("cvm_asymp").get(1).asDouble(), cvmA.pValue(), 1e-6, id + " cvm asymptotic p");
            Outcome mw = MannWhitney.test(x, y, Method.EXACT);
            assertEquals(c.get("mw_exact").get(0).asDouble(), mw.statistic(), 1e-12, id + " U");
            assertRel(c.get("mw_exact").get(1).asDouble(), mw.pValue(), REL, id + " mw exact p");
            Outcome mwA = MannWhitney.test(x, y, Method.ASYMPTOTIC);
            assertRel(c.get("mw_asymp").get(1).asDouble(), mwA.pValue(), REL, id + " mw asymptotic p");
            JsonNode ks = c.get("ks_exact");
            for (Alternative alt : Alternative.values()) {
                String key = switch (alt) {
                    case TWO_SIDED -> "two-sided";
                    case LESS -> "less";
                    case GREATER -> "greater";
                };
                Outcome o = KolmogorovSmirnov.test(x, y, alt, KolmogorovSmirnov.KsMethod.EXACT);
                assertEquals(ks.get(key).get(0).asDouble(), o.statistic(), 1e-12, id + " ks " + key);
                assertRel(ks.get(key).get(1).asDouble(), o.pValue(), REL, id + " ks exact p " + key);
            }
        }
    }

    @Test
    void tiedIntegers_mannWhitneyTieCorrectionAndKs_matchSciPy() {
        JsonNode c = cases("ties").get(0);
        SortedSample x = SortedSample.of(Golden.array(c.get("x")));
        SortedSample y = SortedSample.of(Golden.array(c.get("y")));
        Outcome mw = MannWhitney.test(x, y);
        assertEquals(Method.ASYMPTOTIC, mw.method());
        assertEquals(c.get("mw_asymp").get(0).asDouble(), mw.statistic(), 1e-12);
        assertRel(c.get("mw_asymp").get(1).asDouble(), mw.pValue(), REL, "mw ties p");
        Outcome ks = KolmogorovSmirnov.test(x, y, Alternative.TWO_SIDED, KolmogorovSmirnov.KsMethod.EXACT);
        assertEquals(c.get("ks_exact").get(0).asDouble(), ks.statistic(), 1e-12);
        assertRel(c.get("ks_exact").get(1).asDouble(), ks.pValue(), REL, "ks ties p");
    }

    @Test
    void fisherExact_tables_matchSciPy() {
        for (JsonNode c : cases("fisher")) {
            long[][] t = {Golden.longs(c.get("table").get(0)), Golden.longs(c.get("table").get(1))};
            String id = c.get("table").toString();
            Outcome two = FisherExact.test(t, Alternative.TWO_SIDED);
            assertRel(c.get("p_two_sided").asDouble(), two.pValue(), REL, id + " two-sided");
            assertRel(c.get("p_less").asDouble(), FisherExact.test(t, Alternative.LESS).pValue(), REL, id + " less");
            assertRel(c.get("p_greater").asDouble(), FisherExact.test(t, Alternative.GREATER).pValue(), REL, id + " greater");
            double or = c.get("odds_ratio").asDouble();
            if (or > 0 && Double.isFinite(or)) {
                assertRel(or, two.statistic(), REL, id + " odds ratio");
            } else {
                assertEquals("odds-ratio-haldane", two.name());
            }
        }
    }

    @Test
    void twoProportionZ_cases_matchClosedForm() {
        for (JsonNode c : cases("ztest")) {
            Outcome o = TwoProportionZ.test(new TwoProportionZ.Counts(c.get("k1").asLong(), c.get("n1").asLong()),
                    new TwoProportionZ.Counts(c.get("k2").asLong(), c.get("n2").asLong()));
            assertRel(c.get("z").asDouble(), o.statistic(), REL, "z");
            assertRel(c.get("p").asDouble(), o.pValue(), REL, "z p");
        }
    }

    @Test
    void kolmogorovDistribution_allRegimes_matchSciPyKstwo() {
        for (JsonNode c : cases("kstwo")) {
            int n = c.get("n").asInt();
            double x = c.get("x").asDouble();
            assertRel(c.get("sf").asDouble(), KolmogorovDistribution.sf(n, x), REL, "kstwo.sf(" + x + ", " + n + ")");
        }
    }

    @Test
    void largeUnequalSamples_exactKs_matchesSciPy() {
        JsonNode c = cases("ks_large").get(0);
        SortedSample x = SortedSample.of(Golden.array(c.get("x")));
        SortedSample y = SortedSample.of(Golden.array(c.get("y")));
        Outcome o = KolmogorovSmirnov.test(x, y);
        assertEquals(Method.EXACT, o.method());
        assertEquals(c.get("statistic").asDouble(), o.statistic(), 1e-12);
        assertRel(c.get("p").asDouble(), o.pValue(), REL, "exact p 3000/2500");
    }

    @Test
    void twoByTwo_chiSquareYatesAndG_matchSciPy() {
        JsonNode c = cases("chi2_2x2").get(0);
        long[] ref = Golden.longs(c.get("table").get(0));
        long[] cur = Golden.longs(c.get("table").get(1));
        Outcome yates = Contingency.chiSquare(ref, cur, true);
        assertRel(c.get("chi2_yates").get(0).asDouble(), yates.statistic(), REL, "yates");
        assertRel(c.get("chi2_yates").get(1).asDouble(), yates.pValue(), REL, "yates p");
        Outcome plain = Contingency.chiSquare(ref, cur, false);
        assertRel(c.get("chi2").get(0).asDouble(), plain.statistic(), REL, "chi2");
        assertRel(c.get("chi2").get(1).asDouble(), plain.pValue(), REL, "chi2 p");
        Outcome g = Contingency.gTest(ref, cur);
        assertRel(c.get("g").get(0).asDouble(), g.statistic(), REL, "g");
        assertRel(c.get("g").get(1).asDouble(), g.pValue(), REL, "g p");
    }
}
