package io.privkit.drift.stream;

import java.util.Map;

/**
 * A sequential change detector: fed one observation at a time, it says whether the stream is stable,
 * in a warning zone, or has changed. After a {@link Signal#DRIFT} the detector restarts on the
 * observations that follow (the new concept), so alarms can be counted as a renewal process.
 *
 * <p>Implementations are mutable and not thread-safe.
 */
public interface ChangeDetector {
    /** The detector's state after an observation. */
    enum Signal {
        /** No evidence of change. */
        STABLE,
        /** Early evidence (detectors with a warning level only). */
        WARNING,
        /** A change was detected; the detector has restarted. */
        DRIFT
    }

    /**
     * Feeds one observation.
     *
     * @param x the observation (finite; 0 or 1 for error-stream detectors)
     * @return the state after it
     * @throws IllegalArgumentException for a non-finite value (or a value outside {0, 1} for error streams); the detector is unchanged
     */
    Signal update(double x);

    /** Forgets everything seen. */
    void reset();

    /** The detector's name, e.g. {@code adwin}. */
    String name();

    /** Its parameters, as text. */
    Map<String, String> parameters();

    /** Observations since the last restart. */
    long observations();
}
