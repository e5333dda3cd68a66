package io.privkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.evidence.DriftEvidence;
import io.privkit.evidence.EvidenceJson;
import io.privkit.examples.datascientist.StreamMonitorQuickstart;
import io.privkit.examples.mlops.DriftGateQuickstart;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the drift quick starts of the README. */
class DriftQuickstartsTest {
    @TempDir
    Path tmp;

    @Test
    void driftGate_shiftedIncome_exit1WithEvidence_sameData_exit0() throws Exception {
        Path ref = DriftGateQuickstart.generate(tmp.resolve("ref.csv"), 0);
        Path shifted = DriftGateQuickstart.generate(tmp.resolve("cur.csv"), 0.4);
        StringWriter out = new StringWriter();
        int code = DriftGateQuickstart.gate(ref, shifted, tmp, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertEquals(1, code, out.toString());
        assertTrue(out.toString().lines().anyMatch(l -> l.contains("income") && l.contains("drift")), out.toString());
        DriftEvidence e = (DriftEvidence) EvidenceJson.read(tmp.resolve("drift.json"));
        assertTrue(e.datasetDrift());
        Path same = Files.copy(ref, tmp.resolve("same.csv"));
        assertEquals(0, DriftGateQuickstart.gate(ref, same, tmp, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
    }

    @Test
    void streamMonitor_shiftAfter3000_alarmAfterShiftAndEvidenceWritten() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Path file = tmp.resolve("stream.json");
        DriftEvidence e = StreamMonitorQuickstart.run(file, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        // the shift at 3000 is found within 600 observations (ADWIN's mean delay for a 0.8 sd shift is far below that)
        assertTrue(out.lines().filter(l -> l.startsWith("drift at observation "))
                .mapToLong(l -> Long.parseLong(l.substring("drift at observation ".length())))
                .anyMatch(t -> t > 3000 && t <= 3600), out);
        assertEquals("adwin", e.streaming().detector());
        assertTrue(e.streaming().alarms() >= 1);
        assertEquals(e, EvidenceJson.read(file));
    }
}
