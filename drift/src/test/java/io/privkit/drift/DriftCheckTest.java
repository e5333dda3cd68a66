package io.privkit.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.privkit.drift.table.Schema;
import io.privkit.drift.table.Table;
import io.privkit.drift.table.TableReader;
import io.privkit.drift.test.Golden;
import io.privkit.drift.test.Method;
import io.privkit.drift.test.Outcome;
import io.privkit.drift.test.TestId;
import io.privkit.evidence.DriftEvidence;
import io.privkit.evidence.EvidenceHeader;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.EvidenceRecord;
import io.privkit.evidence.MultipleTesting.Correction;
import io.privkit.evidence.Subject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftCheckTest {
    @TempDir
    Path dir;

    Path golden(String file) throws IOException {
        Path p = dir.resolve(file);
        try (InputStream in = Golden.class.getResourceAsStream("/io/privkit/drift/golden/" + file)) {
            Files.copy(in, p);
        }
        return p;
    }

    DriftReport run(String pair, DriftCheck check) throws IOException {
        Table ref = TableReader.withDefaults().read(golden(pair + "_ref.csv"), Schema.inferAll());
        Table cur = TableReader.withDefaults().readLike(golden(pair + "_cur.csv"), ref);
        return check.run(ref, cur);
    }

    static JsonNode expected(String pair) {
        for (JsonNode p : Golden.json("expected.json").get("pairs")) {
            if (p.get("id").asText().equals(pair)) {
                return p.get("results");
            }
        }
        throw new AssertionError(pair);
    }

    @Test
    void run_meanShift_driftWithGoldenStatistics() throws IOException {
        DriftReport r = run("p02_mean_shift", DriftCheck.withDefaults());
        ColumnResult c = r.columns().get(0);
        JsonNode e = expected("p02_mean_shift");
        assertEquals(ColumnVerdict.DRIFT, c.verdict());
        assertEquals(e.get("ks_2samp").get("auto").get("pvalue").asDouble(), c.pValue(), 1e-15);
        assertEquals(e.get("wasserstein_over_ref_std").asDouble(), c.effectValue(), 1e-12);
        assertTrue(r.datasetDrift());
        assertEquals(1.0, r.driftedShare());
        assertTrue(r.policy().describe().contains("holm"));
    }

    @Test
    void run_identicalLaw_noDrift() throws IOException {
        DriftReport r = run("p01_identical_normal", DriftCheck.withDefaults());
        assertEquals(ColumnVerdict.NO_DRIFT, r.columns().get(0).verdict());
        assertFalse(r.datasetDrift());
        assertNotNull(r.columns().get(0).minDetectableEffect());
        // (z_.975 + z_.8) sqrt(2/1000) = 2.8016 * 0.04472 = 0.1253
        assertEquals(0.1253, r.columns().get(0).minDetectableEffect(), 1e-4);
    }

    @Test
    void run_allTests_everyStatisticReportedWithMethod() throws IOException {
        DriftReport r = run("p06_small_n", DriftCheck.withDefaults().withTests(EnumSet.allOf(TestId.class)));
        ColumnResult c = r.columns().get(0);
        JsonNode e = expected("p06_small_n");
        Outcome ks = c.outcomes().stream().filter(o -> o.test() == TestId.KS).findFirst().orElseThrow();
        assertEquals(Method.EXACT, ks.method());
        assertEquals(e.get("ks_2samp").get("exact").get("pvalue").asDouble(), ks.pValue(), 1e-15);
        for (TestId t : EnumSet.of(TestId.AD, TestId.CVM, TestId.MW, TestId.ES, TestId.CHI2, TestId.G, TestId.WASSERSTEIN,
                TestId.ENERGY, TestId.PSI, TestId.KL, TestId.JS, TestId.HELLINGER)) {
            assertTrue(c.outcomes().stream().anyMatch(o -> o.test() == t), "missing " + t);
        }
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("fewer than 10 reference values per bin")), c.notes().toString());
        assertTrue(c.notes().stream().anyMatch(n -> n.startsWith("fisher: applies to binary")), c.notes().toString());
        assertEquals(e.get("binned").get("psi").asDouble(),
                c.outcomes().stream().filter(o -> o.test() == TestId.PSI).findFirst().orElseThrow().statistic(), 1e-12);
    }

    @Test
    void run_missingValues_countedAndRateCompared() throws IOException {
        DriftReport r = run("p11_missing_values", DriftCheck.withDefaults());
        ColumnResult c = r.columns().get(0);
        JsonNode e = expected("p11_missing_values");
        assertEquals(e.get("n_ref_missing").asLong(), c.missingReference());
        assertEquals(e.get("n_cur_missing").asLong(), c.missingCurrent());
        assertEquals(e.get("n_ref").asLong(), c.nReference());
        Outcome miss = c.outcomes().stream().filter(o -> o.test() == TestId.MISSING_RATE).findFirst().orElseThrow();
        assertTrue(miss.note().contains("missing-rate"));
        assertTrue(miss.pValue() < 1e-6, "10% vs 25% missing must be flagged: " + miss.pValue());
    }

    @Test
    void run_unseenCategory_reportedNotCrashed() throws IOException {
        DriftReport r = run("p12_categorical_unseen", DriftCheck.withDefaults());
        ColumnResult c = r.columns().get(0);
        JsonNode e = expected("p12_categorical_unseen");
        assertEquals(java.util.List.of("E"), c.unseenInReference());
        assertEquals(e.get("chi2_contingency").get("pvalue").asDouble(), c.pValue(), 1e-30);
        assertEquals(e.get("binned").get("js_distance_base_e_raw").asDouble(), c.effectValue(), 1e-12);
        // chi2 p tiny but JS 0.137 >= 0.1: drift
        assertEquals(ColumnVerdict.DRIFT, c.verdict());
    }

    @Test
    void run_evidentlyPresetAbove1000Rows_usesJsDistanceOnly() throws IOException {
        DriftReport r = run("p13_categorical_shift", DriftCheck.withDefaults().with(DriftPolicy.evidently()));
        ColumnResult c = r.columns().get(0);
        assertEquals(EffectMeasure.JS_DISTANCE, c.effect());
        assertEquals(null, c.pValue());
        // JS 0.0851 < 0.1: no drift under Evidently's large-sample rule despite chi2 p = 2e-16
        assertEquals(ColumnVerdict.NO_DRIFT, c.verdict());
        assertEquals("share-of-drifted-features", ReportJson.key(r.policy().datasetRule().kind()));
    }

    @Test
    void run_columnAllMissingInCurrent_errorForThatColumnRunGoesOn() throws IOException {
        Path ref = dir.resolve("r.csv");
        Path cur = dir.resolve("c.csv");
        StringBuilder a = new StringBuilder("x,y\n");
        StringBuilder b = new StringBuilder("x,y\n");
        for (int i = 0; i < 50; i++) {
            a.append(i).append(',').append(i % 7).append('\n');
            b.append(i + 100).append(",NaN\n");
        }
        Files.writeString(ref, a);
        Files.writeString(cur, b);
        Table rt = TableReader.withDefaults().read(ref, Schema.inferAll());
        DriftReport r = DriftCheck.withDefaults().run(rt, TableReader.withDefaults().readLike(cur, rt));
        ColumnResult y = r.columns().stream().filter(c -> c.column().equals("y")).findFirst().orElseThrow();
        assertEquals(ColumnVerdict.ERROR, y.verdict());
        assertTrue(y.error().contains("every value is missing in the current data"), y.error());
        ColumnResult x = r.columns().stream().filter(c -> c.column().equals("x")).findFirst().orElseThrow();
        assertEquals(ColumnVerdict.DRIFT, x.verdict());
        assertEquals(1.0, r.driftedShare());
    }

    @Test
    void corrections_knownFamily_matchHandComputation() {
        double[] p = {0.01, 0.04, 0.03, 0.005};
        assertArrayEquals(new double[] {0.04, 0.16, 0.12, 0.02}, Corrections.adjust(p, Correction.BONFERRONI), 1e-15);
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, Corrections.adjust(p, Correction.HOLM), 1e-15);
        assertArrayEquals(new double[] {0.02, 0.04, 0.04, 0.02}, Corrections.adjust(p, Correction.BENJAMINI_HOCHBERG), 1e-15);
    }

    @Test
    void evidence_fromReport_roundTripsThroughPublishedSchema() throws IOException {
        DriftReport r = run("p12_categorical_unseen", DriftCheck.withDefaults().withTests(EnumSet.allOf(TestId.class)));
        DriftEvidence ev = DriftEvidences.of(r, EvidenceHeader.builder().subject(Subject.system("Loan scoring")));
        assertTrue(ev.datasetDrift());
        assertEquals(DriftEvidence.Status.ALERT, ev.status());
        DriftEvidence.FeatureDrift f = ev.perFeature().get(0);
        assertEquals(java.util.List.of("E"), f.unseenCategories());
        assertTrue(f.tests().stream().anyMatch(t -> t.test().equals("chi2") && Boolean.TRUE.equals(t.drift())));
        byte[] json = EvidenceJson.write(ev);
        EvidenceRecord back = EvidenceJson.read(json);
        assertEquals(ev, back);
    }

    @Test
    void json_report_listsEveryStatisticAndVerdict() throws IOException {
        DriftReport r = run("p05_ties_discrete", DriftCheck.withDefaults().withTests(EnumSet.of(TestId.KS, TestId.AD)));
        JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ReportJson.write(r));
        JsonNode col = n.get("columns").get(0);
        assertEquals("value", col.get("column").asText());
        assertTrue(col.get("statistics").size() >= 4);
        JsonNode ad = null;
        for (JsonNode s : col.get("statistics")) {
            if (s.get("test").asText().equals("ad")) {
                ad = s;
            }
        }
        assertNotNull(ad);
        assertEquals("interpolated", ad.get("method").asText());
        assertTrue(ad.get("note").asText().contains("floored at 0.001"));
        assertEquals("holm", n.get("policy").get("correction").asText());
    }

    @Test
    void evidence_predictionColumn_filledAsPredictionDrift() throws IOException {
        Path ref = dir.resolve("r.csv");
        Path cur = dir.resolve("c.csv");
        StringBuilder a = new StringBuilder("x,score\n");
        StringBuilder b = new StringBuilder("x,score\n");
        for (int i = 0; i < 400; i++) {
            a.append(i % 10).append(',').append(i / 400.0).append('\n');
            b.append(i % 10).append(',').append(0.3 + i / 400.0).append('\n');
        }
        Files.writeString(ref, a);
        Files.writeString(cur, b);
        Schema schema = Schema.of(java.util.List.of(new io.privkit.drift.table.ColumnSpec("score", null,
                DriftEvidence.FeatureRole.SCORE, io.privkit.drift.table.ColumnSpec.Handling.CHECK, null)));
        Table rt = TableReader.withDefaults().read(ref, schema);
        DriftReport r = DriftCheck.withDefaults().run(rt, TableReader.withDefaults().readLike(cur, rt));
        DriftEvidence e = DriftEvidences.of(r, EvidenceHeader.builder().subject(Subject.system("s")));
        assertEquals("score", e.predictionDrift().feature());
        assertTrue(e.predictionDrift().drift());
        assertEquals(DriftEvidence.FeatureRole.SCORE,
                e.featuresMonitored().stream().filter(f -> f.name().equals("score")).findFirst().orElseThrow().role());
    }
}
