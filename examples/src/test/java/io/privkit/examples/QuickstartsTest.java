package io.privkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.cli.PrivkitCommand;
import io.privkit.examples.dpia.BundleQuickstart;
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
}
