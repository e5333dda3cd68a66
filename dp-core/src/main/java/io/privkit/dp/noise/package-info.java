/**
 * Noise for differential privacy that is safe against floating-point attacks.
 *
 * <p>Textbook samplers on doubles ({@code b·ln U}, Box-Muller, {@link java.util.Random#nextGaussian()})
 * leak: the set of doubles they can output depends on the true value, so an output can reveal it
 * (I. Mironov, "On Significance of the Least Significant Bits for Differential Privacy", CCS 2012;
 * J. Jin, E. McMurtry, B. Rubinstein and O. Ohrimenko, "Are We There Yet? Timing and
 * Floating-Point Attacks on Differential Privacy Systems", IEEE S&amp;P 2022). Every sampler here
 * works on integers:
 * <ul>
 *   <li>{@link io.privkit.dp.noise.DiscreteLaplaceSampler} and
 *       {@link io.privkit.dp.noise.DiscreteGaussianSampler}: exact samplers with rational parameters
 *       (Canonne, Kamath and Steinke, NeurIPS 2020, Algorithms 1-3);</li>
 *   <li>{@link io.privkit.dp.noise.LaplaceNoise} and {@link io.privkit.dp.noise.GaussianNoise}: noise
 *       for real-valued statistics by granularity rounding to a power-of-two grid chosen from public
 *       parameters, with the rounding paid for in the sensitivity (as Google's differential-privacy
 *       library and OpenDP do);</li>
 *   <li>{@link io.privkit.dp.noise.VectorGaussianNoise}: millions of Gaussian coordinates per second
 *       for DP-SGD and DP-FedAvg, with a proven sampler slack that the accountants include.</li>
 * </ul>
 * Randomness is always injected as {@link io.privkit.common.Randomness}; the default everywhere is
 * {@link io.privkit.common.Randomness#secure()}. Each noise source reports the
 * {@link io.privkit.dp.accounting.DpEvent} one release costs.
 */
package io.privkit.dp.noise;
