package io.privkit.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privkit.evidence.schema.SchemaGenerator;
import io.privkit.evidence.schema.SchemaValidator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published JSON Schemas (draft 2020-12) of the evidence records, one per {@link RecordType},
 * shipped as {@code io/privkit/evidence/schema/<type>.schema.json}, and validation against them.
 *
 * <p>The schemas are generated from the record classes by {@link SchemaGenerator} and committed;
 * {@link #generate(RecordType)} regenerates one, and a test keeps the committed files equal to the
 * generated ones. Validation uses the committed (published) files, so what Privkit accepts is
 * exactly what the published contract says.
 *
 * <p>Thread-safe: compiled schemas are cached and immutable.
 */
public final class EvidenceSchemas {
    private static final Map<RecordType, SchemaValidator> COMPILED = new EnumMap<>(RecordType.class);

    private EvidenceSchemas() {
    }

    /** The schema of a record type, generated from its Java record. */
    public static ObjectNode generate(RecordType type) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Map<String, ObjectNode> envelope = new LinkedHashMap<>();
        envelope.put("schemaVersion", f.objectNode().put("type", "string").put("pattern", "^[0-9]+\\.[0-9]+$")
                .put("description", "The evidence format version, MAJOR.MINOR; this schema describes "
                        + SchemaVersion.CURRENT + ". Readers accept the same major version and an equal or older minor version."));
        envelope.put("recordType", f.objectNode().put("const", type.id())
                .put("description", "The kind of record."));
        return new SchemaGenerator().generate(type.javaType(),
                "urn:privkit:schema:evidence:" + type.id() + ":" + SchemaVersion.CURRENT.major(),
                "Privkit " + type.id() + " evidence record, schema " + SchemaVersion.CURRENT, envelope);
    }

    /** The published schema of a record type, as the bytes that ship in the jar. */
    public static byte[] publishedBytes(RecordType type) {
        return validator(type).schemaBytes();
    }

    /**
     * Validates a record's JSON tree against the published schema of its type.
     *
     * @return the problems, each as {@code "<json path>: <message>"}, sorted; empty when valid
     */
    public static List<String> validate(RecordType type, JsonNode record) {
        return validator(type).validate(record);
    }

    private static synchronized SchemaValidator validator(RecordType type) {
        return COMPILED.computeIfAbsent(type, t -> SchemaValidator.fromResource(t.schemaResource()));
    }
}
