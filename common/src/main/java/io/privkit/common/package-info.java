/**
 * What every Privkit module shares: argument checks that speak the house error form
 * ({@link io.privkit.common.Checks}, {@link io.privkit.common.Problems}), the injected source of
 * randomness that is secure unless a caller asks otherwise ({@link io.privkit.common.Randomness}),
 * SHA-256 provenance of files and streams ({@link io.privkit.common.Fingerprint}), all-or-nothing
 * file writes ({@link io.privkit.common.AtomicFiles}) and build information
 * ({@link io.privkit.common.BuildInfo}).
 *
 * <p>This package depends on the JDK alone. Streaming CSV and Parquet input is in
 * {@link io.privkit.common.table}.
 */
package io.privkit.common;
