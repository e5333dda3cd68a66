package io.privkit.dp.sgd;

/**
 * The privacy accounting a DP-SGD run needs: the epsilon of a number of identical steps, and the
 * noise multiplier that reaches a target epsilon. Implementations must round every result towards
 * more privacy loss (epsilon up, the calibrated noise multiplier up).
 *
 * <p>Thread-safety: implementations are thread-safe.
 */
public interface DpSgdAccounting {

    /**
     * The epsilon at {@code delta} after {@code steps} repetitions of {@code step}, rounded up;
     * {@link Double#POSITIVE_INFINITY} when unbounded.
     */
    double epsilon(DpSgdStep step, long steps, double delta);

    /**
     * The smallest noise multiplier (rounded up) for which {@code steps} repetitions of a step with
     * this sampling reach at most {@code targetEpsilon} at {@code delta}; never one that overshoots.
     *
     * @param step a step whose noise multiplier is ignored (its sampling is used)
     * @return the noise multiplier, or {@link Double#NaN} when no noise multiplier within the
     *         accountant's range reaches the target
     */
    double calibrateNoiseMultiplier(DpSgdStep step, long steps, double targetEpsilon, double delta);

    /** Which accountant this is. */
    DpSgdConfig.Accountant kind();
}
