package io.privkit.drift.stream;

import io.privkit.common.Checks;
import io.privkit.evidence.DriftEvidence;
import io.privkit.evidence.EvidenceHeader;
import io.privkit.evidence.MultipleTesting;
import io.privkit.evidence.Verdict;
import io.privkit.evidence.measure.MeasureId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Monitors one stream with a (calibrated) detector and keeps what a report needs: observations,
 * alarms with their positions, and the calibration; {@link #evidence} turns it into a
 * {@link DriftEvidence} record with the streaming section filled. Not thread-safe: feed from one thread.
 *
 * <pre>{@code
 * Calibration.Result cal = Calibration.calibrate(Tunable.adwin(), NullModel.bootstrap(referenceScores), 10_000,
 *         Calibration.Effort.standard(), 42);
 * StreamMonitor monitor = StreamMonitor.of("model-score", cal.detector(Tunable.adwin(), Randomness.secure()), cal);
 * for (double score : scores) {
 *     if (monitor.update(score) == ChangeDetector.Signal.DRIFT) { ... }
 * }
 * }</pre>
 */
public final class StreamMonitor {
    private final String stream;
    private final ChangeDetector detector;
    private final Calibration.Result calibration;
    private long observations;
    private final List<Long> alarms = new ArrayList<>();
    private Double detectionDelay;

    private StreamMonitor(String stream, ChangeDetector detector, Calibration.Result calibration) {
        this.stream = stream;
        this.detector = detector;
        this.calibration = calibration;
    }

    /**
     * A monitor.
     *
     * @param calibration the detector's calibration, or null when it was not calibrated
     */
    public static StreamMonitor of(String stream, ChangeDetector detector, Calibration.Result calibration) {
        return new StreamMonitor(Checks.requireNonBlank(stream, "stream"), Checks.requireNonNull(detector, "detector"), calibration);
    }

    /** Feeds one observation (checked by the detector; a rejected value changes nothing). */
    public ChangeDetector.Signal update(double x) {
        ChangeDetector.Signal s = detector.update(x);
        observations++;
        if (s == ChangeDetector.Signal.DRIFT) {
            alarms.add(observations);
        }
        return s;
    }

    /** Records a measured mean detection delay (e.g. from {@link Calibration#detectionDelay}). */
    public void recordDetectionDelay(double meanDelay) {
        this.detectionDelay = Checks.requireNonNegative(meanDelay, "meanDelay");
    }

    /** Observations fed. */
    public long observations() {
        return observations;
    }

    /** Positions (1-based) of the alarms. */
    public List<Long> alarms() {
        return List.copyOf(alarms);
    }

    /** The streaming section of the evidence. */
    public DriftEvidence.Streaming streaming() {
        Map<String, String> params = new TreeMap<>(detector.parameters());
        if (calibration != null) {
            params.putAll(Calibration.describe(calibration));
        }
        return new DriftEvidence.Streaming(detector.name(), params, calibration == null ? null : calibration.estimatedErt(),
                calibration == null ? null : calibration.falseAlarmRate(), detectionDelay, alarms.size());
    }

    /**
     * The evidence record for this stream: dataset drift when any alarm was raised.
     *
     * @param header a header builder with the subject
     */
    public DriftEvidence evidence(EvidenceHeader.Builder header) {
        boolean drift = !alarms.isEmpty();
        String policy = detector.name() + " " + detector.parameters()
                + (calibration == null ? ", not calibrated" : ", calibrated by simulation to an expected run time of "
                + calibration.targetErt() + " observations between false alarms");
        header.supports(MeasureId.DRIFT_MONITORING).verdict(drift ? Verdict.FAIL : Verdict.PASS)
                .claim("The stream '" + stream + "' was monitored observation by observation; " + alarms.size() + " change alarms in "
                        + observations + " observations.")
                .limitation("A sequential detector raises false alarms at its calibrated rate; an alarm calls for a batch check.")
                .claimNotMade("This record does not show that the processing meets any legal requirement.");
        DriftEvidence.FeatureType type = DriftEvidence.FeatureType.NUMERIC;
        return DriftEvidence.builder()
                .header(header.build())
                .referenceWindow(new DriftEvidence.Window(null, null, 0, stream + " (in-control model used for calibration)"))
                .currentWindow(new DriftEvidence.Window(null, null, observations, stream))
                .policy(new DriftEvidence.DetectionPolicy("stream-" + detector.name(), policy))
                .featureMonitored(new DriftEvidence.Feature(stream, type, DriftEvidence.FeatureRole.FEATURE))
                .featureDrift(new DriftEvidence.FeatureDrift(stream, type, null, detector.name() + " alarm", drift, null, List.of(), null, 0,
                        observations, 0, 0, List.of(), null, null))
                .multipleTesting(new MultipleTesting(MultipleTesting.Correction.NONE,
                        calibration == null ? 0.05 : Math.min(0.5, calibration.falseAlarmRate())))
                .datasetRule(new DriftEvidence.DatasetRule(DriftEvidence.DatasetRuleKind.ANY_AFTER_CORRECTION, null))
                .datasetDrift(drift)
                .driftedShare(drift ? 1.0 : 0.0)
                .streaming(streaming())
                .status(drift ? DriftEvidence.Status.ALERT : DriftEvidence.Status.OK)
                .privacyOfMonitoring(new DriftEvidence.MonitoringPrivacy(true, "detector state only (window summaries)", "none"))
                .build();
    }
}
