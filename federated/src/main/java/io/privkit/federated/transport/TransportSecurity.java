package io.privkit.federated.transport;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import io.privkit.evidence.FederatedTrainingEvidence;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;

/**
 * How a coordinator or client secures its connections.
 *
 * <ul>
 *   <li>{@link MutualTls} (the default everywhere): TLS 1.2 or 1.3 with both sides presenting a
 *       certificate signed by the federation's CA ({@link FederationPki}). The coordinator requires
 *       a client certificate ({@code ClientAuth.REQUIRE}) and then checks the certificate's common
 *       name against the {@link AllowList}; the client checks the coordinator's certificate and
 *       host name.</li>
 *   <li>{@link Plaintext}: no encryption and no authentication; the client's identity is only a
 *       claim in a request header. For simulations on loopback; a coordinator refuses to bind it
 *       to anything but a loopback address, and evidence records say {@code plaintext}.</li>
 * </ul>
 */
public sealed interface TransportSecurity {

    /** The mode evidence records state. */
    FederatedTrainingEvidence.TlsMode mode();

    /** Credentials for a gRPC server. */
    ServerCredentials serverCredentials();

    /** Credentials for a gRPC channel. */
    ChannelCredentials channelCredentials();

    /**
     * Mutual TLS with PEM credentials.
     *
     * @param caCertificatePem    the federation CA's certificate (trust anchor)
     * @param certificatePem      this party's certificate
     * @param privateKeyPem       this party's PKCS#8 private key
     */
    record MutualTls(String caCertificatePem, String certificatePem, String privateKeyPem) implements TransportSecurity {
        public MutualTls {
            Checks.requireNonBlank(caCertificatePem, "caCertificatePem");
            Checks.requireNonBlank(certificatePem, "certificatePem");
            Checks.requireNonBlank(privateKeyPem, "privateKeyPem");
            X509Certificate ca = FederationPki.parseCertificate(caCertificatePem);
            X509Certificate own = FederationPki.parseCertificate(certificatePem);
            try {
                own.checkValidity();
                ca.checkValidity();
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                throw Checks.argument("certificate of '" + FederationPki.commonName(own) + "'").mustBe("currently valid")
                        .got(e.getMessage()).fix("Issue new certificates with 'privkit federated init'.").exception();
            }
            try {
                own.verify(ca.getPublicKey());
            } catch (java.security.GeneralSecurityException e) {
                throw Checks.argument("certificate of '" + FederationPki.commonName(own) + "'").mustBe("signed by the given CA")
                        .got("a certificate of another CA").fix("Use the ca.crt of the same federation folder.").exception();
            }
        }

        /** From issued credentials. */
        public static MutualTls of(FederationPki.Credentials c) {
            return new MutualTls(c.caCertificatePem(), c.certificatePem(), c.privateKeyPem());
        }

        /** The coordinator's credentials from its folder ({@code ca.crt}, {@code coordinator.crt}, {@code coordinator.key}). */
        public static MutualTls coordinatorFolder(Path folder) throws IOException {
            return new MutualTls(read(folder, FederationPki.CA_CERT), read(folder, FederationPki.COORDINATOR_CERT),
                    read(folder, FederationPki.COORDINATOR_KEY));
        }

        /** A client's credentials from its folder ({@code ca.crt}, {@code client.crt}, {@code client.key}). */
        public static MutualTls clientFolder(Path folder) throws IOException {
            return new MutualTls(read(folder, FederationPki.CA_CERT), read(folder, FederationPki.CLIENT_CERT),
                    read(folder, FederationPki.CLIENT_KEY));
        }

        private static String read(Path folder, String name) throws IOException {
            Path f = folder.resolve(name);
            if (!Files.isRegularFile(f)) {
                throw Checks.argument("credentials folder " + folder).mustBe("holding " + name).got("no such file")
                        .fix("Pass a folder written by 'privkit federated init' (coordinator/ or clients/<id>/).").exception();
            }
            return Files.readString(f, StandardCharsets.US_ASCII);
        }

        /** The identity (common name) in this party's certificate. */
        public String identity() {
            return FederationPki.commonName(FederationPki.parseCertificate(certificatePem));
        }

        /** SHA-256 of this party's certificate. */
        public Sha256 fingerprint() {
            return FederationPki.fingerprint(FederationPki.parseCertificate(certificatePem));
        }

        @Override
        public FederatedTrainingEvidence.TlsMode mode() {
            return FederatedTrainingEvidence.TlsMode.MUTUAL_TLS;
        }

        @Override
        public ServerCredentials serverCredentials() {
            try {
                return TlsServerCredentials.newBuilder()
                        .keyManager(stream(certificatePem), stream(privateKeyPem))
                        .trustManager(stream(caCertificatePem))
                        .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
                        .build();
            } catch (IOException e) {
                throw Checks.argument("TLS credentials").mustBe("a PEM certificate and PKCS#8 key").got(e.getMessage())
                        .fix("Use the files written by 'privkit federated init'.").exception();
            }
        }

        @Override
        public ChannelCredentials channelCredentials() {
            try {
                return TlsChannelCredentials.newBuilder()
                        .keyManager(stream(certificatePem), stream(privateKeyPem))
                        .trustManager(stream(caCertificatePem))
                        .build();
            } catch (IOException e) {
                throw Checks.argument("TLS credentials").mustBe("a PEM certificate and PKCS#8 key").got(e.getMessage())
                        .fix("Use the files written by 'privkit federated init'.").exception();
            }
        }

        private static InputStream stream(String pem) {
            return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public String toString() {
            return "MutualTls[" + identity() + ", private key hidden]";
        }
    }

    /** No TLS: loopback simulations only. */
    record Plaintext() implements TransportSecurity {
        @Override
        public FederatedTrainingEvidence.TlsMode mode() {
            return FederatedTrainingEvidence.TlsMode.PLAINTEXT;
        }

        @Override
        public ServerCredentials serverCredentials() {
            return InsecureServerCredentials.create();
        }

        @Override
        public ChannelCredentials channelCredentials() {
            return InsecureChannelCredentials.create();
        }
    }
}
