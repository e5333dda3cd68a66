package io.privkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.HumanOversightEvidence;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OversightCommandTest {
    @TempDir
    Path tmp;

    private Path log() throws Exception {
        Path f = tmp.resolve("log.csv");
        StringBuilder sb = new StringBuilder("model,final,reviewer,sex,repaid,secs\n");
        // 100 reviewed decisions: the model recommends approval (1) for 60; reviewers overturn 6 of those.
        for (int i = 0; i < 100; i++) {
            int rec = i < 60 ? 1 : 0;
            int fin = i < 6 ? 0 : rec;
            sb.append(rec).append(',').append(fin).append(',').append(i % 2 == 0 ? "r1" : "r2").append(',')
                    .append(i % 3 == 0 ? "F" : "M").append(',').append(i < 50 ? 1 : 0).append(',').append(10 + i % 20).append('\n');
        }
        sb.append("1,1,,F,,\n");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void oversight_json_ratesAndCaveat_evidenceValidates() throws Exception {
        Path ev = tmp.resolve("oversight.json");
        CliRunner.Run r = CliRunner.run("oversight", "--log", log().toString(), "--recommendation", "model", "--decision", "final",
                "--favourable", "1", "--reviewer", "reviewer", "--group", "sex", "--outcome", "repaid", "--seconds", "secs",
                "--evidence", ev.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(101, root.get("decisions").asLong());
        assertEquals(100, root.get("reviewCoverage").get("numerator").asLong());
        assertEquals(6, root.get("overrideRate").get("overall").get("numerator").asLong());
        assertEquals(6, root.get("overrideRate").get("byDirection").get(0).get("overrideRate").get("numerator").asLong());
        assertEquals(60, root.get("overrideRate").get("byDirection").get(0).get("overrideRate").get("denominator").asLong());
        assertTrue(root.get("rair").get("value").isNull());
        assertTrue(root.get("interpretation").asText().startsWith("A low override rate alone does not show meaningful review"));
        HumanOversightEvidence record = EvidenceJson.readAs(Files.readAllBytes(ev), HumanOversightEvidence.class);
        assertEquals(101, record.decisionLog().n());
    }

    @Test
    void oversight_unknownColumn_exit2() throws Exception {
        CliRunner.Run r = CliRunner.run("oversight", "--log", log().toString(), "--recommendation", "advice", "--decision", "final",
                "--favourable", "1");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--recommendation must be a column of the file [model, final, reviewer, sex, repaid, secs]; got \"advice\"."),
                r.err());
    }
}
