package io.privkit.evidence.bundle;

import io.privkit.common.Checks;

/**
 * One problem found when checking a bundle.
 *
 * @param path    the file inside the bundle it concerns ({@code manifest.json} for the manifest)
 * @param message what is wrong, and what it means
 * @param kind    whether the content is wrong or a file could not be read
 */
public record BundleProblem(String path, String message, Kind kind) {

    /** Content problems are bad input; read failures are I/O errors. */
    public enum Kind {
        /** The bundle's content is wrong: a digest, a record, a missing or extra file. */
        CONTENT,
        /** A file exists but could not be read. */
        UNREADABLE
    }

    public BundleProblem {
        Checks.requireNonBlank(path, "path");
        Checks.requireNonBlank(message, "message");
        Checks.requireNonNull(kind, "kind");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
