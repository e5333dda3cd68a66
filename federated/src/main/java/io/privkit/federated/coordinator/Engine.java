package io.privkit.federated.coordinator;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.privkit.common.Sha256;
import io.privkit.federated.transport.Protocol;
import io.privkit.federated.transport.proto.Finished;
import io.privkit.federated.transport.proto.GetObjectRequest;
import io.privkit.federated.transport.proto.HeartbeatRequest;
import io.privkit.federated.transport.proto.HeartbeatResponse;
import io.privkit.federated.transport.proto.ObjectChunk;
import io.privkit.federated.transport.proto.ObjectHeader;
import io.privkit.federated.transport.proto.PullTaskRequest;
import io.privkit.federated.transport.proto.PullTaskResponse;
import io.privkit.federated.transport.proto.PushObjectMessage;
import io.privkit.federated.transport.proto.PushObjectResponse;
import io.privkit.federated.transport.proto.PushResultRequest;
import io.privkit.federated.transport.proto.PushResultResponse;
import io.privkit.federated.transport.proto.RegisterRequest;
import io.privkit.federated.transport.proto.RegisterResponse;
import io.privkit.federated.transport.proto.Task;
import io.privkit.federated.transport.proto.TaskMeta;
import io.privkit.federated.transport.proto.Wait;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The coordinator's shared state: registered clients, the open stage of the current round and its
 * tasks, published objects, parked long-polls, and the tallies of rejections. The gRPC handlers
 * and the round thread meet here; every field is guarded by {@code this}. Slow work (writing an
 * upload, scanning it) happens outside the lock, then the outcome is committed under it, after
 * checking the stage is still open.
 */
final class Engine {
    private static final Logger LOG = Logger.getLogger(Engine.class.getName());

    /** The kinds of stage a round is made of. */
    enum StageKind { TRAIN, ADVERTISE_KEYS, SHARE_KEYS, MASKED_INPUT, UNMASK }

    /** Task lifecycle. */
    enum TaskStatus { OPEN, VALIDATING, ACCEPTED, REJECTED, FAILED }

    /** A rejection found while validating a result or an upload. */
    static final class Rejected extends Exception {
        final RejectionReason reason;

        Rejected(RejectionReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    /** Turns a task's result into the payload the round keeps, or rejects it. Runs outside the lock. */
    @FunctionalInterface
    interface ResultHandler {
        Object accept(TaskRecord task, PushResultRequest request) throws Rejected, IOException;
    }

    /** An uploaded object, spooled to disk and verified. */
    record Upload(Path file, String sha256, long length) {
    }

    static final class TaskRecord {
        final String id;
        final String clientId;
        final Stage stage;
        final Task proto;
        final long expiresAtMs;
        final long expectedObjectBytes;
        TaskStatus status = TaskStatus.OPEN;
        RejectionReason rejection;
        Upload upload;
        boolean uploading;

        TaskRecord(String id, String clientId, Stage stage, Task proto, long expiresAtMs, long expectedObjectBytes) {
            this.id = id;
            this.clientId = clientId;
            this.stage = stage;
            this.proto = proto;
            this.expiresAtMs = expiresAtMs;
            this.expectedObjectBytes = expectedObjectBytes;
        }
    }

    /** Per-round tallies across the round's stages. */
    static final class Tally {
        final int round;
        final EnumMap<RejectionReason, Integer> rejections = new EnumMap<>(RejectionReason.class);
        final Set<String> rejectedClients = new TreeSet<>();
        long bytesReceived;

        Tally(int round) {
            this.round = round;
        }

        int rejected() {
            return rejections.values().stream().mapToInt(Integer::intValue).sum();
        }

        Map<String, Integer> byCode() {
            Map<String, Integer> m = new TreeMap<>();
            rejections.forEach((k, v) -> m.put(k.code(), v));
            return m;
        }
    }

    static final class Stage {
        final StageKind kind;
        final int round;
        final List<String> participants;
        final long openedMs;
        final long deadlineMs;
        final int target;
        final ResultHandler handler;
        final Map<String, TaskRecord> taskByClient = new TreeMap<>();
        final Map<String, Object> accepted = new TreeMap<>();
        final Map<String, String> failed = new TreeMap<>();
        final Set<String> rejectedClients = new TreeSet<>();
        boolean closed;

        Stage(StageKind kind, int round, List<String> participants, long openedMs, long deadlineMs, int target, ResultHandler handler) {
            this.kind = kind;
            this.round = round;
            this.participants = List.copyOf(participants);
            this.openedMs = openedMs;
            this.deadlineMs = deadlineMs;
            this.target = target;
            this.handler = handler;
        }

        boolean resolved(String client) {
            return accepted.containsKey(client) || failed.containsKey(client) || rejectedClients.contains(client);
        }

        /** Participants with no accepted result. */
        List<String> missing() {
            List<String> out = new ArrayList<>();
            for (String p : participants) {
                if (!accepted.containsKey(p)) {
                    out.add(p);
                }
            }
            return out;
        }
    }

    private static final class Session {
        long lastSeenMs;
        boolean sawFinished;
    }

    private static final class Parked {
        final StreamObserver<PullTaskResponse> observer;
        final AtomicBoolean done = new AtomicBoolean();
        ScheduledFuture<?> timeout;

        Parked(StreamObserver<PullTaskResponse> observer) {
            this.observer = observer;
        }

        void complete(PullTaskResponse r) {
            if (done.compareAndSet(false, true)) {
                if (timeout != null) {
                    timeout.cancel(false);
                }
                try {
                    observer.onNext(r);
                    observer.onCompleted();
                } catch (RuntimeException e) {
                    // The client went away; nothing to deliver to.
                }
            }
        }
    }

    private final CoordinatorConfig config;
    private final String runId;
    private final Path spoolDir;
    private final ScheduledExecutorService timer;
    private final SecureRandom ids = new SecureRandom();

    private final Map<String, Session> sessions = new HashMap<>();
    private final Map<String, TaskRecord> tasks = new HashMap<>();
    private final Map<String, Parked> parked = new HashMap<>();
    private final Map<String, byte[]> objects = new HashMap<>();
    private final Map<String, Long> lateRejections = new TreeMap<>();
    private Stage stage;
    private Tally tally;
    private Finished finished;

    Engine(CoordinatorConfig config, String runId, Path spoolDir, ScheduledExecutorService timer) {
        this.config = config;
        this.runId = runId;
        this.spoolDir = spoolDir;
        this.timer = timer;
    }

    String runId() {
        return runId;
    }

    private long now() {
        return config.clock().millis();
    }

    private long heartbeatMs() {
        return config.heartbeatInterval().toMillis();
    }

    // ------------------------------------------------------------------ round-thread API

    /** Starts a new round's tallies. */
    synchronized Tally beginRound(int round) {
        tally = new Tally(round);
        return tally;
    }

    /** Ends the round's tallies: rejections from now on count as late rejections of the run. Call holding the lock. */
    synchronized void endRound() {
        tally = null;
    }

    synchronized Map<String, Long> lateRejections() {
        return new TreeMap<>(lateRejections);
    }

    synchronized void restoreLateRejections(Map<String, Long> late) {
        lateRejections.putAll(late);
    }

    /** Makes an object available to {@code GetObject}. */
    synchronized void publish(Sha256 sha, byte[] bytes) {
        objects.put(sha.hex(), bytes);
    }

    /** Removes a published object. */
    synchronized void unpublish(Sha256 sha) {
        objects.remove(sha.hex());
    }

    /** Waits until {@code n} clients are connected (seen within the heartbeat patience). */
    synchronized void awaitAvailable(int n, long timeoutMs, Runnable onWaiting) throws InterruptedException {
        long end = now() + timeoutMs;
        long lastNotice = 0;
        while (live() < n) {
            long left = end - now();
            if (left <= 0) {
                throw new IllegalStateException("only " + live() + " of the " + n + " clients needed are connected after waiting "
                        + (timeoutMs / 1000) + " s; start the clients (privkit federated join) or lower minAvailable");
            }
            if (now() - lastNotice > 10_000) {
                onWaiting.run();
                lastNotice = now();
            }
            wait(Math.min(left, 200));
        }
    }

    /** Clients seen within the heartbeat patience. */
    synchronized int live() {
        long t = now();
        int n = 0;
        for (Session s : sessions.values()) {
            if (t - s.lastSeenMs <= heartbeatMs() * config.heartbeatPatience()) {
                n++;
            }
        }
        return n;
    }

    private boolean gone(String client, long t) {
        Session s = sessions.get(client);
        return s != null && t - s.lastSeenMs > heartbeatMs() * config.heartbeatPatience();
    }

    /**
     * Opens a stage: one task per participant, deliverable at once (parked long-polls are woken).
     *
     * @param bodies makes each participant's task body (kind-specific fields), given its id
     */
    synchronized Stage openStage(StageKind kind, int round, List<String> participants, long timeoutMs, int target,
                                 long expectedObjectBytes, Function<String, Task.Builder> bodies, ResultHandler handler) {
        long t = now();
        Stage s = new Stage(kind, round, participants, t, t + timeoutMs, target, handler);
        for (String client : participants) {
            String taskId = newId();
            TaskMeta meta = TaskMeta.newBuilder().setProtocolVersion(Protocol.VERSION).setRunId(runId).setRound(round)
                    .setTaskId(taskId).setIssuedAtUnixMs(t).setExpiresAtUnixMs(s.deadlineMs).build();
            Task task = bodies.apply(client).setMeta(meta).build();
            TaskRecord rec = new TaskRecord(taskId, client, s, task, s.deadlineMs, expectedObjectBytes);
            s.taskByClient.put(client, rec);
            tasks.put(taskId, rec);
        }
        stage = s;
        for (String client : participants) {
            Parked p = parked.remove(client);
            if (p != null) {
                p.complete(PullTaskResponse.newBuilder().setTask(s.taskByClient.get(client).proto).build());
            }
        }
        notifyAll();
        return s;
    }

    /** Waits until every participant is resolved or gone, the target is met, or the deadline passes. */
    synchronized void awaitStage(Stage s) throws InterruptedException {
        while (true) {
            long t = now();
            if (t >= s.deadlineMs || s.accepted.size() >= s.target) {
                return;
            }
            boolean pending = false;
            for (String p : s.participants) {
                TaskRecord rec = s.taskByClient.get(p);
                if (rec.status == TaskStatus.VALIDATING || rec.uploading || (!s.resolved(p) && !gone(p, t))) {
                    pending = true;
                    break;
                }
            }
            if (!pending) {
                return;
            }
            wait(Math.max(1, Math.min(200, s.deadlineMs - t)));
        }
    }

    /** Closes a stage: later results are rejected as late. */
    synchronized void closeStage(Stage s) {
        s.closed = true;
        if (stage == s) {
            stage = null;
        }
        notifyAll();
    }

    /** Forgets the tasks of rounds before {@code round} and deletes their spooled uploads. */
    synchronized void pruneBefore(int round) {
        tasks.values().removeIf(t -> {
            if (t.stage.round < round) {
                deleteQuietly(t.upload);
                return true;
            }
            return false;
        });
    }

    /** Deletes the uploads of a round's tasks (updates are not retained past their round). */
    synchronized void deleteUploads(int round) {
        for (TaskRecord t : tasks.values()) {
            if (t.stage.round == round && t.upload != null) {
                deleteQuietly(t.upload);
            }
        }
    }

    private static void deleteQuietly(Upload u) {
        if (u != null) {
            try {
                Files.deleteIfExists(u.file());
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not delete spooled upload " + u.file(), e);
            }
        }
    }

    /** Marks the run finished: pulls and heartbeats now say so. */
    synchronized void finish(Finished f) {
        finished = f;
        for (Parked p : parked.values()) {
            p.complete(PullTaskResponse.newBuilder().setFinished(f).build());
        }
        parked.clear();
        notifyAll();
    }

    /** Waits until every live client has been told the run finished, or the timeout. */
    synchronized void awaitFinishedDelivered(long timeoutMs) throws InterruptedException {
        long end = now() + timeoutMs;
        while (now() < end) {
            boolean all = true;
            long t = now();
            for (Session s : sessions.values()) {
                if (!s.sawFinished && t - s.lastSeenMs <= heartbeatMs() * config.heartbeatPatience()) {
                    all = false;
                }
            }
            if (all) {
                return;
            }
            wait(100);
        }
    }

    synchronized void count(Tally t, RejectionReason r) {
        t.rejections.merge(r, 1, Integer::sum);
    }

    // ------------------------------------------------------------------ RPC handlers

    private synchronized Session touch(String client) {
        Session s = sessions.computeIfAbsent(client, k -> new Session());
        s.lastSeenMs = now();
        notifyAll();
        return s;
    }

    RegisterResponse register(String client, RegisterRequest req) {
        if (req.getProtocolVersion() != Protocol.VERSION) {
            throw Status.FAILED_PRECONDITION.withDescription("protocol version " + req.getProtocolVersion()
                    + " is not spoken by this coordinator (it speaks " + Protocol.VERSION + "); use a matching Privkit version")
                    .asRuntimeException();
        }
        touch(client);
        return RegisterResponse.newBuilder().setFederationId(config.federationId()).setRunId(runId)
                .setProtocolVersion(Protocol.VERSION).setClientId(client).setHeartbeatIntervalMs(heartbeatMs())
                .setLimits(io.privkit.federated.transport.proto.Limits.newBuilder()
                        .setMaxChunkBytes(config.limits().maxChunkBytes()).setMaxObjectBytes(config.limits().maxObjectBytes())
                        .setLongPollMs(config.limits().longPoll().toMillis()))
                .build();
    }

    HeartbeatResponse heartbeat(String client, HeartbeatRequest req) {
        Session s = touch(client);
        synchronized (this) {
            if (finished != null) {
                s.sawFinished = true;
            }
            return HeartbeatResponse.newBuilder().setHeartbeatIntervalMs(heartbeatMs()).setRunFinished(finished != null).build();
        }
    }

    void pull(String client, PullTaskRequest req, StreamObserver<PullTaskResponse> observer) {
        Session session = touch(client);
        if (!req.getRunId().equals(runId)) {
            observer.onError(Status.FAILED_PRECONDITION.withDescription("run " + req.getRunId() + " is not the current run "
                    + runId + "; register again").asRuntimeException());
            return;
        }
        Parked p;
        synchronized (this) {
            if (finished != null) {
                session.sawFinished = true;
                notifyAll();
                reply(observer, PullTaskResponse.newBuilder().setFinished(finished).build());
                return;
            }
            TaskRecord t = deliverable(client);
            if (t != null) {
                reply(observer, PullTaskResponse.newBuilder().setTask(t.proto).build());
                return;
            }
            p = new Parked(observer);
            Parked old = parked.put(client, p);
            if (old != null) {
                old.complete(waitResponse());
            }
            if (observer instanceof ServerCallStreamObserver<PullTaskResponse> sc) {
                sc.setOnCancelHandler(() -> {
                    synchronized (Engine.this) {
                        parked.remove(client, p);
                    }
                    p.done.set(true);
                });
            }
            p.timeout = timer.schedule(() -> {
                synchronized (Engine.this) {
                    parked.remove(client, p);
                }
                p.complete(waitResponse());
            }, config.limits().longPoll().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static PullTaskResponse waitResponse() {
        return PullTaskResponse.newBuilder().setWait(Wait.newBuilder().setRetryAfterMs(0)).build();
    }

    private static <T> void reply(StreamObserver<T> o, T value) {
        o.onNext(value);
        o.onCompleted();
    }

    /** The open task of the current stage for this client, if it still awaits an answer. */
    private TaskRecord deliverable(String client) {
        if (stage == null || stage.closed) {
            return null;
        }
        TaskRecord t = stage.taskByClient.get(client);
        if (t == null || t.status != TaskStatus.OPEN || now() > t.expiresAtMs) {
            return null;
        }
        return t;
    }

    void getObject(String client, GetObjectRequest req, StreamObserver<ObjectChunk> observer) {
        touch(client);
        byte[] bytes;
        synchronized (this) {
            bytes = objects.get(req.getSha256());
        }
        if (bytes == null) {
            observer.onError(Status.NOT_FOUND.withDescription("no object " + req.getSha256() + "; pull a current task").asRuntimeException());
            return;
        }
        if (req.getOffset() > bytes.length) {
            observer.onError(Status.OUT_OF_RANGE.withDescription("offset " + req.getOffset() + " beyond " + bytes.length).asRuntimeException());
            return;
        }
        int chunk = config.limits().maxChunkBytes();
        ServerCallStreamObserver<ObjectChunk> sc = (ServerCallStreamObserver<ObjectChunk>) observer;
        long[] pos = {req.getOffset()};
        AtomicBoolean done = new AtomicBoolean();
        Runnable drain = () -> {
            while (sc.isReady() && !done.get()) {
                if (pos[0] >= bytes.length) {
                    if (done.compareAndSet(false, true)) {
                        sc.onCompleted();
                    }
                    return;
                }
                int n = (int) Math.min(chunk, bytes.length - pos[0]);
                sc.onNext(ObjectChunk.newBuilder().setOffset(pos[0]).setTotalLength(bytes.length)
                        .setData(ByteString.copyFrom(bytes, (int) pos[0], n)).build());
                pos[0] += n;
            }
        };
        sc.setOnCancelHandler(() -> done.set(true));
        sc.setOnReadyHandler(drain);
        if (bytes.length == 0) {
            done.set(true);
            sc.onCompleted();
        }
    }

    StreamObserver<PushObjectMessage> pushObject(String client, StreamObserver<PushObjectResponse> response) {
        touch(client);
        return new UploadSink(client, response);
    }

    /** Receives one upload: header, then chunks; writes them to the spool, verifies length and digest. */
    private final class UploadSink implements StreamObserver<PushObjectMessage> {
        private final String client;
        private final StreamObserver<PushObjectResponse> response;
        private TaskRecord task;
        private ObjectHeader header;
        private Path file;
        private OutputStream out;
        private MessageDigest digest;
        private long received;
        private boolean failed;

        UploadSink(String client, StreamObserver<PushObjectResponse> response) {
            this.client = client;
            this.response = response;
        }

        @Override
        public void onNext(PushObjectMessage msg) {
            if (failed) {
                return;
            }
            try {
                if (header == null) {
                    if (!msg.hasHeader()) {
                        reject(null, RejectionReason.MALFORMED, "the first message of an upload must be its header");
                        return;
                    }
                    start(msg.getHeader());
                } else {
                    if (!msg.hasChunk() || msg.hasHeader()) {
                        reject(task, RejectionReason.MALFORMED, "only chunks may follow the header");
                        return;
                    }
                    ByteString b = msg.getChunk();
                    if (b.size() > config.limits().maxChunkBytes()) {
                        reject(task, RejectionReason.OVERSIZED, "chunk of " + b.size() + " bytes exceeds " + config.limits().maxChunkBytes());
                        return;
                    }
                    if (received + b.size() > header.getByteLength()) {
                        reject(task, RejectionReason.OVERSIZED, "upload exceeds its declared " + header.getByteLength() + " bytes");
                        return;
                    }
                    b.writeTo(out);
                    for (java.nio.ByteBuffer bb : b.asReadOnlyByteBufferList()) {
                        digest.update(bb);
                    }
                    received += b.size();
                }
            } catch (IOException e) {
                abort(Status.INTERNAL.withDescription("coordinator could not spool the upload: " + e.getMessage()));
            }
        }

        private void start(ObjectHeader h) throws IOException {
            synchronized (Engine.this) {
                TaskRecord t = tasks.get(h.getTaskId());
                if (t == null) {
                    rejectLocked(null, RejectionReason.UNKNOWN_TASK, "no task " + h.getTaskId());
                    return;
                }
                if (!t.clientId.equals(client)) {
                    rejectLocked(null, RejectionReason.IDENTITY_MISMATCH, "task " + h.getTaskId() + " was not given to " + client);
                    return;
                }
                if (t.status != TaskStatus.OPEN || t.uploading) {
                    rejectLocked(t, RejectionReason.REPLAYED, "task " + h.getTaskId() + " already has an answer or an upload in progress");
                    return;
                }
                if (t.stage.closed || now() > t.expiresAtMs) {
                    rejectLocked(t, RejectionReason.LATE, "task " + h.getTaskId() + " expired");
                    return;
                }
                if (t.expectedObjectBytes == 0) {
                    rejectLocked(t, RejectionReason.MALFORMED, "task " + h.getTaskId() + " takes no upload");
                    return;
                }
                if (h.getByteLength() > t.expectedObjectBytes || h.getByteLength() > config.limits().maxObjectBytes()) {
                    markRejected(t, RejectionReason.OVERSIZED);
                    rejectLocked(t, RejectionReason.OVERSIZED, "declared " + h.getByteLength() + " bytes; the task allows "
                            + t.expectedObjectBytes);
                    return;
                }
                if (h.getByteLength() != t.expectedObjectBytes) {
                    markRejected(t, RejectionReason.WRONG_BYTE_LENGTH);
                    rejectLocked(t, RejectionReason.WRONG_BYTE_LENGTH, "declared " + h.getByteLength() + " bytes; the task needs exactly "
                            + t.expectedObjectBytes);
                    return;
                }
                if (!h.getSha256().matches("[0-9a-f]{64}")) {
                    rejectLocked(t, RejectionReason.MALFORMED, "sha256 must be 64 lower-case hex characters");
                    return;
                }
                t.uploading = true;
                task = t;
                header = h;
            }
            Path dir = Files.createDirectories(spoolDir.resolve("round-" + task.stage.round));
            file = dir.resolve(task.id + "-" + newId() + ".bin");
            out = Files.newOutputStream(file);
            digest = Sha256.newDigest();
        }

        @Override
        public void onError(Throwable t) {
            cleanup(true);
        }

        @Override
        public void onCompleted() {
            if (failed) {
                return;
            }
            if (header == null) {
                reject(null, RejectionReason.MALFORMED, "empty upload");
                return;
            }
            try {
                out.close();
            } catch (IOException e) {
                abort(Status.INTERNAL.withDescription(e.getMessage()));
                return;
            }
            if (received != header.getByteLength()) {
                reject(task, RejectionReason.WRONG_BYTE_LENGTH, "received " + received + " of " + header.getByteLength() + " bytes");
                return;
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            if (!sha.equals(header.getSha256())) {
                reject(task, RejectionReason.DIGEST_MISMATCH, "received bytes hash to " + sha + ", not " + header.getSha256());
                return;
            }
            synchronized (Engine.this) {
                task.uploading = false;
                Upload previous = task.upload;
                task.upload = new Upload(file, sha, received);
                if (previous != null && !previous.file().equals(file)) {
                    deleteQuietly(previous);
                }
                Engine.this.notifyAll();
            }
            response.onNext(PushObjectResponse.newBuilder().setSha256(sha).setBytesReceived(received).build());
            response.onCompleted();
        }

        private void reject(TaskRecord t, RejectionReason r, String detail) {
            synchronized (Engine.this) {
                if (t != null) {
                    markRejected(t, r);
                }
                rejectLocked(t, r, detail);
            }
        }

        private void rejectLocked(TaskRecord t, RejectionReason r, String detail) {
            countRejection(t, r);
            Status s = (r == RejectionReason.OVERSIZED ? Status.RESOURCE_EXHAUSTED : Status.INVALID_ARGUMENT)
                    .withDescription("upload rejected (" + r.code() + "): " + detail);
            abort(s);
        }

        private void abort(Status s) {
            failed = true;
            cleanup(true);
            try {
                response.onError(s.asRuntimeException());
            } catch (RuntimeException ignored) {
                // already closed
            }
        }

        private void cleanup(boolean deleteFile) {
            synchronized (Engine.this) {
                if (task != null && task.upload == null) {
                    task.uploading = false;
                }
                Engine.this.notifyAll();
            }
            if (out != null) {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
            if (deleteFile && file != null && (task == null || task.upload == null)) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    /** Marks a task's update rejected (holding the lock). */
    private void markRejected(TaskRecord t, RejectionReason r) {
        t.status = TaskStatus.REJECTED;
        t.rejection = r;
        t.stage.rejectedClients.add(t.clientId);
        if (tally != null && tally.round == t.stage.round) {
            tally.rejectedClients.add(t.clientId);
        }
    }

    /** Counts a rejection against the task's round if it is the current one, else as a late rejection. Holds the lock. */
    private void countRejection(TaskRecord t, RejectionReason r) {
        if (tally != null && (t == null || t.stage.round == tally.round)) {
            tally.rejections.merge(r, 1, Integer::sum);
        } else {
            lateRejections.merge(r.code(), 1L, Long::sum);
        }
        notifyAll();
    }

    PushResultResponse pushResult(String client, PushResultRequest req) {
        touch(client);
        TaskRecord t;
        synchronized (this) {
            TaskMeta meta = req.getMeta();
            t = tasks.get(meta.getTaskId());
            if (t == null) {
                return rejectResult(null, RejectionReason.UNKNOWN_TASK, "no task " + meta.getTaskId() + " in run " + runId);
            }
            if (!t.clientId.equals(client)) {
                return rejectResult(null, RejectionReason.IDENTITY_MISMATCH, "task " + t.id + " was not given to " + client);
            }
            if (!meta.getRunId().equals(runId)) {
                return rejectResult(t, RejectionReason.WRONG_RUN, "run " + meta.getRunId() + " is not " + runId);
            }
            if (meta.getRound() != t.stage.round) {
                return rejectResult(t, RejectionReason.WRONG_ROUND, "task " + t.id + " is of round " + t.stage.round + ", not " + meta.getRound());
            }
            if (t.status == TaskStatus.REJECTED) {
                return PushResultResponse.newBuilder().setAccepted(false).setRejectionReason(t.rejection.code())
                        .setDetail("this task's upload was already rejected").build();
            }
            if (t.status != TaskStatus.OPEN) {
                return rejectResult(t, RejectionReason.REPLAYED, "task " + t.id + " was already answered");
            }
            if (t.stage.closed || now() > t.expiresAtMs) {
                return rejectResult(t, RejectionReason.LATE, "task " + t.id + " expired; its round has moved on");
            }
            if (req.hasFailure()) {
                t.status = TaskStatus.FAILED;
                t.stage.failed.put(client, req.getFailure().getReason().isBlank() ? "client-failure" : req.getFailure().getReason());
                notifyAll();
                return PushResultResponse.newBuilder().setAccepted(true).setDetail("failure noted").build();
            }
            t.status = TaskStatus.VALIDATING;
        }
        Object payload;
        try {
            payload = t.stage.handler.accept(t, req);
        } catch (Rejected r) {
            synchronized (this) {
                markRejected(t, r.reason);
                return rejectResult(t, r.reason, r.getMessage());
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "validating the result of task " + t.id + " failed", e);
            synchronized (this) {
                t.status = TaskStatus.OPEN;
                notifyAll();
            }
            throw Status.INTERNAL.withDescription("coordinator could not validate the result: " + e.getMessage()).asRuntimeException();
        }
        synchronized (this) {
            if (t.stage.closed || now() > t.expiresAtMs) {
                t.status = TaskStatus.REJECTED;
                t.rejection = RejectionReason.LATE;
                return rejectResult(t, RejectionReason.LATE, "the round closed while the result was being validated");
            }
            t.status = TaskStatus.ACCEPTED;
            t.stage.accepted.put(client, payload);
            if (t.upload != null && tally != null && t.stage.round == tally.round) {
                tally.bytesReceived += t.upload.length();
            }
            notifyAll();
            return PushResultResponse.newBuilder().setAccepted(true).build();
        }
    }

    private PushResultResponse rejectResult(TaskRecord t, RejectionReason r, String detail) {
        countRejection(t, r);
        return PushResultResponse.newBuilder().setAccepted(false).setRejectionReason(r.code()).setDetail(detail).build();
    }

    private String newId() {
        byte[] b = new byte[16];
        ids.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
