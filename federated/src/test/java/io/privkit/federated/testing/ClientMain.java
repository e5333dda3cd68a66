package io.privkit.federated.testing;

import io.privkit.federated.client.ClientConfig;
import io.privkit.federated.client.FederatedClient;
import io.privkit.federated.client.LocalUpdate;
import io.privkit.federated.transport.TransportSecurity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Clients in their own JVM, for process-kill tests. Args: PKI_DIR PORT TRAIN_MILLIS ID...
 * Prints {@code TRAINING id round} when local training starts and {@code DONE id} at the end.
 * Local training sleeps, then returns the delta 1 on every coordinate.
 */
public final class ClientMain {
    private ClientMain() {
    }

    public static void main(String[] args) throws Exception {
        Path pki = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        long trainMillis = Long.parseLong(args[2]);
        ExecutorService pool = Executors.newCachedThreadPool();
        List<Future<?>> all = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            String id = args[i];
            ClientConfig cc = ClientConfig.builder().target("localhost", port)
                    .security(TransportSecurity.MutualTls.clientFolder(pki.resolve("clients").resolve(id)))
                    .maxOffline(Duration.ofMinutes(1)).build();
            all.add(pool.submit(() -> {
                try (FederatedClient c = FederatedClient.open(cc, task -> {
                    System.out.println("TRAINING " + id + " " + task.round());
                    System.out.flush();
                    Thread.sleep(trainMillis);
                    double[] d = new double[task.globalModel().size()];
                    java.util.Arrays.fill(d, 1.0);
                    return LocalUpdate.ofDelta(d, 1);
                })) {
                    c.run();
                    System.out.println("DONE " + id);
                    return null;
                }
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdownNow();
    }
}
