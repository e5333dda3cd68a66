/**
 * Mergeable column profiles for drift checks at scale: a reference is profiled once and stored; every
 * later table (or each of its chunks, on any number of threads or machines) is counted into the same
 * fixed bins and merged by addition.
 *
 * <ul>
 *   <li>{@link io.privkit.drift.profile.NumericProfile}: exact counts on the reference's bin edges
 *       (PSI, KL, JS, Hellinger, chi-square exact for those edges), exact counts on fine
 *       reference-quantile edges and at the edges themselves (a deterministic two-sided bound on the KS
 *       statistic and on Wasserstein-1), mergeable moments, and a KLL quantile sketch;</li>
 *   <li>{@link io.privkit.drift.profile.SketchKs}: the KS statistic between two KLL sketches with the
 *       proven bound |D_hat - D| &lt;= eps_1 + eps_2;</li>
 *   <li>{@link io.privkit.drift.profile.TableProfile}: a table's profiles, serialised to JSON;</li>
 *   <li>{@link io.privkit.drift.profile.Profiler}: profiles a reference table, or a CSV file in one
 *       streaming pass with parallel workers whose partial profiles are merged;</li>
 *   <li>{@link io.privkit.drift.profile.ProfileComparison}: the drift check on profiles, with
 *       bounded statistics and an INCONCLUSIVE verdict when a bound straddles the threshold.</li>
 * </ul>
 */
package io.privkit.drift.profile;
