package io.privkit.evidence.bundle;

import io.privkit.common.Checks;
import io.privkit.evidence.Generator;
import io.privkit.evidence.schema.Doc;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The manifest of an evidence bundle folder: every file in the bundle with its SHA-256 digest, so
 * that any change, addition or removal after the bundle was written is detected. Written as
 * {@code manifest.json} at the bundle's root; the manifest does not list itself.
 *
 * @param schemaVersion the bundle format version
 * @param bundleId      citable identifier of this bundle
 * @param createdAt     when it was written (UTC)
 * @param generator     the software that wrote it
 * @param files         every file of the bundle, sorted by path
 */
@Doc("The manifest of a Privkit evidence bundle: every file with the SHA-256 digest it must have.")
public record BundleManifest(
        @Doc("The bundle format version, MAJOR.MINOR.") String schemaVersion,
        @Doc("Citable identifier of this bundle (UUID).") UUID bundleId,
        @Doc("When the bundle was written (ISO-8601, UTC).") Instant createdAt,
        @Doc("The software that wrote the bundle.") Generator generator,
        @Doc("Every file of the bundle except this manifest, sorted by path.") List<BundleFile> files) {

    /** The file name of the manifest inside a bundle. */
    public static final String FILE_NAME = "manifest.json";

    public BundleManifest {
        Checks.requireNonBlank(schemaVersion, "schemaVersion");
        Checks.requireNonNull(bundleId, "bundleId");
        Checks.requireNonNull(createdAt, "createdAt");
        Checks.requireNonNull(generator, "generator");
        files = List.copyOf(Checks.requireNoNullElements(files, "files"));
        Set<String> seen = new HashSet<>();
        for (BundleFile f : files) {
            if (!seen.add(f.path())) {
                throw Checks.argument("files").mustBe("free of duplicate paths").got(f.path()).noFix().exception();
            }
            if (f.path().equals(FILE_NAME)) {
                throw Checks.argument("files").mustBe("without the manifest itself").got(f.path()).noFix().exception();
            }
        }
    }
}
