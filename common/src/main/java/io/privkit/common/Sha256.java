package io.privkit.common;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 digest (FIPS 180-4) as 64 lower-case hexadecimal characters, the form
 * {@code sha256sum} prints, so a value in a report can be compared by eye or by script.
 *
 * <p>Immutable and thread-safe. The constructor rejects anything that is not 64 lower-case hex
 * characters; {@link #parse(String)} also accepts upper case and a {@code sha256:} prefix.
 *
 * @param hex the digest, 64 lower-case hexadecimal characters
 */
public record Sha256(String hex) implements Comparable<Sha256> {

    public Sha256 {
        Checks.requireNonNull(hex, "sha256");
        if (!isCanonical(hex)) {
            throw Checks.argument("sha256").mustBe("64 lower-case hexadecimal characters").got(hex)
                    .fix("Pass the digest as sha256sum prints it.").exception();
        }
    }

    /** Parses a digest, accepting upper case and an optional {@code sha256:} prefix. */
    public static Sha256 parse(String text) {
        Checks.requireNonNull(text, "sha256");
        String t = text.strip();
        if (t.regionMatches(true, 0, "sha256:", 0, 7)) {
            t = t.substring(7);
        }
        return new Sha256(t.toLowerCase(java.util.Locale.ROOT));
    }

    /** The digest of the given bytes. */
    public static Sha256 of(byte[] bytes) {
        Checks.requireNonNull(bytes, "bytes");
        return fromBytes(newDigest().digest(bytes));
    }

    /** Wraps 32 raw digest bytes. */
    public static Sha256 fromBytes(byte[] digest) {
        Checks.requireNonNull(digest, "digest");
        if (digest.length != 32) {
            throw Checks.argument("digest").mustBe("32 bytes long").got(digest.length + " bytes")
                    .fix("Pass the output of a SHA-256 MessageDigest.").exception();
        }
        return new Sha256(HexFormat.of().formatHex(digest));
    }

    /** The 32 raw digest bytes. */
    public byte[] toBytes() {
        return HexFormat.of().parseHex(hex);
    }

    /** A new SHA-256 {@link MessageDigest}. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public int compareTo(Sha256 other) {
        return hex.compareTo(other.hex);
    }

    /** The 64 hex characters. */
    @Override
    public String toString() {
        return hex;
    }

    private static boolean isCanonical(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
