package io.privkit.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.evidence.EvidenceRecord;
import io.privkit.evidence.PrivacyBudgetEvidence;
import io.privkit.evidence.Subject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpSgdDemoStepTest {
    @TempDir
    Path tmp;

    @Test
    void run_generatedData_privateModelWithItsBudgetRecord() throws Exception {
        StringWriter log = new StringWriter();
        DemoContext ctx = new DemoContext(tmp, 42, Randomness.secure(), Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"),
                ZoneOffset.UTC), Subject.system("Privkit demo"), new PrintWriter(log, true));
        List<EvidenceRecord> records = new DpSgdDemoStep().run(ctx);
        assertEquals(1, records.size());
        PrivacyBudgetEvidence e = (PrivacyBudgetEvidence) records.get(0);
        assertTrue(e.epsilon() <= 1.0 && e.epsilon() > 0.9, "calibrated to epsilon 1: " + e.epsilon());
        assertEquals(PrivacyBudgetEvidence.SamplingScheme.POISSON, e.sampling().accountedAs());
        assertFalse(e.implementationHygiene().fixedSeed(), "the demo's noise is secure");
        assertTrue(e.utility().dpValue() > 0.7, "the private model learned: " + e.utility().dpValue());
        assertTrue(e.utility().nonPrivateBaseline() > 0.7);
        assertEquals(Instant.parse("2026-11-23T00:00:00Z"), e.header().createdAt());
    }
}
