/**
 * Table input for fairness assessments: a reader that maps a CSV or Parquet file's columns (label,
 * prediction, score, attributes) into a {@link io.privkit.fairness.FairnessAccumulator} through the
 * shared streaming reader ({@link io.privkit.common.table}), the column checks shared with the
 * decision-log reader ({@link io.privkit.fairness.table.ColumnBinder}: unknown columns and stored
 * types that cannot hold their role, all reported at once), the columns used with their types
 * ({@link io.privkit.fairness.table.InputSchema}), and errors naming file, row and column.
 */
package io.privkit.fairness.table;
