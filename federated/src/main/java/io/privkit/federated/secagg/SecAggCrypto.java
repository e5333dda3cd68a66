package io.privkit.federated.secagg;

import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cryptographic building blocks of secure aggregation, all from the JDK:
 * <ul>
 *   <li>key agreement: X25519 (RFC 7748) through {@code KeyAgreement "X25519"};</li>
 *   <li>key derivation: SHA-256 over a domain label and length-prefixed context (run, round, the
 *       two client ids in order) and the shared secret, so every mask and every share key is bound
 *       to its run, round and pair;</li>
 *   <li>the mask generator: AES-256 in counter mode keyed by a 32-byte seed (a fresh key per seed,
 *       so a zero IV is safe), read as little-endian ring elements;</li>
 *   <li>share encryption: AES-256-GCM with a random 96-bit nonce and the context as associated
 *       data.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class SecAggCrypto {
    private static final int STREAM_BYTES = 64 * 1024;
    private static final BigInteger BASE_POINT_U = BigInteger.valueOf(9);

    private SecAggCrypto() {
    }

    /** A fresh X25519 key pair. */
    public static KeyPair newKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("X25519");
            g.initialize(NamedParameterSpec.X25519, random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 is required (Java 11+)", e);
        }
    }

    /** Decodes an X.509 SubjectPublicKeyInfo X25519 public key. */
    public static PublicKey publicKey(byte[] encoded) {
        try {
            return KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw Checks.argument("public key").mustBe("an X25519 SubjectPublicKeyInfo").got(e.getMessage()).noFix().exception();
        }
    }

    /** The 32-byte scalar of an X25519 private key. */
    public static byte[] scalar(PrivateKey key) {
        return ((XECPrivateKey) key).getScalar().orElseThrow(() -> new IllegalStateException("private key scalar not available"));
    }

    /** An X25519 private key from its 32-byte scalar. */
    public static PrivateKey privateKey(byte[] scalar) {
        try {
            return KeyFactory.getInstance("X25519").generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
        } catch (GeneralSecurityException e) {
            throw Checks.argument("private key scalar").mustBe("32 bytes").got(scalar.length).noFix().exception();
        }
    }

    /** Whether {@code scalar} is the private key of {@code publicKey} (scalar times the base point). */
    public static boolean matches(byte[] scalar, PublicKey publicKey) {
        try {
            PublicKey base = KeyFactory.getInstance("X25519").generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BASE_POINT_U));
            byte[] u = agree(privateKey(scalar), base);
            BigInteger mine = new BigInteger(1, reverse(u));
            return mine.equals(((XECPublicKey) publicKey).getU());
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** X25519 shared secret (32 bytes). */
    public static byte[] agree(PrivateKey mine, PublicKey theirs) {
        try {
            KeyAgreement ka = KeyAgreement.getInstance("X25519");
            ka.init(mine);
            ka.doPhase(theirs, true);
            return ka.generateSecret();
        } catch (GeneralSecurityException e) {
            throw Checks.argument("peer public key").mustBe("a valid X25519 key").got(e.getMessage()).noFix().exception();
        }
    }

    /** The context every derivation is bound to. */
    public record Context(String runId, int round) {
        public Context {
            Checks.requireNonBlank(runId, "runId");
            Checks.requirePositive(round, "round");
        }
    }

    /** The seed of the pairwise mask of clients {@code a} and {@code b} (order-free). */
    public static byte[] pairSeed(Context ctx, String a, String b, byte[] sharedSecret) {
        String lo = a.compareTo(b) < 0 ? a : b;
        String hi = a.compareTo(b) < 0 ? b : a;
        return derive("privkit-secagg-v1/pair-mask", ctx, lo, hi, sharedSecret);
    }

    /** The seed of a client's self mask from its secret seed {@code b}. */
    public static byte[] selfSeed(Context ctx, String client, byte[] b) {
        return derive("privkit-secagg-v1/self-mask", ctx, client, "", b);
    }

    /** The AES key encrypting shares between {@code a} and {@code b} (order-free). */
    public static byte[] shareKey(Context ctx, String a, String b, byte[] sharedSecret) {
        String lo = a.compareTo(b) < 0 ? a : b;
        String hi = a.compareTo(b) < 0 ? b : a;
        return derive("privkit-secagg-v1/share-key", ctx, lo, hi, sharedSecret);
    }

    private static byte[] derive(String label, Context ctx, String a, String b, byte[] secret) {
        MessageDigest md = Sha256.newDigest();
        md.update(frame(label, ctx.runId(), Integer.toString(ctx.round()), a, b));
        md.update(secret);
        return md.digest();
    }

    /** Length-prefixed UTF-8 fields (unambiguous concatenation). */
    static byte[] frame(String... fields) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            for (String f : fields) {
                out.writeUTF(f);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds ({@code sign = +1}) or subtracts ({@code sign = -1}) the mask expanded from {@code seed}
     * to {@code target}, element-wise modulo 2^64 (reduce to 2^32 when encoding a 32-bit ring:
     * the low 32 bits of a sum modulo 2^64 are the sum modulo 2^32). For a 32-bit ring each mask
     * element is 4 keystream bytes, otherwise 8.
     */
    public static void applyMask(long[] target, byte[] seed, int sign, int ringBits) {
        Checks.requireNonNull(target, "target");
        if (seed.length != 32) {
            throw Checks.argument("seed").mustBe("32 bytes").got(seed.length).noFix().exception();
        }
        if (sign != 1 && sign != -1) {
            throw Checks.argument("sign").mustBe("+1 or -1").got(sign).noFix().exception();
        }
        try {
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, "AES"), new IvParameterSpec(new byte[16]));
            int width = ringBits == 32 ? 4 : 8;
            byte[] zeros = new byte[STREAM_BYTES];
            byte[] stream = new byte[STREAM_BYTES];
            int perBlock = STREAM_BYTES / width;
            for (int start = 0; start < target.length; start += perBlock) {
                int n = Math.min(perBlock, target.length - start);
                int bytes = n * width;
                aes.update(zeros, 0, bytes, stream, 0);
                ByteBuffer bb = ByteBuffer.wrap(stream, 0, bytes).order(ByteOrder.LITTLE_ENDIAN);
                if (width == 8) {
                    if (sign > 0) {
                        for (int i = 0; i < n; i++) {
                            target[start + i] += bb.getLong(8 * i);
                        }
                    } else {
                        for (int i = 0; i < n; i++) {
                            target[start + i] -= bb.getLong(8 * i);
                        }
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        long m = bb.getInt(4 * i) & 0xFFFFFFFFL;
                        target[start + i] += sign > 0 ? m : -m;
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR is required by every Java platform", e);
        }
    }

    /** AES-256-GCM encryption with a fresh 12-byte nonce; returns {nonce, ciphertext}. */
    public static byte[][] seal(byte[] key, byte[] associatedData, byte[] plaintext, SecureRandom random) {
        try {
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(associatedData);
            return new byte[][] {nonce, c.doFinal(plaintext)};
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is required by every Java platform", e);
        }
    }

    /** Decrypts {@link #seal}; a wrong key, nonce, data or tag is an {@link IllegalArgumentException}. */
    public static byte[] open(byte[] key, byte[] associatedData, byte[] nonce, byte[] ciphertext) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(associatedData);
            return c.doFinal(ciphertext);
        } catch (javax.crypto.AEADBadTagException e) {
            throw Checks.argument("encrypted share").mustBe("authentic").got("a failed GCM tag check").noFix().exception();
        } catch (GeneralSecurityException e) {
            throw Checks.argument("encrypted share").mustBe("decryptable").got(e.getMessage()).noFix().exception();
        }
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }
}
