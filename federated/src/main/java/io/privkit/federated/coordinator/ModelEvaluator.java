package io.privkit.federated.coordinator;

import io.privkit.federated.ModelWeights;
import java.util.Map;

/**
 * Evaluates a global model on data the coordinator holds (a public or synthetic hold-out set),
 * returning named metrics such as {@code accuracy}. Optional: a coordinator usually has no data.
 */
@FunctionalInterface
public interface ModelEvaluator {
    /** The metrics of {@code model}. */
    Map<String, Double> evaluate(ModelWeights model);
}
