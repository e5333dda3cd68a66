package io.privkit.drift.test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every statistic and p-value of the golden pairs (SciPy 1.17.1, see golden/README.md) with the
 * tolerances stated there: order and count statistics 1e-12 absolute, other values 1e-9 relative,
 * series-based p-values (Cramer-von Mises asymptotic, Epps-Singleton) 1e-6 relative.
 */
class SciPyGoldenTest {
    static final double ORDER_ABS = 1e-12;
    static final double REL = 1e-9;
    static final double SERIES_REL = 1e-6;

    static Stream<Arguments> numericPairs() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode p : Golden.json("expected.json").get("pairs")) {
            if (p.get("kind").asText().equals("numeric")) {
                out.add(Arguments.of(p.get("id").asText(), p));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> categoricalPairs() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode p : Golden.json("expected.json").get("pairs")) {
            if (p.get("kind").asText().equals("categorical")) {
                out.add(Arguments.of(p.get("id").asText(), p));
            }
        }
        return out.stream();
    }

    static void assertRel(double expected, double actual, double rel, String what) {
        if (expected == 0) {
            assertTrue(actual == 0 || actual < 1e-300, what + ": expected 0, got " + actual);
            return;
        }
        double err = Math.abs(actual - expected) / Math.abs(expected);
        assertTrue(err <= rel, what + ": expected " + expected + ", got " + actual + " (relative error " + err + ")");
    }

    static SortedSample ref(JsonNode p) {
        return SortedSample.of(Golden.numbers(p.get("files").get("ref").get("file").asText()));
    }

    static SortedSample cur(JsonNode p) {
        return SortedSample.of(Golden.numbers(p.get("files").get("cur").get("file").asText()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numericPairs")
    void kolmogorovSmirnov_goldenPair_matchesSciPy(String id, JsonNode p) {
        SortedSample a = ref(p);
        SortedSample b = cur(p);
        JsonNode ks = p.get("results").get("ks_2samp");
        assertEquals(p.get("results").get("n_ref").asInt(), a.size());
        assertEquals(p.get("results").get("n_cur").asInt(), b.size());
        KolmogorovSmirnov.Statistic s = KolmogorovSmirnov.statistic(a, b);
        JsonNode auto = ks.get("auto");
        assertEquals(auto.get("statistic").asDouble(), s.d(), ORDER_ABS, id + " D");
        assertEquals(auto.get("statistic_location").asDouble(), s.location(), 0.0, id + " location");
        assertEquals(auto.get("statistic_sign").asInt(), s.sign(), id + " sign");
        Outcome exact = KolmogorovSmirnov.test(a, b);
        assertEquals(Method.EXACT, exact.method());
        assertRel(auto.get("pvalue").asDouble(), exact.pValue(), REL, id + " exact p");
        Outcome asymp = KolmogorovSmirnov.test(a, b, Alternative.TWO_SIDED, KolmogorovSmirnov.KsMethod.ASYMPTOTIC);
        assertRel(ks.get("asymp").get("pvalue").asDouble(), asymp.pValue(), REL, id + " asymptotic p");
        Outcome less = KolmogorovSmirnov.test(a, b, Alternative.LESS, KolmogorovSmirnov.KsMethod.ASYMPTOTIC);
        assertEquals(ks.get("asymp_less").get("statistic").asDouble(), less.statistic(), ORDER_ABS, id + " D-");
        assertRel(ks.get("asymp_less").get("pvalue").asDouble(), less.pValue(), REL, id + " less p");
        Outcome greater = KolmogorovSmirnov.test(a, b, Alternative.GREATER, KolmogorovSmirnov.KsMethod.ASYMPTOTIC);
        assertEquals(ks.get("asymp_greater").get("statistic").asDouble(), greater.statistic(), ORDER_ABS, id + " D+");
        assertRel(ks.get("asymp_greater").get("pvalue").asDouble(), greater.pValue(), REL, id + " greater p");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numericPairs")
    void andersonDarling_goldenPair_matchesSciPy(String id, JsonNode p) {
        JsonNode ad = p.get("results").get("anderson_ksamp");
        for (AndersonDarling.Variant v : AndersonDarling.Variant.values()) {
            JsonNode e = ad.get(v == AndersonDarling.Variant.MIDRANK ? "midrank" : "right");
            Outcome o = AndersonDarling.test(v, ref(p), cur(p));
            assertRel(e.get("statistic").asDouble(), o.statistic(), REL, id + " AD " + v);
            assertEquals(e.get("pvalue").asDouble(), o.pValue(), e.get("pvalue").asDouble() * REL, id + " AD p " + v);
            boolean clipped = e.get("pvalue_floored_at_0.001").asBoolean() || e.get("pvalue_capped_at_0.25").asBoolean();
            assertEquals(clipped, o.note() != null, id + " AD clip note " + v);
        }
        assertArrayEquals(Golden.array(ad.get("critical_values_midrank").get("critical_values")),
                AndersonDarling.criticalValues(1), 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numericPairs")
    void cramerVonMises_goldenPair_matchesSciPy(String id, JsonNode p) {
        JsonNode e = p.get("results").get("cramervonmises_2samp");
        Outcome o = CramerVonMises.test(ref(p), cur(p));
        assertEquals(Method.ASYMPTOTIC, o.method());
        assertRel(e.get("statistic").asDouble(), o.statistic(), REL, id + " CvM T");
        assertRel(e.get("pvalue").asDouble(), o.pValue(), SERIES_REL, id + " CvM p");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numericPairs")
    void mannWhitney_goldenPair_matchesSciPy(String id, JsonNode p) {
        JsonNode e = p.get("results").get("mannwhitneyu");
        Outcome o = MannWhitney.test(ref(p), cur(p));
        assertEquals(e.get("statistic_U_ref").asDouble(), o.statistic(), ORDER_ABS, id + " U");
        assertRel(e.get("pvalue").asDouble(), o.pValue(), REL, id + " MW p");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numericPairs")
    void eppsSingleton_goldenPair_matchesSciPy(String id, JsonNode p) {
        JsonNode e = p.get("results").get("epps_singleton_2samp");
        Outcome o = EppsSingleton.test(ref(p), cur(p));
        assertRel(e.get("statistic").asDouble(), o.statistic(), SERIES_REL, id + " ES W");
        assertRel(e.get("pvalue").asDouble(), o.pValue(), SERIES_REL, id + " ES p");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numericPairs")
    void distances_goldenPair_matchSciPy(String id, JsonNode p) {
        JsonNode r = p.get("results");
        Outcome[] w = Distances.wasserstein(ref(p), cur(p));
        assertRel(r.get("wasserstein_distance").asDouble(), w[0].statistic(), REL, id + " W1");
        assertRel(r.get("wasserstein_over_ref_std").asDouble(), w[1].statistic(), REL, id + " W1/std");
        assertRel(r.get("energy_distance").asDouble(), Distances.energy(ref(p), cur(p)).statistic(), REL, id + " energy");
        assertRel(r.get("summary").get("ref_std_ddof0").asDouble(), ref(p).stdPopulation(), REL, id + " std");
        assertRel(r.get("summary").get("ref_median").asDouble(), ref(p).quantile(0.5), REL, id + " median");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numericPairs")
    void binned_goldenPair_matchesSciPy(String id, JsonNode p) {
        JsonNode e = p.get("results").get("binned");
        Binning bins = Binning.referenceQuantiles(ref(p), 10);
        assertArrayEquals(Golden.array(e.get("edges")), bins.edges(), ORDER_ABS, id + " edges");
        assertEquals(e.get("n_bins").asInt(), bins.bins());
        assertEquals(e.get("n_duplicate_edges_dropped").asInt(), bins.droppedDuplicates());
        long[] rc = bins.count(ref(p));
        long[] cc = bins.count(cur(p));
        assertArrayEquals(Golden.longs(e.get("ref_counts")), rc, id + " ref counts");
        assertArrayEquals(Golden.longs(e.get("cur_counts")), cc, id + " cur counts");
        checkBinned(id, e, rc, cc);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("categoricalPairs")
    void categorical_goldenPair_matchesSciPy(String id, JsonNode p) {
        List<String> refCells = Golden.cells(p.get("files").get("ref").get("file").asText());
        List<String> curCells = Golden.cells(p.get("files").get("cur").get("file").asText());
        TreeMap<String, long[]> counts = new TreeMap<>();
        refCells.forEach(c -> counts.computeIfAbsent(c, k -> new long[2])[0]++);
        curCells.forEach(c -> counts.computeIfAbsent(c, k -> new long[2])[1]++);
        long[] rc = counts.values().stream().mapToLong(v -> v[0]).toArray();
        long[] cc = counts.values().stream().mapToLong(v -> v[1]).toArray();
        JsonNode r = p.get("results");
        assertEquals(Golden.json("expected.json").get("pairs").size() > 0, true);
        List<String> cats = new ArrayList<>(counts.keySet());
        for (int i = 0; i < cats.size(); i++) {
            assertEquals(r.get("categories").get(i).asText(), cats.get(i));
        }
        Outcome chi = Contingency.chiSquare(rc, cc);
        JsonNode ce = r.get("chi2_contingency");
        assertRel(ce.get("statistic").asDouble(), chi.statistic(), REL, id + " chi2");
        assertRel(ce.get("pvalue").asDouble(), chi.pValue(), REL, id + " chi2 p");
        double[][] ex = Contingency.expected(rc, cc);
        for (int k = 0; k < cats.size(); k++) {
            assertRel(ce.get("expected_freq").get(0).get(k).asDouble(), ex[0][k], REL, id + " expected");
        }
        Outcome g = Contingency.gTest(rc, cc);
        assertRel(r.get("g_test_contingency").get("statistic").asDouble(), g.statistic(), REL, id + " G");
        assertRel(r.get("g_test_contingency").get("pvalue").asDouble(), g.pValue(), REL, id + " G p");
        checkBinned(id, r.get("binned"), rc, cc);
    }

    private static void checkBinned(String id, JsonNode e, long[] rc, long[] cc) {
        assertEquals(e.get("n_empty_ref_bins").asInt(), Binned.emptyBins(rc));
        assertEquals(e.get("n_empty_cur_bins").asInt(), Binned.emptyBins(cc));
        assertRel(e.get("psi").asDouble(), Binned.psi(rc, cc), REL, id + " psi");
        assertRel(e.get("kl_ref_cur").asDouble(), Binned.kl(rc, cc), REL, id + " kl ref||cur");
        assertRel(e.get("kl_cur_ref").asDouble(), Binned.kl(cc, rc), REL, id + " kl cur||ref");
        assertRel(e.get("js_distance_base2_raw").asDouble(), Binned.jsDistanceBase2(rc, cc), REL, id + " js2");
        assertRel(e.get("js_distance_base_e_raw").asDouble(), Binned.jsDistance(rc, cc), REL, id + " js e");
        assertRel(e.get("js_distance_base2_smoothed").asDouble(), Binned.jsDistanceBase2Smoothed(rc, cc), REL, id + " js2 smoothed");
        assertRel(e.get("hellinger_raw").asDouble(), Binned.hellinger(rc, cc), REL, id + " hellinger");
        assertRel(e.get("tvd_raw").asDouble(), Binned.totalVariation(rc, cc), REL, id + " tvd");
    }
}
