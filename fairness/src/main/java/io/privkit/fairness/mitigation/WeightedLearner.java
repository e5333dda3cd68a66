package io.privkit.fairness.mitigation;

import java.util.List;

/**
 * A learner that trains a binary classifier from weighted examples: the one capability the
 * reductions approach needs. Implementations must honour the weights (an example of weight 2
 * counts as two copies) and be deterministic for a fixed seed.
 *
 * @param <X> the feature type
 */
@FunctionalInterface
public interface WeightedLearner<X> {
    /**
     * Trains a classifier.
     *
     * @param features the examples' features
     * @param labels   their labels, 0 or 1
     * @param weights  their non-negative weights
     */
    BinaryClassifier<X> fit(List<X> features, int[] labels, double[] weights);
}
