package io.privkit.evidence;

import io.privkit.common.Checks;

/**
 * The version of the evidence JSON format, {@code major.minor}.
 *
 * <p><b>Compatibility policy.</b> A minor version only adds optional meaning to existing fields or
 * adds record types; a major version may rename, remove or re-type fields. This Privkit reads every
 * record whose major version equals {@link #CURRENT}'s and whose minor version is at most
 * {@link #CURRENT}'s; a newer minor version is refused with a message asking for a newer Privkit
 * rather than silently dropping fields it does not know.
 *
 * @param major incompatible-change counter
 * @param minor compatible-change counter
 */
public record SchemaVersion(int major, int minor) {
    /** The version this Privkit writes. */
    public static final SchemaVersion CURRENT = new SchemaVersion(1, 0);

    public SchemaVersion {
        Checks.requirePositive(major, "schemaVersion major");
        Checks.requireNonNegative(minor, "schemaVersion minor");
    }

    /** Parses {@code "1.0"}. */
    public static SchemaVersion parse(String text) {
        Checks.requireNonNull(text, "schemaVersion");
        int dot = text.indexOf('.');
        try {
            if (dot > 0 && dot == text.lastIndexOf('.') && text.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
                return new SchemaVersion(Integer.parseInt(text.substring(0, dot)), Integer.parseInt(text.substring(dot + 1)));
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw Checks.argument("schemaVersion").mustBe("of the form MAJOR.MINOR, e.g. " + CURRENT).got(text)
                .fix("Check that the file is a Privkit evidence record.").exception();
    }

    /** Whether this Privkit can read a record of this version (see the class comment). */
    public boolean isReadable() {
        return major == CURRENT.major && minor <= CURRENT.minor;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
