package io.privkit.fairness;

import io.privkit.common.Checks;

/**
 * A seeded bootstrap for the aggregates that have no closed-form interval (the spread between
 * groups, the distance to overall), after B. Efron and R. J. Tibshirani, "An Introduction to the
 * Bootstrap", Chapman and Hall 1993: percentile intervals from {@code resamples} resamples drawn
 * from {@code Randomness.insecureSeeded(seed)}, so every figure can be replayed, and the seed is
 * recorded in the evidence.
 *
 * <p>Resampling works on counts: drawing n rows with replacement is a multinomial draw over the
 * cells, so memory does not grow with the rows. {@link Resampling#WHOLE_DATA} resamples all rows
 * (Fairlearn's scheme; group sizes vary, and a small group can vanish from a resample, its value
 * then undefined and left out); {@link Resampling#WITHIN_GROUPS} keeps each group's size
 * (stratified).
 *
 * <p>Immutable and thread-safe.
 *
 * @param resamples  resamples, at least 100
 * @param seed       the seed of the resampling stream
 * @param resampling how rows are resampled
 */
public record BootstrapSettings(int resamples, long seed, Resampling resampling) {

    /** How rows are resampled. */
    public enum Resampling {
        /** All rows with replacement (group sizes vary). */
        WHOLE_DATA,
        /** Rows with replacement within each group (group sizes fixed). */
        WITHIN_GROUPS
    }

    public BootstrapSettings {
        Checks.requireAtLeast(resamples, "bootstrap.resamples", 100);
        Checks.requireNonNull(resampling, "bootstrap.resampling");
    }

    /** {@code resamples} whole-data resamples from {@code seed}. */
    public static BootstrapSettings of(int resamples, long seed) {
        return new BootstrapSettings(resamples, seed, Resampling.WHOLE_DATA);
    }

    /** A copy with the given resampling scheme. */
    public BootstrapSettings with(Resampling scheme) {
        return new BootstrapSettings(resamples, seed, scheme);
    }
}
