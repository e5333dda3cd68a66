package io.privkit.evidence.sign;

import java.security.PublicKey;

/**
 * Something that signs bytes with an Ed25519 private key (RFC 8032, pure Ed25519) without
 * exposing the key: a PKCS#8 key file ({@link Ed25519Signer#load}), a key generated for one run
 * ({@link Ed25519Signer#generate}), or an implementation backed by a PKCS#11 token or a key
 * management service, so the DPIA owner can hold the bundle-signing key apart from the pipeline.
 *
 * <p>Implementations must be thread-safe.
 */
public interface Signer {
    /** The public half, as an X.509 SubjectPublicKeyInfo key. */
    PublicKey publicKey();

    /** The key id: lower-case hex SHA-256 of the public key's SubjectPublicKeyInfo DER encoding. */
    default String keyId() {
        return Ed25519.keyId(publicKey());
    }

    /** Whether the private key exists only for this run (generated, never written to disk). */
    boolean ephemeral();

    /** The 64-byte Ed25519 signature of {@code message}. */
    byte[] sign(byte[] message);
}
