package io.privkit.federated.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.privkit.common.Randomness;
import io.privkit.federated.ModelSpec;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.TensorSpec;
import io.privkit.federated.coordinator.Coordinator;
import io.privkit.federated.coordinator.CoordinatorConfig;
import io.privkit.federated.testing.Federation;
import io.privkit.federated.testing.RawFleet;
import io.privkit.federated.transport.proto.FleetGrpc;
import io.privkit.federated.transport.proto.RegisterRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutual TLS over real loopback sockets: who gets in, and who is refused. */
class MutualTlsTest {
    private static Federation fed;
    private static Coordinator coordinator;

    @BeforeAll
    static void start() throws Exception {
        fed = new Federation(List.of("site-a", "site-b"));
        CoordinatorConfig config = CoordinatorConfig.builder().federationId("tls").allowList(AllowList.of("site-a"))
                .security(fed.coordinator).rounds(1).randomness(Randomness.insecureSeeded(1)).build();
        coordinator = Coordinator.open(config, ModelWeights.zeros(ModelSpec.of(TensorSpec.of("w", 1))));
    }

    @AfterAll
    static void stop() throws Exception {
        coordinator.close();
    }

    @Test
    void register_allowListedClientCertificate_accepted() {
        try (RawFleet f = new RawFleet(coordinator.port(), fed.clients.get("site-a"), null)) {
            assertEquals("site-a", f.register().getClientId());
            assertEquals(coordinator.runId(), f.runId);
        }
    }

    @Test
    void register_validCertificateNotOnAllowList_permissionDenied() {
        try (RawFleet f = new RawFleet(coordinator.port(), fed.clients.get("site-b"), null)) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, f::register);
            assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
            assertTrue(e.getStatus().getDescription().contains("'site-b' is not on the federation's allow-list"));
        }
    }

    @Test
    void register_rogueCaClientCertificate_unavailable() throws Exception {
        Federation rogue = new Federation(List.of("site-a"));
        // Trust the real coordinator, but present a certificate signed by a rogue CA.
        ChannelCredentials creds = TlsChannelCredentials.newBuilder()
                .keyManager(stream(rogue.clients.get("site-a").certificatePem()), stream(rogue.clients.get("site-a").privateKeyPem()))
                .trustManager(stream(fed.coordinator.caCertificatePem())).build();
        assertRefused(creds);
    }

    @Test
    void register_noClientCertificate_unavailable() throws Exception {
        ChannelCredentials creds = TlsChannelCredentials.newBuilder().trustManager(stream(fed.coordinator.caCertificatePem())).build();
        assertRefused(creds);
    }

    @Test
    void register_plaintextAgainstTlsCoordinator_unavailable() {
        assertRefused(io.grpc.InsecureChannelCredentials.create());
    }

    private static void assertRefused(ChannelCredentials creds) {
        ManagedChannel ch = NettyChannelBuilder.forTarget("localhost:" + coordinator.port(), creds).build();
        try {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> FleetGrpc.newBlockingStub(ch)
                    .withDeadlineAfter(10, TimeUnit.SECONDS).register(RegisterRequest.newBuilder().setProtocolVersion(1).build()));
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getStatus().toString());
        } finally {
            ch.shutdownNow();
        }
    }

    @Test
    void register_otherProtocolVersion_failedPreconditionNamingBoth() {
        try (RawFleet f = new RawFleet(coordinator.port(), fed.clients.get("site-a"), null)) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> f.blocking.register(RegisterRequest.newBuilder().setProtocolVersion(2).build()));
            assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
            assertTrue(e.getStatus().getDescription().contains("protocol version 2 is not spoken by this coordinator (it speaks 1)"));
        }
    }

    @Test
    void mutualTls_certificateOfAnotherCa_rejectedAtConstruction() {
        Federation rogue = new Federation(List.of("site-a"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TransportSecurity.MutualTls(
                fed.coordinator.caCertificatePem(), rogue.clients.get("site-a").certificatePem(), rogue.clients.get("site-a").privateKeyPem()));
        assertTrue(e.getMessage().contains("signed by the given CA"), e.getMessage());
    }

    @Test
    void init_writesOneFolderPerParty_keysPrivate_refusesExistingFolder(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("fed");
        FederationPki.Layout layout = FederationPki.init(dir, "hospitals", List.of("localhost", "127.0.0.1"),
                List.of("site-b", "site-a"), Duration.ofDays(30), Clock.systemUTC());
        assertTrue(Files.isRegularFile(layout.caFolder().resolve("ca.key")));
        assertTrue(Files.notExists(layout.coordinatorFolder().resolve("ca.key")), "the CA key stays in ca/");
        assertEquals(AllowList.of("site-a", "site-b"), AllowList.load(layout.coordinatorFolder().resolve("allowlist.txt")));
        TransportSecurity.MutualTls a = TransportSecurity.MutualTls.clientFolder(layout.clientFolder("site-a"));
        assertEquals("site-a", a.identity());
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(layout.clientFolder("site-a").resolve("client.key")));
        X509Certificate server = FederationPki.parseCertificate(Files.readString(layout.coordinatorFolder().resolve("coordinator.crt")));
        assertTrue(server.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "serverAuth");
        assertEquals(2, server.getSubjectAlternativeNames().size());
        X509Certificate client = FederationPki.parseCertificate(a.certificatePem());
        assertTrue(client.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"), "clientAuth");
        assertEquals(-1, client.getBasicConstraints(), "not a CA");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FederationPki.init(dir, "hospitals",
                List.of("localhost"), List.of("x"), Duration.ofDays(1), Clock.systemUTC()));
        assertTrue(e.getMessage().startsWith("output folder must be a folder that does not exist yet"), e.getMessage());
    }

    private static ByteArrayInputStream stream(String pem) {
        return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
