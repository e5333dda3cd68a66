/**
 * Table input for fairness assessments: a streaming RFC 4180 CSV reader and a reader that maps a
 * CSV file's columns (label, prediction, score, attributes) into a
 * {@link io.privkit.fairness.FairnessAccumulator}, with errors naming file, row and column.
 */
package io.privkit.fairness.table;
