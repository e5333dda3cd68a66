package io.privkit.evidence.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privkit.evidence.EvidenceFormatException;
import io.privkit.evidence.SchemaVersion;
import io.privkit.evidence.json.CanonicalJson;
import io.privkit.evidence.schema.SchemaGenerator;
import io.privkit.evidence.schema.SchemaValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published JSON Schemas of the {@code dpia-evidence-bundle} document and of the acceptance
 * policy file, generated from {@link DpiaEvidenceBundle} and {@link AcceptancePolicy} and committed
 * beside the record schemas ({@code io/privkit/evidence/schema/}); a test fails when code and
 * schema disagree. Also the strict readers of both documents.
 *
 * <p>Both documents start with {@code schemaVersion} and a type field ({@code documentType} or
 * {@code policyType}); the compatibility policy is {@link SchemaVersion}'s.
 *
 * <p>Thread-safe.
 */
public final class ReportSchemas {
    /** The bundle document's schema resource. */
    public static final String BUNDLE_RESOURCE = "/io/privkit/evidence/schema/dpia-evidence-bundle.schema.json";
    /** The policy file's schema resource. */
    public static final String POLICY_RESOURCE = "/io/privkit/evidence/schema/acceptance-policy.schema.json";
    /** The policy file's type value. */
    public static final String POLICY_TYPE = "privkit-acceptance-policy";

    private static volatile SchemaValidator bundleValidator;
    private static volatile SchemaValidator policyValidator;

    private ReportSchemas() {
    }

    /** The bundle document's schema, generated. */
    public static ObjectNode generateBundle() {
        return new SchemaGenerator().generate(DpiaEvidenceBundle.class,
                "urn:privkit:schema:evidence:dpia-evidence-bundle:" + SchemaVersion.CURRENT.major(),
                "Privkit DPIA evidence bundle document, schema " + SchemaVersion.CURRENT,
                leading("documentType", DpiaEvidenceBundle.DOCUMENT_TYPE));
    }

    /** The policy file's schema, generated. */
    public static ObjectNode generatePolicy() {
        return new SchemaGenerator().generate(AcceptancePolicy.class,
                "urn:privkit:schema:evidence:acceptance-policy:" + SchemaVersion.CURRENT.major(),
                "Privkit pre-registered acceptance policy, schema " + SchemaVersion.CURRENT, leading("policyType", POLICY_TYPE));
    }

    private static Map<String, ObjectNode> leading(String typeField, String typeValue) {
        Map<String, ObjectNode> m = new LinkedHashMap<>();
        m.put("schemaVersion", JsonNodeFactory.instance.objectNode().put("type", "string").put("pattern", "^[0-9]+\\.[0-9]+$")
                .put("description", "Format version MAJOR.MINOR."));
        m.put(typeField, JsonNodeFactory.instance.objectNode().put("const", typeValue));
        return m;
    }

    /** The bundle document as deterministic JSON. */
    public static byte[] write(DpiaEvidenceBundle doc) {
        return withEnvelope(doc, "documentType", DpiaEvidenceBundle.DOCUMENT_TYPE);
    }

    /** A policy as deterministic JSON. */
    public static byte[] write(AcceptancePolicy policy) {
        return withEnvelope(policy, "policyType", POLICY_TYPE);
    }

    private static byte[] withEnvelope(Object value, String typeField, String typeValue) {
        ObjectNode body = CanonicalJson.mapper().valueToTree(value);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("schemaVersion", SchemaVersion.CURRENT.toString());
        root.put(typeField, typeValue);
        root.setAll(body);
        return CanonicalJson.write(root);
    }

    /** Reads a bundle document strictly (schema version, schema, then values). */
    public static DpiaEvidenceBundle readBundle(byte[] json, Path source) {
        return read(json, source, "documentType", DpiaEvidenceBundle.DOCUMENT_TYPE, bundleValidator(), DpiaEvidenceBundle.class);
    }

    /** Reads a policy strictly (schema version, schema, then values). */
    public static AcceptancePolicy readPolicy(byte[] json, Path source) {
        return read(json, source, "policyType", POLICY_TYPE, policyValidator(), AcceptancePolicy.class);
    }

    /** The published bundle schema's bytes. */
    public static byte[] publishedBundleBytes() {
        return bundleValidator().schemaBytes();
    }

    /** The published policy schema's bytes. */
    public static byte[] publishedPolicyBytes() {
        return policyValidator().schemaBytes();
    }

    private static <T> T read(byte[] json, Path source, String typeField, String typeValue, SchemaValidator validator, Class<T> type) {
        JsonNode tree;
        try {
            tree = CanonicalJson.readTree(json);
        } catch (JsonProcessingException e) {
            String loc = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new EvidenceFormatException(source, List.of("not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse("") + loc));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> problems = new ArrayList<>();
        if (!tree.isObject()) {
            throw new EvidenceFormatException(source, List.of("must be a JSON object with " + typeField + " \"" + typeValue + "\""));
        }
        if (!typeValue.equals(tree.path(typeField).asText(null))) {
            problems.add(typeField + " must be \"" + typeValue + "\"; got " + (tree.has(typeField) ? tree.get(typeField) : "none")
                    + ". Is this the right file?");
        }
        JsonNode v = tree.get("schemaVersion");
        if (v == null || !v.isTextual()) {
            problems.add("schemaVersion must be a string such as \"" + SchemaVersion.CURRENT + "\"; got " + (v == null ? "none" : v));
        } else {
            try {
                SchemaVersion sv = SchemaVersion.parse(v.asText());
                if (!sv.isReadable()) {
                    problems.add("schemaVersion must be " + SchemaVersion.CURRENT.major() + ".0 to " + SchemaVersion.CURRENT
                            + " for this Privkit; got " + sv + ". Use a newer Privkit to read it.");
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new EvidenceFormatException(source, problems);
        }
        problems.addAll(validator.validate(tree));
        if (!problems.isEmpty()) {
            throw new EvidenceFormatException(source, problems);
        }
        ObjectNode body = ((ObjectNode) tree).deepCopy();
        body.remove("schemaVersion");
        body.remove(typeField);
        try {
            return CanonicalJson.mapper().treeToValue(body, type);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new EvidenceFormatException(source, List.of(cause.getMessage()));
        }
    }

    private static SchemaValidator bundleValidator() {
        SchemaValidator v = bundleValidator;
        if (v == null) {
            v = SchemaValidator.fromResource(BUNDLE_RESOURCE);
            bundleValidator = v;
        }
        return v;
    }

    private static SchemaValidator policyValidator() {
        SchemaValidator v = policyValidator;
        if (v == null) {
            v = SchemaValidator.fromResource(POLICY_RESOURCE);
            policyValidator = v;
        }
        return v;
    }
}
