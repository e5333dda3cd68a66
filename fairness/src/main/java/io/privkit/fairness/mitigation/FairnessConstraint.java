package io.privkit.fairness.mitigation;

/** The constraint of an {@link ExponentiatedGradient} reduction (the "moments" of Agarwal et al. 2018). */
public enum FairnessConstraint {
    /**
     * Demographic parity: for every group a, {@code |E[h(X) | A=a] - E[h(X)]| <= epsilon}.
     */
    DEMOGRAPHIC_PARITY,
    /**
     * Equalized odds: for every group a and label y,
     * {@code |E[h(X) | A=a, Y=y] - E[h(X) | Y=y]| <= epsilon}.
     */
    EQUALIZED_ODDS
}
