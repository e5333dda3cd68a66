package io.privkit.evidence;

import io.privkit.evidence.json.JsonNames;

/**
 * The kinds of evidence record, each with its JSON name, Java type, media type and published JSON
 * Schema.
 */
public enum RecordType {
    /** What privacy a differentially private release or training run gives: {@link PrivacyBudgetEvidence}. */
    PRIVACY_BUDGET(PrivacyBudgetEvidence.class),
    /** A comparison of production data with reference data: {@link DriftEvidence}. */
    DRIFT(DriftEvidence.class),
    /** Outcomes and errors across protected groups: {@link FairnessEvidence}. */
    FAIRNESS(FairnessEvidence.class),
    /** A federated training run: {@link FederatedTrainingEvidence}. */
    FEDERATED_TRAINING(FederatedTrainingEvidence.class),
    /** How humans reviewed automated decisions: {@link HumanOversightEvidence}. */
    HUMAN_OVERSIGHT(HumanOversightEvidence.class);

    private final Class<? extends EvidenceRecord> javaType;

    RecordType(Class<? extends EvidenceRecord> javaType) {
        this.javaType = javaType;
    }

    /** The JSON name, e.g. {@code privacy-budget}. */
    public String id() {
        return JsonNames.of(this);
    }

    /** The Java record type. */
    public Class<? extends EvidenceRecord> javaType() {
        return javaType;
    }

    /** The media type, e.g. {@code application/vnd.privkit.evidence.privacy-budget+json; version=1}. */
    public String mediaType() {
        return "application/vnd.privkit.evidence." + id() + "+json; version=" + SchemaVersion.CURRENT.major();
    }

    /** The classpath resource of the published JSON Schema. */
    public String schemaResource() {
        return "/io/privkit/evidence/schema/" + id() + ".schema.json";
    }

    /** The type with the given JSON name. */
    public static RecordType parse(String id) {
        return JsonNames.parse(RecordType.class, id);
    }

    /** The type of a record class. */
    public static RecordType of(Class<? extends EvidenceRecord> type) {
        for (RecordType t : values()) {
            if (t.javaType == type) {
                return t;
            }
        }
        throw new IllegalArgumentException("Not an evidence record type: " + type.getName());
    }
}
