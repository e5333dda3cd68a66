package io.privkit.evidence.sign;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.privkit.common.Checks;
import io.privkit.evidence.EvidenceFormatException;
import io.privkit.evidence.json.CanonicalJson;
import io.privkit.evidence.schema.Doc;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;

/**
 * Dead Simple Signing Envelopes (DSSE v1, secure-systems-lab/dsse, the envelope in-toto and
 * Sigstore use): a payload, its type, and signatures over the Pre-Authentication Encoding
 *
 * <pre>PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body</pre>
 *
 * where SP is one space and LEN is the byte length in ASCII decimal. Signing the PAE rather than
 * the payload binds the type to the bytes, so a payload cannot be replayed as another type.
 * Anyone can rebuild the PAE with {@code printf} and check the signature with
 * {@code openssl pkeyutl -verify -rawin}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Dsse {
    private Dsse() {
    }

    /**
     * A DSSE envelope, written as JSON with the payload and signatures base64-encoded.
     *
     * @param payload     the payload, standard base64
     * @param payloadType the payload's media type
     * @param signatures  one or more signatures over PAE(payloadType, payload bytes)
     */
    @Doc("A DSSE v1 envelope.")
    public record Envelope(
            @Doc("The signed bytes, standard base64.") String payload,
            @Doc("The payload's media type; part of what is signed.") String payloadType,
            @Doc("Signatures over PAE(payloadType, payload).") List<EnvelopeSignature> signatures) {
        public Envelope {
            Checks.requireNonNull(payload, "payload");
            Checks.requireNonBlank(payloadType, "payloadType");
            signatures = List.copyOf(Checks.requireNonEmpty(signatures, "signatures"));
        }

        /** The decoded payload bytes. */
        public byte[] payloadBytes() {
            return Base64.getDecoder().decode(payload);
        }

        /** The envelope as deterministic JSON. */
        public byte[] toJson() {
            return CanonicalJson.write(this);
        }
    }

    /**
     * One signature of an envelope.
     *
     * @param keyid hex SHA-256 of the signer's SubjectPublicKeyInfo
     * @param sig   the Ed25519 signature, standard base64
     */
    @Doc("A signature in a DSSE envelope.")
    public record EnvelopeSignature(
            @Doc("Hex SHA-256 of the signer's public key (SubjectPublicKeyInfo DER).") String keyid,
            @Doc("The signature, standard base64.") String sig) {
        public EnvelopeSignature {
            Checks.requireNonNull(keyid, "keyid");
            Checks.requireNonBlank(sig, "sig");
        }
    }

    /** The Pre-Authentication Encoding of a payload. */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + type.length + 32);
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** Signs a payload into an envelope with one signature. */
    public static Envelope sign(Signer signer, String payloadType, byte[] payload) {
        Checks.requireNonNull(signer, "signer");
        Checks.requireNonNull(payload, "payload");
        byte[] sig = signer.sign(pae(payloadType, payload));
        return new Envelope(Base64.getEncoder().encodeToString(payload), payloadType,
                List.of(new EnvelopeSignature(signer.keyId(), Base64.getEncoder().encodeToString(sig))));
    }

    /**
     * Whether the envelope carries a valid signature by {@code key} (matched by key id, as DSSE
     * advises; a signature under another key id is ignored, not trusted).
     */
    public static boolean verify(Envelope envelope, PublicKey key) {
        String keyId = Ed25519.keyId(key);
        byte[] pae;
        try {
            pae = pae(envelope.payloadType(), envelope.payloadBytes());
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (EnvelopeSignature s : envelope.signatures()) {
            if (!s.keyid().equals(keyId)) {
                continue;
            }
            try {
                if (Ed25519.verify(key, pae, Base64.getDecoder().decode(s.sig()))) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }

    /**
     * Parses an envelope.
     *
     * @throws EvidenceFormatException if the bytes are not a DSSE envelope
     */
    public static Envelope read(byte[] json, Path source) {
        try {
            return CanonicalJson.mapper().readValue(json, Envelope.class);
        } catch (JsonProcessingException e) {
            throw new EvidenceFormatException(source, List.of("not a DSSE envelope: " + e.getOriginalMessage().lines().findFirst().orElse("")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
