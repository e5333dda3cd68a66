package io.privkit.cli.demo;

import io.privkit.evidence.EvidenceHeader;
import io.privkit.evidence.EvidenceRecord;
import io.privkit.evidence.InputRef;
import io.privkit.evidence.Subject;
import io.privkit.federated.client.LocalTrainer;
import io.privkit.federated.coordinator.ClientSampling;
import io.privkit.federated.coordinator.CoordinatorConfig;
import io.privkit.federated.coordinator.FederatedEvidence;
import io.privkit.federated.coordinator.TrainingRun;
import io.privkit.federated.coordinator.UpdatePolicy;
import io.privkit.federated.learn.Dataset;
import io.privkit.federated.learn.LocalSgd;
import io.privkit.federated.learn.SoftmaxRegression;
import io.privkit.federated.sim.Partitions;
import io.privkit.federated.sim.Simulation;
import io.privkit.federated.sim.SyntheticData;
import io.privkit.federated.strategy.Strategies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's federated step: four simulated sites, each holding two of four classes of generated
 * data, train a softmax regression with FedAvg for five rounds over the real protocol (gRPC with
 * mutual TLS on loopback, a throw-away CA), with every update validated; the step returns the
 * run's federated-training evidence record.
 */
public final class FederatedDemoStep implements DemoStep {
    private static final int SITES = 4;
    private static final int FEATURES = 10;
    private static final int CLASSES = 4;

    @Override
    public String title() {
        return "Federated training (FedAvg, 4 sites over gRPC with mutual TLS, generated data)";
    }

    @Override
    public List<EvidenceRecord> run(DemoContext context) throws Exception {
        Dataset[] tt = SyntheticData.trainTest(SITES * 300, 400, FEATURES, CLASSES, 3.0, context.dataRandomness("federated/data"));
        List<int[]> parts = Partitions.labelShards(tt[0], SITES, 2, context.dataRandomness("federated/shards"));
        SoftmaxRegression model = new SoftmaxRegression(FEATURES, CLASSES);
        Map<String, LocalTrainer> sites = new TreeMap<>();
        for (int k = 0; k < SITES; k++) {
            String id = "site-" + (k + 1);
            Dataset local = tt[0].subset(parts.get(k));
            local.writeCsv(context.dataDir().resolve("federated-" + id + ".csv"));
            sites.put(id, new LocalSgd(model, local, new LocalSgd.Options(1, 10, 0.05), context.dataRandomness("federated/" + id)));
        }
        Path holdout = context.dataDir().resolve("federated-holdout.csv");
        tt[1].writeCsv(holdout);
        CoordinatorConfig.Builder config = CoordinatorConfig.builder().federationId("privkit-demo").rounds(5)
                .sampling(ClientSampling.all()).minResults(3).minAvailable(SITES).roundTimeout(Duration.ofMinutes(2))
                .strategy(Strategies.fedAvg()).updatePolicy(UpdatePolicy.withDefaults().with(UpdatePolicy.NormBound.clip(5.0)))
                .heartbeatInterval(Duration.ofMillis(300)).heartbeatPatience(10)
                .evaluator(w -> Map.of("accuracy", model.accuracy(w, tt[1])));
        TrainingRun run = Simulation.run(config, sites, model.initialize(context.noise()), Simulation.Transport.MUTUAL_TLS);
        Subject s = context.subject();
        EvidenceHeader.Builder header = EvidenceHeader.builder().clock(context.clock())
                .subject(new Subject(s.systemName(), "demo-federated-softmax", "1", List.of(run.finalModel().sha256())))
                .input(InputRef.ofFile("holdout", holdout, (long) tt[1].size()));
        return List.of(FederatedEvidence.record(run, header));
    }
}
