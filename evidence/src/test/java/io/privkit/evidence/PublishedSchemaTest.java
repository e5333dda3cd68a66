package io.privkit.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privkit.evidence.bundle.BundleSchemas;
import io.privkit.evidence.json.CanonicalJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The published schemas are generated from the record classes and committed. This test fails
 * when the two disagree, so a schema change is always deliberate. To regenerate after changing a
 * record: {@code mvn -pl evidence test -Dtest=PublishedSchemaTest -Dprivkit.updateSchemas=true}.
 */
class PublishedSchemaTest {
    private static final boolean UPDATE = Boolean.getBoolean("privkit.updateSchemas");
    private static final Path RESOURCES = Path.of("src/main/resources");

    @ParameterizedTest
    @EnumSource(RecordType.class)
    void committedSchema_equalsGeneratedSchema(RecordType type) throws IOException {
        byte[] generated = CanonicalJson.write(EvidenceSchemas.generate(type));
        Path committed = RESOURCES.resolve(type.schemaResource().substring(1));
        if (UPDATE) {
            Files.createDirectories(committed.getParent());
            Files.write(committed, generated);
        }
        assertEquals(new String(generated, StandardCharsets.UTF_8), Files.readString(committed),
                "The published schema " + committed + " is out of date; regenerate it with -Dprivkit.updateSchemas=true");
    }

    @Test
    void committedManifestSchema_equalsGeneratedSchema() throws IOException {
        byte[] generated = CanonicalJson.write(BundleSchemas.generateManifest());
        Path committed = RESOURCES.resolve(BundleSchemas.MANIFEST_RESOURCE.substring(1));
        if (UPDATE) {
            Files.write(committed, generated);
        }
        assertEquals(new String(generated, StandardCharsets.UTF_8), Files.readString(committed));
    }

    @Test
    void sampleRecords_validAgainstPublishedSchemas() {
        for (EvidenceRecord r : SampleRecords.all()) {
            assertEquals(List.of(), EvidenceSchemas.validate(r.recordType(), EvidenceJson.toTree(r)), r.recordType().id());
        }
    }

    /** Removing any required field, at the top or in the header, must fail schema validation. */
    @Test
    void schema_anyRequiredFieldRemoved_invalid() {
        for (EvidenceRecord r : SampleRecords.all()) {
            ObjectNode tree = EvidenceJson.toTree(r);
            JsonNode schema = schemaOf(r.recordType());
            for (JsonNode requiredName : schema.get("required")) {
                ObjectNode copy = tree.deepCopy();
                copy.remove(requiredName.asText());
                List<String> problems = EvidenceSchemas.validate(r.recordType(), copy);
                assertFalse(problems.isEmpty(), r.recordType().id() + " without " + requiredName);
                assertTrue(problems.get(0).contains(requiredName.asText()), problems.toString());
            }
            for (JsonNode requiredName : schema.get("$defs").get("EvidenceHeader").get("required")) {
                ObjectNode copy = tree.deepCopy();
                ((ObjectNode) copy.get("header")).remove(requiredName.asText());
                assertFalse(EvidenceSchemas.validate(r.recordType(), copy).isEmpty(), "header without " + requiredName);
            }
        }
    }

    @Test
    void schema_nullInNonNullableField_invalid_nullInNullableField_valid() {
        ObjectNode tree = EvidenceJson.toTree(SampleRecords.privacyBudget());
        ObjectNode bad = tree.deepCopy();
        bad.putNull("statement");
        assertFalse(EvidenceSchemas.validate(RecordType.PRIVACY_BUDGET, bad).isEmpty());
        ObjectNode ok = tree.deepCopy();
        ok.putNull("utility");
        assertEquals(List.of(), EvidenceSchemas.validate(RecordType.PRIVACY_BUDGET, ok));
    }

    @Test
    void schema_badDigestAndUnknownEnum_invalid() {
        ObjectNode tree = EvidenceJson.toTree(SampleRecords.privacyBudget());
        ((ObjectNode) tree.get("header").get("inputs").get(0)).put("sha256", "not-a-digest");
        tree.put("dpVariant", "sort-of-private");
        List<String> problems = EvidenceSchemas.validate(RecordType.PRIVACY_BUDGET, tree);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("$.dpVariant")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("$.header.inputs[0].sha256")), problems.toString());
    }

    @Test
    void schema_extraField_invalid() {
        ObjectNode tree = EvidenceJson.toTree(SampleRecords.drift());
        tree.put("compliant", true);
        assertFalse(EvidenceSchemas.validate(RecordType.DRIFT, tree).isEmpty());
    }

    private static JsonNode schemaOf(RecordType type) {
        try {
            return CanonicalJson.readTree(EvidenceSchemas.publishedBytes(type));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
