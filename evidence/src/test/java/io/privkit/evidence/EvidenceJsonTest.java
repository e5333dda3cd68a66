package io.privkit.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceJsonTest {

    @Test
    void writeReadWrite_everyType_identicalBytesAndEqualRecords() {
        for (EvidenceRecord r : SampleRecords.all()) {
            byte[] first = EvidenceJson.write(r);
            EvidenceRecord back = EvidenceJson.read(first);
            assertEquals(r, back, r.recordType().id());
            assertArrayEquals(first, EvidenceJson.write(back), r.recordType().id());
        }
    }

    @Test
    void write_keyOrder_envelopeThenHeaderThenDeclaredFields() {
        ObjectNode tree = EvidenceJson.toTree(SampleRecords.privacyBudget());
        List<String> keys = new ArrayList<>();
        tree.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("schemaVersion", "recordType", "header", "statement", "dpVariant"), keys.subList(0, 5));
        List<String> header = new ArrayList<>();
        tree.get("header").fieldNames().forEachRemaining(header::add);
        assertEquals(List.of("recordId", "createdAt", "generator", "subject"), header.subList(0, 4));
    }

    @Test
    void write_layout_canonicalFormatting() {
        String json = EvidenceJson.writeString(SampleRecords.privacyBudget());
        assertTrue(json.startsWith("{\n  \"schemaVersion\": \"1.0\",\n  \"recordType\": \"privacy-budget\",\n"), json.substring(0, 80));
        assertTrue(json.endsWith("}\n"));
        assertTrue(json.contains("\"delta\": 0.00001,"), "ECMAScript layout keeps 1e-5 as a plain decimal");
        assertTrue(json.contains("\"epsilon\": \"Infinity\""), "infinite epsilon written as a string");
        assertTrue(json.contains("\"dpVariant\": \"approximate\""));
        assertTrue(json.contains("\"createdAt\": \"2026-11-23T09:30:00Z\""));
        assertTrue(!json.contains("\r"));
    }

    @Test
    void read_infiniteEpsilon_roundTrips() {
        PrivacyBudgetEvidence r = SampleRecords.privacyBudget();
        PrivacyBudgetEvidence back = EvidenceJson.readAs(EvidenceJson.write(r), PrivacyBudgetEvidence.class);
        assertEquals(Double.POSITIVE_INFINITY, back.privacyProfile().get(1).epsilon());
    }

    @Test
    void read_notJson_problemNamesLineAndColumn() {
        EvidenceFormatException e = assertThrows(EvidenceFormatException.class,
                () -> EvidenceJson.read("{\"schemaVersion\": \"1.0\",\n oops}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("not valid JSON: "), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void read_newerSchemaVersion_refusedWithUpgradeHint() {
        ObjectNode tree = EvidenceJson.toTree(SampleRecords.drift());
        tree.put("schemaVersion", "2.0");
        EvidenceFormatException e = assertThrows(EvidenceFormatException.class, () -> EvidenceJson.read(tree, null));
        assertTrue(e.getMessage().startsWith("schemaVersion must be 1.0 to 1.0"), e.getMessage());
        assertTrue(e.getMessage().contains("got 2.0. Use a newer Privkit to read it."), e.getMessage());
        tree.put("schemaVersion", "1.7");
        assertThrows(EvidenceFormatException.class, () -> EvidenceJson.read(tree, null));
        tree.put("schemaVersion", "one");
        assertThrows(EvidenceFormatException.class, () -> EvidenceJson.read(tree, null));
    }

    @Test
    void read_unknownRecordType_listsAllowed() {
        ObjectNode tree = EvidenceJson.toTree(SampleRecords.drift());
        tree.put("recordType", "vibes");
        EvidenceFormatException e = assertThrows(EvidenceFormatException.class, () -> EvidenceJson.read(tree, null));
        assertTrue(e.getMessage().contains("privacy-budget, drift, fairness, federated-training, human-oversight"), e.getMessage());
    }

    @Test
    void read_missingRequiredField_schemaProblemNamesField() {
        ObjectNode tree = EvidenceJson.toTree(SampleRecords.fairness());
        tree.remove("favourableOutcome");
        EvidenceFormatException e = assertThrows(EvidenceFormatException.class, () -> EvidenceJson.read(tree, null));
        assertTrue(e.getMessage().contains("favourableOutcome"), e.getMessage());
    }

    @Test
    void read_duplicateKey_rejected() {
        String json = EvidenceJson.writeString(SampleRecords.drift()).replaceFirst("\"datasetDrift\": true,",
                "\"datasetDrift\": true,\n  \"datasetDrift\": false,");
        EvidenceFormatException e = assertThrows(EvidenceFormatException.class,
                () -> EvidenceJson.read(json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("Duplicate field 'datasetDrift'"), e.getMessage());
    }

    @Test
    void read_valueRefusedByRecordChecks_reportedWithPath() {
        // Schema-valid, but the record refuses Poisson accounting for shuffled sampling.
        ObjectNode tree = EvidenceJson.toTree(SampleRecords.privacyBudget());
        ((ObjectNode) tree.get("sampling")).put("implemented", "shuffle");
        EvidenceFormatException e = assertThrows(EvidenceFormatException.class, () -> EvidenceJson.read(tree, null));
        assertTrue(e.getMessage().contains("sampling.accountedAs must be 'shuffle' (the implemented sampling) or 'no-amplification'"),
                e.getMessage());
    }

    @Test
    void read_wrongTypeRequested_refused() {
        byte[] drift = EvidenceJson.write(SampleRecords.drift());
        assertThrows(EvidenceFormatException.class, () -> EvidenceJson.readAs(drift, FairnessEvidence.class));
    }
}
