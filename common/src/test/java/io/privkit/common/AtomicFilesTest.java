package io.privkit.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void write_replacesContentAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("out.json");
        AtomicFiles.write(f, "old".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(f, "new".getBytes(StandardCharsets.UTF_8));
        assertEquals("new", Files.readString(f));
        assertEquals(List.of("out.json"), names(dir));
    }

    @Test
    void writeStream_failingWriter_keepsOldContentAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("out.json");
        AtomicFiles.write(f, "old".getBytes(StandardCharsets.UTF_8));
        assertThrows(IOException.class, () -> AtomicFiles.writeStream(f, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("out.json"), names(dir));
    }

    @Test
    void replaceDirectory_replacesWholeFolder() throws IOException {
        Path target = dir.resolve("bundle");
        AtomicFiles.replaceDirectory(target, tmp -> Files.writeString(tmp.resolve("a.txt"), "1"));
        AtomicFiles.replaceDirectory(target, tmp -> Files.writeString(tmp.resolve("b.txt"), "2"));
        assertEquals(List.of("b.txt"), names(target));
        assertEquals(List.of("bundle"), names(dir));
    }

    @Test
    void replaceDirectory_failingWriter_leavesOldFolderUntouched() throws IOException {
        Path target = dir.resolve("bundle");
        AtomicFiles.replaceDirectory(target, tmp -> Files.writeString(tmp.resolve("a.txt"), "1"));
        assertThrows(IOException.class, () -> AtomicFiles.replaceDirectory(target, tmp -> {
            Files.writeString(tmp.resolve("partial.txt"), "x");
            throw new IOException("boom");
        }));
        assertEquals(List.of("a.txt"), names(target));
        assertEquals(List.of("bundle"), names(dir));
    }

    @Test
    void deleteRecursively_missingPath_isNoOp() throws IOException {
        AtomicFiles.deleteRecursively(dir.resolve("absent"));
        assertFalse(Files.exists(dir.resolve("absent")));
        Path nested = dir.resolve("x/y");
        Files.createDirectories(nested);
        Files.writeString(nested.resolve("f"), "1");
        AtomicFiles.deleteRecursively(dir.resolve("x"));
        assertTrue(names(dir).isEmpty());
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
