package io.privkit.federated.sim;

import io.privkit.common.Checks;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.client.ClientConfig;
import io.privkit.federated.client.FederatedClient;
import io.privkit.federated.client.LocalTrainer;
import io.privkit.federated.coordinator.Coordinator;
import io.privkit.federated.coordinator.CoordinatorConfig;
import io.privkit.federated.coordinator.TrainingRun;
import io.privkit.federated.transport.AllowList;
import io.privkit.federated.transport.FederationPki;
import io.privkit.federated.transport.TransportSecurity;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * N clients and a coordinator in one JVM, talking the real protocol over loopback sockets (with
 * mutual TLS and a throw-away CA by default): for examples, tests and experiments. Nothing is
 * short-circuited: every model download, upload, validation and aggregation goes through gRPC as
 * it would between machines.
 *
 * <pre>{@code
 * TrainingRun run = Simulation.run(CoordinatorConfig.builder().federationId("sim").rounds(20),
 *         Map.of("site-1", trainer1, "site-2", trainer2), initialModel, Simulation.Transport.MUTUAL_TLS);
 * }</pre>
 */
public final class Simulation {

    /** How the simulated parties connect. */
    public enum Transport {
        /** Mutual TLS with a CA created for the simulation (the production path). */
        MUTUAL_TLS,
        /** Plaintext on loopback (faster to start; evidence says plaintext). */
        PLAINTEXT
    }

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Simulation.class.getName());

    private Simulation() {
    }

    /**
     * Runs the federation to completion.
     *
     * @param coordinator the coordinator's configuration; the simulation sets its allow-list (the
     *                    clients' ids), transport security, loopback address and a free port
     * @param clients     each client's id and local trainer
     * @param initial     the initial global model
     * @param transport   mutual TLS or plaintext
     * @return the coordinator's run
     * @throws IllegalStateException when a client fails
     */
    public static TrainingRun run(CoordinatorConfig.Builder coordinator, Map<String, LocalTrainer> clients, ModelWeights initial,
                                  Transport transport) throws IOException, InterruptedException {
        Checks.requireNonNull(coordinator, "coordinator");
        Checks.requireNonEmpty(clients.keySet(), "clients");
        Checks.requireNonNull(initial, "initial");
        Checks.requireNonNull(transport, "transport");
        Map<String, LocalTrainer> sorted = new TreeMap<>(clients);
        AllowList allow = AllowList.of(sorted.keySet());
        TransportSecurity serverSecurity;
        Map<String, TransportSecurity> clientSecurity = new TreeMap<>();
        if (transport == Transport.MUTUAL_TLS) {
            FederationPki pki = FederationPki.createAuthority("simulation", Duration.ofDays(1), Clock.systemUTC());
            serverSecurity = TransportSecurity.MutualTls.of(pki.issueCoordinator(List.of("localhost", "127.0.0.1"), Duration.ofDays(1)));
            for (String id : sorted.keySet()) {
                clientSecurity.put(id, TransportSecurity.MutualTls.of(pki.issueClient(id, Duration.ofDays(1))));
            }
        } else {
            serverSecurity = new TransportSecurity.Plaintext();
            for (String id : sorted.keySet()) {
                clientSecurity.put(id, serverSecurity);
            }
        }
        CoordinatorConfig config = coordinator.allowList(allow).security(serverSecurity).bindAddress(InetAddress.getLoopbackAddress())
                .port(0).build();
        ExecutorService pool = Executors.newFixedThreadPool(sorted.size(), r -> {
            Thread t = new Thread(r, "privkit-sim-client");
            t.setDaemon(true);
            return t;
        });
        try (Coordinator c = Coordinator.open(config, initial)) {
            List<Future<FederatedClient.ClientSummary>> futures = new ArrayList<>();
            for (Map.Entry<String, LocalTrainer> e : sorted.entrySet()) {
                String id = e.getKey();
                ClientConfig cc = ClientConfig.builder().target("localhost", c.port()).security(clientSecurity.get(id))
                        .identity(id).maxOffline(Duration.ofMinutes(1)).log(line -> {
                            if (line.contains("failed") || line.contains("rejected") || line.contains("aborted")) {
                                LOG.warning(() -> "[" + id + "] " + line);
                            }
                        }).build();
                futures.add(pool.submit(() -> {
                    try (FederatedClient fc = FederatedClient.open(cc, e.getValue())) {
                        return fc.run();
                    }
                }));
            }
            TrainingRun run = c.run();
            for (Future<FederatedClient.ClientSummary> f : futures) {
                try {
                    f.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException ex) {
                    throw new IllegalStateException("a simulated client failed: " + ex.getCause().getMessage(), ex.getCause());
                } catch (java.util.concurrent.TimeoutException ex) {
                    throw new IllegalStateException("a simulated client did not finish after the run ended", ex);
                }
            }
            return run;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
