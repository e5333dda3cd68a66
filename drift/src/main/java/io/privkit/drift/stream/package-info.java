/**
 * Sequential change detectors for streams, written from their papers: ADWIN, Page-Hinkley, CUSUM and
 * KSWIN on real values; DDM, EDDM, HDDM-A and HDDM-W on a stream of errors (0/1). Each detector's
 * threshold can be calibrated by seeded simulation ({@link io.privkit.drift.stream.Calibration}) to a
 * target expected run time (ERT) between false alarms, instead of folklore defaults; the calibration
 * and its seed are recorded for the evidence ({@link io.privkit.drift.stream.StreamMonitor}).
 * {@link io.privkit.drift.stream.DelayStudy} measures detection delay, misses and false alarms on
 * seeded step-change streams that every detector sees identically.
 *
 * <p>Detectors are single-threaded accumulators: one per stream, fed from one thread.
 */
package io.privkit.drift.stream;
