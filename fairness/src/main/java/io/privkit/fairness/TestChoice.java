package io.privkit.fairness;

/**
 * Which test of equal proportions each group-versus-reference comparison reports.
 */
public enum TestChoice {
    /** Fisher's exact test (two-sided, minimum likelihood) for every comparison. */
    FISHER_EXACT,
    /** The pooled two-proportion z test for every comparison. */
    POOLED_Z,
    /**
     * Fisher's exact test when the two groups together hold at most 100 000 people, the pooled z
     * test above (where the normal approximation is accurate and the exact test's cost grows with
     * the margins). The default.
     */
    AUTO;

    /** The name used in reports. */
    public String id() {
        return switch (this) {
            case FISHER_EXACT -> "fisher-exact";
            case POOLED_Z -> "two-proportion-z";
            case AUTO -> "auto";
        };
    }
}
