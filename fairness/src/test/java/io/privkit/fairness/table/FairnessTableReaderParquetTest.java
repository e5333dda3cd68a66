package io.privkit.fairness.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blue.strategic.parquet.ParquetWriter;
import io.privkit.common.DataFormatException;
import io.privkit.common.table.TableFormat;
import io.privkit.common.table.ValueType;
import io.privkit.fairness.Attribute;
import io.privkit.fairness.Binning;
import io.privkit.fairness.Characteristic;
import io.privkit.fairness.GroupKey;
import io.privkit.fairness.GroupedStats;
import io.privkit.fairness.MissingValuePolicy;
import io.privkit.fairness.metrics.ConfusionCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader on Parquet: typed columns give the counts the same data gives in CSV, worked out by hand. */
class FairnessTableReaderParquetTest {
    @TempDir
    Path tmp;

    record Row(Double y, Long p, String sex, Integer age, Double score) {
    }

    static final MessageType SCHEMA = Types.buildMessage()
            .optional(PrimitiveTypeName.DOUBLE).named("y")
            .optional(PrimitiveTypeName.INT64).named("p")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("sex")
            .optional(PrimitiveTypeName.INT32).named("age")
            .optional(PrimitiveTypeName.DOUBLE).named("score")
            .named("d");

    private Path parquet(List<Row> rows) throws Exception {
        Path f = tmp.resolve("d.parquet");
        try (ParquetWriter<Row> w = ParquetWriter.writeFile(SCHEMA, f.toFile(), (r, vw) -> {
            vw.write("y", r.y());
            vw.write("p", r.p());
            if (r.sex() != null) {
                vw.write("sex", r.sex());
            }
            if (r.age() != null) {
                vw.write("age", r.age());
            }
            vw.write("score", r.score());
        })) {
            for (Row r : rows) {
                w.write(r);
            }
        }
        return f;
    }

    private static FairnessTableReader reader() {
        return FairnessTableReader.builder().label("y").prediction("p").score("score")
                .attribute(Attribute.sensitive("sex", Characteristic.SEX))
                .attribute(Attribute.sensitive("age", Characteristic.AGE).withBinning(Binning.at(25, 45)))
                .missingValues(MissingValuePolicy.OWN_GROUP).build();
    }

    @Test
    void read_typedParquetAndSameCsv_sameCountsByHand() throws Exception {
        // y as double 1.0/0.0 (a numeric export), p as int64, null sex and null age as missing
        Path pq = parquet(List.of(new Row(1.0, 1L, "F", 23, 0.9), new Row(0.0, 1L, "F", 40, 0.6), new Row(1.0, 0L, "M", null, 0.4),
                new Row(0.0, 0L, "M", 61, 0.1), new Row(1.0, 1L, null, 30, 0.7)));
        Path csv = tmp.resolve("d.csv");
        Files.writeString(csv, "y,p,sex,age,score\n1.0,1,F,23,0.9\n0.0,1,F,40,0.6\n1.0,0,M,,0.4\n0.0,0,M,61,0.1\n1.0,1,,30,0.7\n");
        GroupedStats fromParquet = reader().read(pq).snapshot();
        GroupedStats fromCsv = reader().read(csv).snapshot();
        Map<GroupKey, GroupedStats.Cell> sex = fromParquet.marginal(List.of("sex"));
        assertEquals(new ConfusionCounts(1, 1, 0, 0), sex.get(GroupKey.of("sex", "F")).counts());
        assertEquals(new ConfusionCounts(0, 0, 1, 1), sex.get(GroupKey.of("sex", "M")).counts());
        assertEquals(new ConfusionCounts(1, 0, 0, 0), sex.get(GroupKey.of("sex", GroupKey.MISSING)).counts());
        assertEquals(List.of("<25", "[25, 45)", ">=45", GroupKey.MISSING), fromParquet.levels("age"));
        assertEquals(Map.of("sex", 1L, "age", 1L), fromParquet.missing());
        for (List<String> view : List.of(List.of("sex"), List.of("age"), List.of("sex", "age"))) {
            Map<GroupKey, GroupedStats.Cell> a = fromParquet.marginal(view);
            Map<GroupKey, GroupedStats.Cell> b = fromCsv.marginal(view);
            assertEquals(b.keySet(), a.keySet());
            b.forEach((k, cell) -> assertEquals(cell.counts(), a.get(k).counts(), k.toString()));
        }
        assertEquals(fromCsv.rows(), fromParquet.rows());
    }

    @Test
    void describe_parquet_listsColumnsUsedWithStoredTypes() throws Exception {
        Path pq = parquet(List.of(new Row(1.0, 1L, "F", 23, 0.9)));
        InputSchema s = reader().describe(pq);
        assertEquals(TableFormat.PARQUET, s.format());
        assertEquals(List.of(new InputSchema.UsedColumn(InputSchema.Role.LABEL, "y", ValueType.DOUBLE),
                new InputSchema.UsedColumn(InputSchema.Role.PREDICTION, "p", ValueType.INT64),
                new InputSchema.UsedColumn(InputSchema.Role.SCORE, "score", ValueType.DOUBLE),
                new InputSchema.UsedColumn(InputSchema.Role.SENSITIVE, "sex", ValueType.STRING),
                new InputSchema.UsedColumn(InputSchema.Role.SENSITIVE, "age", ValueType.INT32)), s.columns());
        assertEquals("d.parquet (parquet): label y double, prediction p int64, score score double, sensitive sex string, "
                + "sensitive age int32", s.summary());
    }

    @Test
    void describe_binnedStringAndScoreString_refusedTogether() throws Exception {
        Path pq = parquet(List.of(new Row(1.0, 1L, "F", 23, 0.9)));
        FairnessTableReader r = FairnessTableReader.builder().label("y").prediction("p").score("sex")
                .attribute(Attribute.sensitive("sex", Characteristic.SEX).withBinning(Binning.at(1))).build();
        DataFormatException e = assertThrows(DataFormatException.class, () -> r.read(pq));
        assertTrue(e.getMessage().startsWith(pq + ": column 'sex': --score column \"sex\" must be stored as numbers"), e.getMessage());
        assertTrue(e.getMessage().contains("--sensitive (binned) column \"sex\" must be stored as numbers (int32, int64, float, "
                + "double or decimal) in this parquet file; got \"string\"."), e.getMessage());
    }
}
