package io.privkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.cli.PrivkitCommand;
import io.privkit.examples.dpia.BundleQuickstart;
import io.privkit.examples.mlops.FederatedQuickstart;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every README quick start at small size. */
class QuickstartsTest {
    @TempDir
    Path tmp;

    @Test
    void bundleQuickstart_demoBundle_listsEveryMeasure_tamperedBundle_exit2() throws Exception {
        Path bundle = tmp.resolve("b");
        assertEquals(0, PrivkitCommand.run(new String[] {"demo", "--out", bundle.toString()},
                new PrintWriter(PrintWriter.nullWriter()), new PrintWriter(PrintWriter.nullWriter())));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        assertEquals(0, BundleQuickstart.run(bundle, new PrintStream(buf, true, StandardCharsets.UTF_8)));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("every file matches its SHA-256 digest"), out);
        assertTrue(out.contains("\nevidence-integrity: "), out);

        Files.writeString(bundle.resolve("SHA256SUMS"), "edited\n");
        buf.reset();
        assertEquals(2, BundleQuickstart.run(bundle, new PrintStream(buf, true, StandardCharsets.UTF_8)));
        assertTrue(buf.toString(StandardCharsets.UTF_8).startsWith("problem: SHA256SUMS: SHA-256 "));
    }

    @Test
    void federatedQuickstart_coordinatorKilledAndRestarted_finishesWithValidEvidence() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code = FederatedQuickstart.run(tmp.resolve("fed-demo"), 12, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("[coordinator] round 1/12 completed: sampled 3, reported 3"), out);
        assertTrue(out.contains("resuming at round"), out);
        assertTrue(out.contains("[coordinator] round 12/12 completed"), out);
        assertTrue(out.contains("valid: "), out);
        assertTrue(out.contains("coordinator-restart"), out);
    }
}
