package io.privkit.evidence.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.evidence.EvidenceFormatException;
import io.privkit.evidence.json.CanonicalJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The bundle document's and the policy file's published schemas equal the generated ones
 * (regenerate with {@code -Dprivkit.updateSchemas=true}), and the readers are strict.
 */
class ReportSchemasTest {
    private static final boolean UPDATE = Boolean.getBoolean("privkit.updateSchemas");
    private static final Path RESOURCES = Path.of("src/main/resources");

    @Test
    void committedBundleSchema_equalsGenerated() throws IOException {
        check(CanonicalJson.write(ReportSchemas.generateBundle()), ReportSchemas.BUNDLE_RESOURCE);
    }

    @Test
    void committedPolicySchema_equalsGenerated() throws IOException {
        check(CanonicalJson.write(ReportSchemas.generatePolicy()), ReportSchemas.POLICY_RESOURCE);
    }

    private static void check(byte[] generated, String resource) throws IOException {
        Path committed = RESOURCES.resolve(resource.substring(1));
        if (UPDATE) {
            Files.write(committed, generated);
        }
        assertEquals(new String(generated, StandardCharsets.UTF_8), Files.readString(committed),
                committed + " is out of date; regenerate it with -Dprivkit.updateSchemas=true");
    }

    @Test
    void policy_roundTrip_sameBytes() {
        byte[] bytes = ReportSchemas.write(SamplePolicy.policy());
        PolicyFile read = PolicyFile.of(bytes, Path.of("policy.json"));
        assertEquals(SamplePolicy.policy(), read.policy());
        assertEquals(new String(bytes, StandardCharsets.UTF_8), new String(ReportSchemas.write(read.policy()), StandardCharsets.UTF_8));
    }

    @Test
    void readPolicy_notJson_namesFileAndPosition() {
        EvidenceFormatException e = assertThrows(EvidenceFormatException.class,
                () -> PolicyFile.of("{ nope".getBytes(StandardCharsets.UTF_8), Path.of("policy.json")));
        assertTrue(e.problems().get(0).startsWith("not valid JSON"), e.problems().toString());
        assertTrue(e.problems().get(0).contains("line 1"), e.problems().toString());
        assertEquals(Path.of("policy.json"), e.file().orElseThrow());
    }

    @Test
    void readPolicy_newerSchemaVersion_refusedWithFix() {
        String json = new String(ReportSchemas.write(SamplePolicy.policy()), StandardCharsets.UTF_8).replace("\"1.0\"", "\"2.0\"");
        EvidenceFormatException e = assertThrows(EvidenceFormatException.class, () -> PolicyFile.of(json.getBytes(StandardCharsets.UTF_8), null));
        assertTrue(e.problems().get(0).contains("got 2.0. Use a newer Privkit"), e.problems().toString());
    }

    @Test
    void readPolicy_metricOfAnotherMeasure_refusedNamingCriterion() {
        String json = new String(ReportSchemas.write(SamplePolicy.policy()), StandardCharsets.UTF_8)
                .replace("\"metric\": \"drifted-share\"", "\"metric\": \"epsilon\"");
        EvidenceFormatException e = assertThrows(EvidenceFormatException.class, () -> PolicyFile.of(json.getBytes(StandardCharsets.UTF_8), null));
        assertTrue(e.problems().get(0).contains("criterion drift-share metric must be a metric of measure drift-monitoring"), e.problems().toString());
    }

    @Test
    void readPolicy_unknownField_refused() {
        String json = new String(ReportSchemas.write(SamplePolicy.policy()), StandardCharsets.UTF_8)
                .replace("\"policyId\":", "\"thresholdsTunedLater\": true, \"policyId\":");
        assertThrows(EvidenceFormatException.class, () -> PolicyFile.of(json.getBytes(StandardCharsets.UTF_8), null));
    }
}
