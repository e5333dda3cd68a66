package io.privkit.evidence.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import io.privkit.evidence.EvidenceFormatException;
import io.privkit.evidence.json.CanonicalJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An in-toto Statement v1 (in-toto/attestation, {@code https://in-toto.io/Statement/v1}) whose
 * subjects are every file of an evidence bundle with its SHA-256, and whose predicate summarises
 * the bundle. Signed in a {@link Dsse} envelope with payload type {@link #PAYLOAD_TYPE}, it binds
 * every byte of the bundle to the signer's key: changing, removing or adding a file, or swapping a
 * record for another, no longer matches the signed subjects.
 *
 * @param subjects  bundle path to digest, sorted by path
 * @param predicate the bundle summary
 */
public record InTotoStatement(SortedMap<String, Sha256> subjects, ObjectNode predicate) {
    /** The statement type. */
    public static final String TYPE = "https://in-toto.io/Statement/v1";
    /** The DSSE payload type of in-toto statements. */
    public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";
    /** The predicate type of a Privkit evidence bundle summary. */
    public static final String PREDICATE_TYPE = "https://privkit.io/attestation/dpia-evidence-bundle/v1";

    public InTotoStatement {
        subjects = new TreeMap<>(Checks.requireNoNullEntries(subjects, "subjects"));
        Checks.requireNonEmpty(subjects.keySet(), "subjects");
        Checks.requireNonNull(predicate, "predicate");
    }

    /** The statement as deterministic JSON bytes (the DSSE payload). */
    public byte[] toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("_type", TYPE);
        ArrayNode subject = root.putArray("subject");
        subjects.forEach((name, digest) -> {
            ObjectNode s = subject.addObject();
            s.put("name", name);
            s.putObject("digest").put("sha256", digest.hex());
        });
        root.put("predicateType", PREDICATE_TYPE);
        root.set("predicate", predicate);
        return CanonicalJson.write(root);
    }

    /**
     * Parses a statement.
     *
     * @throws EvidenceFormatException if it is not an in-toto v1 statement with a Privkit predicate
     */
    public static InTotoStatement parse(byte[] json, Path source) {
        JsonNode root;
        try {
            root = CanonicalJson.readTree(json);
        } catch (IOException e) {
            throw new EvidenceFormatException(source, List.of("not valid JSON: " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        if (!TYPE.equals(root.path("_type").asText())) {
            problems.add("_type must be " + TYPE + "; got " + root.path("_type"));
        }
        if (!PREDICATE_TYPE.equals(root.path("predicateType").asText())) {
            problems.add("predicateType must be " + PREDICATE_TYPE + "; got " + root.path("predicateType"));
        }
        SortedMap<String, Sha256> subjects = new TreeMap<>();
        for (JsonNode s : root.path("subject")) {
            try {
                if (subjects.put(s.get("name").asText(), new Sha256(s.get("digest").get("sha256").asText())) != null) {
                    problems.add("subject " + s.get("name").asText() + " is listed twice");
                }
            } catch (RuntimeException e) {
                problems.add("subject " + s + " must have a name and a sha256 digest");
            }
        }
        if (subjects.isEmpty()) {
            problems.add("subject must list the bundle's files; got none");
        }
        if (!root.path("predicate").isObject()) {
            problems.add("predicate must be an object");
        }
        if (!problems.isEmpty()) {
            throw new EvidenceFormatException(source, problems);
        }
        return new InTotoStatement(subjects, (ObjectNode) root.get("predicate"));
    }
}
