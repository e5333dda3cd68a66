package io.privkit.federated.transport;

import io.privkit.common.AtomicFiles;
import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A federation's own public-key infrastructure: a private certificate authority, a certificate for
 * the coordinator and one per client, for mutual TLS (NVIDIA FLARE-style provisioning).
 *
 * <p>Keys are ECDSA on P-256 (secp256r1), certificates X.509 v3 signed with SHA256withECDSA. The CA
 * certificate has {@code basicConstraints CA:true, pathlen:0} and may only sign certificates; the
 * coordinator's has {@code extendedKeyUsage serverAuth} and the DNS names and IP addresses clients
 * dial in its subjectAltName; a client's has {@code extendedKeyUsage clientAuth} and its identity
 * as common name. Serial numbers are 128 random bits. Generation uses Bouncy Castle's certificate
 * builder over the JDK's own key generation and signature providers (no provider is registered
 * globally).
 *
 * <p>{@link #init} writes one folder per party, so each site receives only its own key:
 * <pre>
 *   DIR/ca/ca.crt, ca.key                    the CA (keep ca.key offline)
 *   DIR/coordinator/ca.crt, coordinator.crt, coordinator.key, allowlist.txt
 *   DIR/clients/ID/ca.crt, client.crt, client.key
 * </pre>
 * Private keys are unencrypted PKCS#8 PEM files readable by their owner only (mode 600 where the
 * file system supports it). The whole tree is written atomically and never over an existing one.
 *
 * <p>Limits: no revocation list (remove a client from the allow-list instead); no key encryption at
 * rest. Thread-safe.
 */
public final class FederationPki {
    /** The CA certificate file name. */
    public static final String CA_CERT = "ca.crt";
    /** The CA key file name. */
    public static final String CA_KEY = "ca.key";
    /** The coordinator certificate file name. */
    public static final String COORDINATOR_CERT = "coordinator.crt";
    /** The coordinator key file name. */
    public static final String COORDINATOR_KEY = "coordinator.key";
    /** A client's certificate file name. */
    public static final String CLIENT_CERT = "client.crt";
    /** A client's key file name. */
    public static final String CLIENT_KEY = "client.key";
    /** The allow-list file name. */
    public static final String ALLOW_LIST = "allowlist.txt";

    private final String federationName;
    private final X509Certificate caCertificate;
    private final PrivateKey caKey;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * Credentials issued to one party, as PEM text.
     *
     * @param identity            the common name
     * @param certificatePem      the party's certificate
     * @param privateKeyPem       its PKCS#8 private key
     * @param caCertificatePem    the federation CA's certificate
     */
    public record Credentials(String identity, String certificatePem, String privateKeyPem, String caCertificatePem) {
        public Credentials {
            Checks.requireNonBlank(identity, "identity");
            Checks.requireNonBlank(certificatePem, "certificatePem");
            Checks.requireNonBlank(privateKeyPem, "privateKeyPem");
            Checks.requireNonBlank(caCertificatePem, "caCertificatePem");
        }

        @Override
        public String toString() {
            return "Credentials[" + identity + ", private key hidden]";
        }
    }

    private FederationPki(String federationName, X509Certificate caCertificate, PrivateKey caKey, Clock clock) {
        this.federationName = federationName;
        this.caCertificate = caCertificate;
        this.caKey = caKey;
        this.clock = clock;
        this.random = new SecureRandom();
    }

    /** A new CA for the named federation, valid for {@code validity} from now. */
    public static FederationPki createAuthority(String federationName, Duration validity, Clock clock) {
        Checks.requireNonBlank(federationName, "federationName");
        requireValidity(validity);
        Checks.requireNonNull(clock, "clock");
        try {
            KeyPair kp = newKeyPair();
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, federationName)
                    .addRDN(BCStyle.CN, federationName + " federation CA").build();
            Instant now = clock.instant();
            SecureRandom rnd = new SecureRandom();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(rnd), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(validity)), name, kp.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer(kp.getPrivate())));
            return new FederationPki(federationName, cert, kp.getPrivate(), clock);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("could not create the federation CA: " + e.getMessage(), e);
        }
    }

    /** The CA's certificate. */
    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** The CA certificate as PEM. */
    public String caCertificatePem() {
        return pem(caCertificate);
    }

    /** The CA private key as PKCS#8 PEM. */
    public String caKeyPem() {
        return pem(caKey);
    }

    /**
     * Issues the coordinator's certificate, valid for the given host names and IP addresses
     * (clients check the name they dial against them).
     */
    public Credentials issueCoordinator(List<String> hosts, Duration validity) {
        Checks.requireNonEmpty(hosts, "hosts");
        requireValidity(validity);
        List<GeneralName> names = new ArrayList<>();
        for (String h : new LinkedHashSet<>(hosts)) {
            Checks.requireNonBlank(h, "host");
            names.add(isIpLiteral(h) ? new GeneralName(GeneralName.iPAddress, h) : new GeneralName(GeneralName.dNSName, h));
        }
        return issue("coordinator", KeyPurposeId.id_kp_serverAuth, new GeneralNames(names.toArray(GeneralName[]::new)), validity);
    }

    /** Issues a client's certificate; {@code identity} becomes its common name. */
    public Credentials issueClient(String identity, Duration validity) {
        AllowList.requireValidId(identity, "client identity");
        requireValidity(validity);
        return issue(identity, KeyPurposeId.id_kp_clientAuth, null, validity);
    }

    private Credentials issue(String cn, KeyPurposeId purpose, GeneralNames san, Duration validity) {
        try {
            KeyPair kp = newKeyPair();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, federationName).addRDN(BCStyle.CN, cn).build();
            X500Name issuer = X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded());
            Instant now = clock.instant();
            Instant notAfter = now.plus(validity);
            if (notAfter.isAfter(caCertificate.getNotAfter().toInstant())) {
                notAfter = caCertificate.getNotAfter().toInstant();
            }
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, serial(random), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(notAfter), subject, kp.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCertificate));
            if (san != null) {
                b.addExtension(Extension.subjectAlternativeName, false, san);
            }
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer(caKey)));
            cert.verify(caCertificate.getPublicKey());
            return new Credentials(cn, pem(cert), pem(kp.getPrivate()), pem(caCertificate));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("could not issue a certificate for '" + cn + "': " + e.getMessage(), e);
        }
    }

    /** What {@link #init} wrote. */
    public record Layout(Path root, Path caFolder, Path coordinatorFolder, List<Path> clientFolders) {
        public Layout {
            clientFolders = List.copyOf(clientFolders);
        }

        /** The folder of client {@code id}. */
        public Path clientFolder(String id) {
            return root.resolve("clients").resolve(id);
        }
    }

    /**
     * Creates a CA, the coordinator's and every client's credentials and the allow-list, and
     * writes them under {@code dir} (which must not exist yet), atomically.
     */
    public static Layout init(Path dir, String federationName, List<String> coordinatorHosts, List<String> clientIds,
                              Duration validity, Clock clock) throws IOException {
        Checks.requireNonNull(dir, "dir");
        Checks.requireNonEmpty(clientIds, "clientIds");
        if (Files.exists(dir)) {
            throw Checks.argument("output folder").mustBe("a folder that does not exist yet").got(dir.toString())
                    .fix("Choose a new folder; an existing federation's keys are never overwritten.").exception();
        }
        for (String id : clientIds) {
            AllowList.requireValidId(id, "client identity");
        }
        AllowList allow = AllowList.of(clientIds);
        if (allow.size() != clientIds.size()) {
            throw Checks.argument("clientIds").mustBe("distinct").got(clientIds).fix("Name each client once.").exception();
        }
        FederationPki pki = createAuthority(federationName, validity, clock);
        Credentials coordinator = pki.issueCoordinator(coordinatorHosts, validity);
        List<Credentials> clients = new ArrayList<>();
        for (String id : allow.ids()) {
            clients.add(pki.issueClient(id, validity));
        }
        AtomicFiles.replaceDirectory(dir, tmp -> {
            Path ca = Files.createDirectories(tmp.resolve("ca"));
            writeText(ca.resolve(CA_CERT), pki.caCertificatePem(), false);
            writeText(ca.resolve(CA_KEY), pki.caKeyPem(), true);
            Path co = Files.createDirectories(tmp.resolve("coordinator"));
            writeText(co.resolve(CA_CERT), coordinator.caCertificatePem(), false);
            writeText(co.resolve(COORDINATOR_CERT), coordinator.certificatePem(), false);
            writeText(co.resolve(COORDINATOR_KEY), coordinator.privateKeyPem(), true);
            allow.write(co.resolve(ALLOW_LIST));
            for (Credentials c : clients) {
                Path f = Files.createDirectories(tmp.resolve("clients").resolve(c.identity()));
                writeText(f.resolve(CA_CERT), c.caCertificatePem(), false);
                writeText(f.resolve(CLIENT_CERT), c.certificatePem(), false);
                writeText(f.resolve(CLIENT_KEY), c.privateKeyPem(), true);
            }
        });
        List<Path> clientFolders = allow.ids().stream().map(id -> dir.resolve("clients").resolve(id)).toList();
        return new Layout(dir, dir.resolve("ca"), dir.resolve("coordinator"), clientFolders);
    }

    // ------------------------------------------------------------------ helpers

    /** Parses the first certificate of a PEM text. */
    public static X509Certificate parseCertificate(String pem) {
        Checks.requireNonBlank(pem, "certificate PEM");
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw Checks.argument("certificate").mustBe("a PEM-encoded X.509 certificate").got(e.getMessage())
                    .fix("Use the .crt files written by 'privkit federated init'.").exception();
        }
    }

    /** The common name (CN) of a certificate's subject. */
    public static String commonName(X509Certificate cert) {
        X500Name name = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        RDN[] cns = name.getRDNs(BCStyle.CN);
        if (cns.length != 1) {
            throw Checks.argument("certificate subject").mustBe("one common name (CN)").got(cert.getSubjectX500Principal().getName())
                    .fix("Issue client certificates with 'privkit federated init'.").exception();
        }
        return IETFUtils.valueToString(cns[0].getFirst().getValue());
    }

    /** SHA-256 of a certificate's DER encoding (its fingerprint). */
    public static Sha256 fingerprint(X509Certificate cert) {
        try {
            return Sha256.of(cert.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    private static void writeText(Path file, String text, boolean secret) throws IOException {
        AtomicFiles.write(file, text.getBytes(StandardCharsets.US_ASCII));
        if (secret) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: keep the platform's default permissions.
            }
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return g.generateKeyPair();
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
    }

    private static BigInteger serial(SecureRandom rnd) {
        return new BigInteger(128, rnd).setBit(127);
    }

    private static void requireValidity(Duration validity) {
        Checks.requireNonNull(validity, "validity");
        if (validity.compareTo(Duration.ofMinutes(1)) < 0 || validity.compareTo(Duration.ofDays(3650)) > 0) {
            throw Checks.argument("validity").mustBe("between 1 minute and 10 years").got(validity)
                    .fix("Use e.g. 365 days and re-issue before it ends.").exception();
        }
    }

    private static boolean isIpLiteral(String h) {
        if (h.contains(":")) {
            return true;
        }
        return h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    static String pem(Object o) {
        try {
            StringWriter sw = new StringWriter();
            try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
                w.writeObject(o instanceof PrivateKey k ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null).generate() : o);
            }
            return sw.toString();
        } catch (IOException e) {
            throw new IllegalStateException("PEM encoding failed", e);
        }
    }

    @Override
    public String toString() {
        return "FederationPki[" + federationName + ", CA " + caCertificate.getSubjectX500Principal().getName().toLowerCase(Locale.ROOT) + "]";
    }
}
