/**
 * Benchmarks of the federated module: FedAvg aggregation throughput against a plain array loop,
 * and the cost of secure aggregation per client and for the coordinator against summing in the
 * clear.
 */
package io.privkit.benchmarks.federated;
