package io.privkit.evidence.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Sha256;
import io.privkit.evidence.EvidenceFormatException;
import io.privkit.evidence.EvidenceRecord;
import io.privkit.evidence.SampleRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceBundleTest {
    @TempDir
    Path tmp;

    private Path writeSample() throws IOException {
        EvidenceBundle.Writer w = EvidenceBundle.writer();
        SampleRecords.all().forEach(w::record);
        w.file("extra/notes.txt", "hello".getBytes(StandardCharsets.UTF_8), "text/plain");
        Path dir = tmp.resolve("bundle");
        w.write(dir);
        return dir;
    }

    @Test
    void writeThenRead_allRecordsBackAndIntact() throws IOException {
        Path dir = writeSample();
        EvidenceBundle b = EvidenceBundle.read(dir);
        assertEquals(new java.util.HashSet<>(SampleRecords.all()), new java.util.HashSet<>(b.records()));
        assertEquals(SampleRecords.all().size(), b.records().size());
        assertEquals(List.of("README.md", "SHA256SUMS", "extra/notes.txt"),
                b.manifest().files().stream().map(BundleFile::path).filter(p -> !p.startsWith("records/")).toList());
        assertTrue(EvidenceBundle.check(dir).ok());
    }

    @Test
    void sha256sums_matchesFilesAsSha256sumWouldCheck() throws IOException {
        Path dir = writeSample();
        for (String line : Files.readAllLines(dir.resolve(EvidenceBundle.SHA256SUMS))) {
            String[] parts = line.split("  ", 2);
            assertEquals(parts[0], Sha256.of(Files.readAllBytes(dir.resolve(parts[1]))).hex(), parts[1]);
        }
    }

    @Test
    void readme_listsEveryMeasureWithNotMeasuredRows() throws IOException {
        EvidenceBundle.Writer w = EvidenceBundle.writer().record(SampleRecords.drift());
        Path dir = tmp.resolve("one");
        w.write(dir);
        String readme = Files.readString(dir.resolve("README.md"));
        assertTrue(readme.contains("(`drift-monitoring`) | evidenced |"), readme);
        assertTrue(readme.contains("(`dp-training`) | not measured | none |"), readme);
        assertTrue(readme.contains("It is not a pass."));
        assertFalse(readme.toLowerCase().matches("(?s).*\\bcompliant\\b.*"), "no compliance wording");
    }

    @Test
    void check_changedByte_detectedAndNamed() throws IOException {
        Path dir = writeSample();
        Path record = firstRecord(dir);
        byte[] bytes = Files.readAllBytes(record);
        bytes[bytes.length / 2] ^= 1;
        Files.write(record, bytes);
        BundleCheck c = EvidenceBundle.check(dir);
        assertEquals(1, c.problems().size(), c.problems().toString());
        BundleProblem p = c.problems().get(0);
        assertEquals(dir.relativize(record).toString(), p.path());
        assertTrue(p.message().contains("does not match the manifest"), p.message());
        assertThrows(EvidenceFormatException.class, () -> EvidenceBundle.read(dir));
    }

    @Test
    void check_removedFile_andAddedFile_bothReported() throws IOException {
        Path dir = writeSample();
        Files.delete(firstRecord(dir));
        Files.writeString(dir.resolve("records/smuggled.json"), "{}");
        List<String> messages = EvidenceBundle.check(dir).problems().stream().map(BundleProblem::toString).toList();
        assertEquals(2, messages.size(), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.endsWith("listed in the manifest but missing from the bundle")));
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("records/smuggled.json: is not listed in the manifest")));
    }

    @Test
    void check_notABundle_saysSo() throws IOException {
        Files.createDirectories(tmp.resolve("plain"));
        BundleCheck c = EvidenceBundle.check(tmp.resolve("plain"));
        assertEquals("manifest.json", c.problems().get(0).path());
        assertTrue(c.problems().get(0).message().startsWith("missing: this is not a Privkit evidence bundle"));
        assertThrows(NoSuchFileException.class, () -> EvidenceBundle.check(tmp.resolve("absent")));
    }

    @Test
    void check_manifestPathEscapingBundle_rejected() throws IOException {
        Path dir = writeSample();
        Path manifest = dir.resolve(BundleManifest.FILE_NAME);
        Files.writeString(manifest, Files.readString(manifest).replace("\"extra/notes.txt\"", "\"../outside.txt\""));
        BundleCheck c = EvidenceBundle.check(dir);
        assertFalse(c.ok());
        assertEquals("manifest.json", c.problems().get(0).path());
    }

    @Test
    void write_replacesPreviousBundle_butNeverAForeignFolder() throws IOException {
        Path dir = writeSample();
        EvidenceBundle.writer().record(SampleRecords.drift()).write(dir);
        assertEquals(1, EvidenceBundle.read(dir).records().size());
        Path foreign = tmp.resolve("photos");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("cat.jpg"), "meow");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EvidenceBundle.writer().record(SampleRecords.drift()).write(foreign));
        assertTrue(e.getMessage().startsWith("output folder must be new, empty, or an existing Privkit bundle"), e.getMessage());
        assertEquals("meow", Files.readString(foreign.resolve("cat.jpg")));
    }

    @Test
    void write_twoRecordsSameId_refusedAndNothingWritten() {
        EvidenceRecord r = SampleRecords.drift();
        Path dir = tmp.resolve("dup");
        assertThrows(IllegalArgumentException.class, () -> EvidenceBundle.writer().record(r).record(r).write(dir));
        assertFalse(Files.exists(dir));
    }

    @Test
    void writer_reservedPath_refused() {
        assertThrows(IllegalArgumentException.class,
                () -> EvidenceBundle.writer().file("manifest.json", new byte[0], "application/json"));
        assertThrows(IllegalArgumentException.class,
                () -> EvidenceBundle.writer().file("../x", new byte[0], "text/plain"));
    }

    private static Path firstRecord(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("records"))) {
            return s.sorted().findFirst().orElseThrow();
        }
    }
}
