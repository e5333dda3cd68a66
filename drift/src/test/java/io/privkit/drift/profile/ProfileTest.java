package io.privkit.drift.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.DataFormatException;
import io.privkit.common.Randomness;
import io.privkit.drift.ColumnResult;
import io.privkit.drift.ColumnVerdict;
import io.privkit.drift.DriftPolicy;
import io.privkit.drift.DriftReport;
import io.privkit.drift.table.Schema;
import io.privkit.drift.table.Table;
import io.privkit.drift.table.TableReader;
import io.privkit.drift.test.Alternative;
import io.privkit.drift.test.Binning;
import io.privkit.drift.test.Distances;
import io.privkit.drift.test.Golden;
import io.privkit.drift.test.KolmogorovSmirnov;
import io.privkit.drift.test.SortedSample;
import io.privkit.drift.test.TestId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileTest {
    static final List<String> NUMERIC_PAIRS = List.of("p01_identical_normal", "p02_mean_shift", "p03_variance_shift", "p05_ties_discrete",
            "p06_small_n", "p11_missing_values");

    @TempDir
    Path dir;

    static SortedSample sample(String file) {
        return SortedSample.of(Golden.numbers(file));
    }

    static NumericProfile profile(SortedSample ref, SortedSample values, int fineBins, int k) {
        NumericProfile p = new NumericProfile(Binning.referenceQuantiles(ref, 10), Binning.referenceQuantiles(ref, fineBins).edges(), k);
        for (int i = 0; i < values.size(); i++) {
            p.add(values.get(i));
        }
        return p;
    }

    @Test
    void fixedEdgeBounds_goldenPairs_containExactKsWassersteinEnergy() {
        for (String pair : NUMERIC_PAIRS) {
            SortedSample a = sample(pair + "_ref.csv");
            SortedSample b = sample(pair + "_cur.csv");
            for (int fine : new int[] {10, 100, 1000}) {
                NumericProfile pr = profile(a, a, fine, 0);
                NumericProfile pc = profile(a, b, fine, 0);
                double[] bd = pr.bounds(pc);
                double d = KolmogorovSmirnov.statistic(a, b).d();
                double[] we = Distances.wassersteinAndEnergy(a, b);
                String id = pair + " fine=" + fine;
                assertTrue(bd[0] <= d + 1e-12 && d <= bd[1] + 1e-12, id + " D " + d + " not in [" + bd[0] + ", " + bd[1] + "]");
                assertTrue(bd[2] <= we[0] + 1e-9 && we[0] <= bd[3] + 1e-9, id + " W1 " + we[0] + " not in [" + bd[2] + ", " + bd[3] + "]");
                assertTrue(bd[4] <= we[1] + 1e-9 && we[1] <= bd[5] + 1e-9, id + " energy");
            }
        }
    }

    @Test
    void fixedEdgeBounds_discreteDataWithEveryAtomAnEdge_exact() {
        SortedSample a = sample("p05_ties_discrete_ref.csv");
        SortedSample b = sample("p05_ties_discrete_cur.csv");
        double[] bd = profile(a, a, 1000, 0).bounds(profile(a, b, 1000, 0));
        assertEquals(KolmogorovSmirnov.statistic(a, b).d(), bd[0], 1e-12);
        assertEquals(bd[0], bd[1], 1e-12);
    }

    /**
     * The KLL bound |D_hat - D| <= eps_x + eps_y in every trial, whole and as 16 merged partitions. The bound is fitted
     * at the 99th percentile of each sketch's maximum rank error; measured errors stay below half of it.
     */
    @Test
    void sketchKs_goldenPairs_withinBoundEveryTrial() {
        for (String pair : NUMERIC_PAIRS) {
            double[] a = Golden.numbers(pair + "_ref.csv");
            double[] b = Golden.numbers(pair + "_cur.csv");
            double d = KolmogorovSmirnov.statistic(SortedSample.of(a), SortedSample.of(b)).d();
            for (int trial = 0; trial < 10; trial++) {
                for (boolean merged : new boolean[] {false, true}) {
                    SketchKs.Estimate e = SketchKs.estimate(sketch(a, 64, merged), sketch(b, 64, merged));
                    assertTrue(Math.abs(e.dHat() - d) <= e.bound() + 1e-12,
                            pair + ": |" + e.dHat() + " - " + d + "| > " + e.bound());
                }
            }
        }
    }

    @Test
    void sketchKs_exactModeOnTies_equalsExactStatistic() {
        for (String pair : List.of("p05_ties_discrete", "p06_small_n")) {
            double[] a = Golden.numbers(pair + "_ref.csv");
            double[] b = Golden.numbers(pair + "_cur.csv");
            SketchKs.Estimate e = SketchKs.estimate(sketch(a, 4096, false), sketch(b, 4096, false));
            assertEquals(0.0, e.bound());
            assertEquals(KolmogorovSmirnov.statistic(SortedSample.of(a), SortedSample.of(b)).d(), e.dHat(), 1e-12, pair);
        }
    }

    static KllDoublesSketch sketch(double[] v, int k, boolean merged) {
        if (!merged) {
            KllDoublesSketch s = KllDoublesSketch.newHeapInstance(k);
            for (double x : v) {
                s.update(x);
            }
            return s;
        }
        KllDoublesSketch all = KllDoublesSketch.newHeapInstance(k);
        for (int part = 0; part < 16; part++) {
            KllDoublesSketch s = KllDoublesSketch.newHeapInstance(k);
            for (int i = part; i < v.length; i += 16) {
                s.update(v[i]);
            }
            all.merge(s);
        }
        return all;
    }

    Path csv(String name, int rows, double shift, long seed) throws IOException {
        Randomness r = Randomness.insecureSeeded(seed);
        StringBuilder sb = new StringBuilder("x,y,c\n");
        for (int i = 0; i < rows; i++) {
            double u = r.nextDouble();
            sb.append(i % 97 == 0 ? "" : String.valueOf(Math.round((u + shift) * 1000) / 1000.0)).append(',')
                    .append(r.nextInt(50)).append(',').append("abcd".charAt(r.nextInt(4))).append('\n');
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb);
        return p;
    }

    @Test
    void profileCsv_parallelWorkers_equalSingleWorkerAndInMemoryCounts() throws IOException {
        Path ref = csv("ref.csv", 30_000, 0, 1);
        Path cur = csv("cur.csv", 50_000, 0.05, 2);
        Table rt = TableReader.withDefaults().read(ref, Schema.inferAll());
        TableProfile rp = Profiler.withDefaults().reference(rt);
        TableProfile one = Profiler.withDefaults().with(new Profiler.Options(10, 1000, 200, 1)).profileCsv(cur, rp);
        TableProfile four = Profiler.withDefaults().with(new Profiler.Options(10, 1000, 200, 4)).profileCsv(cur, rp);
        TableProfile inMemory = Profiler.withDefaults().reference(TableReader.withDefaults().readLike(cur, rt));
        assertEquals(50_000, four.rows());
        for (String col : List.of("x", "y")) {
            NumericProfile a = one.columns().get(col).numeric();
            NumericProfile b = four.columns().get(col).numeric();
            assertArrayEquals(a.fineCounts(), b.fineCounts(), col);
            assertArrayEquals(a.coarseCounts(), b.coarseCounts(), col);
            assertEquals(a.count(), b.count());
            assertEquals(a.missing(), b.missing());
            assertEquals(a.mean(), b.mean(), 1e-12);
            assertEquals(a.stdPopulation(), b.stdPopulation(), 1e-12);
            // the in-memory profile uses the current data's own edges; compare totals only
            assertEquals(inMemory.columns().get(col).numeric().count(), b.count());
        }
        assertEquals(one.columns().get("c").categorical().counts(), four.columns().get("c").categorical().counts());
        assertEquals((50_000 + 96) / 97, four.columns().get("x").numeric().missing());
    }

    @Test
    void profileJson_roundTrip_bitForBit() throws IOException {
        Path ref = csv("ref.csv", 5000, 0, 3);
        TableProfile p = Profiler.withDefaults().reference(TableReader.withDefaults().read(ref, Schema.inferAll()));
        Path file = dir.resolve("ref.profile.json");
        ProfileJson.write(p, file);
        assertTrue(ProfileJson.isProfile(file));
        TableProfile back = ProfileJson.read(file);
        assertEquals(ProfileJson.tree(p), ProfileJson.tree(back));
        NumericProfile a = p.columns().get("x").numeric();
        NumericProfile b = back.columns().get("x").numeric();
        assertArrayEquals(a.sketch().toByteArray(), b.sketch().toByteArray());
        assertEquals(Double.doubleToLongBits(a.mean()), Double.doubleToLongBits(b.mean()));
    }

    @Test
    void profileJson_garbage_namesFileAndFix() throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"format\": \"something-else\"}");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ProfileJson.read(f));
        assertTrue(e.getMessage().contains("privkit drift profile"), e.getMessage());
    }

    @Test
    void merge_differentEdges_refusedAndUnchanged() {
        NumericProfile a = new NumericProfile(new Binning(new double[] {1, 2}, 3, 0), new double[] {1, 2}, 0);
        NumericProfile b = new NumericProfile(new Binning(new double[] {1, 3}, 3, 0), new double[] {1, 3}, 0);
        a.add(1.5);
        b.add(2.5);
        assertThrows(IllegalArgumentException.class, () -> a.merge(b));
        assertEquals(1, a.count());
        assertArrayEquals(new long[] {0, 0, 1, 0, 0}, a.fineCounts());
    }

    @Test
    void compare_storedProfileAgainstShiftedCsv_boundedKsDriftAndIntervalHoldsExactP() throws IOException {
        Path ref = dir.resolve("r.csv");
        Path cur = dir.resolve("c.csv");
        Files.writeString(ref, "value\n" + String.join("\n", Golden.cells("p02_mean_shift_ref.csv")) + "\n");
        Files.writeString(cur, "value\n" + String.join("\n", Golden.cells("p02_mean_shift_cur.csv")) + "\n");
        Table rt = TableReader.withDefaults().read(ref, Schema.inferAll());
        TableProfile rp = Profiler.withDefaults().reference(rt);
        TableProfile cp = Profiler.withDefaults().profileCsv(cur, rp);
        DriftReport r = ProfileComparison.compare(rp, cp, DriftPolicy.privkitDefault(), Set.of(TestId.PSI, TestId.AD));
        ColumnResult c = r.columns().get(0);
        assertEquals(ColumnVerdict.DRIFT, c.verdict());
        SortedSample a = sample("p02_mean_shift_ref.csv");
        SortedSample b = sample("p02_mean_shift_cur.csv");
        double exactP = KolmogorovSmirnov.asymptoticPValue(a.size(), b.size(), KolmogorovSmirnov.statistic(a, b).d(), Alternative.TWO_SIDED);
        assertTrue(c.pValueLower() <= exactP && exactP <= c.pValue(), c.pValueLower() + " " + exactP + " " + c.pValue());
        assertTrue(c.sketchError() != null && c.sketchError() >= 0);
        assertTrue(c.notes().stream().anyMatch(n -> n.startsWith("ad: needs every value")));
        assertEquals(Golden.json("expected.json").get("pairs").get(1).get("results").get("binned").get("psi").asDouble(),
                c.outcomes().stream().filter(o -> o.test() == TestId.PSI).findFirst().orElseThrow().statistic(), 1e-12);
    }

    @Test
    void compare_tinySketchWideBound_inconclusiveNotGuessed() throws IOException {
        // 3 fine bins only: the KS interval is wide; with W1/std effect straddling 0.1 the verdict must be INCONCLUSIVE
        Randomness r = Randomness.insecureSeeded(4);
        StringBuilder a = new StringBuilder("v\n");
        StringBuilder b = new StringBuilder("v\n");
        for (int i = 0; i < 4000; i++) {
            a.append(r.nextDouble()).append('\n');
            b.append(r.nextDouble() + 0.03).append('\n');
        }
        Path ref = dir.resolve("ra.csv");
        Path cur = dir.resolve("ca.csv");
        Files.writeString(ref, a);
        Files.writeString(cur, b);
        Profiler coarse = Profiler.withDefaults().with(new Profiler.Options(10, 3, 0, 1));
        TableProfile rp = coarse.reference(TableReader.withDefaults().read(ref, Schema.inferAll()));
        TableProfile cp = coarse.profileCsv(cur, rp);
        DriftReport rep = ProfileComparison.compare(rp, cp, DriftPolicy.privkitDefault(), EnumSet.noneOf(TestId.class));
        assertEquals(ColumnVerdict.INCONCLUSIVE, rep.columns().get(0).verdict(), rep.columns().get(0).toString());
    }

    /**
     * The guide-table fine index and the fine-slot-to-coarse-bin table against a plain binary search
     * over the edges: skewed and clustered edges (gaps of one ulp included), values at, one ulp
     * either side of, between and outside the edges.
     */
    @Test
    void addAll_guideTableIndex_equalsBinarySearchOnEveryValue() {
        Randomness r = Randomness.insecureSeeded(11);
        for (int trial = 0; trial < 40; trial++) {
            int wanted = 2 + r.nextInt(1500);
            java.util.TreeSet<Double> set = new java.util.TreeSet<>();
            while (set.size() < wanted) {
                double u = r.nextDouble();
                double e = switch (trial % 4) {
                    case 0 -> u;                                  // uniform
                    case 1 -> Math.exp(12 * u);                   // heavily skewed
                    case 2 -> Math.floor(u * 20) + 1e-9 * u;      // tight clusters
                    default -> Math.tan((u - 0.5) * 3.1);         // long tails
                };
                set.add(e);
                if (r.nextInt(10) == 0) {
                    set.add(Math.nextUp(e)); // neighbours one ulp apart
                }
            }
            double[] fine = set.stream().mapToDouble(Double::doubleValue).limit(wanted).toArray();
            int b = fine.length;
            // coarse edges: every tenth fine edge (the coarse-of-fine table applies), or off-grid values (binary search applies)
            double[] coarseEdges = trial % 2 == 0
                    ? java.util.stream.IntStream.range(1, 10).mapToDouble(k -> fine[Math.min(b - 1, k * b / 10)]).distinct().toArray()
                    : java.util.stream.IntStream.range(1, 10).mapToDouble(k -> fine[0] + (fine[b - 1] - fine[0]) * k / 10.0 + 1e-7).toArray();
            Binning coarse = new Binning(coarseEdges, coarseEdges.length + 1, 0);
            double[] values = new double[20_000];
            for (int i = 0; i < values.length; i++) {
                double e = fine[r.nextInt(b)];
                values[i] = switch (r.nextInt(5)) {
                    case 0 -> e;
                    case 1 -> Math.nextUp(e);
                    case 2 -> Math.nextDown(e);
                    case 3 -> fine[0] + (fine[b - 1] - fine[0]) * (1.4 * r.nextDouble() - 0.2);
                    default -> e + (r.nextDouble() - 0.5) * 1e-6;
                };
            }
            NumericProfile p = new NumericProfile(coarse, fine, 0);
            p.addAll(values, values.length);
            long[] fineExpected = new long[2 * b + 1];
            long[] coarseExpected = new long[coarse.bins()];
            for (double v : values) {
                double x = v == 0.0 ? 0.0 : v;
                int j = java.util.Arrays.binarySearch(fine, x);
                fineExpected[j >= 0 ? 2 * j + 1 : 2 * (-j - 1)]++;
                int c = 0;
                while (c < coarseEdges.length && coarseEdges[c] < x) {
                    c++;
                }
                coarseExpected[c]++;
            }
            assertArrayEquals(fineExpected, p.fineCounts(), "trial " + trial);
            assertArrayEquals(coarseExpected, p.coarseCounts(), "trial " + trial);
        }
    }

    @Test
    void addAll_batches_equalOneByOneAdds() {
        for (String pair : List.of("p05_ties_discrete", "p02_mean_shift", "p11_missing_values")) {
            SortedSample ref = sample(pair + "_ref.csv");
            List<String> cells = Golden.cells(pair + "_cur.csv");
            double[] raw = cells.stream().mapToDouble(c -> c.isEmpty() ? Double.NaN : Double.parseDouble(c)).toArray();
            raw[0] = Double.POSITIVE_INFINITY;
            NumericProfile one = new NumericProfile(Binning.referenceQuantiles(ref, 10), Binning.referenceQuantiles(ref, 1000).edges(), 0);
            NumericProfile batched = one.emptyLike();
            for (double v : raw) {
                one.add(v);
            }
            Randomness r = Randomness.insecureSeeded(8);
            int i = 0;
            while (i < raw.length) {
                int len = Math.min(raw.length - i, 1 + r.nextInt(100));
                batched.addAll(java.util.Arrays.copyOfRange(raw, i, i + len), len);
                i += len;
            }
            assertArrayEquals(one.fineCounts(), batched.fineCounts(), pair);
            assertArrayEquals(one.coarseCounts(), batched.coarseCounts(), pair);
            assertEquals(one.missing(), batched.missing());
            assertEquals(1, batched.nonFinite());
            assertEquals(one.mean(), batched.mean(), 1e-12 * Math.abs(one.mean()));
            assertEquals(one.stdPopulation(), batched.stdPopulation(), 1e-12 * one.stdPopulation());
            assertEquals(one.min(), batched.min());
            assertEquals(one.max(), batched.max());
        }
    }
}
