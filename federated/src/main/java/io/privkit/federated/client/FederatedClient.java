package io.privkit.federated.client;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import io.privkit.federated.ModelSpec;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.TensorEncoding;
import io.privkit.federated.TensorSpec;
import io.privkit.federated.secagg.SecAggClient;
import io.privkit.federated.strategy.ClientInstructions;
import io.privkit.federated.transport.ClientIdentity;
import io.privkit.federated.transport.Protocol;
import io.privkit.federated.transport.TransportSecurity;
import io.privkit.federated.transport.proto.DType;
import io.privkit.federated.transport.proto.FleetGrpc;
import io.privkit.federated.transport.proto.GetObjectRequest;
import io.privkit.federated.transport.proto.HeartbeatRequest;
import io.privkit.federated.transport.proto.HeartbeatResponse;
import io.privkit.federated.transport.proto.ObjectChunk;
import io.privkit.federated.transport.proto.ObjectHeader;
import io.privkit.federated.transport.proto.ObjectRef;
import io.privkit.federated.transport.proto.PullTaskRequest;
import io.privkit.federated.transport.proto.PullTaskResponse;
import io.privkit.federated.transport.proto.PushObjectMessage;
import io.privkit.federated.transport.proto.PushObjectResponse;
import io.privkit.federated.transport.proto.PushResultRequest;
import io.privkit.federated.transport.proto.PushResultResponse;
import io.privkit.federated.transport.proto.RegisterRequest;
import io.privkit.federated.transport.proto.RegisterResponse;
import io.privkit.federated.transport.proto.Task;
import io.privkit.federated.transport.proto.TaskFailure;
import io.privkit.federated.transport.proto.TrainResult;
import io.privkit.federated.transport.proto.TrainTask;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A federated-learning client: it connects out to the coordinator (a site opens no port),
 * registers, then long-polls for tasks, runs the user's {@link LocalTrainer} on the global model and
 * sends back the update, until the coordinator says the run is over.
 *
 * <pre>{@code
 * ClientConfig config = ClientConfig.builder().target("coordinator.example:50051")
 *         .security(TransportSecurity.MutualTls.clientFolder(Path.of("fed/clients/site-a"))).build();
 * try (FederatedClient client = FederatedClient.open(config, trainer)) {
 *     ClientSummary summary = client.run();     // blocks until the run finishes
 * }
 * }</pre>
 *
 * <p><b>What the client checks</b>: the model's bytes against the SHA-256 in the task and its exact
 * byte length; the task's expiry before and after training. It sends heartbeats (also while
 * training) at the interval the coordinator asks for. When the coordinator is unreachable it
 * retries with jittered exponential back-off (100 ms to 5 s) for up to {@code maxOffline}, then
 * re-registers, so a restarted coordinator picks its clients up again. Refusals of identity
 * ({@code PERMISSION_DENIED}, {@code UNAUTHENTICATED}) end the run at once with the reason.
 *
 * <p>Secure aggregation tasks are handled by {@link SecAggClient}. {@link #run()} may be called
 * once; {@link #stop()} from any thread ends it; not otherwise thread-safe.
 */
public final class FederatedClient implements AutoCloseable {

    /**
     * What a client did during a run.
     *
     * @param identity        the client's identity
     * @param tasksCompleted  results the coordinator accepted
     * @param rejections      results the coordinator rejected, by reason code
     * @param finalModelSha256 the coordinator's final model digest, when the run finished
     * @param roundsCompleted rounds the coordinator completed, when the run finished
     */
    public record ClientSummary(String identity, int tasksCompleted, Map<String, Integer> rejections, String finalModelSha256,
                                int roundsCompleted) {
    }

    private final ClientConfig config;
    private final LocalTrainer trainer;
    private final ManagedChannel channel;
    private final FleetGrpc.FleetBlockingStub blocking;
    private final FleetGrpc.FleetStub async;
    private final ScheduledExecutorService heartbeats;
    private final SecAggClient secAgg;
    private final AtomicReference<String> currentTask = new AtomicReference<>("");
    /** Retry jitter, so sites that lost the coordinator together do not reconnect in lock step. */
    private final io.privkit.common.Randomness jitter = io.privkit.common.Randomness.secure();
    private volatile boolean stopped;
    private volatile boolean finishedByHeartbeat;
    private volatile String runId;
    private volatile long heartbeatMs = 5000;
    private volatile int maxChunk = 1 << 20;
    private volatile long longPollMs = 10_000;
    private long lastContactMs;
    private int completed;
    private final Map<String, Integer> rejections = new TreeMap<>();

    private FederatedClient(ClientConfig config, LocalTrainer trainer) {
        this.config = config;
        this.trainer = trainer;
        NettyChannelBuilder b = NettyChannelBuilder.forTarget(config.target(), config.security().channelCredentials())
                .maxInboundMessageSize(64 * 1024 * 1024 + 64 * 1024)
                .keepAliveTime(30, TimeUnit.SECONDS)
                .keepAliveWithoutCalls(true);
        this.channel = b.build();
        Channel ch = channel;
        if (config.security() instanceof TransportSecurity.Plaintext) {
            ch = ClientInterceptors.intercept(channel, new IdentityHeader(config.identity()));
        }
        this.blocking = FleetGrpc.newBlockingStub(ch);
        this.async = FleetGrpc.newStub(ch);
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "privkit-client-heartbeat-" + config.identity());
            t.setDaemon(true);
            return t;
        });
        this.secAgg = new SecAggClient(config.identity());
    }

    /** A client for {@code config} running {@code trainer}; connects lazily in {@link #run()}. */
    public static FederatedClient open(ClientConfig config, LocalTrainer trainer) {
        return new FederatedClient(Checks.requireNonNull(config, "config"), Checks.requireNonNull(trainer, "trainer"));
    }

    /** The client's identity. */
    public String identity() {
        return config.identity();
    }

    /** Asks {@link #run()} to return after the current task. */
    public void stop() {
        stopped = true;
    }

    /**
     * Registers and serves tasks until the coordinator finishes the run (or {@link #stop()}).
     *
     * @throws IllegalStateException when the coordinator refuses the client's identity or stays
     *                               unreachable longer than {@code maxOffline}
     */
    public ClientSummary run() throws InterruptedException {
        lastContactMs = System.currentTimeMillis();
        register();
        heartbeats.scheduleWithFixedDelay(this::beat, heartbeatMs, heartbeatMs, TimeUnit.MILLISECONDS);
        long backoff = 100;
        while (!stopped) {
            if (finishedByHeartbeat && System.currentTimeMillis() - lastContactMs > 2 * heartbeatMs) {
                // The coordinator announced the end of the run and has gone away since.
                config.log().accept("run finished (announced by the coordinator's last heartbeat)");
                return new ClientSummary(config.identity(), completed, Map.copyOf(rejections), "", 0);
            }
            PullTaskResponse resp;
            try {
                resp = blocking.withDeadlineAfter(longPollMs + 30_000, TimeUnit.MILLISECONDS)
                        .pullTask(PullTaskRequest.newBuilder().setRunId(runId).build());
                contact();
                backoff = 100;
            } catch (StatusRuntimeException e) {
                backoff = handleFailure(e, backoff);
                continue;
            }
            switch (resp.getBodyCase()) {
                case FINISHED -> {
                    config.log().accept("run finished after " + resp.getFinished().getRoundsCompleted() + " rounds; final model "
                            + shortSha(resp.getFinished().getFinalModelSha256()));
                    return new ClientSummary(config.identity(), completed, Map.copyOf(rejections),
                            resp.getFinished().getFinalModelSha256(), resp.getFinished().getRoundsCompleted());
                }
                case WAIT -> {
                    if (resp.getWait().getRetryAfterMs() > 0) {
                        Thread.sleep(resp.getWait().getRetryAfterMs());
                    }
                }
                case TASK -> {
                    try {
                        handle(resp.getTask());
                    } catch (StatusRuntimeException e) {
                        backoff = handleFailure(e, backoff);
                    } catch (RuntimeException e) {
                        // One task went wrong (a corrupt download, an upload error): say so, keep serving.
                        config.log().accept("round " + resp.getTask().getMeta().getRound() + ": task failed: " + e);
                        failQuietly(resp.getTask());
                    }
                }
                default -> throw new IllegalStateException("coordinator sent an empty PullTask response; check protocol versions");
            }
        }
        return new ClientSummary(config.identity(), completed, Map.copyOf(rejections), "", 0);
    }

    /** Tells the coordinator this client could not do the task, if it can still be told. */
    private void failQuietly(Task task) {
        try {
            pushResult(PushResultRequest.newBuilder().setMeta(task.getMeta())
                    .setFailure(TaskFailure.newBuilder().setReason("client-error")).build());
        } catch (RuntimeException e) {
            // The coordinator will count the client as dropped.
        }
    }

    private void contact() {
        lastContactMs = System.currentTimeMillis();
    }

    private long handleFailure(StatusRuntimeException e, long backoff) throws InterruptedException {
        Status.Code code = e.getStatus().getCode();
        if (code == Status.Code.PERMISSION_DENIED || code == Status.Code.UNAUTHENTICATED) {
            throw new IllegalStateException("the coordinator refused this client (" + code + "): " + e.getStatus().getDescription());
        }
        if (code == Status.Code.FAILED_PRECONDITION) {
            config.log().accept("coordinator asks to register again: " + e.getStatus().getDescription());
            register();
            return 100;
        }
        if (System.currentTimeMillis() - lastContactMs > config.maxOffline().toMillis()) {
            throw new IllegalStateException("the coordinator at " + config.target() + " has been unreachable for longer than "
                    + config.maxOffline() + " (" + code + ": " + e.getStatus().getDescription() + ")");
        }
        Thread.sleep(jittered(backoff));
        return Math.min(5000, backoff * 2);
    }

    /** A wait in [backoff/2, backoff] milliseconds ("equal jitter" exponential backoff). */
    private long jittered(long backoff) {
        return backoff / 2 + jitter.nextLong(backoff / 2 + 1);
    }

    private void register() throws InterruptedException {
        long backoff = 100;
        while (true) {
            try {
                RegisterResponse r = blocking.withDeadlineAfter(30, TimeUnit.SECONDS).register(RegisterRequest.newBuilder()
                        .setProtocolVersion(Protocol.VERSION).setClientSoftware("privkit " + io.privkit.common.BuildInfo.version())
                        .setSupportsSecureAggregation(true).build());
                contact();
                if (!r.getClientId().equals(config.identity())) {
                    throw new IllegalStateException("the coordinator knows this client as '" + r.getClientId() + "', not '"
                            + config.identity() + "'");
                }
                runId = r.getRunId();
                heartbeatMs = Math.max(50, r.getHeartbeatIntervalMs());
                maxChunk = r.getLimits().getMaxChunkBytes() > 0 ? r.getLimits().getMaxChunkBytes() : maxChunk;
                longPollMs = r.getLimits().getLongPollMs() > 0 ? r.getLimits().getLongPollMs() : longPollMs;
                config.log().accept("registered with " + config.target() + " (federation " + r.getFederationId() + ", run " + runId
                        + ", " + config.security().mode().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
                return;
            } catch (StatusRuntimeException e) {
                Status.Code code = e.getStatus().getCode();
                if (code == Status.Code.PERMISSION_DENIED || code == Status.Code.UNAUTHENTICATED || code == Status.Code.FAILED_PRECONDITION) {
                    throw new IllegalStateException("the coordinator refused to register this client (" + code + "): "
                            + e.getStatus().getDescription());
                }
                if (System.currentTimeMillis() - lastContactMs > config.maxOffline().toMillis()) {
                    throw new IllegalStateException("cannot reach the coordinator at " + config.target() + " (" + code + ": "
                            + e.getStatus().getDescription() + ") for longer than " + config.maxOffline());
                }
                Thread.sleep(jittered(backoff));
                backoff = Math.min(5000, backoff * 2);
            }
        }
    }

    private void beat() {
        String id = runId;
        if (id == null) {
            return;
        }
        try {
            HeartbeatResponse r = blocking.withDeadlineAfter(Math.max(1000, heartbeatMs), TimeUnit.MILLISECONDS)
                    .heartbeat(HeartbeatRequest.newBuilder().setRunId(id).setTaskId(currentTask.get()).build());
            if (r.getRunFinished()) {
                finishedByHeartbeat = true;
            }
        } catch (StatusRuntimeException e) {
            // The pull loop handles an unreachable coordinator.
        }
    }

    private void handle(Task task) throws InterruptedException {
        currentTask.set(task.getMeta().getTaskId());
        try {
            if (System.currentTimeMillis() > task.getMeta().getExpiresAtUnixMs()) {
                return;
            }
            switch (task.getKindCase()) {
                case TRAIN -> handleTrain(task, task.getTrain());
                case ADVERTISE_KEYS, SHARE_KEYS, MASKED_INPUT, UNMASK -> secAgg.handle(task, new SecAggClient.Io() {
                    @Override
                    public ModelWeights fetchModel(ObjectRef ref) {
                        return FederatedClient.this.fetchModel(ref);
                    }

                    @Override
                    public io.privkit.federated.client.LocalUpdate train(TrainTask t) throws Exception {
                        return FederatedClient.this.train(task, t);
                    }

                    @Override
                    public void pushObject(String taskId, byte[] bytes) {
                        FederatedClient.this.pushObject(taskId, bytes);
                    }

                    @Override
                    public boolean pushResult(PushResultRequest request) {
                        return FederatedClient.this.pushResult(request);
                    }

                    @Override
                    public void log(String line) {
                        config.log().accept(line);
                    }
                });
                default -> pushResult(PushResultRequest.newBuilder().setMeta(task.getMeta())
                        .setFailure(TaskFailure.newBuilder().setReason("unsupported-task")).build());
            }
        } finally {
            currentTask.set("");
        }
    }

    private LocalUpdate train(Task task, TrainTask t) throws Exception {
        ModelWeights global = fetchModel(t.getModel());
        TrainingTask tt = new TrainingTask(task.getMeta().getRunId(), task.getMeta().getRound(), global,
                new ClientInstructions(Math.max(0, t.getConfig().getProximalMu()), t.getConfig().getLocalEpochs()),
                Instant.ofEpochMilli(task.getMeta().getExpiresAtUnixMs()));
        LocalUpdate u = trainer.train(tt);
        if (u == null) {
            throw new IllegalStateException("the local trainer returned no update");
        }
        if (u.deltaUnsafe().length != global.size()) {
            throw new IllegalStateException("the local trainer returned " + u.deltaUnsafe().length + " values for a model of " + global.size());
        }
        return u;
    }

    private void handleTrain(Task task, TrainTask t) throws InterruptedException {
        int round = task.getMeta().getRound();
        LocalUpdate u;
        try {
            u = train(task, t);
        } catch (StatusRuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            config.log().accept("round " + round + ": local training failed: " + e.getMessage());
            pushResult(PushResultRequest.newBuilder().setMeta(task.getMeta())
                    .setFailure(TaskFailure.newBuilder().setReason("local-training-failed")).build());
            return;
        }
        if (System.currentTimeMillis() > task.getMeta().getExpiresAtUnixMs()) {
            config.log().accept("round " + round + ": trained too slowly; the round's deadline passed, update not sent");
            return;
        }
        double[] delta = u.deltaUnsafe();
        double clip = t.getConfig().getClipNorm();
        if (clip > 0) {
            delta = clip(delta, clip);
        }
        TensorEncoding enc = encoding(t.getUpdateDtype());
        byte[] bytes = enc.encode(delta);
        pushObject(task.getMeta().getTaskId(), bytes);
        ObjectRef ref = ObjectRef.newBuilder().setSha256(Sha256.of(bytes).hex()).setByteLength(bytes.length)
                .setDtype(t.getUpdateDtype()).addAllTensors(t.getModel().getTensorsList()).build();
        boolean ok = pushResult(PushResultRequest.newBuilder().setMeta(task.getMeta())
                .setTrain(TrainResult.newBuilder().setUpdate(ref).setWeight(u.examples()).putAllMetrics(u.metrics())).build());
        if (ok) {
            config.log().accept(String.format(java.util.Locale.ROOT, "round %d: trained on %d examples, sent %d-byte update",
                    round, u.examples(), bytes.length));
        }
    }

    /** Scales {@code delta} to L2 norm at most {@code c}. */
    static double[] clip(double[] delta, double c) {
        double s = 0;
        for (double v : delta) {
            s += v * v;
        }
        double norm = Math.sqrt(s);
        if (norm <= c) {
            return delta;
        }
        double f = c / norm;
        double[] out = new double[delta.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = delta[i] * f;
        }
        return out;
    }

    static TensorEncoding encoding(DType d) {
        return switch (d) {
            case FLOAT32_LE -> TensorEncoding.FLOAT32_LE;
            case FLOAT64_LE -> TensorEncoding.FLOAT64_LE;
            default -> throw new IllegalStateException("the coordinator asked for element type " + d + ", which this client does not speak");
        };
    }

    /** Downloads an object, verifying its length and SHA-256, and decodes it as a model. */
    ModelWeights fetchModel(ObjectRef ref) {
        List<TensorSpec> ts = new ArrayList<>();
        for (io.privkit.federated.transport.proto.TensorSpec t : ref.getTensorsList()) {
            ts.add(new TensorSpec(t.getName(), t.getShapeList()));
        }
        ModelSpec spec = new ModelSpec(ts);
        TensorEncoding enc = encoding(ref.getDtype());
        if (ref.getByteLength() != enc.byteLength(spec.size())) {
            throw new IllegalStateException("the model object declares " + ref.getByteLength() + " bytes; its shapes imply "
                    + enc.byteLength(spec.size()));
        }
        byte[] bytes = fetchObject(ref.getSha256(), ref.getByteLength());
        return ModelWeights.of(spec, enc.decode(bytes, spec.size()));
    }

    private byte[] fetchObject(String sha, long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(length, Integer.MAX_VALUE - 8));
        Iterator<ObjectChunk> it = blocking.withDeadlineAfter(10, TimeUnit.MINUTES)
                .getObject(GetObjectRequest.newBuilder().setSha256(sha).setOffset(0).build());
        long pos = 0;
        while (it.hasNext()) {
            ObjectChunk c = it.next();
            if (c.getOffset() != pos || c.getTotalLength() != length || pos + c.getData().size() > length
                    || c.getData().size() > maxChunk) {
                throw new IllegalStateException("object " + shortSha(sha) + " arrived out of order or larger than declared");
            }
            out.writeBytes(c.getData().toByteArray());
            pos += c.getData().size();
        }
        contact();
        byte[] bytes = out.toByteArray();
        if (bytes.length != length || !Sha256.of(bytes).hex().equals(sha)) {
            throw new IllegalStateException("object " + shortSha(sha) + " failed its SHA-256 check; refusing it");
        }
        return bytes;
    }

    /** Uploads {@code bytes} for a task: a header, then chunks no larger than the coordinator's limit. */
    void pushObject(String taskId, byte[] bytes) {
        CompletableFuture<PushObjectResponse> done = new CompletableFuture<>();
        StreamObserver<PushObjectMessage> up = async.withDeadlineAfter(10, TimeUnit.MINUTES).pushObject(new StreamObserver<>() {
            private PushObjectResponse last;

            @Override
            public void onNext(PushObjectResponse value) {
                last = value;
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                done.complete(last);
            }
        });
        up.onNext(PushObjectMessage.newBuilder().setHeader(ObjectHeader.newBuilder().setTaskId(taskId)
                .setSha256(Sha256.of(bytes).hex()).setByteLength(bytes.length)).build());
        for (int off = 0; off < bytes.length && !done.isDone(); off += maxChunk) {
            int n = Math.min(maxChunk, bytes.length - off);
            up.onNext(PushObjectMessage.newBuilder().setChunk(ByteString.copyFrom(bytes, off, n)).build());
        }
        up.onCompleted();
        try {
            done.get(10, TimeUnit.MINUTES);
            contact();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StatusRuntimeException s) {
                throw s;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw Status.DEADLINE_EXCEEDED.withDescription("upload timed out").asRuntimeException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
        }
    }

    /** Sends a result; returns whether it was accepted (a rejection is logged and counted). */
    boolean pushResult(PushResultRequest request) {
        PushResultResponse r = blocking.withDeadlineAfter(2, TimeUnit.MINUTES).pushResult(request);
        contact();
        if (r.getAccepted()) {
            if (!request.hasFailure()) {
                completed++;
            }
            return true;
        }
        rejections.merge(r.getRejectionReason(), 1, Integer::sum);
        config.log().accept("round " + request.getMeta().getRound() + ": result rejected (" + r.getRejectionReason() + "): " + r.getDetail());
        return false;
    }

    private static String shortSha(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }

    /** Stops heartbeats and closes the connection. */
    @Override
    public void close() {
        stopped = true;
        heartbeats.shutdownNow();
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Adds the claimed identity header (plaintext mode only). */
    private static final class IdentityHeader implements ClientInterceptor {
        private static final Metadata.Key<String> KEY = Metadata.Key.of(ClientIdentity.PLAINTEXT_HEADER, Metadata.ASCII_STRING_MARSHALLER);
        private final String identity;

        IdentityHeader(String identity) {
            this.identity = identity;
        }

        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<R> listener, Metadata headers) {
                    headers.put(KEY, identity);
                    super.start(listener, headers);
                }
            };
        }
    }

}
