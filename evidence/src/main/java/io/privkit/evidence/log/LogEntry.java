package io.privkit.evidence.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import io.privkit.evidence.json.JsonNames;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;

/**
 * One entry of the evidence log: what was logged (by digest), when, and the hash of the entry
 * before it. The entry's bytes are one line of JSON with a fixed key order,
 *
 * <pre>{"seq":0,"time":"2026-11-23T09:30:00Z","type":"record","subject":"records/drift-....json","payloadSha256":"...","prevEntryHash":null}</pre>
 *
 * and those bytes are both the Merkle leaf ({@link Merkle#leafHash}) and, hashed with SHA-256,
 * the next entry's {@code prevEntryHash}: the hash chain allows a cheap streaming check, the
 * Merkle tree allows proofs.
 *
 * @param seq           position in the log, from 0
 * @param time          when it was appended (the appender's clock: not a trusted timestamp)
 * @param type          what kind of thing was logged
 * @param subject       what it names: a bundle path, a record id, a policy id
 * @param payloadSha256 SHA-256 of the logged bytes
 * @param prevEntryHash SHA-256 of the previous entry's line; null for the first entry
 */
public record LogEntry(long seq, Instant time, EntryType type, String subject, Sha256 payloadSha256, Sha256 prevEntryHash) {

    /** What an entry logs. */
    public enum EntryType {
        /** An evidence record file. */
        RECORD,
        /** A pre-registered acceptance policy file. */
        POLICY,
        /** The DPIA evidence bundle document. */
        BUNDLE_DOCUMENT
    }

    private static final List<String> KEYS = List.of("seq", "time", "type", "subject", "payloadSha256", "prevEntryHash");

    public LogEntry {
        Checks.requireNonNegative(seq, "entry.seq");
        Checks.requireNonNull(time, "entry.time");
        Checks.requireNonNull(type, "entry.type");
        Checks.requireNonBlank(subject, "entry.subject");
        Checks.requireNonNull(payloadSha256, "entry.payloadSha256");
        if ((seq == 0) != (prevEntryHash == null)) {
            throw Checks.argument("entry " + seq + " prevEntryHash").mustBe("null exactly for the first entry")
                    .got(prevEntryHash).noFix().exception();
        }
    }

    /** The entry's exact bytes: one line of JSON, no newline. */
    public byte[] bytes() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("seq", seq);
        o.put("time", time.toString());
        o.put("type", JsonNames.of(type));
        o.put("subject", subject);
        o.put("payloadSha256", payloadSha256.hex());
        if (prevEntryHash == null) {
            o.putNull("prevEntryHash");
        } else {
            o.put("prevEntryHash", prevEntryHash.hex());
        }
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** SHA-256 of {@link #bytes()}: the next entry's {@code prevEntryHash}. */
    public Sha256 entryHash() {
        return Sha256.of(bytes());
    }

    /** The RFC 6962 leaf hash of {@link #bytes()}. */
    public byte[] leafHash() {
        return Merkle.leafHash(bytes());
    }

    /**
     * Parses one line; the line must be exactly the bytes {@link #bytes()} would write.
     *
     * @throws IllegalArgumentException if it is not an entry in canonical form
     */
    public static LogEntry parse(String line) {
        JsonNode n;
        try {
            n = io.privkit.evidence.json.CanonicalJson.readTree(line.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw Checks.argument("log entry").mustBe("one line of JSON").got(line).noFix().exception();
        }
        if (!n.isObject()) {
            throw Checks.argument("log entry").mustBe("a JSON object").got(line).noFix().exception();
        }
        Iterator<String> names = n.fieldNames();
        for (String k : KEYS) {
            if (!names.hasNext() || !names.next().equals(k)) {
                throw Checks.argument("log entry").mustBe("keys " + KEYS + " in that order").got(line).noFix().exception();
            }
        }
        if (names.hasNext()) {
            throw Checks.argument("log entry").mustBe("keys " + KEYS + " only").got(line).noFix().exception();
        }
        LogEntry e = new LogEntry(n.get("seq").asLong(), Instant.parse(n.get("time").asText()),
                JsonNames.parse(EntryType.class, n.get("type").asText()), n.get("subject").asText(),
                new Sha256(n.get("payloadSha256").asText()),
                n.get("prevEntryHash").isNull() ? null : new Sha256(n.get("prevEntryHash").asText()));
        if (!new String(e.bytes(), StandardCharsets.UTF_8).equals(line)) {
            throw Checks.argument("log entry").mustBe("in canonical form").got(line).noFix().exception();
        }
        return e;
    }
}
