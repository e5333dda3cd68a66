/**
 * Local training with DL4J: {@link io.privkit.federated.client.dl4j.Dl4jLocalTrainer} runs a
 * site's own {@code MultiLayerNetwork} or {@code ComputationGraph} (its updater, loss and
 * listeners) with {@code fit} on the site's data from each round's global model;
 * {@link io.privkit.federated.client.dl4j.Dl4jParameters} maps the network's parameter table to the
 * federation's named tensors (DL4J's keys, row-major), checks names and shapes, and gives the
 * initial model and loads the final one.
 *
 * <p>Needs {@code org.deeplearning4j:deeplearning4j-nn} and an ND4J backend (e.g.
 * {@code org.nd4j:nd4j-native-platform}) on the class path; the federated module declares them
 * optional.
 */
package io.privkit.federated.client.dl4j;
