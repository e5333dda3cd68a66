package io.privkit.evidence.log;

import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import io.privkit.evidence.sign.Ed25519;
import io.privkit.evidence.sign.Signer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Signed notes in the C2SP {@code signed-note} format (the format of Go's checksum database and
 * of transparency-log checkpoints): a text ending in a newline, a blank line, then one line per
 * signature,
 *
 * <pre>— &lt;key name&gt; base64(key hash (4 bytes) || Ed25519 signature of the text)</pre>
 *
 * where the line starts with U+2014 EM DASH and a space, and the key hash is the first four bytes
 * of SHA-256(key name || 0x0A || 0x01 || 32-byte public key). A verifier key is written
 * {@code <name>+<hex key hash>+base64(0x01 || public key)}.
 *
 * <p>Because the signature covers the text's exact bytes, it can be checked with
 * {@code openssl pkeyutl -verify -rawin} on the note's first lines and the last 64 bytes of the
 * decoded signature.
 *
 * <p>Stateless and thread-safe.
 */
public final class SignedNote {
    /** The signature-line prefix: U+2014 EM DASH and a space. */
    public static final String SIGNATURE_PREFIX = "\u2014 ";
    private static final byte ED25519 = 0x01;

    private SignedNote() {
    }

    /** The note: {@code text}, a blank line, and the signature line. */
    public static String sign(String text, String keyName, Signer signer) {
        requireText(text);
        requireKeyName(keyName);
        byte[] sig = signer.sign(text.getBytes(StandardCharsets.UTF_8));
        byte[] blob = new byte[4 + sig.length];
        System.arraycopy(keyHash(keyName, signer.publicKey()), 0, blob, 0, 4);
        System.arraycopy(sig, 0, blob, 4, sig.length);
        return text + "\n" + SIGNATURE_PREFIX + keyName + " " + Base64.getEncoder().encodeToString(blob) + "\n";
    }

    /**
     * The note's text when it carries a valid signature by ({@code keyName}, {@code key}); empty
     * when it does not, or when the note is malformed.
     */
    public static Optional<String> open(String note, String keyName, PublicKey key) {
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            return Optional.empty();
        }
        String text = note.substring(0, split + 1);
        byte[] wantHash = keyHash(keyName, key);
        for (String line : note.substring(split + 2).split("\n")) {
            if (!line.startsWith(SIGNATURE_PREFIX)) {
                return Optional.empty();
            }
            String[] parts = line.substring(SIGNATURE_PREFIX.length()).split(" ");
            if (parts.length != 2 || !parts[0].equals(keyName)) {
                continue;
            }
            byte[] blob;
            try {
                blob = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (blob.length != 68 || !Arrays.equals(Arrays.copyOf(blob, 4), wantHash)) {
                continue;
            }
            if (Ed25519.verify(key, text.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(blob, 4, 68))) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }

    /** SHA-256(name || 0x0A || 0x01 || public key)[0:4]. */
    public static byte[] keyHash(String keyName, PublicKey key) {
        var d = Sha256.newDigest();
        d.update(keyName.getBytes(StandardCharsets.UTF_8));
        d.update((byte) '\n');
        d.update(ED25519);
        d.update(Ed25519.rawPublicKey(key));
        return Arrays.copyOf(d.digest(), 4);
    }

    /** The verifier key text {@code <name>+<hex key hash>+base64(0x01 || public key)}. */
    public static String verifierKey(String keyName, PublicKey key) {
        byte[] raw = Ed25519.rawPublicKey(key);
        byte[] typed = new byte[33];
        typed[0] = ED25519;
        System.arraycopy(raw, 0, typed, 1, 32);
        return keyName + "+" + HexFormat.of().formatHex(keyHash(keyName, key)) + "+" + Base64.getEncoder().encodeToString(typed);
    }

    /**
     * A parsed verifier key.
     *
     * @param name the key name
     * @param key  the Ed25519 public key
     */
    public record VerifierKey(String name, PublicKey key) {
    }

    /** Parses a verifier key, checking its key hash. */
    public static VerifierKey parseVerifierKey(String text) {
        String[] parts = text.strip().split("\\+");
        IllegalArgumentException bad = Checks.argument("verifier key").mustBe("<name>+<8 hex digits>+<base64 key>")
                .got(text).fix("Copy the key from the bundle's VERIFY.md.").exception();
        if (parts.length != 3) {
            throw bad;
        }
        byte[] typed;
        try {
            typed = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw bad;
        }
        if (typed.length != 33 || typed[0] != ED25519) {
            throw bad;
        }
        PublicKey key = publicKeyFromRaw(Arrays.copyOfRange(typed, 1, 33));
        if (!HexFormat.of().formatHex(keyHash(parts[0], key)).equals(parts[1])) {
            throw Checks.argument("verifier key").mustBe("a key whose hash matches its name and key").got(text)
                    .fix("The key was altered; use an authentic copy.").exception();
        }
        return new VerifierKey(parts[0], key);
    }

    /** An Ed25519 public key from its 32 raw bytes. */
    public static PublicKey publicKeyFromRaw(byte[] raw) {
        byte[] der = new byte[44];
        System.arraycopy(new byte[] {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00}, 0, der, 0, 12);
        System.arraycopy(raw, 0, der, 12, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw Checks.argument("public key").mustBe("32 bytes of an Ed25519 key").got(raw.length + " bytes").noFix().exception();
        }
    }

    private static void requireText(String text) {
        if (text.isEmpty() || !text.endsWith("\n") || text.contains("\n\n")) {
            throw Checks.argument("note text").mustBe("non-empty, ending in a newline, without blank lines").got(text)
                    .noFix().exception();
        }
    }

    private static void requireKeyName(String name) {
        if (name.isBlank() || name.contains(" ") || name.contains("+") || name.contains("\n")) {
            throw Checks.argument("key name").mustBe("non-empty, without spaces, '+' or newlines").got(name).noFix().exception();
        }
    }
}
