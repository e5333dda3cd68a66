package io.privkit.evidence.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.privkit.common.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ed25519SignerTest {
    @TempDir
    Path tmp;

    /** The RFC 8032 derivation of A from the seed agrees with the JDK's own key generation. */
    @Test
    void publicKeyOfSeed_equalsJdkKeyPair_for25Keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        for (int i = 0; i < 25; i++) {
            KeyPair kp = g.generateKeyPair();
            byte[] seed = ((EdECPrivateKey) kp.getPrivate()).getBytes().orElseThrow();
            assertTrue(Arrays.equals(kp.getPublic().getEncoded(), Ed25519Signer.publicKeyOfSeed(seed).getEncoded()), "key " + i);
        }
    }

    /** RFC 8032 section 7.1, TEST 1: the secret key 9d61...7f60 has public key d75a...511a. */
    @Test
    void publicKeyOfSeed_rfc8032Test1() throws Exception {
        byte[] seed = java.util.HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
                java.util.HexFormat.of().formatHex(Ed25519.rawPublicKey(Ed25519Signer.publicKeyOfSeed(seed))));
    }

    @Test
    void keyFiles_plainAndEncrypted_roundTrip_andKeyIdIsSpkiDigest() throws IOException {
        Ed25519Signer s = Ed25519Signer.generate(new SecureRandom());
        assertEquals(Sha256.of(s.publicKey().getEncoded()).hex(), s.keyId());
        Path plain = tmp.resolve("plain.pem");
        Path pub = s.writeKeyFiles(plain, Optional.empty(), new SecureRandom());
        assertEquals(tmp.resolve("plain.pub.pem"), pub);
        Ed25519Signer back = Ed25519Signer.load(plain, Optional.empty());
        assertEquals(s.keyId(), back.keyId());
        byte[] msg = "m".getBytes(StandardCharsets.UTF_8);
        assertTrue(Ed25519.verify(s.publicKey(), msg, back.sign(msg)));
        Path enc = tmp.resolve("enc.pem");
        s.writeKeyFiles(enc, Optional.of("correct horse".toCharArray()), new SecureRandom());
        assertTrue(Files.readString(enc).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        assertEquals(s.keyId(), Ed25519Signer.load(enc, Optional.of("correct horse".toCharArray())).keyId());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> Ed25519Signer.load(enc, Optional.of("wrong horse".toCharArray())));
        assertTrue(wrong.getMessage().contains("must be decrypted with the passphrase given"), wrong.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> Ed25519Signer.load(enc, Optional.empty()));
        assertTrue(none.getMessage().contains("PRIVKIT_KEY_PASSPHRASE"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.writeKeyFiles(plain, Optional.empty(), new SecureRandom()), "never overwrites");
    }

    @Test
    void load_notAKey_clearMessage() throws IOException {
        Path f = tmp.resolve("x.pem");
        Files.writeString(f, "hello");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ed25519Signer.load(f, Optional.empty()));
        assertTrue(e.getMessage().startsWith(f + " must be PEM text between '-----BEGIN PRIVATE KEY-----'"), e.getMessage());
    }

    /** Keys interoperate with openssl: openssl reads our encrypted key, we read openssl's key, openssl checks our signature. */
    @Test
    void openssl_interoperates() throws Exception {
        assumeTrue(Shell.has("openssl"), "openssl is not installed");
        Path ossl = tmp.resolve("ossl.pem");
        Shell.run(tmp, "openssl", "genpkey", "-algorithm", "ed25519", "-out", ossl.toString());
        Ed25519Signer s = Ed25519Signer.load(ossl, Optional.empty());
        Path msg = tmp.resolve("msg");
        Files.writeString(msg, "evidence");
        Files.write(tmp.resolve("sig"), s.sign(Files.readAllBytes(msg)));
        Files.writeString(tmp.resolve("pub.pem"), Ed25519.publicKeyPem(s.publicKey()));
        Shell.Result ok = Shell.run(tmp, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "msg", "-sigfile", "sig");
        assertEquals(0, ok.exit(), ok.output());
        assertTrue(ok.output().contains("Signature Verified Successfully"));
        Files.writeString(msg, "evidencE");
        assertTrue(Shell.run(tmp, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "msg", "-sigfile", "sig").exit() != 0);
        Shell.Result der = Shell.run(tmp, "sh", "-c", "openssl pkey -pubin -in pub.pem -outform DER | sha256sum");
        assertTrue(der.output().startsWith(s.keyId()), der.output());
        Path enc = tmp.resolve("ours.pem");
        s.writeKeyFiles(enc, Optional.of("correct horse".toCharArray()), new SecureRandom());
        Shell.Result dec = Shell.run(tmp, "openssl", "pkey", "-in", enc.toString(), "-passin", "pass:correct horse", "-pubout");
        assertEquals(0, dec.exit(), dec.output());
        assertTrue(dec.output().contains(Ed25519.publicKeyPem(s.publicKey()).strip()), dec.output());
    }
}
