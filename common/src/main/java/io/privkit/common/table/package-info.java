/**
 * Streaming table input shared by every module that reads data files (drift, fairness): the
 * format told by content and name ({@link io.privkit.common.table.TableFormat}), an RFC 4180 CSV
 * parser that works in a fixed buffer ({@link io.privkit.common.table.CsvParser}), a Parquet
 * reader without the Hadoop stack ({@link io.privkit.common.table.ParquetInput}), an exact fast
 * number parser ({@link io.privkit.common.table.NumberParser}), and two ways to receive a file:
 * field by field as bytes ({@link io.privkit.common.table.FieldSink}) or row by row as text after
 * its layout, the columns with the types the file stores them in
 * ({@link io.privkit.common.table.RowHandler}, {@link io.privkit.common.table.TableLayout}).
 *
 * <p>Why here: drift and fairness both read CSV and Parquet and neither may depend on the other,
 * so the one reader lives in the module both already depend on. What a column means (a drift
 * feature type, a fairness label) stays in each module; this package only delivers cells and
 * stored types. Parquet support needs {@code blue.strategic.parquet:parquet-floor}, an optional
 * dependency of {@code common}: modules that read tables declare it, the others (evidence, DP,
 * federated learning) do not carry the Parquet stack. Without it, CSV works and a Parquet file is
 * refused with an {@link java.lang.IllegalStateException} naming the missing library.
 */
package io.privkit.common.table;
