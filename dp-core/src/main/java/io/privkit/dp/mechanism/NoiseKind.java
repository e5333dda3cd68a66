package io.privkit.dp.mechanism;

/** The noise an aggregation adds. */
public enum NoiseKind {
    /** Laplace (discrete Laplace for counts): pure ε-DP. */
    LAPLACE,
    /** Gaussian (discrete Gaussian for counts), analytically calibrated: (ε, δ)-DP. */
    GAUSSIAN
}
