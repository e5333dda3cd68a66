package io.privkit.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {

    /** FIPS 180-2, Appendix B.1: SHA-256("abc"). */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    /** SHA-256 of the empty string. */
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    /** FIPS 180-2, Appendix B.3: SHA-256 of one million 'a' characters (crosses many 64 KiB buffers). */
    private static final String MILLION_A = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

    @TempDir
    Path dir;

    @Test
    void ofBytes_fipsVectors_match() {
        assertEquals(ABC, Fingerprint.of("abc".getBytes(StandardCharsets.US_ASCII)).sha256().hex());
        assertEquals(EMPTY, Fingerprint.of(new byte[0]).sha256().hex());
        assertEquals(3, Fingerprint.of("abc".getBytes(StandardCharsets.US_ASCII)).sizeBytes());
    }

    @Test
    void ofFile_millionA_streamsAcrossBuffers() throws IOException {
        Path f = dir.resolve("a.txt");
        Files.write(f, "a".repeat(1_000_000).getBytes(StandardCharsets.US_ASCII));
        Fingerprint fp = Fingerprint.of(f);
        assertEquals(MILLION_A, fp.sha256().hex());
        assertEquals(1_000_000, fp.sizeBytes());
    }

    @Test
    void ofStream_equalsOfBytes() throws IOException {
        byte[] data = new byte[200_001];
        Randomness.insecureSeeded(1).nextBytes(data);
        assertEquals(Fingerprint.of(data), Fingerprint.of(new ByteArrayInputStream(data)));
    }

    @Test
    void ofFile_missing_badInputNamesPath() {
        Path missing = dir.resolve("nope.csv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fingerprint.of(missing));
        assertEquals("file must be an existing file; got \"" + missing + "\". Check the path.", e.getMessage());
    }

    @Test
    void ofFile_directory_rejected() {
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.of(dir));
    }

    @Test
    void sha256_parse_acceptsPrefixAndUpperCase_rejectsGarbage() {
        assertEquals(ABC, Sha256.parse("sha256:" + ABC.toUpperCase()).hex());
        assertThrows(IllegalArgumentException.class, () -> new Sha256(ABC.toUpperCase()));
        assertThrows(IllegalArgumentException.class, () -> Sha256.parse("abc"));
        assertEquals(32, new Sha256(ABC).toBytes().length);
    }
}
