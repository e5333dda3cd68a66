package io.privkit.fairness.mitigation;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import java.util.List;

/**
 * A uniform mixture of deterministic classifiers, as {@link ExponentiatedGradient} returns: a
 * person's decision is drawn by picking one classifier at random. The probability of a positive
 * decision is the share of classifiers that decide positive. Because decisions depend on a random
 * draw, {@link #predict(Object, Randomness)} takes its randomness explicitly; for replay and
 * evidence, draw from {@code Randomness.insecureSeeded(seed)} and record the seed.
 * {@link #predictThresholded} gives the deterministic majority decision instead, which is not
 * covered by the reduction's guarantee.
 *
 * <p>Immutable and thread-safe if the classifiers are.
 *
 * @param classifiers the mixture's members (equal weights)
 * @param iterations  iterations run
 * @param gap         the duality gap of the returned mixture
 * @param gapTarget   the gap the run aimed for
 * @param <X>         the feature type
 */
public record RandomizedClassifier<X>(List<BinaryClassifier<X>> classifiers, int iterations, double gap, double gapTarget) {
    public RandomizedClassifier {
        classifiers = List.copyOf(Checks.requireNonEmpty(classifiers, "classifiers"));
    }

    /** The probability of a positive decision for {@code x}. */
    public double probability(X x) {
        int positive = 0;
        for (BinaryClassifier<X> h : classifiers) {
            positive += h.predict(x);
        }
        return (double) positive / classifiers.size();
    }

    /** A randomised decision: one member chosen uniformly at random decides. */
    public int predict(X x, Randomness randomness) {
        Checks.requireNonNull(randomness, "randomness");
        return classifiers.get(randomness.nextInt(classifiers.size())).predict(x);
    }

    /** The deterministic majority decision ({@code probability >= 0.5}); outside the reduction's guarantee. */
    public int predictThresholded(X x) {
        return probability(x) >= 0.5 ? 1 : 0;
    }
}
