package io.privkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.evidence.json.CanonicalJson;
import io.privkit.evidence.measure.MeasureCatalogue;
import io.privkit.evidence.report.BundleVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code privkit demo} ends in a signed, verified bundle with HTML and PDF reports, and says so. */
class DemoReportTest {
    @TempDir
    Path tmp;

    @Test
    void demo_buildsSignsVerifiesAndRenders_printingThePaths() throws Exception {
        Path out = tmp.resolve("demo");
        CliRunner.Run r = CliRunner.run("demo", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("signed and verified"), r.out());
        assertTrue(r.out().contains("Read the report:   " + out.resolve("report.html")), r.out());
        assertTrue(r.out().contains(out.resolve("report.pdf").toString()), r.out());
        assertTrue(r.out().contains("Signed with a one-off demo key generated for this run"), r.out());
        assertTrue(Files.size(out.resolve("report.pdf")) > 10_000);
        assertTrue(Files.readString(out.resolve("report.html")).contains("a key generated for this bundle only"),
                "the report says the key is a one-off");
        BundleVerifier.Result v = BundleVerifier.verify(out, BundleVerifier.Options.defaults());
        assertEquals(java.util.List.of(), v.problems());
    }

    @Test
    void demo_json_listsEveryMeasureWithAStatus() throws Exception {
        Path out = tmp.resolve("demo");
        CliRunner.Run r = CliRunner.run("demo", "--json", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        var tree = CanonicalJson.readTree(r.out().getBytes());
        assertEquals(MeasureCatalogue.current().measures().size(), tree.get("measures").size());
        assertTrue(tree.get("verified").asBoolean());
        assertEquals(64, tree.get("keyId").asText().length());
        CliRunner.Run v = CliRunner.run("verify", out.toString(), "--key-id", tree.get("keyId").asText());
        assertEquals(0, v.exitCode(), v.err());
    }

    @Test
    void help_listsTheNewExitCodes() {
        CliRunner.Run r = CliRunner.run();
        assertTrue(r.out().contains("6   Integrity error"), r.out());
        assertTrue(r.out().contains("7   Inconclusive"), r.out());
    }
}
