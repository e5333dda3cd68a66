package io.privkit.evidence.sign;

import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Ed25519 public keys and signature checks with the JDK alone (JEP 339, {@code SunEC}), in the
 * formats standard tools read.
 *
 * <p><b>Formats.</b> A public key is written as PEM of its X.509 SubjectPublicKeyInfo (RFC 8410:
 * {@code -----BEGIN PUBLIC KEY-----}), which {@code openssl pkeyutl -verify -pubin -inkey} reads.
 * A key id is the lower-case hex SHA-256 of that DER encoding, so anyone can recompute it with
 * {@code openssl pkey -pubin -in key.pem -outform DER | sha256sum}.
 *
 * <p><b>Guarantee.</b> Ed25519 (Bernstein, Duif, Lange, Schwabe and Yang, "High-speed high-security
 * signatures", CHES 2011; RFC 8032) gives existential unforgeability under chosen-message attack:
 * nobody without the private key can make a signature the check accepts, on any message. It says
 * nothing about who holds the private key: binding a key id to a person is done by publishing the
 * key id out of band (in the DPIA document, to the DPO).
 *
 * <p>Stateless and thread-safe.
 */
public final class Ed25519 {
    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 section 4), before the 32 key bytes. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private Ed25519() {
    }

    /** Hex SHA-256 of the key's SubjectPublicKeyInfo DER encoding. */
    public static String keyId(PublicKey key) {
        Checks.requireNonNull(key, "publicKey");
        return Sha256.of(key.getEncoded()).hex();
    }

    /** The 32 raw public-key bytes (RFC 8032 encoding) of an Ed25519 SubjectPublicKeyInfo key. */
    public static byte[] rawPublicKey(PublicKey key) {
        byte[] der = key.getEncoded();
        if (der.length != 44 || !Arrays.equals(Arrays.copyOf(der, 12), SPKI_PREFIX)) {
            throw Checks.argument("public key").mustBe("an Ed25519 key (RFC 8410)").got(key.getAlgorithm())
                    .fix("Create one with 'privkit keys create'.").exception();
        }
        return Arrays.copyOfRange(der, 12, 44);
    }

    /** PEM text of the key's SubjectPublicKeyInfo. */
    public static String publicKeyPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /**
     * Reads a PEM public key.
     *
     * @param source names the input in messages (a file name)
     * @throws IllegalArgumentException if the text is not an Ed25519 public key
     */
    public static PublicKey readPublicKeyPem(String pem, String source) {
        byte[] der = unpem(pem, "PUBLIC KEY", source);
        try {
            PublicKey k = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
            rawPublicKey(k);
            return k;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw Checks.argument(source).mustBe("an Ed25519 public key in PEM (-----BEGIN PUBLIC KEY-----)")
                    .got("a key that does not parse as Ed25519").fix("Use the signer.pub.pem Privkit wrote.").exception();
        }
    }

    /** Whether {@code signature} is a valid Ed25519 signature of {@code message} by {@code key}. */
    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        Checks.requireNonNull(key, "publicKey");
        Checks.requireNonNull(message, "message");
        Checks.requireNonNull(signature, "signature");
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (InvalidKeyException | SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required by every Java 15+ platform", e);
        }
    }

    static String pem(String label, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
    }

    static byte[] unpem(String pem, String label, String source) {
        Checks.requireNonNull(pem, source);
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end);
        if (b < 0 || e < b) {
            throw Checks.argument(source).mustBe("PEM text between '" + begin + "' and '" + end + "'")
                    .got(firstLine(pem)).fix("Check that the file is the right kind of key.").exception();
        }
        String body = pem.substring(b + begin.length(), e).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException ex) {
            throw Checks.argument(source).mustBe("valid base64 inside the PEM armour").got("invalid base64")
                    .fix("The file is damaged; use a fresh copy.").exception();
        }
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        String line = nl < 0 ? t : t.substring(0, nl);
        return line.length() > 60 ? line.substring(0, 60) + "..." : line;
    }
}
