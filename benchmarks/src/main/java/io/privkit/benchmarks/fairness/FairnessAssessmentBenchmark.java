package io.privkit.benchmarks.fairness;

import io.privkit.common.Randomness;
import io.privkit.fairness.Attribute;
import io.privkit.fairness.Characteristic;
import io.privkit.fairness.FairnessAccumulator;
import io.privkit.fairness.FairnessAssessment;
import io.privkit.fairness.FairnessReport;
import io.privkit.fairness.FavourableOutcome;
import io.privkit.fairness.GroupKey;
import io.privkit.fairness.metrics.Metric;
import io.privkit.fairness.metrics.ReferenceRates;
import io.privkit.fairness.stats.ConfidenceLevel;
import io.privkit.fairness.stats.Proportion;
import io.privkit.fairness.stats.ProportionMethod;
import io.privkit.fairness.stats.TwoProportions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Question: how long does a full fairness assessment take over 10 million decisions in 40
 * intersectional groups (5 races x 2 sexes x 4 age bands) on one core: accumulating the
 * confusion counts, then every rate with its Wilson interval, every disparity against the
 * reference with Newcombe and Katz intervals and a test, Fairlearn's aggregates, AIF360's
 * metrics and the indices, for each attribute and the intersection (4 views)?
 *
 * <p>Peer, in the same run: the naive path a data scientist would write without Privkit
 * ({@link ReferenceRates}): rows grouped into per-group lists of row objects, each rate counted by
 * filtering the group's rows from its definition, then the same intervals and disparities. Its
 * memory grows with the rows; the accumulator's holds 40 cells of four counts whatever the rows
 * (see {@code ReferenceRatesTest.accumulator_memory_dependsOnCellsNotRows}).
 *
 * <p>The rows arrive as dictionary-encoded columns (as from Parquet or Arrow): each attribute's
 * code per row, so the accumulator resolves each of the 40 level combinations to a cell once.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar FairnessAssessmentBenchmark}. Single
 * threaded by construction.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx6g", "-XX:+UseParallelGC"})
public class FairnessAssessmentBenchmark {
    private static final String[] RACES = {"A", "B", "C", "D", "E"};
    private static final String[] SEXES = {"F", "M"};
    private static final String[] AGES = {"<25", "25-44", "45-64", ">=65"};

    @Param({"10000000"})
    int rows;

    int[] race;
    int[] sex;
    int[] age;
    boolean[] label;
    boolean[] prediction;
    List<ReferenceRates.Row> boxed;
    FairnessAssessment assessment;

    @Setup
    public void setup() {
        Randomness r = Randomness.insecureSeeded(20260101);
        race = new int[rows];
        sex = new int[rows];
        age = new int[rows];
        label = new boolean[rows];
        prediction = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            double u = r.nextDouble();
            race[i] = u < 0.6 ? 0 : u < 0.8 ? 1 : u < 0.9 ? 2 : u < 0.97 ? 3 : 4;
            sex[i] = r.nextInt(2);
            age[i] = r.nextInt(4);
            double base = 0.3 + 0.05 * race[i];
            label[i] = r.nextDouble() < base;
            prediction[i] = r.nextDouble() < (label[i] ? 0.7 : 0.2) + 0.03 * race[i];
        }
        assessment = FairnessAssessment.builder().favourable(FavourableOutcome.POSITIVE_CLASS)
                .reference(new GroupKey(List.of("race", "sex", "age"), List.of("A", "M", "25-44")), "largest group").build();
    }

    /** Builds the boxed rows of the naive path once (its setup cost is not counted against it). */
    @Setup
    public void setupBoxed() {
        boxed = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            boxed.add(new ReferenceRates.Row(RACES[race[i]] + "|" + SEXES[sex[i]] + "|" + AGES[age[i]], label[i], prediction[i]));
        }
    }

    /** Privkit: accumulate the counts, then the full assessment. */
    @Benchmark
    public FairnessReport privkit() {
        FairnessAccumulator acc = FairnessAccumulator.builder().attribute(Attribute.sensitive("race", Characteristic.RACE))
                .attribute(Attribute.sensitive("sex", Characteristic.SEX)).attribute(Attribute.sensitive("age", Characteristic.AGE)).build();
        int[] cells = new int[RACES.length * SEXES.length * AGES.length];
        for (int a = 0; a < RACES.length; a++) {
            for (int b = 0; b < SEXES.length; b++) {
                for (int c = 0; c < AGES.length; c++) {
                    cells[(a * SEXES.length + b) * AGES.length + c] = acc.cell(RACES[a], SEXES[b], AGES[c]);
                }
            }
        }
        final int[] raceCol = race;
        final int[] sexCol = sex;
        final int[] ageCol = age;
        final boolean[] y = label;
        final boolean[] p = prediction;
        for (int i = 0; i < raceCol.length; i++) {
            acc.addCounts(cells[(raceCol[i] * 2 + sexCol[i]) * 4 + ageCol[i]], y[i], p[i]);
        }
        return assessment.assess(acc.snapshot());
    }

    /** The naive peer: rates by filtering row lists, then the same intervals and disparities vs the reference. */
    @Benchmark
    public void naive(Blackhole bh) {
        Map<String, Map<Metric, ReferenceRates.Count>> rates = ReferenceRates.compute(boxed, FavourableOutcome.POSITIVE_CLASS);
        Map<Metric, ReferenceRates.Count> reference = rates.get("A|M|25-44");
        for (Map.Entry<String, Map<Metric, ReferenceRates.Count>> g : rates.entrySet()) {
            for (Map.Entry<Metric, ReferenceRates.Count> m : g.getValue().entrySet()) {
                ReferenceRates.Count c = m.getValue();
                if (c.denominator() == 0) {
                    continue;
                }
                Proportion prop = Proportion.of(c.numerator(), c.denominator());
                bh.consume(ProportionMethod.WILSON.interval(prop, ConfidenceLevel.NINETY_FIVE));
                ReferenceRates.Count ref = reference.get(m.getKey());
                if (!g.getKey().equals("A|M|25-44") && ref.denominator() > 0) {
                    TwoProportions t = TwoProportions.of(prop, Proportion.of(ref.numerator(), ref.denominator()));
                    bh.consume(t.newcombe(ConfidenceLevel.NINETY_FIVE));
                    bh.consume(t.katz(ConfidenceLevel.NINETY_FIVE));
                    bh.consume(t.pooledZPValue());
                }
            }
        }
    }
}
