package io.privkit.evidence;

import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import io.privkit.evidence.schema.Doc;
import io.privkit.evidence.schema.Nullable;
import java.util.List;

/**
 * What the evidence is about: the system the DPIA assesses and, where there is one, the exact
 * model, bound by the digests of its artifacts.
 *
 * @param systemName     the processing operation or system, as the DPIA names it
 * @param modelName      the model's name, when the evidence concerns a model
 * @param modelVersion   the model's version, when known
 * @param artifactSha256 SHA-256 digests of the model files or other artifacts the evidence binds to
 */
@Doc("The system and model the evidence is about, bound to exact artifacts by their digests.")
public record Subject(
        @Doc("The processing operation or system, as the DPIA names it.") String systemName,
        @Doc("The model's name; null when the evidence does not concern one model.") @Nullable String modelName,
        @Doc("The model's version; null when unknown.") @Nullable String modelVersion,
        @Doc("SHA-256 digests of the model files or other artifacts this evidence binds to; empty when none exist yet.")
        List<Sha256> artifactSha256) {

    public Subject {
        Checks.requireNonBlank(systemName, "subject.systemName");
        artifactSha256 = List.copyOf(Checks.requireNoNullElements(artifactSha256, "subject.artifactSha256"));
    }

    /** A subject naming a system only. */
    public static Subject system(String systemName) {
        return new Subject(systemName, null, null, List.of());
    }
}
