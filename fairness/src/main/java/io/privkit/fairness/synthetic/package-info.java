/**
 * Generated populations with known disparities, for demonstrations, runnable examples and tests:
 * no real person's data is needed to try the fairness and oversight measures.
 */
package io.privkit.fairness.synthetic;
