package io.privkit.drift;

/**
 * The effect size a rule compares with its threshold: how large a change is, as opposed to how sure
 * a test is that there is one. With large samples every p-value goes to 0; an effect-size floor keeps
 * a negligible shift from being called drift.
 */
public enum EffectMeasure {
    /** No effect size takes part in the decision. */
    NONE("none"),
    /** Kolmogorov-Smirnov D (largest ECDF gap), in [0, 1]. */
    KS_D("ks-d"),
    /** Wasserstein-1 divided by the reference standard deviation. */
    WASSERSTEIN_NORMALISED("wasserstein-normalised"),
    /** Population stability index on reference bins. */
    PSI("psi"),
    /** Jensen-Shannon distance (natural log) on reference bins or categories. */
    JS_DISTANCE("js-distance"),
    /** Hellinger distance. */
    HELLINGER("hellinger"),
    /** Absolute difference of the proportions of a binary column's second level. */
    PROPORTION_DIFFERENCE("proportion-difference");

    private final String key;

    EffectMeasure(String key) {
        this.key = key;
    }

    /** The name used in reports and evidence. */
    public String key() {
        return key;
    }
}
