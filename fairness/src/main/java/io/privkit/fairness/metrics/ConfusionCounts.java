package io.privkit.fairness.metrics;

import io.privkit.common.Checks;
import io.privkit.fairness.FavourableOutcome;

/**
 * The four counts of a binary confusion matrix with the positive class coded 1: true positives
 * (label 1, prediction 1), false positives (label 0, prediction 1), true negatives (0, 0) and false
 * negatives (1, 0). Every rate of {@link Metric} is a function of these four numbers, so counts
 * are all an assessment keeps per group: they {@link #plus(ConfusionCounts) add}, so chunks of a
 * stream, files and machines combine exactly, and memory does not grow with the rows.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tp true positives
 * @param fp false positives
 * @param tn true negatives
 * @param fn false negatives
 */
public record ConfusionCounts(long tp, long fp, long tn, long fn) {
    /** No observations. */
    public static final ConfusionCounts EMPTY = new ConfusionCounts(0, 0, 0, 0);

    public ConfusionCounts {
        Checks.requireNonNegative(tp, "tp");
        Checks.requireNonNegative(fp, "fp");
        Checks.requireNonNegative(tn, "tn");
        Checks.requireNonNegative(fn, "fn");
    }

    /** The counts of one observation. */
    public static ConfusionCounts of(boolean label, boolean prediction) {
        return new ConfusionCounts(label && prediction ? 1 : 0, !label && prediction ? 1 : 0,
                !label && !prediction ? 1 : 0, label && !prediction ? 1 : 0);
    }

    /** The sum of two tables (merging two chunks of data). */
    public ConfusionCounts plus(ConfusionCounts other) {
        return new ConfusionCounts(Math.addExact(tp, other.tp), Math.addExact(fp, other.fp), Math.addExact(tn, other.tn),
                Math.addExact(fn, other.fn));
    }

    /** Observations, {@code tp + fp + tn + fn}. */
    public long n() {
        return tp + fp + tn + fn;
    }

    /** Actual positives, {@code tp + fn}. */
    public long actualPositives() {
        return tp + fn;
    }

    /** Actual negatives, {@code fp + tn}. */
    public long actualNegatives() {
        return fp + tn;
    }

    /** Predicted positives, {@code tp + fp}. */
    public long predictedPositives() {
        return tp + fp;
    }

    /** Predicted negatives, {@code tn + fn}. */
    public long predictedNegatives() {
        return tn + fn;
    }

    /**
     * The same observations with the favourable outcome as the positive class: unchanged when the
     * favourable outcome is the positive class; otherwise the classes swap ({@code tp <-> tn},
     * {@code fp <-> fn}). AIF360's privileged/unprivileged metrics and the four-fifths rule are
     * computed on this view.
     */
    public ConfusionCounts favourableView(FavourableOutcome favourable) {
        Checks.requireNonNull(favourable, "favourable");
        return favourable == FavourableOutcome.POSITIVE_CLASS ? this : new ConfusionCounts(tn, fn, tp, fp);
    }
}
