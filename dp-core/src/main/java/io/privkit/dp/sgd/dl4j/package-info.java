/**
 * DP-SGD for DL4J: {@link io.privkit.dp.sgd.dl4j.DpSgdNetworkTrainer} trains a
 * {@code MultiLayerNetwork} or {@code ComputationGraph} with the user's own configuration, updater
 * and data; {@link io.privkit.dp.sgd.dl4j.PerExampleGradients} computes per-example gradients by the
 * layer-wise route (outer products for dense layers, im2col with ghost or materialised norms for
 * convolutions, row scatter for embeddings, a one-example fallback for other layers) and by the
 * one-example loop it is tested against; {@link io.privkit.dp.sgd.dl4j.DpSgdNetworkStep} is one
 * private step for a loop the caller owns.
 *
 * <p>Needs {@code org.deeplearning4j:deeplearning4j-nn} and an ND4J backend (e.g.
 * {@code org.nd4j:nd4j-native-platform}) on the class path; dp-core declares them optional.
 */
package io.privkit.dp.sgd.dl4j;
