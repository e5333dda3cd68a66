package io.privkit.dp.accounting;

import io.privkit.evidence.PrivacyBudgetEvidence;

/**
 * Which pairs of datasets count as neighbours: the relation a differential-privacy guarantee is
 * stated for. The same mechanism gives different epsilons under different relations (replacing
 * one unit moves a clipped sum by up to twice the clipping norm, adding or removing one moves it by
 * at most the norm), so every accountant is told the relation and every report names it.
 *
 * <p>The names follow Google's {@code dp_accounting} {@code NeighboringRelation}.
 */
public enum NeighboringRelation {
    /**
     * One privacy unit's data is added or removed (unbounded DP). The relation for which Poisson
     * subsampling amplifies (Mironov, Talwar and Zhang 2019; Koskela et al. 2020). Default.
     */
    ADD_OR_REMOVE_ONE,
    /**
     * One privacy unit's data is replaced by other data (bounded DP). Sampling without replacement
     * (a fixed batch size) amplifies under this relation (Wang, Balle and Kasiviswanathan 2019).
     */
    REPLACE_ONE,
    /** One unit's data is replaced by a special "zero" element (zero-out adjacency). */
    REPLACE_SPECIAL;

    /** The evidence vocabulary's name for this relation. */
    public PrivacyBudgetEvidence.NeighbouringRelation toEvidence() {
        return switch (this) {
            case ADD_OR_REMOVE_ONE -> PrivacyBudgetEvidence.NeighbouringRelation.ADD_REMOVE;
            case REPLACE_ONE -> PrivacyBudgetEvidence.NeighbouringRelation.REPLACE_ONE;
            case REPLACE_SPECIAL -> PrivacyBudgetEvidence.NeighbouringRelation.ZERO_OUT;
        };
    }
}
