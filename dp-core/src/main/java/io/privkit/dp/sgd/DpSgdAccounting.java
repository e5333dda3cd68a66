package io.privkit.dp.sgd;

import io.privkit.dp.accounting.DpEvent;
import java.util.function.DoubleFunction;

/**
 * The privacy accounting a DP-SGD run needs: the epsilon of the run's events, and the noise
 * multiplier that reaches a target epsilon. Implementations round every result towards more
 * privacy loss (epsilon up, the calibrated noise multiplier up).
 *
 * <p>Thread-safety: implementations are thread-safe.
 */
public interface DpSgdAccounting {

    /** The epsilon of {@code event} at {@code delta}, rounded up; {@link Double#POSITIVE_INFINITY} when unbounded. */
    double epsilon(DpEvent event, double delta);

    /**
     * The smallest noise multiplier (rounded up) whose run event has epsilon at most
     * {@code targetEpsilon} at {@code delta}; never one that overshoots.
     *
     * @param runEvent the whole run's event for a given noise multiplier
     * @return the noise multiplier, or {@link Double#NaN} when none in the accountant's range reaches the target
     */
    double calibrateNoiseMultiplier(DoubleFunction<DpEvent> runEvent, double targetEpsilon, double delta);

    /** Which accountant this is. */
    DpSgdConfig.Accountant kind();

    /** dp-core's accountant of this kind. */
    static DpSgdAccounting of(DpSgdConfig.Accountant kind) {
        return DpCoreAccounting.of(kind);
    }
}
