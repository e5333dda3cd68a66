package io.privkit.evidence.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.privkit.evidence.SampleRecords;
import io.privkit.evidence.json.CanonicalJson;
import io.privkit.evidence.measure.MeasureCatalogue;
import io.privkit.evidence.report.ReportBundle;
import io.privkit.evidence.report.ReportView;
import io.privkit.evidence.report.SamplePolicy;
import io.privkit.evidence.sign.Ed25519Signer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Markdown report and the CNIL PIA fragment cover every catalogue measure, including the ones not measured. */
class ReportRenderingsTest {
    @TempDir
    Path tmp;

    private ReportView view(List<io.privkit.evidence.EvidenceRecord> records) throws Exception {
        return ReportBundle.builder().records(records).policy(SamplePolicy.file()).signer(Ed25519Signer.generate(new SecureRandom()))
                .clock(Clock.fixed(SamplePolicy.BUILD, ZoneOffset.UTC)).write(tmp.resolve("b")).view();
    }

    @Test
    void markdown_measuresTable_oneRowPerMeasure_notMeasuredVisible() throws Exception {
        ReportView v = view(List.of(SampleRecords.drift()));
        String table = MarkdownReport.measuresTable(v.document());
        assertEquals(2 + MeasureCatalogue.current().measures().size(), table.strip().split("\n").length, table);
        assertEquals(4, table.split("\\*\\*not measured\\*\\*", -1).length - 1, table);
        assertTrue(table.contains("**fail**"), table);
        String md = MarkdownReport.render(v);
        assertTrue(md.startsWith("## Privkit evidence: Loan approvals"), md);
        assertTrue(md.contains("Gate: **fail**"), md);
    }

    @Test
    void cnilFragment_oneEntryPerMeasure_withKnowledgeBaseIds() throws Exception {
        ReportView v = view(SampleRecords.all());
        JsonNode f = CanonicalJson.readTree(CnilPiaExport.render(v.document()));
        assertEquals(MeasureCatalogue.current().measures().size(), f.get("measures").size());
        JsonNode dp = f.get("measures").get(0);
        assertEquals("Differentially private training", dp.get("title").asText());
        assertTrue(dp.get("content").asText().startsWith("<p><strong>Status: pass</strong>"), dp.get("content").asText());
        assertEquals("PIA_TEC_ANO", dp.get("knowledgeBase").get(0).asText());
        assertTrue(dp.has("placeholder"));
    }
}
