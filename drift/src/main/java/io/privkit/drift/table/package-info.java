/**
 * Table input for drift checks: column schemas inferred or read from a schema file
 * ({@link io.privkit.drift.table.Schema}), and the columnar {@link io.privkit.drift.table.Table}
 * that the batch check consumes, with per-column missing counts and per-column errors (an empty or
 * all-missing column is reported, the run goes on). The files themselves (CSV, or Parquet when its
 * optional dependency is present) are parsed by the shared streaming reader in
 * {@link io.privkit.common.table}, which fairness uses too.
 */
package io.privkit.drift.table;
