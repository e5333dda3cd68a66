package io.privkit.evidence.sign;

import io.privkit.common.AtomicFiles;
import io.privkit.common.Checks;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

/**
 * A {@link Signer} holding an Ed25519 private key in memory: generated for one run
 * ({@link #generate}), or read from a PKCS#8 PEM file ({@link #load}), plain
 * ({@code -----BEGIN PRIVATE KEY-----}, as {@code openssl genpkey -algorithm ed25519} writes) or
 * encrypted with PBES2 ({@code -----BEGIN ENCRYPTED PRIVATE KEY-----}; PBKDF2-HMAC-SHA256 with
 * {@value #PBKDF2_ITERATIONS} iterations and AES-256-CBC, RFC 8018, as
 * {@code openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256} writes).
 *
 * <p>The public key is derived from the private seed (RFC 8032 section 5.1.5: A = [s]B with s the
 * clamped first half of SHA-512(seed)), so a key file needs no separate public half; a test
 * checks the derivation against the JDK's own key generation.
 *
 * <p>Thread-safe: each signature uses its own {@link Signature} instance.
 */
public final class Ed25519Signer implements Signer {
    /** PBKDF2 iterations for encrypted key files (OWASP 2023 guidance for PBKDF2-HMAC-SHA256). */
    public static final int PBKDF2_ITERATIONS = 600_000;
    private static final String PBE = "PBEWithHmacSHA256AndAES_256";
    private static final byte[] PKCS8_PREFIX = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
        0x04, 0x22, 0x04, 0x20};

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final boolean ephemeral;

    private Ed25519Signer(PrivateKey privateKey, PublicKey publicKey, boolean ephemeral) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.ephemeral = ephemeral;
    }

    /** A new key pair from the given secure random source, held only in memory. */
    public static Ed25519Signer generate(SecureRandom random) {
        Checks.requireNonNull(random, "random");
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(NamedParameterSpec.ED25519, random);
            KeyPair kp = g.generateKeyPair();
            return new Ed25519Signer(kp.getPrivate(), kp.getPublic(), true);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required by every Java 15+ platform", e);
        }
    }

    /**
     * Reads a private key file.
     *
     * @param passphrase the passphrase of an encrypted key; empty for a plain one
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws IllegalArgumentException         if it is not an Ed25519 PKCS#8 key, the passphrase is
     *                                          missing or wrong
     */
    public static Ed25519Signer load(Path file, Optional<char[]> passphrase) throws IOException {
        Checks.requireNonNull(file, "key file");
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        return fromPem(pem, passphrase, file.toString());
    }

    /** Reads a private key from PEM text; {@code source} names it in messages. */
    public static Ed25519Signer fromPem(String pem, Optional<char[]> passphrase, String source) {
        Checks.requireNonNull(passphrase, "passphrase");
        byte[] pkcs8;
        if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            char[] pass = passphrase.orElseThrow(() -> Checks.argument(source).mustBe("opened with its passphrase")
                    .got("an encrypted key and no passphrase")
                    .fix("Set PRIVKIT_KEY_PASSPHRASE or pass --key-passphrase-file.").exception());
            pkcs8 = decrypt(Ed25519.unpem(pem, "ENCRYPTED PRIVATE KEY", source), pass, source);
        } else {
            pkcs8 = Ed25519.unpem(pem, "PRIVATE KEY", source);
        }
        byte[] seed = seedOf(pkcs8, source);
        try {
            PrivateKey priv = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8Of(seed)));
            PublicKey pub = publicKeyOfSeed(seed);
            return new Ed25519Signer(priv, pub, false);
        } catch (GeneralSecurityException e) {
            throw Checks.argument(source).mustBe("an Ed25519 private key").got("a key the JDK refuses (" + e.getMessage() + ")")
                    .fix("Create one with 'privkit keys create'.").exception();
        }
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public boolean ephemeral() {
        return ephemeral;
    }

    @Override
    public byte[] sign(byte[] message) {
        Checks.requireNonNull(message, "message");
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** The private key as unencrypted PKCS#8 PEM. */
    public String privateKeyPem() {
        return Ed25519.pem("PRIVATE KEY", pkcs8Of(seed()));
    }

    /** The private key as PBES2-encrypted PKCS#8 PEM (PBKDF2-HMAC-SHA256, AES-256-CBC). */
    public String encryptedPrivateKeyPem(char[] passphrase, SecureRandom random) {
        Checks.requireNonNull(passphrase, "passphrase");
        if (passphrase.length < 8) {
            throw Checks.argument("passphrase").mustBe("at least 8 characters").got(passphrase.length + " characters")
                    .fix("Choose a longer passphrase.").exception();
        }
        try {
            byte[] salt = new byte[16];
            byte[] iv = new byte[16];
            random.nextBytes(salt);
            random.nextBytes(iv);
            SecretKey k = SecretKeyFactory.getInstance(PBE).generateSecret(new PBEKeySpec(passphrase));
            Cipher c = Cipher.getInstance(PBE);
            c.init(Cipher.ENCRYPT_MODE, k, new PBEParameterSpec(salt, PBKDF2_ITERATIONS, new IvParameterSpec(iv)), random);
            byte[] enc = c.doFinal(pkcs8Of(seed()));
            // EncryptedPrivateKeyInfo(AlgorithmParameters, ...) cannot name PBES2 on Java 17, so the
            // DER is assembled here: SEQUENCE { SEQUENCE { id-PBES2, PBES2-params }, OCTET STRING }.
            byte[] pbes2Oid = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x05, 0x0d};
            byte[] algId = der(0x30, concat(pbes2Oid, c.getParameters().getEncoded()));
            return Ed25519.pem("ENCRYPTED PRIVATE KEY", der(0x30, concat(algId, der(0x04, enc))));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("PBES2 encryption failed", e);
        }
    }

    /**
     * Writes the private key (owner-readable only where the file system allows) and the public
     * key next to it, as {@code <name>.pub.pem}. Refuses to overwrite an existing key.
     *
     * @param passphrase encrypts the private key when present
     * @return the public key file
     */
    public Path writeKeyFiles(Path privateKeyFile, Optional<char[]> passphrase, SecureRandom random) throws IOException {
        Path pub = publicKeyFileFor(privateKeyFile);
        for (Path p : new Path[] {privateKeyFile, pub}) {
            if (Files.exists(p)) {
                throw Checks.argument("key file").mustBe("a path where no file exists yet").got(p.toString())
                        .fix("Choose another name; Privkit never overwrites a key.").exception();
            }
        }
        String pem = passphrase.isPresent() ? encryptedPrivateKeyPem(passphrase.get(), random) : privateKeyPem();
        AtomicFiles.writeStream(privateKeyFile, out -> out.write(pem.getBytes(StandardCharsets.US_ASCII)));
        try {
            Files.setPosixFilePermissions(privateKeyFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: permissions are the platform's default.
        }
        AtomicFiles.write(pub, Ed25519.publicKeyPem(publicKey).getBytes(StandardCharsets.US_ASCII));
        return pub;
    }

    /** {@code signing.pem} gives {@code signing.pub.pem}. */
    public static Path publicKeyFileFor(Path privateKeyFile) {
        String name = privateKeyFile.getFileName().toString();
        String stem = name.endsWith(".pem") ? name.substring(0, name.length() - 4) : name;
        return privateKeyFile.resolveSibling(stem + ".pub.pem");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** A DER tag-length-value. */
    private static byte[] der(int tag, byte[] value) {
        int n = value.length;
        byte[] len = n < 0x80 ? new byte[] {(byte) n} : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
                : new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        byte[] out = new byte[1 + len.length + n];
        out[0] = (byte) tag;
        System.arraycopy(len, 0, out, 1, len.length);
        System.arraycopy(value, 0, out, 1 + len.length, n);
        return out;
    }

    private byte[] seed() {
        return ((EdECPrivateKey) privateKey).getBytes().orElseThrow(() -> new IllegalStateException("key has no seed"));
    }

    private static byte[] pkcs8Of(byte[] seed) {
        byte[] der = Arrays.copyOf(PKCS8_PREFIX, 48);
        System.arraycopy(seed, 0, der, 16, 32);
        return der;
    }

    /** The 32-byte seed of a PKCS#8 v1 or v2 (RFC 5958, with public key) Ed25519 key. */
    private static byte[] seedOf(byte[] pkcs8, String source) {
        // AlgorithmIdentifier id-Ed25519 (1.3.101.112), then OCTET STRING { OCTET STRING (32) }
        byte[] marker = {0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20};
        for (int i = 0; i + marker.length + 32 <= pkcs8.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(pkcs8, i, i + marker.length), marker)) {
                return Arrays.copyOfRange(pkcs8, i + marker.length, i + marker.length + 32);
            }
        }
        throw Checks.argument(source).mustBe("an Ed25519 private key (PKCS#8)").got("another kind of key")
                .fix("Create one with 'privkit keys create' or 'openssl genpkey -algorithm ed25519'.").exception();
    }

    private static byte[] decrypt(byte[] der, char[] passphrase, String source) {
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            AlgorithmParameters params = info.getAlgParameters();
            String alg = params.toString();
            SecretKey k = SecretKeyFactory.getInstance(alg).generateSecret(new PBEKeySpec(passphrase));
            Cipher c = Cipher.getInstance(alg);
            c.init(Cipher.DECRYPT_MODE, k, params);
            return info.getKeySpec(c).getEncoded();
        } catch (IOException | GeneralSecurityException e) {
            throw Checks.argument(source).mustBe("decrypted with the passphrase given").got("a passphrase that does not open it")
                    .fix("Check PRIVKIT_KEY_PASSPHRASE or the --key-passphrase-file.").exception();
        }
    }

    // ---------------------------------------------------------------- RFC 8032 public-key derivation

    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger D = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final BigInteger BX = new BigInteger("15112221349535400772501151409588531511454012693041857206046113283949847762202");
    private static final BigInteger BY = new BigInteger("46316835694926478169428394003475163141307993866256225615783033603165251855960");

    /**
     * A = [s]B, RFC 8032 section 5.1.5, in affine twisted-Edwards coordinates (a = -1):
     * (x1, y1) + (x2, y2) = ((x1 y2 + x2 y1) / (1 + d x1 x2 y1 y2), (y1 y2 + x1 x2) / (1 - d x1 x2 y1 y2)).
     * Not constant-time: it runs once per key load, on a key the caller already holds.
     */
    static PublicKey publicKeyOfSeed(byte[] seed) throws GeneralSecurityException {
        byte[] h = MessageDigest.getInstance("SHA-512").digest(seed);
        byte[] s = Arrays.copyOf(h, 32);
        s[0] &= (byte) 248;
        s[31] &= 127;
        s[31] |= 64;
        BigInteger scalar = new BigInteger(1, reverse(s));
        BigInteger[] acc = {BigInteger.ZERO, BigInteger.ONE};
        BigInteger[] base = {BX, BY};
        for (int i = 0; i < scalar.bitLength(); i++) {
            if (scalar.testBit(i)) {
                acc = add(acc, base);
            }
            base = add(base, base);
        }
        byte[] enc = toLittleEndian32(acc[1]);
        if (acc[0].testBit(0)) {
            enc[31] |= (byte) 0x80;
        }
        byte[] der = new byte[44];
        System.arraycopy(new byte[] {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00}, 0, der, 0, 12);
        System.arraycopy(enc, 0, der, 12, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }

    private static BigInteger[] add(BigInteger[] p, BigInteger[] q) {
        BigInteger x1x2 = p[0].multiply(q[0]).mod(P);
        BigInteger y1y2 = p[1].multiply(q[1]).mod(P);
        BigInteger dxxyy = D.multiply(x1x2).multiply(y1y2).mod(P);
        BigInteger x3 = p[0].multiply(q[1]).add(q[0].multiply(p[1])).multiply(BigInteger.ONE.add(dxxyy).modInverse(P)).mod(P);
        BigInteger y3 = y1y2.add(x1x2).multiply(BigInteger.ONE.subtract(dxxyy).mod(P).modInverse(P)).mod(P);
        return new BigInteger[] {x3, y3};
    }

    private static byte[] toLittleEndian32(BigInteger v) {
        byte[] be = v.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return le;
    }

    private static byte[] reverse(byte[] a) {
        byte[] r = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[a.length - 1 - i];
        }
        return r;
    }
}
