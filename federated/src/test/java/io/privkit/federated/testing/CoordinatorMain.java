package io.privkit.federated.testing;

import io.privkit.common.Randomness;
import io.privkit.federated.ModelSpec;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.TensorEncoding;
import io.privkit.federated.TensorSpec;
import io.privkit.federated.checkpoint.SqliteCheckpointStore;
import io.privkit.federated.coordinator.ClientSampling;
import io.privkit.federated.coordinator.Coordinator;
import io.privkit.federated.coordinator.CoordinatorConfig;
import io.privkit.federated.coordinator.TrainingRun;
import io.privkit.federated.strategy.ServerOptimizer;
import io.privkit.federated.strategy.Strategies;
import io.privkit.federated.transport.AllowList;
import io.privkit.federated.transport.FederationPki;
import io.privkit.federated.transport.TransportSecurity;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A coordinator in its own JVM, for kill -9 tests. Args: PKI_DIR DB_PATH PORT ROUNDS SEED.
 * Prints {@code PORT n}, {@code ROUND r} after each checkpointed round, {@code DONE sha} at the end.
 * FedAdam (so server-optimiser state must survive the restart), Poisson sampling at 0.8 (so the
 * sampler must continue identically), binary64 updates.
 */
public final class CoordinatorMain {
    public static final ModelSpec SPEC = ModelSpec.of(TensorSpec.of("w", 16, 4), TensorSpec.of("b", 4));

    private CoordinatorMain() {
    }

    public static void main(String[] args) throws Exception {
        Path pki = Path.of(args[0]);
        Path db = Path.of(args[1]);
        int port = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        long seed = Long.parseLong(args[4]);
        try (SqliteCheckpointStore store = SqliteCheckpointStore.open(db)) {
            CoordinatorConfig config = CoordinatorConfig.builder().federationId("resume-test")
                    .allowList(AllowList.load(pki.resolve("coordinator").resolve(FederationPki.ALLOW_LIST)))
                    .security(TransportSecurity.MutualTls.coordinatorFolder(pki.resolve("coordinator")))
                    .port(port).rounds(rounds).minResults(2).minAvailable(2)
                    .sampling(ClientSampling.poisson(0.8)).roundTimeout(Duration.ofSeconds(60))
                    .strategy(Strategies.fedAdam(new ServerOptimizer.Adam(0.05, 0.9, 0.99, 1e-3)))
                    .updateEncoding(TensorEncoding.FLOAT64_LE).randomness(Randomness.insecureSeeded(seed))
                    .heartbeatInterval(Duration.ofMillis(250)).heartbeatPatience(20).checkpoints(store)
                    .listener((r, total) -> System.out.println("ROUND " + r.round() + " " + r.modelSha256().hex()))
                    .build();
            try (Coordinator c = Coordinator.open(config, ModelWeights.zeros(SPEC))) {
                System.out.println("PORT " + c.port());
                System.out.println("RESUMING-AT " + c.nextRound());
                TrainingRun run = c.run();
                System.out.println("DONE " + run.finalModel().sha256().hex());
            }
        }
    }
}
