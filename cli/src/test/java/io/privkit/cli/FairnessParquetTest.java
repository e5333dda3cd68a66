package io.privkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blue.strategic.parquet.ParquetWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privkit.common.Randomness;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.FairnessEvidence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code privkit fairness} on Parquet: the same data as CSV gives the same report; typed and Parquet-specific bad input. */
class FairnessParquetTest {
    @TempDir
    Path tmp;
    Path csv;
    Path parquet;

    /** One decision: a boolean label, an int32 decision, a double score, a string group (null = missing), an int64 age. */
    record Row(Boolean label, Integer decision, Double score, String group, Long age) {
    }

    static final MessageType SCHEMA = Types.buildMessage()
            .optional(PrimitiveTypeName.BOOLEAN).named("label")
            .optional(PrimitiveTypeName.INT32).named("decision")
            .optional(PrimitiveTypeName.DOUBLE).named("score")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("group")
            .optional(PrimitiveTypeName.INT64).named("age")
            .named("decisions");

    List<Row> rows;

    @BeforeEach
    void data() throws IOException {
        Randomness r = Randomness.insecureSeeded(6);
        rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String group = i % 97 == 0 ? null : (r.nextDouble() < 0.6 ? "A" : "B");
            boolean a = "A".equals(group);
            int decision = r.nextDouble() < (a ? 0.5 : 0.35) ? 1 : 0;
            boolean label = r.nextDouble() < (decision == 1 ? 0.7 : 0.3);
            double score = Math.round((decision == 1 ? 0.5 : 0.0) + 0.5 * r.nextDouble() * 1000) / 1000.0;
            rows.add(new Row(label, decision, score, group, (long) (18 + r.nextInt(60))));
        }
        csv = tmp.resolve("decisions.csv");
        parquet = tmp.resolve("decisions.parquet");
        writeCsv(csv, rows);
        writeParquet(parquet, rows);
    }

    static void writeCsv(Path file, List<Row> rows) throws IOException {
        StringBuilder sb = new StringBuilder("label,decision,score,group,age\n");
        for (Row x : rows) {
            sb.append(x.label() == null ? "" : x.label() ? "1" : "0").append(',').append(x.decision()).append(',').append(x.score())
                    .append(',').append(x.group() == null ? "" : x.group()).append(',').append(x.age()).append('\n');
        }
        Files.writeString(file, sb);
    }

    static void writeParquet(Path file, List<Row> rows) throws IOException {
        try (ParquetWriter<Row> w = ParquetWriter.writeFile(SCHEMA, file.toFile(), (x, vw) -> {
            // a null is written by writing nothing for the field
            if (x.label() != null) {
                vw.write("label", x.label());
            }
            vw.write("decision", x.decision());
            vw.write("score", x.score());
            if (x.group() != null) {
                vw.write("group", x.group());
            }
            vw.write("age", x.age());
        })) {
            for (Row x : rows) {
                w.write(x);
            }
        }
    }

    private static CliRunner.Run run(Path data, String... extra) {
        List<String> args = new ArrayList<>(List.of("fairness", "--data", data.toString(), "--label", "label", "--prediction", "decision",
                "--sensitive", "group,age", "--bins", "age=30,50", "--favourable", "1", "--reference", "A|[30, 50)"));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(new String[0]));
    }

    @Test
    void fairness_parquetAndSameCsv_identicalJsonReport() throws Exception {
        String[] opts = {"--score", "score", "--missing", "own-group", "--criterion", "demographic-parity=0.05",
            "--bootstrap", "100", "--seed", "11", "--disclosure", "unsuppressed", "--json"};
        CliRunner.Run fromCsv = run(csv, opts);
        CliRunner.Run fromParquet = run(parquet, opts);
        assertEquals(1, fromCsv.exitCode(), fromCsv.err());
        assertEquals(1, fromParquet.exitCode(), fromParquet.err());
        ObjectNode c = (ObjectNode) new ObjectMapper().readTree(fromCsv.out());
        ObjectNode p = (ObjectNode) new ObjectMapper().readTree(fromParquet.out());
        JsonNode cin = c.remove("input");
        JsonNode pin = p.remove("input");
        // every count, metric, interval, disparity, bootstrap figure and verdict is the same
        assertEquals(c, p);
        assertTrue(c.get("views").size() > 0 && p.toString().contains("\"missing\""), p.toString());
        assertEquals("csv", cin.get("format").asText());
        assertEquals("parquet", pin.get("format").asText());
        assertEquals("[{\"name\":\"label\",\"role\":\"label\",\"type\":\"boolean\"},{\"name\":\"decision\",\"role\":\"prediction\",\"type\":\"int32\"},"
                + "{\"name\":\"score\",\"role\":\"score\",\"type\":\"double\"},{\"name\":\"group\",\"role\":\"sensitive\",\"type\":\"string\"},"
                + "{\"name\":\"age\",\"role\":\"sensitive\",\"type\":\"int64\"}]", pin.get("columns").toString());
        assertTrue(cin.get("columns").toString().contains("{\"name\":\"score\",\"role\":\"score\",\"type\":\"text\"}"), cin.toString());
    }

    @Test
    void fairness_parquetText_listsColumnsWithTypes_andEvidenceRecordsThem() throws Exception {
        Path ev = tmp.resolve("fairness.json");
        CliRunner.Run r = run(parquet, "--score", "score", "--missing", "drop-row", "--evidence", ev.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("Input: decisions.parquet (parquet): label label boolean, prediction decision int32, "
                + "score score double, sensitive group string, sensitive age int64\n"), r.out());
        FairnessEvidence rec = (FairnessEvidence) EvidenceJson.read(ev);
        assertTrue(rec.header().inputs().get(0).description().contains("decisions.parquet (parquet): label label boolean"),
                rec.header().inputs().get(0).description());
    }

    @Test
    void fairness_parquetUnknownColumnAndWrongType_exit2_allNamedBeforeReading() {
        CliRunner.Run r = CliRunner.run("fairness", "--data", parquet.toString(), "--label", "outcome", "--prediction", "decision",
                "--score", "group", "--sensitive", "group", "--favourable", "1", "--reference", "A");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--label must be a column of the file [label, decision, score, group, age]; got \"outcome\". "
                + "Check the spelling"), r.err());
        assertTrue(r.err().contains("--score column \"group\" must be stored as numbers (int32, int64, float, double or decimal) "
                + "in this parquet file; got \"string\". Write the column as numbers, or name another column."), r.err());
    }

    @Test
    void fairness_parquetBooleanLabelWithOtherCoding_exit2_withTheFix() {
        CliRunner.Run r = CliRunner.run("fairness", "--data", parquet.toString(), "--label", "label", "--prediction", "label",
                "--positive", "yes", "--negative", "no", "--sensitive", "group", "--favourable", "yes", "--reference", "A");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("column 'label': --label column \"label\" must be coded 1/0 (the default) or true/false, as it is "
                + "stored as booleans; got \"yes/no\". Drop --positive and --negative, or give --positive true --negative false."),
                r.err());
    }

    @Test
    void fairness_parquetNulls_exit2_namingRowAndColumn() throws IOException {
        // the default missing-value policy rejects a null group, naming the Parquet row (1-based)
        CliRunner.Run group = run(parquet);
        assertEquals(2, group.exitCode(), group.err());
        assertTrue(group.err().contains("decisions.parquet: row 1, column 'group': group must be present (the missing-value policy is "
                + "reject)"), group.err());
        // a null label is refused under any policy
        List<Row> nullLabel = new ArrayList<>(rows.subList(1, 10));
        nullLabel.set(4, new Row(null, 1, 0.5, "A", 40L));
        Path f = tmp.resolve("null-label.parquet");
        writeParquet(f, nullLabel);
        CliRunner.Run label = run(f, "--missing", "own-group");
        assertEquals(2, label.exitCode(), label.err());
        assertTrue(label.err().contains("null-label.parquet: row 5, column 'label': the value must be present; got an empty cell "
                + "(an empty CSV field or a Parquet null)."), label.err());
    }

    @Test
    void fairness_notCsvNorParquet_exit2_sayingWhatItIs() throws IOException {
        Path fake = tmp.resolve("fake.parquet");
        Files.copy(csv, fake);
        CliRunner.Run r = run(fake);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("fake.parquet: must be a Parquet file (starting with the bytes PAR1); got text."), r.err());
        Path gz = tmp.resolve("decisions.csv.gz");
        Files.write(gz, new byte[] {0x1f, (byte) 0x8b, 8, 0});
        CliRunner.Run g = run(gz);
        assertEquals(2, g.exitCode(), g.err());
        assertTrue(g.err().contains("got gzip-compressed data. Decompress it first"), g.err());
    }
}
