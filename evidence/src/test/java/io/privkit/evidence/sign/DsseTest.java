package io.privkit.evidence.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class DsseTest {
    /** The PAE example of the DSSE protocol specification (secure-systems-lab/dsse, protocol.md). */
    @Test
    void pae_specificationExample() {
        assertEquals("DSSEv1 29 http://example.com/HelloWorld 11 hello world",
                new String(Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
    }

    @Test
    void sign_verify_andEveryTamperingRejected() {
        Ed25519Signer s = Ed25519Signer.generate(new SecureRandom());
        byte[] payload = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        Dsse.Envelope e = Dsse.sign(s, "application/json", payload);
        assertTrue(Dsse.verify(e, s.publicKey()));
        assertEquals(e, Dsse.read(e.toJson(), null));
        assertFalse(Dsse.verify(new Dsse.Envelope(e.payload(), "application/other", e.signatures()), s.publicKey()), "type is signed");
        assertFalse(Dsse.verify(new Dsse.Envelope(Base64.getEncoder().encodeToString("{\"a\":2}".getBytes(StandardCharsets.UTF_8)),
                e.payloadType(), e.signatures()), s.publicKey()), "payload is signed");
        assertFalse(Dsse.verify(e, Ed25519Signer.generate(new SecureRandom()).publicKey()), "another key");
        Dsse.Envelope wrongKeyId = new Dsse.Envelope(e.payload(), e.payloadType(),
                List.of(new Dsse.EnvelopeSignature("00".repeat(32), e.signatures().get(0).sig())));
        assertFalse(Dsse.verify(wrongKeyId, s.publicKey()), "a signature under another key id is not trusted");
    }
}
