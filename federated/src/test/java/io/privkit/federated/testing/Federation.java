package io.privkit.federated.testing;

import io.privkit.federated.transport.AllowList;
import io.privkit.federated.transport.FederationPki;
import io.privkit.federated.transport.TransportSecurity;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An in-memory federation PKI for tests: a CA, the coordinator's and each client's mutual-TLS credentials. */
public final class Federation {
    public final FederationPki pki;
    public final TransportSecurity.MutualTls coordinator;
    public final Map<String, TransportSecurity.MutualTls> clients = new HashMap<>();
    public final AllowList allowList;

    public Federation(List<String> clientIds) {
        pki = FederationPki.createAuthority("test", Duration.ofDays(1), Clock.systemUTC());
        coordinator = TransportSecurity.MutualTls.of(pki.issueCoordinator(List.of("localhost", "127.0.0.1"), Duration.ofDays(1)));
        for (String id : clientIds) {
            clients.put(id, TransportSecurity.MutualTls.of(pki.issueClient(id, Duration.ofDays(1))));
        }
        allowList = AllowList.of(clientIds);
    }

    public static List<String> ids(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> String.format("site-%02d", i)).toList();
    }
}
