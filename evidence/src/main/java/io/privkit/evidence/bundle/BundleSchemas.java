package io.privkit.evidence.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privkit.evidence.SchemaVersion;
import io.privkit.evidence.schema.SchemaGenerator;
import io.privkit.evidence.schema.SchemaValidator;
import java.util.List;
import java.util.Map;

/**
 * The published JSON Schema of a bundle's {@code manifest.json}
 * ({@code io/privkit/evidence/schema/bundle-manifest.schema.json}), generated from
 * {@link BundleManifest} and committed like the record schemas.
 *
 * <p>Thread-safe.
 */
public final class BundleSchemas {
    /** The classpath resource of the manifest schema. */
    public static final String MANIFEST_RESOURCE = "/io/privkit/evidence/schema/bundle-manifest.schema.json";
    private static volatile SchemaValidator validator;

    private BundleSchemas() {
    }

    /** The manifest schema, generated from {@link BundleManifest}. */
    public static ObjectNode generateManifest() {
        return new SchemaGenerator().generate(BundleManifest.class,
                "urn:privkit:schema:evidence:bundle-manifest:" + SchemaVersion.CURRENT.major(),
                "Privkit evidence bundle manifest, schema " + SchemaVersion.CURRENT, Map.of());
    }

    /** The published manifest schema's bytes. */
    public static byte[] publishedManifestBytes() {
        return validator().schemaBytes();
    }

    /** Problems of a manifest tree against the published schema; empty when valid. */
    public static List<String> validateManifest(JsonNode manifest) {
        return validator().validate(manifest);
    }

    private static SchemaValidator validator() {
        SchemaValidator v = validator;
        if (v == null) {
            v = SchemaValidator.fromResource(MANIFEST_RESOURCE);
            validator = v;
        }
        return v;
    }
}
