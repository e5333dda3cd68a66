package io.privkit.evidence.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.evidence.EvidenceRecord;
import io.privkit.evidence.SampleRecords;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {

    @Test
    void render_privacyBudget_showsHeadlineWarningMeasuresAndDetails() {
        String md = MarkdownRenderer.render(SampleRecords.privacyBudget());
        assertTrue(md.startsWith("# Privacy budget evidence\n\nepsilon = 2.914 at delta = 0.00001"), md.substring(0, 100));
        assertTrue(md.contains("> **Warning:** computed with insecure seeded randomness (seed 42)"));
        assertTrue(md.contains("(`dp-training`) |"), "measure row");
        assertTrue(md.contains("## Claims not made\n\n- This record does not show that the processing is lawful."));
        assertTrue(md.contains("- **Neighbouring relation**: add-remove"));
        assertTrue(md.contains("| Infinity | 0 |"), "profile point with infinite epsilon, as a table row");
        assertTrue(md.contains("| applications-2026.csv |"));
    }

    @Test
    void render_undefinedRate_saysUndefinedNeverZero() {
        String md = MarkdownRenderer.render(SampleRecords.fairness());
        int at = md.indexOf("- **Name**: tpr");
        assertTrue(at > 0, "tpr estimate rendered");
        String tpr = md.substring(at, md.indexOf("- **Ci**", at));
        assertTrue(tpr.contains("- **Value**: undefined\n"), tpr);
        assertTrue(tpr.contains("- **Undefined reason**: no actual positives in group\n"), tpr);
    }

    @Test
    void render_isDeterministic_andNeverClaimsCompliance() {
        for (EvidenceRecord r : SampleRecords.all()) {
            String md = MarkdownRenderer.render(r);
            assertEquals(md, MarkdownRenderer.render(r));
            assertFalse(md.toLowerCase().matches("(?s).*\\bcomplian(t|ce)\\b.*"), r.recordType().id());
        }
    }

    @Test
    void escape_tableBreakingCharacters() {
        assertEquals("a\\|b &lt;c&gt; d", MarkdownRenderer.escape("a|b <c>\nd"));
        assertEquals("Neighbouring relation", MarkdownRenderer.humanize("neighbouringRelation"));
    }
}
