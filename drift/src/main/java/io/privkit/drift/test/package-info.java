/**
 * Two-sample tests and distances for drift detection, each written from its paper or textbook and
 * checked against SciPy golden values: Kolmogorov-Smirnov ({@link io.privkit.drift.test.KolmogorovSmirnov}),
 * Anderson-Darling k-sample ({@link io.privkit.drift.test.AndersonDarling}), Cramer-von Mises
 * ({@link io.privkit.drift.test.CramerVonMises}), Mann-Whitney U ({@link io.privkit.drift.test.MannWhitney}),
 * Epps-Singleton ({@link io.privkit.drift.test.EppsSingleton}), chi-square and G-test on the union of
 * categories ({@link io.privkit.drift.test.Contingency}), Fisher's exact test
 * ({@link io.privkit.drift.test.FisherExact}), the two-proportion z-test
 * ({@link io.privkit.drift.test.TwoProportionZ}), Wasserstein-1 and energy distance
 * ({@link io.privkit.drift.test.Distances}) and binned divergences (PSI, KL, Jensen-Shannon,
 * Hellinger, total variation: {@link io.privkit.drift.test.Binned}).
 *
 * <p>Every class is stateless and thread-safe; inputs are {@link io.privkit.drift.test.SortedSample}s
 * (finite values, sorted once) or count vectors. Results are {@link io.privkit.drift.test.Outcome}
 * records naming the test, the statistic, the p-value when there is one and how it was computed.
 */
package io.privkit.drift.test;
