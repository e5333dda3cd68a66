package io.privkit.evidence.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Sha256;
import io.privkit.evidence.EvidenceFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceLogTest {
    @TempDir
    Path tmp;

    private static final Instant T = Instant.parse("2026-11-23T09:30:00Z");

    private Path threeEntries() throws IOException {
        Path f = tmp.resolve("log.jsonl");
        try (EvidenceLog log = EvidenceLog.open(f)) {
            for (int i = 0; i < 3; i++) {
                log.append(LogEntry.EntryType.RECORD, "records/r" + i + ".json", Sha256.of(new byte[] {(byte) i}), T.plusSeconds(i));
            }
        }
        return f;
    }

    @Test
    void append_durable_reopenGivesSameRootAndChain() throws IOException {
        Path f = threeEntries();
        EvidenceLog reopened = EvidenceLog.open(f);
        assertEquals(3, reopened.size());
        assertEquals(reopened.entries().get(0).entryHash(), reopened.entries().get(1).prevEntryHash());
        List<byte[]> leaves = new ArrayList<>();
        for (String line : Files.readAllLines(f)) {
            leaves.add(Merkle.leafHash(line.getBytes(StandardCharsets.UTF_8)));
        }
        assertEquals(Sha256.fromBytes(Merkle.rootByDefinition(leaves)), reopened.root());
        reopened.append(LogEntry.EntryType.POLICY, "policy", Sha256.of(new byte[0]), T);
        assertEquals(4, EvidenceLog.open(f).size());
    }

    @Test
    void open_reorderedLines_refusedNamingLine() throws IOException {
        Path f = threeEntries();
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        Collections.swap(lines, 0, 1);
        Files.write(f, lines);
        EvidenceFormatException e = assertThrows(EvidenceFormatException.class, () -> EvidenceLog.open(f));
        assertTrue(e.problems().get(0).startsWith("line 1: seq must be 0; got 1"), e.problems().toString());
    }

    @Test
    void open_editedEntry_breaksTheChain() throws IOException {
        Path f = threeEntries();
        String text = Files.readString(f).replace("records/r1.json", "records/rX.json");
        Files.writeString(f, text);
        EvidenceFormatException e = assertThrows(EvidenceFormatException.class, () -> EvidenceLog.open(f));
        assertTrue(e.problems().get(0).startsWith("line 3: prevEntryHash does not match"), e.problems().toString());
    }

    @Test
    void open_truncatedLastLine_refused() throws IOException {
        Path f = threeEntries();
        String text = Files.readString(f);
        Files.writeString(f, text.substring(0, text.length() - 5));
        assertThrows(EvidenceFormatException.class, () -> EvidenceLog.open(f));
    }

    @Test
    void proofs_fromLog_verifyAgainstCheckpoint() throws IOException {
        EvidenceLog log = EvidenceLog.open(threeEntries());
        Checkpoint cp = log.checkpoint("example.org/log");
        for (int i = 0; i < 3; i++) {
            assertTrue(Merkle.verifyInclusion(i, 3, log.entries().get(i).leafHash(), log.inclusionProof(i), cp.root().toBytes()));
        }
        assertTrue(Merkle.verifyConsistency(2, 3, log.consistencyProof(2), log.root(2).toBytes(), cp.root().toBytes()));
    }
}
