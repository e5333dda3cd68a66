package io.privkit.fairness;

/**
 * What a sensitive attribute stands for: one of the nine protected characteristics of the UK
 * Equality Act 2010 (s.4), a proxy for one, or another attribute. Recorded with each attribute so
 * a report says which characteristics were measured and, by omission, which were not.
 */
public enum Characteristic {
    /** Age. */
    AGE,
    /** Disability. */
    DISABILITY,
    /** Gender reassignment. */
    GENDER_REASSIGNMENT,
    /** Marriage and civil partnership. */
    MARRIAGE_AND_CIVIL_PARTNERSHIP,
    /** Pregnancy and maternity. */
    PREGNANCY_AND_MATERNITY,
    /** Race (including colour, nationality, ethnic or national origins). */
    RACE,
    /** Religion or belief. */
    RELIGION_OR_BELIEF,
    /** Sex. */
    SEX,
    /** Sexual orientation. */
    SEXUAL_ORIENTATION,
    /** A proxy for a protected characteristic (e.g. postcode for ethnicity). */
    PROXY,
    /** Another attribute (not a protected characteristic). */
    OTHER
}
