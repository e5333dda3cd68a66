package io.privkit.cli.demo;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.evidence.Subject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What every demo step receives.
 *
 * @param dataDir  a folder for the step's generated data files (removed after the demo unless kept)
 * @param dataSeed the seed for generating data, so the demo's data is the same on every run
 * @param noise    the secure randomness for privacy noise (never seeded)
 * @param clock    the clock for record times
 * @param subject  the system the demo's evidence is about
 * @param log      where a step may print a short detail line
 */
public record DemoContext(Path dataDir, long dataSeed, Randomness noise, Clock clock, Subject subject, PrintWriter log) {
    public DemoContext {
        Checks.requireNonNull(dataDir, "dataDir");
        Checks.requireNonNull(noise, "noise");
        Checks.requireNonNull(clock, "clock");
        Checks.requireNonNull(subject, "subject");
        Checks.requireNonNull(log, "log");
    }

    /** Seeded randomness for generating a step's data, derived from the demo seed and the step's label. */
    public Randomness dataRandomness(String label) {
        return Randomness.insecureSeeded(dataSeed).derive(label);
    }
}
