package io.privkit.evidence.log;

import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import io.privkit.evidence.EvidenceFormatException;
import io.privkit.evidence.sign.Signer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only evidence log: JSON Lines of {@link LogEntry}, each chained to the one before by
 * its hash and all together forming an RFC 6962 Merkle tree ({@link Merkle}), with signed C2SP
 * checkpoints ({@link Checkpoint}, {@link SignedNote}).
 *
 * <p><b>Durability.</b> A log opened on a file ({@link #open(Path)}) writes each entry and
 * {@code fsync}s it before {@link #append} returns, so an entry that was acknowledged survives a
 * crash. Opening re-reads and re-checks every entry: a line that was edited, dropped, inserted or
 * moved breaks the chain and the open fails, naming the line.
 *
 * <p><b>What it shows, and what not.</b> With a checkpoint exported out of band (copied into the
 * DPIA), anyone can later prove that the log still holds exactly those entries as a prefix
 * (consistency proof) and that an entry is among them (inclusion proof). It does not prove that the
 * logged evidence was truthful, nor the wall-clock time of an entry.
 *
 * <p>Not thread-safe: one appender at a time.
 */
public final class EvidenceLog implements AutoCloseable {
    private final Path file;
    private final List<LogEntry> entries;
    private final List<byte[]> leaves;

    private EvidenceLog(Path file, List<LogEntry> entries) {
        this.file = file;
        this.entries = new ArrayList<>(entries);
        this.leaves = new ArrayList<>();
        entries.forEach(e -> leaves.add(e.leafHash()));
    }

    /** An empty log held in memory. */
    public static EvidenceLog inMemory() {
        return new EvidenceLog(null, List.of());
    }

    /**
     * Parses a log's JSON Lines and checks every entry and the chain.
     *
     * @param source names the log in messages
     * @throws EvidenceFormatException naming the first bad line
     */
    public static EvidenceLog parse(byte[] jsonl, Path source) {
        return new EvidenceLog(null, parseEntries(jsonl, source));
    }

    /** Opens (or creates) a log file, checking every entry and the chain. */
    public static EvidenceLog open(Path file) throws IOException {
        Checks.requireNonNull(file, "log file");
        List<LogEntry> entries = Files.exists(file) ? parseEntries(Files.readAllBytes(file), file) : List.of();
        if (!Files.exists(file)) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.createFile(file);
        }
        return new EvidenceLog(file, entries);
    }

    private static List<LogEntry> parseEntries(byte[] jsonl, Path source) {
        String text = new String(jsonl, StandardCharsets.UTF_8);
        List<LogEntry> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        if (!text.endsWith("\n")) {
            throw new EvidenceFormatException(source, List.of("the last line is incomplete (no final newline): the log was cut short"));
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        Sha256 prev = null;
        for (int i = 0; i < lines.length; i++) {
            LogEntry e;
            try {
                e = LogEntry.parse(lines[i]);
            } catch (RuntimeException ex) {
                throw new EvidenceFormatException(source, List.of("line " + (i + 1) + ": " + ex.getMessage()));
            }
            if (e.seq() != i) {
                throw new EvidenceFormatException(source, List.of("line " + (i + 1) + ": seq must be " + i + "; got " + e.seq()
                        + ". Entries were removed, inserted or reordered."));
            }
            if (i > 0 && !prev.equals(e.prevEntryHash())) {
                throw new EvidenceFormatException(source, List.of("line " + (i + 1) + ": prevEntryHash does not match the SHA-256 of line "
                        + i + ". An entry was changed, removed or reordered."));
            }
            prev = e.entryHash();
            out.add(e);
        }
        return out;
    }

    /** Appends an entry (durably, for a file log) and returns it. */
    public LogEntry append(LogEntry.EntryType type, String subject, Sha256 payload, Instant time) throws IOException {
        long seq = entries.size();
        LogEntry e = new LogEntry(seq, time, type, subject, payload, entries.isEmpty() ? null : entries.get(entries.size() - 1).entryHash());
        if (file != null) {
            byte[] line = (new String(e.bytes(), StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer buf = ByteBuffer.wrap(line);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
        }
        entries.add(e);
        leaves.add(e.leafHash());
        return e;
    }

    /** Every entry, in order. */
    public List<LogEntry> entries() {
        return List.copyOf(entries);
    }

    /** The number of entries. */
    public int size() {
        return entries.size();
    }

    /** The RFC 6962 tree head over every entry. */
    public Sha256 root() {
        return Sha256.fromBytes(Merkle.root(leaves));
    }

    /** The tree head over the first {@code size} entries. */
    public Sha256 root(int size) {
        return Sha256.fromBytes(Merkle.root(leaves.subList(0, size)));
    }

    /** The checkpoint of the current state. */
    public Checkpoint checkpoint(String origin) {
        return new Checkpoint(origin, entries.size(), root());
    }

    /** The signed checkpoint note of the current state. */
    public String signedCheckpoint(String origin, Signer signer) {
        return SignedNote.sign(checkpoint(origin).body(), origin, signer);
    }

    /** The inclusion proof of entry {@code seq} in the current tree. */
    public List<byte[]> inclusionProof(int seq) {
        return Merkle.inclusionProof(seq, leaves);
    }

    /** The consistency proof from the tree of {@code oldSize} to the current tree. */
    public List<byte[]> consistencyProof(int oldSize) {
        return Merkle.consistencyProof(oldSize, leaves);
    }

    /** The log as JSON Lines. */
    public byte[] toJsonl() {
        StringBuilder sb = new StringBuilder();
        for (LogEntry e : entries) {
            sb.append(new String(e.bytes(), StandardCharsets.UTF_8)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        // Every append is already durable; nothing is held open between appends.
    }
}
