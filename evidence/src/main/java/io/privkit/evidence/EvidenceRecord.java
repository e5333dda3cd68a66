package io.privkit.evidence;

/**
 * A piece of evidence a DPIA author can cite: a common {@link EvidenceHeader} (identity, inputs,
 * the measures supported, verdict, claims, limitations and claims not made) and a type-specific
 * body with the facts behind it. The JSON form (see {@link EvidenceJson}) is the source of truth;
 * every other rendering is derived from it.
 *
 * <p>The family is closed: {@link PrivacyBudgetEvidence}, {@link DriftEvidence},
 * {@link FairnessEvidence}, {@link FederatedTrainingEvidence} and {@link HumanOversightEvidence}.
 * Records are immutable values, validated when constructed; the modules that compute the figures
 * fill them (dp-core, drift, fairness, federated).
 *
 * <p>Records word what they show as support for a measure, never as compliance: a DPIA's risk
 * judgements (likelihood, severity, residual risk, sign-off) are made by people.
 */
public sealed interface EvidenceRecord
        permits PrivacyBudgetEvidence, DriftEvidence, FairnessEvidence, FederatedTrainingEvidence,
        HumanOversightEvidence {

    /** The common header. */
    EvidenceHeader header();

    /** The record's type. */
    default RecordType recordType() {
        return RecordType.of(getClass());
    }

    /** The key figure in one plain-language line, for the measures table and listings. */
    String headline();
}
