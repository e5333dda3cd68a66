package io.privkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.privkit.evidence.json.CanonicalJson;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code privkit evidence ...} as a job or a person calls it, on a bundle the demo writes. */
class EvidenceCommandTest {
    @TempDir
    Path tmp;

    Path bundle;

    @BeforeEach
    void writeDemoBundle() {
        bundle = tmp.resolve("privkit-demo");
        CliRunner.Run r = CliRunner.run("demo", "--out", bundle.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void validate_demoBundle_exit0() {
        CliRunner.Run r = CliRunner.run("evidence", "validate", bundle.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("valid: " + bundle + " (bundle "), r.out());
        assertEquals("", r.err());
    }

    @Test
    void validate_missingFile_oneLineNamingIt_exit2() {
        Path missing = tmp.resolve("nope.json");
        CliRunner.Run r = CliRunner.run("evidence", "validate", missing.toString());
        assertEquals(2, r.exitCode());
        assertEquals(List.of("privkit: " + missing + ": no such file or folder. Check the path."), r.errLines());
        assertEquals("", r.out());
    }

    @Test
    void validate_notJson_oneLineNamingFileAndPosition_exit2() throws IOException {
        Path f = tmp.resolve("broken.json");
        Files.writeString(f, "{ this is not json");
        CliRunner.Run r = CliRunner.run("evidence", "validate", f.toString());
        assertEquals(2, r.exitCode());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.errLines().get(0).startsWith("privkit: " + f + ": not valid JSON: "), r.err());
        assertTrue(r.errLines().get(0).contains("(line 1, column"), r.err());
    }

    @Test
    void validate_wrongSchemaVersion_exit2() throws IOException {
        Path f = tmp.resolve("future.json");
        Files.writeString(f, "{\"schemaVersion\": \"9.0\", \"recordType\": \"drift\"}");
        CliRunner.Run r = CliRunner.run("evidence", "validate", f.toString());
        assertEquals(2, r.exitCode());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.errLines().get(0).startsWith("privkit: " + f + ": schemaVersion must be 1.0 to 1.0"), r.err());
        assertTrue(r.errLines().get(0).endsWith("got 9.0. Use a newer Privkit to read it."), r.err());
    }

    @Test
    void validate_manifestDigestMismatch_namesFile_exit2_andWritesNothing() throws IOException {
        Path readme = bundle.resolve("README.md");
        Files.writeString(readme, Files.readString(readme) + "tampered\n");
        List<String> before = listing(tmp);
        CliRunner.Run r = CliRunner.run("evidence", "validate", bundle.toString());
        assertEquals(2, r.exitCode());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.errLines().get(0).startsWith("privkit: " + readme + ": SHA-256 "), r.err());
        assertTrue(r.errLines().get(0).endsWith("the file was changed after the bundle was written"), r.err());
        assertEquals(before, listing(tmp), "validate writes nothing");
    }

    @Test
    void validate_json_reportsEachPath() throws IOException {
        CliRunner.Run r = CliRunner.run("evidence", "validate", "--json", bundle.toString(), tmp.resolve("absent").toString());
        assertEquals(2, r.exitCode());
        var tree = CanonicalJson.readTree(r.out().getBytes());
        assertEquals(false, tree.get("valid").asBoolean());
        assertEquals(true, tree.get("results").get(0).get("valid").asBoolean());
        assertEquals("missing", tree.get("results").get(1).get("kind").asText());
    }

    /** A file that exists but cannot be read gives exit code 4 (reading /proc/self/mem at offset 0 fails, even as root). */
    @Test
    void validate_unreadableFile_exit4() {
        Path mem = Path.of("/proc/self/mem");
        assumeTrue(Files.exists(mem), "needs Linux /proc");
        CliRunner.Run r = CliRunner.run("evidence", "validate", mem.toString());
        assertEquals(4, r.exitCode(), r.err());
        assertTrue(r.errLines().get(0).startsWith("privkit: /proc/self/mem: cannot be read"), r.err());
    }

    @Test
    void classify_ioFailures_mapToDocumentedCodes() {
        assertEquals(ExitCode.IO_ERROR, PrivkitCommand.classify(new AccessDeniedException("/x")).code());
        assertEquals(ExitCode.BAD_INPUT, PrivkitCommand.classify(new java.nio.file.NoSuchFileException("/x")).code());
        assertEquals(ExitCode.BAD_INPUT, PrivkitCommand.classify(new IllegalArgumentException("bad")).code());
        assertEquals(ExitCode.INTERNAL_ERROR, PrivkitCommand.classify(new NullPointerException()).code());
    }

    @Test
    void show_bundle_printsSummaryLine() {
        CliRunner.Run r = CliRunner.run("evidence", "show", bundle.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("every digest matches the manifest"), r.out());
    }

    @Test
    void show_tamperedBundle_refused_exit2() throws IOException {
        Files.writeString(bundle.resolve("extra.txt"), "x");
        CliRunner.Run r = CliRunner.run("evidence", "show", bundle.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("extra.txt: is not listed in the manifest"), r.err());
    }

    @Test
    void schema_knownType_printsPublishedSchema_unknownType_exit2() {
        CliRunner.Run r = CliRunner.run("evidence", "schema", "privacy-budget");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("\"$id\": \"urn:privkit:schema:evidence:privacy-budget:1\""));
        CliRunner.Run bad = CliRunner.run("evidence", "schema", "horoscope");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().startsWith("privkit: TYPE must be one of privacy-budget, drift"), bad.err());
    }

    @Test
    void catalogue_listsEveryMeasure() {
        CliRunner.Run r = CliRunner.run("evidence", "catalogue");
        assertEquals(0, r.exitCode());
        for (String id : List.of("dp-training", "federated-learning", "bias-audit", "drift-monitoring", "human-oversight",
                "evidence-integrity")) {
            assertTrue(r.out().contains("\n" + id + ": "), id);
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(Path::toString).sorted().toList();
        }
    }
}
