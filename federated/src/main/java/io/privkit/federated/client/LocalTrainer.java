package io.privkit.federated.client;

/**
 * The user's local training: any function from the global model to an update. It runs at the
 * site, on the site's data, which never leaves it.
 *
 * <pre>{@code
 * LocalTrainer trainer = task -> {
 *     ModelWeights trained = myTraining(task.globalModel(), localData, task.instructions().proximalMu());
 *     return LocalUpdate.fromTrained(task.globalModel(), trained, localData.size());
 * };
 * }</pre>
 *
 * <p>Ready-made trainers: {@link io.privkit.federated.learn.LocalSgd} for the small built-in
 * models, {@code io.privkit.federated.client.dl4j.Dl4jLocalTrainer} for a DL4J network and
 * {@code io.privkit.federated.client.tribuo.TribuoLinearLocalTrainer} for a Tribuo linear
 * classifier (their libraries are optional dependencies). Called from the client's task thread, one task at a time.
 */
@FunctionalInterface
public interface LocalTrainer {
    /** Trains locally from {@code task.globalModel()} and returns the update. */
    LocalUpdate train(TrainingTask task) throws Exception;
}
