package io.privkit.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The identity of a file or byte stream for provenance: its SHA-256 digest and its size in bytes.
 * Evidence records cite their inputs by fingerprint, which proves which data a figure was
 * computed on without including the data.
 *
 * <p>Computed in one streaming pass with a 64 KiB buffer, so memory does not grow with the input.
 * The digest equals what {@code sha256sum FILE} prints.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sha256    the SHA-256 digest of the exact bytes
 * @param sizeBytes the number of bytes digested
 */
public record Fingerprint(Sha256 sha256, long sizeBytes) {
    private static final int BUFFER_BYTES = 64 * 1024;

    public Fingerprint {
        Checks.requireNonNull(sha256, "sha256");
        Checks.requireNonNegative(sizeBytes, "sizeBytes");
    }

    /**
     * Fingerprints a file.
     *
     * @throws IllegalArgumentException if the file does not exist or is a directory
     * @throws UncheckedIOException     if it exists but cannot be read
     */
    public static Fingerprint of(Path file) {
        Checks.requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw Checks.argument("file").mustBe("a regular file").got(file.toString() + " (a directory)")
                    .fix("Pass the path of a file.").exception();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        } catch (NoSuchFileException e) {
            throw Checks.argument("file").mustBe("an existing file").got(file.toString())
                    .fix("Check the path.").exception();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fingerprints everything left in the stream, reading it to the end. The stream is not closed.
     *
     * @throws IOException if reading fails
     */
    public static Fingerprint of(InputStream in) throws IOException {
        Checks.requireNonNull(in, "in");
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[BUFFER_BYTES];
        long size = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            digest.update(buffer, 0, n);
            size += n;
        }
        return new Fingerprint(Sha256.fromBytes(digest.digest()), size);
    }

    /** Fingerprints an in-memory byte array. */
    public static Fingerprint of(byte[] bytes) {
        Checks.requireNonNull(bytes, "bytes");
        return new Fingerprint(Sha256.of(bytes), bytes.length);
    }

    @Override
    public String toString() {
        return "sha256:" + sha256.hex() + " (" + sizeBytes + " bytes)";
    }
}
