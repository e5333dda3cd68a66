package io.privkit.evidence.report;

import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An acceptance policy file as read: the parsed policy, its exact bytes and their SHA-256 (the
 * digest every verdict cites).
 *
 * @param policy the policy
 * @param bytes  the file's exact bytes
 * @param sha256 their digest
 */
public record PolicyFile(AcceptancePolicy policy, byte[] bytes, Sha256 sha256) {

    public PolicyFile {
        Checks.requireNonNull(policy, "policy");
        bytes = bytes.clone();
        Checks.requireNonNull(sha256, "sha256");
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * Reads and validates a policy file.
     *
     * @throws io.privkit.evidence.EvidenceFormatException if it does not parse or validate (every problem listed)
     * @throws java.nio.file.NoSuchFileException          if it does not exist
     */
    public static PolicyFile read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return of(bytes, file);
    }

    /** A policy file from bytes; {@code source} names it in messages. */
    public static PolicyFile of(byte[] bytes, Path source) {
        AcceptancePolicy p;
        try {
            p = ReportSchemas.readPolicy(bytes, source);
        } catch (IllegalArgumentException e) {
            if (e instanceof io.privkit.evidence.EvidenceFormatException) {
                throw e;
            }
            throw new io.privkit.evidence.EvidenceFormatException(source, java.util.List.of(e.getMessage()));
        }
        return new PolicyFile(p, bytes, Sha256.of(bytes));
    }

    /** A policy file written from a policy (deterministic JSON). */
    public static PolicyFile of(AcceptancePolicy policy) {
        byte[] bytes = ReportSchemas.write(policy);
        return new PolicyFile(policy, bytes, Sha256.of(bytes));
    }
}
