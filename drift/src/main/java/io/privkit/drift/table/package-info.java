/**
 * Table input for drift checks: a streaming RFC 4180 CSV parser that never holds the whole file
 * ({@link io.privkit.drift.table.CsvParser}), column schemas inferred or read from a schema file
 * ({@link io.privkit.drift.table.Schema}), and the columnar {@link io.privkit.drift.table.Table}
 * that the batch check consumes, with per-column missing counts and per-column errors (an empty or
 * all-missing column is reported, the run goes on). Parquet files are read by
 * {@link io.privkit.drift.table.ParquetInput} when its optional dependency is present.
 */
package io.privkit.drift.table;
