package io.privkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.privkit.common.Randomness;
import io.privkit.evidence.DriftEvidence;
import io.privkit.evidence.EvidenceJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftCommandTest {
    @TempDir
    Path tmp;

    /** A table with a numeric, a categorical, a binary column; shift moves the numeric mean and the category mix. */
    Path table(String name, int rows, double shift, long seed, boolean nanColumn) throws IOException {
        Randomness r = Randomness.insecureSeeded(seed);
        StringBuilder sb = new StringBuilder("id,income,region,churn" + (nanColumn ? ",score" : "") + "\n");
        for (int i = 0; i < rows; i++) {
            double u1 = r.nextDouble();
            double u2 = r.nextDouble();
            double g = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
            String region = r.nextDouble() < 0.5 + shift / 4 ? "north" : (r.nextBoolean() ? "south" : "east");
            sb.append(i).append(',').append(String.format(java.util.Locale.ROOT, "%.4f", 50 + 10 * (g + shift))).append(',')
                    .append(region).append(',').append(r.nextDouble() < 0.2 ? "yes" : "no");
            if (nanColumn) {
                sb.append(",NaN");
            }
            sb.append('\n');
        }
        Path p = tmp.resolve(name);
        Files.writeString(p, sb);
        return p;
    }

    Path schema() throws IOException {
        Path s = tmp.resolve("schema.json");
        Files.writeString(s, "{\"columns\": [{\"name\": \"id\", \"role\": \"id\"}]}");
        return s;
    }

    @Test
    void drift_sameLaw_exit0NoDrift() throws IOException {
        CliRunner.Run r = CliRunner.run("drift", "--reference", table("ref.csv", 2000, 0, 1, false).toString(),
                "--current", table("cur.csv", 2000, 0, 2, false).toString(), "--schema", schema().toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("Dataset: no drift"), r.out());
        assertTrue(r.out().contains("id") && r.out().contains("not checked: role id is never tested"), r.out());
    }

    @Test
    void drift_shiftedIncome_exit1NamesColumnAndEffect() throws IOException {
        CliRunner.Run r = CliRunner.run("drift", "--reference", table("ref.csv", 2000, 0, 1, false).toString(),
                "--current", table("cur.csv", 2000, 0.5, 2, false).toString(), "--schema", schema().toString());
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("Dataset: DRIFT"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("income") && l.contains("drift") && l.contains("wasserstein-normalised=")),
                r.out());
    }

    @Test
    void drift_jsonAllTests_everyStatisticPerColumn() throws IOException {
        CliRunner.Run r = CliRunner.run("drift", "--reference", table("ref.csv", 500, 0, 1, false).toString(),
                "--current", table("cur.csv", 400, 0.3, 2, false).toString(), "--schema", schema().toString(), "--tests", "all", "--json");
        assertEquals(1, r.exitCode(), r.err());
        JsonNode n = new ObjectMapper().readTree(r.out());
        Set<String> numericTests = new HashSet<>();
        for (JsonNode c : n.get("columns")) {
            if (c.get("column").asText().equals("income")) {
                for (JsonNode s : c.get("statistics")) {
                    numericTests.add(s.get("test").asText());
                    assertTrue(s.has("method") && s.has("value") && s.has("pValue"), s.toString());
                }
                assertEquals("drift", c.get("verdict").asText());
            }
            if (c.get("column").asText().equals("churn")) {
                assertEquals("binary", c.get("type").asText());
                Set<String> t = new HashSet<>();
                c.get("statistics").forEach(s -> t.add(s.get("test").asText()));
                assertTrue(t.containsAll(Set.of("z", "fisher", "chi2", "g", "psi", "kl", "js", "hellinger")), t.toString());
            }
        }
        assertTrue(numericTests.containsAll(Set.of("ks", "ad", "cvm", "mw", "es", "chi2", "g", "wasserstein", "energy", "psi", "kl", "js",
                "hellinger")), numericTests.toString());
        assertEquals("holm", n.get("policy").get("correction").asText());
    }

    @Test
    void drift_missingFile_exit2NamesIt() throws IOException {
        CliRunner.Run r = CliRunner.run("drift", "--reference", tmp.resolve("nope.csv").toString(), "--current",
                table("cur.csv", 10, 0, 2, false).toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--reference " + tmp.resolve("nope.csv") + ": no such file"), r.err());
    }

    @Test
    void drift_emptyFile_exit2() throws IOException {
        Path empty = tmp.resolve("empty.csv");
        Files.writeString(empty, "");
        CliRunner.Run r = CliRunner.run("drift", "--reference", table("ref.csv", 10, 0, 1, false).toString(), "--current", empty.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("must not be empty"), r.err());
    }

    @Test
    void drift_nonNumericValue_exit2NamesRowAndColumnAndWritesNoEvidence() throws IOException {
        Path ref = table("ref.csv", 50, 0, 1, false);
        Path cur = tmp.resolve("cur.csv");
        Files.writeString(cur, "id,income,region,churn\n1,51.2,north,no\n2,oops,south,yes\n");
        Path ev = tmp.resolve("ev.json");
        CliRunner.Run r = CliRunner.run("drift", "--reference", ref.toString(), "--current", cur.toString(), "--evidence", ev.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("row 3, column 'income'") || r.err().contains("row 3") && r.err().contains("income"), r.err());
        assertTrue(r.err().contains("must be a number; got \"oops\""), r.err());
        assertFalse(Files.exists(ev), "no partial output on error");
        assertEquals("", r.out());
    }

    @Test
    void drift_mismatchedColumns_exit2() throws IOException {
        Path cur = tmp.resolve("cur.csv");
        Files.writeString(cur, "id,income\n1,2\n");
        CliRunner.Run r = CliRunner.run("drift", "--reference", table("ref.csv", 50, 0, 1, false).toString(), "--current", cur.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("region") && r.err().contains("must be present"), r.err());
    }

    @Test
    void drift_nanColumn_perColumnErrorRunGoesOn() throws IOException {
        CliRunner.Run r = CliRunner.run("drift", "--reference", table("ref.csv", 300, 0, 1, true).toString(),
                "--current", table("cur.csv", 300, 0, 2, true).toString(), "--schema", schema().toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("score") && l.contains("error") && l.contains("every value is missing")),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("income") && l.contains("no drift")), r.out());
    }

    @Test
    void drift_evidenceAndHistory_recordWrittenAndTrendCounted() throws IOException {
        Path ref = table("ref.csv", 1000, 0, 1, false);
        Path cur = table("cur.csv", 1000, 0.6, 2, false);
        Path db = tmp.resolve("history.db");
        Path ev = tmp.resolve("drift.json");
        CliRunner.Run first = CliRunner.run("drift", "--reference", ref.toString(), "--current", cur.toString(), "--history", db.toString());
        assertEquals(1, first.exitCode(), first.err());
        CliRunner.Run second = CliRunner.run("drift", "--reference", ref.toString(), "--current", cur.toString(), "--history", db.toString(),
                "--evidence", ev.toString(), "--system", "Churn model", "--cadence", "daily");
        assertEquals(1, second.exitCode(), second.err());
        assertTrue(second.out().contains("dataset drift in 2 of the last 2 runs; 2 in a row"), second.out());
        DriftEvidence e = (DriftEvidence) EvidenceJson.read(ev);
        assertTrue(e.datasetDrift());
        assertEquals(2, e.trend().consecutiveAlerts());
        assertEquals(1, e.trend().previousRecordIds().size());
        assertEquals("Churn model", e.header().subject().systemName());
        assertEquals("daily", e.schedule().cadence());
        assertEquals(e.trend().previousRecordIds().get(0), e.header().previousRecordId());
        assertEquals(e.header().recordId().toString(), e.schedule().runId());
    }

    @Test
    void driftProfile_thenCompare_gatesOnStoredProfile() throws IOException {
        Path ref = table("ref.csv", 3000, 0, 1, false);
        Path prof = tmp.resolve("ref.profile.json");
        CliRunner.Run p = CliRunner.run("drift", "profile", "--input", ref.toString(), "--output", prof.toString(), "--schema",
                schema().toString());
        assertEquals(0, p.exitCode(), p.err());
        assertTrue(p.out().contains("Wrote profile"), p.out());
        CliRunner.Run same = CliRunner.run("drift", "--reference", prof.toString(), "--current", table("c1.csv", 3000, 0, 5, false).toString());
        assertEquals(0, same.exitCode(), same.out() + same.err());
        CliRunner.Run shifted = CliRunner.run("drift", "--reference", prof.toString(), "--current",
                table("c2.csv", 3000, 0.5, 6, false).toString(), "--json");
        assertEquals(1, shifted.exitCode(), shifted.err());
        JsonNode n = new ObjectMapper().readTree(shifted.out());
        JsonNode income = null;
        for (JsonNode c : n.get("columns")) {
            if (c.get("column").asText().equals("income")) {
                income = c;
            }
        }
        assertEquals("drift", income.get("verdict").asText());
        assertEquals("bounded", income.get("statistics").get(0).get("method").asText());
    }

    @Test
    void drift_badTestsList_exit2ListsChoices() throws IOException {
        CliRunner.Run r = CliRunner.run("drift", "--reference", table("ref.csv", 10, 0, 1, false).toString(), "--current",
                table("cur.csv", 10, 0, 2, false).toString(), "--tests", "ks,nope");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("ks,ad,cvm,mw,es"), r.err());
    }

    @Test
    void demoStep_generatedData_driftRecordNamesIncomeAndNewCategory() throws Exception {
        io.privkit.cli.demo.DemoContext ctx = new io.privkit.cli.demo.DemoContext(tmp, 7, Randomness.secure(), java.time.Clock.systemUTC(),
                io.privkit.evidence.Subject.system("demo"), new java.io.PrintWriter(java.io.Writer.nullWriter()));
        DriftEvidence e = (DriftEvidence) new io.privkit.cli.demo.DriftDemoStep().run(ctx).get(0);
        assertTrue(e.datasetDrift());
        DriftEvidence.FeatureDrift income = e.perFeature().stream().filter(f -> f.feature().equals("income")).findFirst().orElseThrow();
        assertTrue(income.drift());
        DriftEvidence.FeatureDrift emp = e.perFeature().stream().filter(f -> f.feature().equals("employment")).findFirst().orElseThrow();
        assertEquals(java.util.List.of("gig-economy"), emp.unseenCategories());
        assertTrue(e.excluded().stream().anyMatch(x -> x.name().equals("application_id")));
        DriftEvidence.FeatureDrift age = e.perFeature().stream().filter(f -> f.feature().equals("age")).findFirst().orElseThrow();
        assertFalse(age.drift());
    }

    @Test
    void drift_parquetFiles_gateLikeCsv() throws IOException {
        org.apache.parquet.schema.MessageType schema = org.apache.parquet.schema.Types.buildMessage()
                .optional(org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE).named("income")
                .named("t");
        Path ref = tmp.resolve("ref.parquet");
        Path cur = tmp.resolve("cur.parquet");
        Randomness r = Randomness.insecureSeeded(9);
        for (Path p : java.util.List.of(ref, cur)) {
            double shift = p == cur ? 0.5 : 0;
            try (blue.strategic.parquet.ParquetWriter<Double> w = blue.strategic.parquet.ParquetWriter.writeFile(schema, p.toFile(),
                    (v, vw) -> vw.write("income", v))) {
                for (int i = 0; i < 1500; i++) {
                    w.write(r.nextDouble() + shift);
                }
            }
        }
        CliRunner.Run run = CliRunner.run("drift", "--reference", ref.toString(), "--current", cur.toString());
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().lines().anyMatch(l -> l.contains("income") && l.contains("drift")), run.out());
    }
}
