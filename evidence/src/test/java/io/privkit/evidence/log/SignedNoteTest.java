package io.privkit.evidence.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Sha256;
import io.privkit.evidence.sign.Ed25519Signer;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** C2SP signed notes against the reference vector of Go's golang.org/x/mod/sumdb/note, and checkpoints. */
class SignedNoteTest {
    static final String VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    static final String NOTE = TEXT + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    @Test
    void open_referenceNote_verifies_andKeyHashMatches() {
        SignedNote.VerifierKey k = SignedNote.parseVerifierKey(VKEY);
        assertEquals("PeterNeumann", k.name());
        assertEquals(Optional.of(TEXT), SignedNote.open(NOTE, k.name(), k.key()));
        assertEquals(VKEY, SignedNote.verifierKey(k.name(), k.key()));
    }

    @Test
    void open_alteredText_rejected() {
        SignedNote.VerifierKey k = SignedNote.parseVerifierKey(VKEY);
        assertEquals(Optional.empty(), SignedNote.open(NOTE.replace("cryptography", "cryptographY"), k.name(), k.key()));
        assertEquals(Optional.empty(), SignedNote.open(NOTE, "PeterNeumann2", k.key()));
    }

    @Test
    void parseVerifierKey_wrongHash_refused() {
        assertThrows(IllegalArgumentException.class, () -> SignedNote.parseVerifierKey(VKEY.replace("c74f20a3", "c74f20a4")));
    }

    @Test
    void checkpoint_signRoundTrip_otherKeyRejected() {
        Ed25519Signer s = Ed25519Signer.generate(new SecureRandom());
        Checkpoint cp = new Checkpoint("example.org/log", 5, Sha256.of(new byte[] {1}));
        String note = SignedNote.sign(cp.body(), cp.origin(), s);
        assertTrue(note.contains("\n\n\u2014 example.org/log "));
        assertEquals(cp, Checkpoint.parse(SignedNote.open(note, cp.origin(), s.publicKey()).orElseThrow()));
        assertEquals(Optional.empty(), SignedNote.open(note, cp.origin(), Ed25519Signer.generate(new SecureRandom()).publicKey()));
        assertEquals(Optional.empty(), SignedNote.open(note.replace("\n5\n", "\n6\n"), cp.origin(), s.publicKey()));
    }

    @Test
    void checkpoint_parse_rejectsNonCanonicalSize() {
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.parse("o\n05\nAAAA\n"));
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.parse("o\n5\n"));
    }
}
