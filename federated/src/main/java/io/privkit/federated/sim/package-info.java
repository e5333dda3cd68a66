/**
 * Simulation: many clients and a coordinator in one JVM over the real protocol on loopback
 * ({@link io.privkit.federated.sim.Simulation}), data partitioners including McMahan et al.'s
 * non-IID label shards ({@link io.privkit.federated.sim.Partitions}), generated data, and the
 * Fashion-MNIST reader for Debian's {@code dataset-fashion-mnist} package.
 */
package io.privkit.federated.sim;
