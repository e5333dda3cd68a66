/**
 * Small classifiers in plain Java ({@link io.privkit.federated.learn.SoftmaxRegression},
 * {@link io.privkit.federated.learn.MultilayerPerceptron}) and their local minibatch SGD
 * ({@link io.privkit.federated.learn.LocalSgd}), so a site can take part with nothing but Java: the
 * CLI's built-in task, the simulations and the examples use them.
 */
package io.privkit.federated.learn;
