/**
 * Signing with the JDK alone: Ed25519 keys in the formats openssl reads
 * ({@link io.privkit.evidence.sign.Ed25519}, {@link io.privkit.evidence.sign.Ed25519Signer}),
 * a {@link io.privkit.evidence.sign.Signer} interface so the private key can live elsewhere, DSSE
 * envelopes ({@link io.privkit.evidence.sign.Dsse}) and in-toto statements
 * ({@link io.privkit.evidence.sign.InTotoStatement}) over every file of a bundle.
 */
package io.privkit.evidence.sign;
