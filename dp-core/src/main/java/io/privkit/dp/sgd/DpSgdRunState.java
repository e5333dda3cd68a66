package io.privkit.dp.sgd;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.privkit.common.AtomicFiles;
import io.privkit.common.Checks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The privacy state of a DP-SGD run, saved with each checkpoint so that a restarted run continues
 * the same privacy account instead of starting a new one.
 *
 * @param runId           the run's identifier (also the ledger label of its spends)
 * @param planFingerprint SHA-256 of the plan's numbers, so a checkpoint cannot be resumed under
 *                        another plan
 * @param stepsReserved   steps whose privacy spend was recorded
 * @param stepsApplied    steps whose noisy update the saved model contains
 */
public record DpSgdRunState(String runId, String planFingerprint, long stepsReserved, long stepsApplied) {
    public DpSgdRunState {
        Checks.requireNonBlank(runId, "runId");
        Checks.requireNonBlank(planFingerprint, "planFingerprint");
        Checks.requireNonNegative(stepsApplied, "stepsApplied");
        if (stepsReserved < stepsApplied) {
            throw Checks.argument("stepsReserved").mustBe("at least stepsApplied (" + stepsApplied + ")").got(stepsReserved)
                    .fix("Every applied step must have been reserved first; the checkpoint is damaged.").exception();
        }
    }

    /** The file name of a checkpoint's privacy state. */
    public static final String FILE_NAME = "privacy-state.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes this state as JSON to {@code file}, atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    }

    /**
     * Reads a state written by {@link #write}.
     *
     * @throws IOException when the file is missing or not a privacy state
     */
    public static DpSgdRunState read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null,
                    "no DP-SGD privacy state here; resume from a folder a checkpointed run wrote");
        }
        try {
            return JSON.readValue(file.toFile(), DpSgdRunState.class);
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": not a DP-SGD privacy state (" + e.getMessage() + ")", e);
        }
    }
}
