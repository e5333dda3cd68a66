package io.privkit.drift.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blue.strategic.parquet.ParquetWriter;
import io.privkit.common.DataFormatException;
import io.privkit.common.Randomness;
import io.privkit.drift.DriftCheck;
import io.privkit.drift.DriftReport;
import io.privkit.drift.ReportJson;
import io.privkit.drift.profile.Profiler;
import io.privkit.drift.profile.TableProfile;
import io.privkit.evidence.DriftEvidence.FeatureType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetInputTest {
    @TempDir
    Path dir;

    record Row(Double income, Long age, String region, Boolean churn) {
    }

    static final MessageType SCHEMA = Types.buildMessage()
            .optional(PrimitiveTypeName.DOUBLE).named("income")
            .optional(PrimitiveTypeName.INT64).named("age")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("region")
            .optional(PrimitiveTypeName.BOOLEAN).named("churn")
            .named("applications");

    /** Writes the same rows as Parquet and CSV. */
    void write(String base, int n, double shift, long seed) throws IOException {
        Randomness r = Randomness.insecureSeeded(seed);
        StringBuilder csv = new StringBuilder("income,age,region,churn\n");
        try (ParquetWriter<Row> w = ParquetWriter.writeFile(SCHEMA, dir.resolve(base + ".parquet").toFile(), (row, vw) -> {
            if (row.income() != null) {
                vw.write("income", row.income());
            }
            vw.write("age", row.age());
            vw.write("region", row.region());
            vw.write("churn", row.churn());
        })) {
            for (int i = 0; i < n; i++) {
                Double income = i % 50 == 0 ? null : 1000 * (r.nextDouble() + shift);
                Row row = new Row(income, (long) (20 + r.nextInt(50)), r.nextDouble() < 0.6 ? "north" : "south", r.nextBoolean());
                w.write(row);
                csv.append(income == null ? "" : Double.toString(income)).append(',').append(row.age()).append(',').append(row.region())
                        .append(',').append(row.churn()).append('\n');
            }
        }
        Files.writeString(dir.resolve(base + ".csv"), csv);
    }

    @Test
    void read_parquetAndEquivalentCsv_sameTableAndReport() throws IOException {
        write("ref", 2000, 0, 1);
        write("cur", 1500, 0.2, 2);
        TableReader reader = TableReader.withDefaults();
        Table pr = reader.read(dir.resolve("ref.parquet"), Schema.inferAll());
        Table cr = reader.read(dir.resolve("ref.csv"), Schema.inferAll());
        assertEquals(2000, pr.rows());
        assertEquals(FeatureType.NUMERIC, pr.columns().get("income").spec().type());
        assertEquals(FeatureType.BINARY, pr.columns().get("churn").spec().type());
        assertEquals(40, pr.columns().get("income").missing());
        DriftReport fromParquet = DriftCheck.withDefaults().run(pr, reader.readLike(dir.resolve("cur.parquet"), pr));
        DriftReport fromCsv = DriftCheck.withDefaults().run(cr, reader.readLike(dir.resolve("cur.csv"), cr));
        // identical statistics; only the file descriptions differ
        assertEquals(ReportJson.tree(fromCsv).get("columns"), ReportJson.tree(fromParquet).get("columns"));
        assertTrue(fromParquet.datasetDrift());
    }

    @Test
    void profile_parquetCurrentAgainstCsvReferenceProfile_countsMatchCsv() throws IOException {
        write("ref", 1000, 0, 3);
        write("cur", 800, 0, 4);
        TableProfile ref = Profiler.withDefaults().reference(TableReader.withDefaults().read(dir.resolve("ref.csv"), Schema.inferAll()));
        TableProfile a = Profiler.withDefaults().profileCsv(dir.resolve("cur.parquet"), ref);
        TableProfile b = Profiler.withDefaults().profileCsv(dir.resolve("cur.csv"), ref);
        assertEquals(java.util.Arrays.toString(b.columns().get("income").numeric().fineCounts()),
                java.util.Arrays.toString(a.columns().get("income").numeric().fineCounts()));
        assertEquals(b.columns().get("region").categorical().counts(), a.columns().get("region").categorical().counts());
    }

    @Test
    void read_notParquet_clearError() throws IOException {
        Path f = dir.resolve("fake.parquet");
        Files.writeString(f, "income\n1\n".toUpperCase(Locale.ROOT));
        DataFormatException e = assertThrows(DataFormatException.class, () -> TableReader.withDefaults().read(f, Schema.inferAll()));
        assertTrue(e.getMessage().contains("must be a Parquet file"), e.getMessage());
    }
}
