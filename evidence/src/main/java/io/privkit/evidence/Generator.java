package io.privkit.evidence;

import io.privkit.common.BuildInfo;
import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import io.privkit.evidence.schema.Doc;
import io.privkit.evidence.schema.Nullable;

/**
 * Which software produced a record (EU AI Act Annex IV 2(g); NIST AI RMF MEASURE 2.1 asks that
 * the tools used in testing be documented).
 *
 * @param name        the tool's name
 * @param version     the tool's version
 * @param buildDigest SHA-256 of the jar that produced the record, when it ran from a jar
 */
@Doc("The software that produced the record, so a reader can tell which build computed each figure.")
public record Generator(
        @Doc("The tool's name.") String name,
        @Doc("The tool's version.") String version,
        @Doc("SHA-256 of the jar file that produced the record; null when it ran from a classes folder (a development build).")
        @Nullable Sha256 buildDigest) {

    public Generator {
        Checks.requireNonBlank(name, "generator.name");
        Checks.requireNonBlank(version, "generator.version");
    }

    /** This Privkit build, with the digest of the jar {@code component} was loaded from. */
    public static Generator privkit(Class<?> component) {
        return new Generator("Privkit", BuildInfo.version(), BuildInfo.codeDigest(component).orElse(null));
    }
}
