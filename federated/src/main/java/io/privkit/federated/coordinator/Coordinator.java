package io.privkit.federated.coordinator;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.privkit.common.AtomicFiles;
import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import io.privkit.dp.accounting.PrivacyAccountant;
import io.privkit.evidence.FederatedTrainingEvidence;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.checkpoint.Checkpoint;
import io.privkit.federated.checkpoint.RunHistory;
import io.privkit.federated.secagg.SecAggServer;
import io.privkit.federated.strategy.ClientFailure;
import io.privkit.federated.strategy.ClientInstructions;
import io.privkit.federated.strategy.ClientUpdate;
import io.privkit.federated.strategy.RoundResults;
import io.privkit.federated.transport.ClientIdentity;
import io.privkit.federated.transport.TransportSecurity;
import io.privkit.federated.transport.proto.Finished;
import io.privkit.federated.transport.proto.ObjectRef;
import io.privkit.federated.transport.proto.Task;
import io.privkit.federated.transport.proto.TrainConfig;
import io.privkit.federated.transport.proto.TrainTask;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The federated-learning coordinator: a gRPC server that clients pull work from, and the round loop
 * that samples clients, collects and validates their updates, aggregates them with the configured
 * {@link io.privkit.federated.strategy.Strategy}, and checkpoints after every round.
 *
 * <pre>{@code
 * try (Coordinator c = Coordinator.open(config, initialModel)) {
 *     TrainingRun run = c.run();          // blocks until the configured rounds are done
 *     FederatedTrainingEvidence e = FederatedEvidence.record(run, header);
 * }
 * }</pre>
 *
 * <p><b>A round</b> ({@code r} from 1): wait for {@code minAvailable} connected clients; Poisson
 * sample the roster ({@link ClientSampling}); publish the global model as a SHA-256-addressed
 * object; give each sampled client a task carrying run, round and task ids and an expiry; accept
 * each upload only against its task (exact byte length, digest) and each result only from the task's
 * client, once, before the expiry; validate it ({@link UpdatePolicy}); close when every sampled
 * client answered or went silent, the over-selection target is met, or the deadline passes; if at
 * least {@code minResults} updates were accepted, aggregate them in client-id order (so a seeded run
 * is bit-for-bit reproducible) in O(model size) memory from the spool folder; otherwise the round
 * fails and the model stays. Results that arrive after the close are rejected as {@code late}.
 *
 * <p><b>Resume</b>: with a checkpoint store, every round ends with an atomic checkpoint (model,
 * strategy state, clipping norm, accountant state, history). {@link #open} resumes from the latest
 * one: the run id, model, round number and strategy state continue, and a restart incident is
 * recorded. The round that was in flight is run again from its start; clients that already trained
 * for it train again (their results for the old tasks are rejected as unknown).
 *
 * <p><b>Threads</b>: {@link #run()} is called once, from one thread; the gRPC handlers run on the
 * server's threads. {@link #close()} stops the server.
 */
public final class Coordinator implements AutoCloseable {
    private final CoordinatorConfig config;
    private final ModelWeights initialModel;
    private final Engine engine;
    private final Server server;
    private final ScheduledExecutorService timer;
    private final Path workDir;
    private final boolean ownWorkDir;
    private final Checkpoint resumedFrom;
    private final Instant openedAt;
    private final ClientLevelDp dp;
    private boolean ran;
    private String lastReservation;

    private Coordinator(CoordinatorConfig config, ModelWeights initialModel, Engine engine, Server server,
                        ScheduledExecutorService timer, Path workDir, boolean ownWorkDir, Checkpoint resumedFrom) {
        this.config = config;
        this.initialModel = initialModel;
        this.engine = engine;
        this.server = server;
        this.timer = timer;
        this.workDir = workDir;
        this.ownWorkDir = ownWorkDir;
        this.resumedFrom = resumedFrom;
        this.openedAt = config.clock().instant();
        this.dp = config.clientDp() == null ? null : new ClientLevelDp(config.clientDp(), config.sampling().inclusionProbability(),
                config.allowList().size(), initialModel.size(), config.noise(), PrivacyAccountant.pld());
    }

    /**
     * Starts the server and, when the checkpoint store holds this federation's run, prepares to
     * resume it. The initial model must have the checkpoint's tensor names and shapes.
     */
    public static Coordinator open(CoordinatorConfig config, ModelWeights initialModel) throws IOException {
        Checks.requireNonNull(config, "config");
        Checks.requireNonNull(initialModel, "initialModel");
        Checkpoint cp = null;
        if (config.checkpoints() != null) {
            cp = config.checkpoints().latest(config.federationId()).orElse(null);
            if (cp != null) {
                requireCompatible(cp, config, initialModel);
            }
        }
        String runId = cp != null ? cp.runId() : newRunId();
        boolean own = config.workDir() == null;
        Path work = own ? Files.createTempDirectory("privkit-coordinator-") : Files.createDirectories(config.workDir());
        Path spool = Files.createDirectories(work.resolve("spool-" + runId));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "privkit-coordinator-timer");
            t.setDaemon(true);
            return t;
        });
        Engine engine = new Engine(config, runId, spool, timer);
        if (cp != null) {
            engine.restoreLateRejections(cp.history().lateRejections());
        }
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(config.bindAddress(), config.port()),
                        config.security().serverCredentials())
                .maxInboundMessageSize(config.limits().maxMessageBytes())
                .permitKeepAliveTime(5, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                .intercept(new ClientIdentity(config.allowList(), config.security()))
                .addService(new FleetService(engine))
                .build();
        try {
            server.start();
        } catch (IOException e) {
            timer.shutdownNow();
            throw new IOException("cannot listen on " + config.bindAddress().getHostAddress() + ":" + config.port() + ": " + e.getMessage()
                    + ". Choose another --port or stop the process using it.", e);
        }
        return new Coordinator(config, initialModel, engine, server, timer, work, own, cp);
    }

    private static void requireCompatible(Checkpoint cp, CoordinatorConfig config, ModelWeights initialModel) {
        if (!cp.initialModel().spec().equals(initialModel.spec())) {
            throw Checks.argument("initial model").mustBe("of the checkpointed run's tensor names and shapes").got(initialModel.spec().digest())
                    .fix("Resume with the same model definition, or use a new checkpoint file.").exception();
        }
        if (!cp.strategyName().equals(config.strategy().name())) {
            throw Checks.argument("strategy").mustBe("the checkpointed run's (" + cp.strategyName() + ")").got(config.strategy().name())
                    .fix("Resume with the same strategy, or use a new checkpoint file.").exception();
        }
        String sampler = describe(config);
        if (!cp.samplerDescription().equals(sampler)) {
            throw Checks.argument("sampling randomness").mustBe("the checkpointed run's (" + cp.samplerDescription() + ")").got(sampler)
                    .fix("Resume with the same seed (or secure randomness), or use a new checkpoint file.").exception();
        }
        if (cp.completedRounds() > config.rounds()) {
            throw Checks.argument("rounds").mustBe("at least the " + cp.completedRounds() + " rounds already checkpointed").got(config.rounds())
                    .fix("Raise --rounds, or use a new checkpoint file.").exception();
        }
    }

    private static String describe(CoordinatorConfig c) {
        var d = c.randomness().describe();
        return d.kind() + " " + d.algorithm() + (d.seed().isPresent() ? " seed " + d.seed().getAsLong() : "");
    }

    private static String newRunId() {
        byte[] b = new byte[8];
        new java.security.SecureRandom().nextBytes(b);
        return "run-" + HexFormat.of().formatHex(b);
    }

    /** The port the server listens on. */
    public int port() {
        return server.getPort();
    }

    /** The run id (kept across restarts). */
    public String runId() {
        return engine.runId();
    }

    /** The round the next {@link #run()} starts with (1, or the one after the last checkpoint). */
    public int nextRound() {
        return resumedFrom == null ? 1 : resumedFrom.completedRounds() + 1;
    }

    /**
     * Runs the remaining rounds and returns the run's outcome. Blocks. May be called once.
     *
     * @throws IllegalStateException when not enough clients connect within {@code waitForClients}
     */
    public TrainingRun run() throws IOException, InterruptedException {
        if (ran) {
            throw new IllegalStateException("a coordinator runs once; open a new one to continue from its checkpoint");
        }
        ran = true;
        ModelWeights model = initialModel;
        RunHistory history = RunHistory.startingAt(openedAt);
        List<FederatedTrainingEvidence.Incident> incidents = new ArrayList<>();
        if (resumedFrom != null) {
            model = resumedFrom.model();
            config.strategy().restore(resumedFrom.strategyState());
            if (dp != null) {
                dp.restore(resumedFrom.accountantState());
            }
            history = resumedFrom.history();
            incidents.addAll(history.incidents());
            incidents.add(new FederatedTrainingEvidence.Incident(resumedFrom.completedRounds() + 1, "coordinator-restart",
                    "the coordinator restarted and resumed from the checkpoint after round " + resumedFrom.completedRounds()));
        }
        List<RoundReport> reports = new ArrayList<>(history.rounds());
        Map<String, Map<String, Double>> siteMetrics = new TreeMap<>(history.siteMetrics());
        ModelWeights startModel = resumedFrom != null ? resumedFrom.initialModel() : initialModel;
        for (int round = nextRound(); round <= config.rounds(); round++) {
            RoundOutcome o = runRound(round, model);
            model = o.model();
            reports.add(o.report());
            if (o.report().outcome() == RoundReport.Outcome.FAILED) {
                incidents.add(new FederatedTrainingEvidence.Incident(round, "round-failed", o.report().detail()));
            }
            siteMetrics.putAll(o.siteMetrics());
            history = new RunHistory(history.startedAt(), reports, incidents, engine.lateRejections(), siteMetrics);
            if (config.checkpoints() != null) {
                config.checkpoints().save(new Checkpoint(config.federationId(), engine.runId(), round, startModel, model,
                        config.strategy().name(), config.strategy().state(), dp == null ? Double.NaN : dp.clipNorm(),
                        dp == null ? new byte[0] : dp.state(), describe(config), history, config.clock().instant()));
            }
            engine.deleteUploads(round);
            engine.pruneBefore(round);
            config.listener().roundEnded(o.report(), config.rounds());
            if (o.refusal() != null) {
                engine.finish(Finished.newBuilder().setRoundsCompleted(round).setFinalModelSha256(model.sha256().hex()).build());
                engine.awaitFinishedDelivered(Math.min(10_000, 3 * config.heartbeatInterval().toMillis()));
                throw o.refusal();
            }
        }
        history = new RunHistory(history.startedAt(), reports, incidents, engine.lateRejections(), siteMetrics);
        engine.finish(Finished.newBuilder().setRoundsCompleted(config.rounds()).setFinalModelSha256(model.sha256().hex()).build());
        engine.awaitFinishedDelivered(Math.min(10_000, 3 * config.heartbeatInterval().toMillis()));
        TrainingRun.PrivacySummary privacy = dp == null ? null : new TrainingRun.PrivacySummary(dp.epsilon(), config.clientDp().delta(),
                config.clientDp().noiseMultiplier(), dp.clipNorm(), (int) dp.releases(), lastReservation, dp.accountantName());
        return new TrainingRun(config.federationId(), engine.runId(), config.rounds(), startModel, model, history, settings(), privacy);
    }

    private TrainingRun.Settings settings() {
        Sha256 cert = config.security() instanceof TransportSecurity.MutualTls m ? m.fingerprint() : null;
        return new TrainingRun.Settings(config.strategy().name(), config.strategy().weighting(), config.sampling(), config.allowList().size(),
                config.minResults(), config.updatePolicy(), config.updateEncoding(), config.security().mode(), cert,
                config.secureAggregation(), config.clientDp(), config.randomness().describe(),
                MerkleTree.root(config.allowList().ids().stream().map(id -> MerkleTree.pseudonym(config.federationId(), id)).sorted().toList()));
    }

    /** A round's outcome. */
    private record RoundOutcome(ModelWeights model, RoundReport report, Map<String, Map<String, Double>> siteMetrics,
                                RuntimeException refusal) {
        RoundOutcome(ModelWeights model, RoundReport report, Map<String, Map<String, Double>> siteMetrics) {
            this(model, report, siteMetrics, null);
        }
    }

    private RoundOutcome runRound(int round, ModelWeights global) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Engine.Tally tally = engine.beginRound(round);
        engine.awaitAvailable(config.minAvailable(), config.waitForClients().toMillis(), () -> { });
        List<String> sampled = config.sampling().sample(config.allowList().ids(), round, config.randomness());
        if (dp == null && sampled.size() < config.minResults()) {
            return failed(round, global, sampled, List.of(), tally, t0,
                    "sampled " + sampled.size() + " clients, fewer than minResults " + config.minResults());
        }
        ClientInstructions ins = config.strategy().configureRound(round);
        byte[] modelBytes = config.updateEncoding().encode(global.values());
        Sha256 modelSha = Sha256.of(modelBytes);
        engine.publish(modelSha, modelBytes);
        try {
            ObjectRef modelRef = ObjectRef.newBuilder().setSha256(modelSha.hex()).setByteLength(modelBytes.length)
                    .setDtype(UpdateValidator.dtype(config.updateEncoding())).addAllTensors(UpdateValidator.wire(global.spec())).build();
            TrainTask train = TrainTask.newBuilder().setModel(modelRef)
                    .setConfig(TrainConfig.newBuilder().setProximalMu(ins.proximalMu()).setLocalEpochs(ins.localEpochs()))
                    .setUpdateDtype(UpdateValidator.dtype(config.updateEncoding())).build();
            return config.secureAggregation() != null ? secureRound(round, global, sampled, train, tally, t0)
                    : plainRound(round, global, sampled, train, tally, t0);
        } finally {
            engine.unpublish(modelSha);
        }
    }

    private RoundOutcome plainRound(int round, ModelWeights global, List<String> sampled, TrainTask train, Engine.Tally tally, long t0)
            throws IOException, InterruptedException {
        UpdateValidator validator = new UpdateValidator(global.spec(), config.updateEncoding(), config.updatePolicy());
        Engine.Stage stage = engine.openStage(Engine.StageKind.TRAIN, round, sampled, config.roundTimeout().toMillis(),
                config.sampling().targetResults(config.allowList().size()), config.updateEncoding().byteLength(global.size()),
                client -> Task.newBuilder().setTrain(train), validator);
        engine.awaitStage(stage);
        engine.closeStage(stage);
        List<ClientUpdate> accepted = new ArrayList<>();
        Map<String, Map<String, Double>> metrics = new TreeMap<>();
        synchronized (engine) {
            for (Map.Entry<String, Object> e : stage.accepted.entrySet()) {
                UpdateValidator.Accepted a = (UpdateValidator.Accepted) e.getValue();
                accepted.add(a.update());
                if (!a.metrics().isEmpty()) {
                    metrics.put(e.getKey(), a.metrics());
                }
            }
        }
        List<String> reported = accepted.stream().map(ClientUpdate::clientId).toList();
        List<ClientFailure> failures = failures(sampled, reported, tally, stage);
        if (dp != null) {
            return release(round, global, dp.privatize(round, accepted), sampled, reported, failures, tally, t0, metrics);
        }
        int needed = Math.max(config.minResults(), config.strategy().minimumResults());
        if (accepted.size() < needed) {
            return failed(round, global, sampled, reported, tally, t0, accepted.size() + " results accepted, fewer than the " + needed + " needed");
        }
        ModelWeights next;
        try {
            next = config.strategy().aggregate(global, new RoundResults.Individual(accepted), failures);
        } catch (IllegalStateException | IllegalArgumentException e) {
            return failed(round, global, sampled, reported, tally, t0, "aggregation failed: " + e.getMessage());
        }
        return completed(round, next, sampled, reported, tally, t0, metrics);
    }

    private RoundOutcome secureRound(int round, ModelWeights global, List<String> sampled, TrainTask train, Engine.Tally tally, long t0)
            throws IOException, InterruptedException {
        SecAggRound.Outcome o;
        try {
            o = new SecAggRound(engine, config).run(round, sampled, global, train);
        } catch (SecAggServer.FailedException e) {
            return failed(round, global, sampled, List.of(), tally, t0, "secure aggregation failed: " + e.getMessage());
        }
        List<ClientFailure> failures = failures(sampled, o.survivors(), tally, null);
        if (dp != null) {
            return release(round, global, dp.privatizeSum(round, o.sum().weightedSum(), o.sum().contributors()), sampled, o.survivors(),
                    failures, tally, t0, o.metrics());
        }
        RoundResults results = new RoundResults.Summed(o.sum().weightedSum(), o.sum().totalWeight(), o.sum().contributors());
        ModelWeights next;
        try {
            next = config.strategy().aggregate(global, results, failures);
        } catch (IllegalStateException | IllegalArgumentException e) {
            return failed(round, global, sampled, o.survivors(), tally, t0, "aggregation failed: " + e.getMessage());
        }
        return completed(round, next, sampled, o.survivors(), tally, t0, o.metrics());
    }

    /**
     * Releases a DP round: reserve its privacy cost, then aggregate and commit. A refused
     * reservation fails the round (the noisy model is never released) and stops the run.
     */
    private RoundOutcome release(int round, ModelWeights global, ClientLevelDp.Pending pending, List<String> sampled, List<String> reported,
                                 List<ClientFailure> failures, Engine.Tally tally, long t0, Map<String, Map<String, Double>> metrics)
            throws IOException {
        String reservation;
        try {
            reservation = config.budget().reserve(config.federationId() + " round " + round, pending.event());
        } catch (IllegalStateException e) {
            RoundOutcome f = failed(round, global, sampled, reported, tally, t0, "privacy budget refused the round: " + e.getMessage());
            return new RoundOutcome(f.model(), f.report(), f.siteMetrics(), e);
        }
        ModelWeights next;
        try {
            next = config.strategy().aggregate(global, pending.results(), failures);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // The budget is spent (reserved), the model is not released: accounted on the safe side.
            dp.commit(pending);
            lastReservation = reservation;
            return failed(round, global, sampled, reported, tally, t0, "aggregation failed: " + e.getMessage());
        }
        dp.commit(pending);
        lastReservation = reservation;
        RoundOutcome o = completed(round, next, sampled, reported, tally, t0, metrics);
        RoundReport r = o.report();
        RoundReport withDp = new RoundReport(r.round(), r.outcome(), r.sampled(), r.reported(), r.dropped(), r.rejected(), r.rejections(),
                r.modelSha256(), r.duration(), r.bytesReceived(), r.detail(), r.metrics(), pending.clipUsed(), dp.epsilon());
        return new RoundOutcome(o.model(), withDp, o.siteMetrics());
    }

    private static List<ClientFailure> failures(List<String> sampled, List<String> reported, Engine.Tally tally, Engine.Stage stage) {
        List<ClientFailure> out = new ArrayList<>();
        for (String p : sampled) {
            if (reported.contains(p)) {
                continue;
            }
            if (tally.rejectedClients.contains(p)) {
                Engine.TaskRecord t = stage == null ? null : stage.taskByClient.get(p);
                out.add(new ClientFailure(p, ClientFailure.Kind.REJECTED, t == null || t.rejection == null ? "rejected" : t.rejection.code()));
            } else if (stage != null && stage.failed.containsKey(p)) {
                out.add(new ClientFailure(p, ClientFailure.Kind.FAILED, stage.failed.get(p)));
            } else {
                out.add(new ClientFailure(p, ClientFailure.Kind.DROPPED, "deadline"));
            }
        }
        return out;
    }

    private RoundOutcome completed(int round, ModelWeights next, List<String> sampled, List<String> reported, Engine.Tally tally, long t0,
                                   Map<String, Map<String, Double>> metrics) {
        Map<String, Double> eval = config.evaluator() == null ? Map.of() : config.evaluator().evaluate(next);
        synchronized (engine) {
            int rejectedClients = (int) tally.rejectedClients.stream().filter(c -> sampled.contains(c) && !reported.contains(c)).count();
            RoundReport report = new RoundReport(round, RoundReport.Outcome.COMPLETED, sampled.size(), reported.size(),
                    sampled.size() - reported.size() - rejectedClients, tally.rejected(), tally.byCode(), next.sha256(),
                    Duration.ofNanos(System.nanoTime() - t0), tally.bytesReceived, "", eval, null, null);
            engine.endRound();
            return new RoundOutcome(next, report, metrics);
        }
    }

    private RoundOutcome failed(int round, ModelWeights global, List<String> sampled, List<String> reported, Engine.Tally tally, long t0,
                                String why) {
        synchronized (engine) {
            int rejectedClients = (int) tally.rejectedClients.stream().filter(c -> sampled.contains(c) && !reported.contains(c)).count();
            RoundReport r = new RoundReport(round, RoundReport.Outcome.FAILED, sampled.size(), reported.size(),
                    sampled.size() - reported.size() - rejectedClients, tally.rejected(), tally.byCode(), global.sha256(),
                    Duration.ofNanos(System.nanoTime() - t0), tally.bytesReceived, why, Map.of(), null, null);
            engine.endRound();
            return new RoundOutcome(global, r, Map.of());
        }
    }

    /** Stops the server (clients see UNAVAILABLE) and removes the spool folder. */
    @Override
    public void close() throws IOException {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        if (ownWorkDir) {
            AtomicFiles.deleteRecursively(workDir);
        } else {
            AtomicFiles.deleteRecursively(workDir.resolve("spool-" + engine.runId()));
        }
    }
}
