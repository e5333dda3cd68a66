/**
 * Tribuo adapters for the mitigation package: a {@link io.privkit.fairness.mitigation.WeightedLearner}
 * that trains Tribuo's logistic regression with example weights, for
 * {@link io.privkit.fairness.mitigation.ExponentiatedGradient} and reweighed training. The Tribuo
 * dependency is optional: add {@code org.tribuo:tribuo-classification-sgd} to use this package.
 */
package io.privkit.fairness.mitigation.tribuo;
