package io.privkit.fairness;

/**
 * Which of the two classes is favourable to the person: a required input of every assessment,
 * because the sign of a disparity and the value of an impact ratio flip with it (on COMPAS,
 * disparate impact is 0.634 with "not re-arrested" favourable and 1.741 with the opposite).
 *
 * <p>Rates such as TPR and FPR are always computed with the class coded 1 as positive (as
 * scikit-learn and Fairlearn do); the favourable outcome decides the favourable rate, statistical
 * parity difference, disparate impact, the four-fifths comparison and the inequality indices.
 */
public enum FavourableOutcome {
    /** The class coded 1 is favourable (e.g. 1 = loan approved). */
    POSITIVE_CLASS,
    /** The class coded 0 is favourable (e.g. 1 = flagged as high risk, 0 = not flagged). */
    NEGATIVE_CLASS
}
