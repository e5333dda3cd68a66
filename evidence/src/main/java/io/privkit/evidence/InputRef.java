package io.privkit.evidence;

import io.privkit.common.Checks;
import io.privkit.common.Fingerprint;
import io.privkit.common.Sha256;
import io.privkit.evidence.schema.Doc;
import io.privkit.evidence.schema.Nullable;
import java.nio.file.Path;

/**
 * One input the evidence was computed on, identified by its SHA-256 digest: proof of which data
 * was used without including the data.
 *
 * <p>Conventional roles: {@code training-data}, {@code evaluation-data}, {@code reference-data},
 * {@code current-data}, {@code decision-log}, {@code policy}, {@code model}, {@code configuration}.
 *
 * @param role        what the input was used for
 * @param description a short human description (no personal data)
 * @param sha256      SHA-256 of the exact bytes
 * @param sizeBytes   the size in bytes
 * @param rows        the number of rows or examples, when it is not itself sensitive
 * @param timeRange   the period the data covers, when known
 */
@Doc("An input the evidence was computed on, identified by digest so the data itself is not included.")
public record InputRef(
        @Doc("What the input was used for, e.g. training-data, evaluation-data, reference-data, current-data, decision-log, policy, model.")
        String role,
        @Doc("A short human description of the input; never personal data.") String description,
        @Doc("SHA-256 of the input's exact bytes (what sha256sum prints).") Sha256 sha256,
        @Doc("The input's size in bytes.") long sizeBytes,
        @Doc("Number of rows or examples; null when unknown or when the count itself is treated as sensitive.")
        @Nullable Long rows,
        @Doc("The period the data covers; null when unknown.") @Nullable TimeRange timeRange) {

    public InputRef {
        Checks.requireNonBlank(role, "input.role");
        Checks.requireNonNull(description, "input.description");
        Checks.requireNonNull(sha256, "input.sha256");
        Checks.requireNonNegative(sizeBytes, "input.sizeBytes");
        if (rows != null) {
            Checks.requireNonNegative(rows, "input.rows");
        }
    }

    /** An input that is a file, fingerprinted now. */
    public static InputRef ofFile(String role, Path file, Long rows) {
        Fingerprint f = Fingerprint.of(file);
        return new InputRef(role, file.getFileName().toString(), f.sha256(), f.sizeBytes(), rows, null);
    }

    /** An input held in memory, fingerprinted now. */
    public static InputRef ofBytes(String role, String description, byte[] content, Long rows) {
        Fingerprint f = Fingerprint.of(content);
        return new InputRef(role, description, f.sha256(), f.sizeBytes(), rows, null);
    }
}
