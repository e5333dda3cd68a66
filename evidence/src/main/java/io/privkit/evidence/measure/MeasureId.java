package io.privkit.evidence.measure;

import io.privkit.evidence.json.JsonNames;

/**
 * The stable identifiers of the DPIA measures Privkit can evidence. The identifiers never change
 * meaning; the {@link MeasureCatalogue} gives each its title, the risks it addresses and its
 * crosswalk to regulators' and standards' vocabularies.
 */
public enum MeasureId {
    /** Differentially private model training, with a privacy-budget ledger. */
    DP_TRAINING,
    /** Federated training: each party keeps its data; only model updates travel. */
    FEDERATED_LEARNING,
    /** Evaluation of outcomes and errors across protected groups, and bias mitigation. */
    BIAS_AUDIT,
    /** Regular monitoring of data and prediction drift in production. */
    DRIFT_MONITORING,
    /** Metrics that show human review of automated decisions is meaningful. */
    HUMAN_OVERSIGHT,
    /** Digests, signatures and an append-only log that make the evidence tamper-evident. */
    EVIDENCE_INTEGRITY;

    /** The identifier as written in JSON and documents, e.g. {@code dp-training}. */
    public String id() {
        return JsonNames.of(this);
    }

    /** The measure with the given identifier (e.g. {@code "bias-audit"}). */
    public static MeasureId parse(String id) {
        return JsonNames.parse(MeasureId.class, id);
    }
}
