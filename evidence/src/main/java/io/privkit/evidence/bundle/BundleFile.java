package io.privkit.evidence.bundle;

import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import io.privkit.evidence.Verdict;
import io.privkit.evidence.schema.Doc;
import io.privkit.evidence.schema.Nullable;
import java.util.UUID;

/**
 * One file of an evidence bundle, as listed in its manifest.
 *
 * @param path       the path inside the bundle, with {@code /} separators, never leaving the bundle
 * @param sha256     SHA-256 of the file's bytes
 * @param sizeBytes  its size
 * @param mediaType  its media type
 * @param recordType for an evidence record, its type
 * @param recordId   for an evidence record, its id
 * @param verdict    for an evidence record, its verdict
 */
@Doc("A file of the bundle, with the digest it must have.")
public record BundleFile(
        @Doc("Path inside the bundle, '/'-separated, relative, never leaving the bundle.") String path,
        @Doc("SHA-256 of the file's exact bytes (what sha256sum prints).") Sha256 sha256,
        @Doc("The file's size in bytes.") long sizeBytes,
        @Doc("The file's media type.") String mediaType,
        @Doc("For an evidence record, its type; null for other files.") @Nullable String recordType,
        @Doc("For an evidence record, its id; null for other files.") @Nullable UUID recordId,
        @Doc("For an evidence record, its verdict; null for other files.") @Nullable Verdict verdict) {

    public BundleFile {
        Checks.requireNonBlank(path, "file.path");
        if (!isSafe(path)) {
            throw Checks.argument("file.path").mustBe("a relative '/'-separated path inside the bundle").got(path)
                    .fix("Remove leading '/', '..' segments and backslashes.").exception();
        }
        Checks.requireNonNull(sha256, "file.sha256");
        Checks.requireNonNegative(sizeBytes, "file.sizeBytes");
        Checks.requireNonBlank(mediaType, "file.mediaType");
        if ((recordType == null) != (recordId == null) || (recordType == null) != (verdict == null)) {
            throw Checks.argument("file " + path).mustBe("given recordType, recordId and verdict together, or none")
                    .got("recordType=" + recordType + ", recordId=" + recordId + ", verdict=" + verdict).noFix().exception();
        }
    }

    /** Whether a manifest path stays inside the bundle. */
    static boolean isSafe(String path) {
        if (path.startsWith("/") || path.contains("\\") || path.contains("\0") || path.endsWith("/")) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
