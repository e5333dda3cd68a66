package io.privkit.fairness.mitigation;

/**
 * A trained deterministic binary classifier.
 *
 * @param <X> the feature type
 */
@FunctionalInterface
public interface BinaryClassifier<X> {
    /** The decision for {@code x}, 0 or 1. */
    int predict(X x);
}
