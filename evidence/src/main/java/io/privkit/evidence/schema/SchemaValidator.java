package io.privkit.evidence.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.privkit.evidence.json.CanonicalJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;

/**
 * Validates JSON against one published JSON Schema (draft 2020-12, format assertions on), and
 * reports problems as {@code "<json path>: <message>"} lines, sorted, so messages are stable.
 *
 * <p>Immutable and thread-safe.
 */
public final class SchemaValidator {
    private final String resource;
    private final byte[] schemaBytes;
    private final JsonSchema schema;

    private SchemaValidator(String resource, byte[] schemaBytes, JsonSchema schema) {
        this.resource = resource;
        this.schemaBytes = schemaBytes;
        this.schema = schema;
    }

    /** Loads and compiles the schema at a classpath resource. */
    public static SchemaValidator fromResource(String resource) {
        try (InputStream in = SchemaValidator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The schema " + resource + " is missing from the classpath");
            }
            byte[] bytes = in.readAllBytes();
            JsonNode tree = CanonicalJson.readTree(bytes);
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true)
                    .pathType(com.networknt.schema.PathType.JSON_PATH).build();
            JsonSchema compiled = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(tree, config);
            return new SchemaValidator(resource, bytes, compiled);
        } catch (IOException e) {
            throw new UncheckedIOException("The schema " + resource + " cannot be read", e);
        }
    }

    /** The classpath resource of the schema. */
    public String resource() {
        return resource;
    }

    /** The schema's bytes, as published. */
    public byte[] schemaBytes() {
        return schemaBytes.clone();
    }

    /** The problems of {@code json} against the schema; empty when valid. */
    public List<String> validate(JsonNode json) {
        return schema.validate(json).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getMessage))
                .map(SchemaValidator::describe)
                .distinct()
                .toList();
    }

    private static String describe(ValidationMessage m) {
        String message = m.getMessage();
        String location = m.getInstanceLocation().toString();
        if (message.startsWith(location + ": ")) {
            message = message.substring(location.length() + 2);
        }
        return location + ": " + message;
    }
}
