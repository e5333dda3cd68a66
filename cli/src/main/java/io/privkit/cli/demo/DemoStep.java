package io.privkit.cli.demo;

import io.privkit.evidence.EvidenceRecord;
import java.util.List;

/**
 * One capability the demo runs end to end on generated data, producing the evidence records it
 * would produce on real data. Steps run in {@link DemoSteps#all()} order; each must be quick
 * (seconds) and must use {@link DemoContext#noise()} for any privacy noise.
 */
public interface DemoStep {
    /** A short title for the progress line, e.g. "DP training (DP-SGD, generated data)". */
    String title();

    /** Runs the step and returns the records it produced. */
    List<EvidenceRecord> run(DemoContext context) throws Exception;
}
