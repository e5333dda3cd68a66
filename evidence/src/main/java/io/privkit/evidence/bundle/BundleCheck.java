package io.privkit.evidence.bundle;

import io.privkit.common.Checks;
import io.privkit.evidence.EvidenceRecord;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of {@link EvidenceBundle#check(Path)}: what could be read, and every problem found.
 *
 * @param directory the bundle folder
 * @param manifest  the manifest, or null when it is missing or invalid
 * @param records   the records that are valid and agree with the manifest
 * @param problems  every problem found; empty when the bundle is intact
 */
public record BundleCheck(Path directory, BundleManifest manifest, List<EvidenceRecord> records, List<BundleProblem> problems) {

    public BundleCheck {
        Checks.requireNonNull(directory, "directory");
        records = List.copyOf(Checks.requireNoNullElements(records, "records"));
        problems = List.copyOf(Checks.requireNoNullElements(problems, "problems"));
    }

    /** Whether the bundle is intact. */
    public boolean ok() {
        return problems.isEmpty();
    }

    /** Whether some file could not be read at all (as opposed to having wrong content). */
    public boolean anyUnreadable() {
        return problems.stream().anyMatch(p -> p.kind() == BundleProblem.Kind.UNREADABLE);
    }
}
