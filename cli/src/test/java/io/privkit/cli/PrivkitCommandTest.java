package io.privkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.BuildInfo;
import io.privkit.evidence.bundle.EvidenceBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivkitCommandTest {
    @TempDir
    Path tmp;

    @Test
    void noArguments_printsUsageWithDemoFirstAndExitCodes() {
        CliRunner.Run r = CliRunner.run();
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("Start with 'privkit demo'"), r.out());
        assertTrue(r.out().contains("3   Privacy budget exhausted"), r.out());
    }

    @Test
    void version_printsBuildVersion() {
        CliRunner.Run r = CliRunner.run("--version");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().startsWith("privkit " + BuildInfo.version() + " ("), r.out());
    }

    /** Every verb at every depth takes -h/--help; only the root answers --version (a verb has no version of its own). */
    @Test
    void everyVerb_hasHelp_onlyRootHasVersion() {
        picocli.CommandLine root = new picocli.CommandLine(new PrivkitCommand());
        java.util.List<String> problems = new java.util.ArrayList<>();
        java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>(root.getSubcommands().values());
        int verbs = 0;
        while (!todo.isEmpty()) {
            picocli.CommandLine c = todo.pop();
            todo.addAll(c.getSubcommands().values());
            String name = c.getCommandSpec().qualifiedName(" ");
            if (c.getCommandSpec().findOption("--help") == null || c.getCommandSpec().findOption("-h") == null) {
                problems.add(name + " lacks -h/--help");
            }
            if (c.getCommandSpec().findOption("--version") != null) {
                problems.add(name + " has --version");
            }
            verbs++;
        }
        assertTrue(problems.isEmpty(), problems.toString());
        assertTrue(verbs > 20, "walked " + verbs + " verbs");
        assertTrue(root.getCommandSpec().findOption("--version") != null);
    }

    @Test
    void unknownOption_exit2_withHelpHint() {
        CliRunner.Run r = CliRunner.run("evidence", "validate", "--frobnicate", "x");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("privkit: Unknown option: '--frobnicate'"), r.err());
        assertTrue(r.err().contains("Run 'privkit evidence validate --help' for usage."), r.err());
    }

    @Test
    void demo_writesValidBundleAndSaysWhereItIs() throws IOException {
        Path out = tmp.resolve("demo");
        CliRunner.Run r = CliRunner.run("demo", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Wrote " + out + "/ in "), r.out());
        assertTrue(r.out().contains("./privkit evidence validate " + out), r.out());
        assertTrue(EvidenceBundle.check(out).ok());
    }

    @Test
    void demo_twice_replacesItsOwnBundle() throws IOException {
        Path out = tmp.resolve("demo");
        assertEquals(0, CliRunner.run("demo", "--out", out.toString()).exitCode());
        String first = Files.readString(out.resolve("manifest.json"));
        assertEquals(0, CliRunner.run("demo", "--out", out.toString()).exitCode());
        assertFalse(first.equals(Files.readString(out.resolve("manifest.json"))), "a new bundle id each run");
        assertTrue(EvidenceBundle.check(out).ok());
    }

    @Test
    void demo_foreignFolder_refusedBeforeAnyWork_andUntouched() throws IOException {
        Path foreign = tmp.resolve("thesis");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("chapter1.tex"), "precious");
        CliRunner.Run r = CliRunner.run("demo", "--out", foreign.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("privkit: output folder must be new, empty, or an existing Privkit bundle"), r.err());
        assertEquals("", r.out());
        assertEquals("precious", Files.readString(foreign.resolve("chapter1.tex")));
        try (var s = Files.list(foreign)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void demo_json_printsBundleAndNotMeasured() throws IOException {
        Path out = tmp.resolve("demo");
        CliRunner.Run r = CliRunner.run("demo", "--json", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        var tree = io.privkit.evidence.json.CanonicalJson.readTree(r.out().getBytes());
        assertEquals(out.toString(), tree.get("bundle").asText());
        assertTrue(tree.has("notMeasured"));
    }
}
