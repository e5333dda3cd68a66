package io.privkit.examples.datascientist;

import io.privkit.common.Randomness;
import io.privkit.drift.stream.Calibration;
import io.privkit.drift.stream.ChangeDetector;
import io.privkit.drift.stream.NullModel;
import io.privkit.drift.stream.StreamMonitor;
import io.privkit.drift.stream.Tunable;
import io.privkit.evidence.DriftEvidence;
import io.privkit.evidence.EvidenceHeader;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.Subject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Data scientist's quick start: monitor a model's score stream with ADWIN whose false-alarm rate is
 * calibrated by simulation on reference scores (one false alarm per 5,000 observations on average),
 * then write the drift evidence record.
 */
public final class StreamMonitorQuickstart {
    private StreamMonitorQuickstart() {
    }

    public static void main(String[] args) throws IOException {
        run(Path.of(args.length > 0 ? args[0] : "stream-drift.json"), System.out);
    }

    /** Runs the example and returns the positions of the alarms' records. */
    public static DriftEvidence run(Path evidenceFile, PrintStream out) throws IOException {
        Randomness data = Randomness.insecureSeeded(1); // generated example data only
        double[] referenceScores = new double[5000];
        for (int i = 0; i < referenceScores.length; i++) {
            referenceScores[i] = NullModel.gaussian().next(data);
        }

        // 1. Calibrate ADWIN's delta so that false alarms come once per 5,000 in-control scores on average.
        Calibration.Result cal = Calibration.calibrate(Tunable.adwin(), NullModel.bootstrap(referenceScores), 5000,
                new Calibration.Effort(100, 3, 16), 2026L);
        out.printf("adwin delta=%.3g, expected run time %.0f%n", cal.value(), cal.estimatedErt());

        // 2. Monitor the live stream (here: 3,000 in-control scores, then a shift of 0.8).
        StreamMonitor monitor = StreamMonitor.of("model-score", cal.detector(Tunable.adwin(), Randomness.secure()), cal);
        for (int t = 0; t < 6000; t++) {
            double score = NullModel.gaussian().next(data) + (t < 3000 ? 0 : 0.8);
            if (monitor.update(score) == ChangeDetector.Signal.DRIFT) {
                out.println("drift at observation " + (t + 1));
            }
        }

        // 3. Evidence for the DPIA: detector, calibration (seed, runs), alarms.
        DriftEvidence record = monitor.evidence(EvidenceHeader.builder().subject(Subject.system("Loan scoring")));
        EvidenceJson.write(record, evidenceFile);
        return record;
    }
}
