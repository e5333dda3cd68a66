package io.privkit.federated.coordinator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.privkit.common.Randomness;
import io.privkit.common.Sha256;
import io.privkit.federated.ModelSpec;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.TensorEncoding;
import io.privkit.federated.TensorSpec;
import io.privkit.federated.client.ClientConfig;
import io.privkit.federated.client.FederatedClient;
import io.privkit.federated.client.LocalUpdate;
import io.privkit.federated.testing.Federation;
import io.privkit.federated.testing.RawFleet;
import io.privkit.federated.transport.AllowList;
import io.privkit.federated.transport.proto.DType;
import io.privkit.federated.transport.proto.ObjectRef;
import io.privkit.federated.transport.proto.PushResultRequest;
import io.privkit.federated.transport.proto.PushResultResponse;
import io.privkit.federated.transport.proto.Task;
import io.privkit.federated.transport.proto.TaskMeta;
import io.privkit.federated.transport.proto.TrainResult;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every update is validated before it is accumulated, and each rejection is counted with its
 * reason: one honest client (delta 0.5 everywhere, weight 10) and one misbehaving raw client per
 * test, over mutual TLS on loopback. The honest update alone must make the model.
 */
class UpdateValidationTest {
    private static final ModelSpec SPEC = ModelSpec.of(TensorSpec.of("w", 2, 2), TensorSpec.of("b", 2));
    private static final int D = SPEC.size();
    private static final Federation FED = new Federation(List.of("bad", "good", "other"));
    private static final ExecutorService POOL = Executors.newCachedThreadPool();

    @AfterAll
    static void shutdown() {
        POOL.shutdownNow();
    }

    /** What the misbehaving client did; returns a note for assertions. */
    record Outcome(RoundReport report, ModelWeights model, TrainingRun run, Object note) {
    }

    private static Outcome run(UpdatePolicy policy, Duration timeout, Function<RawFleet, Object> bad) throws Exception {
        return run(1, policy, timeout, bad);
    }

    private static Outcome run(int rounds, UpdatePolicy policy, Duration timeout, Function<RawFleet, Object> bad) throws Exception {
        CoordinatorConfig config = CoordinatorConfig.builder().federationId("v").allowList(AllowList.of("bad", "good"))
                .security(FED.coordinator).rounds(rounds).minResults(1).minAvailable(2).roundTimeout(timeout)
                .randomness(Randomness.insecureSeeded(3)).updatePolicy(policy).heartbeatInterval(Duration.ofMillis(200))
                // The raw client sends no heartbeats while it misbehaves: a generous patience keeps it counted as
                // connected on a loaded machine, and a bounded wait turns a missing client into a failure, not a hang.
                .heartbeatPatience(50).waitForClients(Duration.ofSeconds(60)).build();
        try (Coordinator c = Coordinator.open(config, ModelWeights.zeros(SPEC))) {
            ClientConfig gc = ClientConfig.builder().target("localhost", c.port()).security(FED.clients.get("good")).build();
            Future<?> good = POOL.submit(() -> {
                try (FederatedClient fc = FederatedClient.open(gc, task -> {
                    double[] d = new double[D];
                    Arrays.fill(d, 0.5);
                    return LocalUpdate.ofDelta(d, 10);
                })) {
                    return fc.run();
                }
            });
            Future<Object> badRun = POOL.submit(() -> {
                try (RawFleet f = new RawFleet(c.port(), FED.clients.get("bad"), null)) {
                    f.register();
                    return bad.apply(f);
                }
            });
            TrainingRun run = c.run();
            good.get();
            Object note = badRun.get();
            return new Outcome(run.history().rounds().get(0), run.finalModel(), run, note);
        }
    }

    private static byte[] floats(double... v) {
        return TensorEncoding.FLOAT32_LE.encode(v);
    }

    private static double[] filled(double x) {
        double[] d = new double[D];
        Arrays.fill(d, x);
        return d;
    }

    private static ObjectRef ref(Task t, byte[] bytes) {
        return ObjectRef.newBuilder().setSha256(Sha256.of(bytes).hex()).setByteLength(bytes.length).setDtype(DType.FLOAT32_LE)
                .addAllTensors(t.getTrain().getModel().getTensorsList()).build();
    }

    private static PushResultResponse push(RawFleet f, TaskMeta meta, ObjectRef ref, double weight) {
        return f.blocking.pushResult(PushResultRequest.newBuilder().setMeta(meta)
                .setTrain(TrainResult.newBuilder().setUpdate(ref).setWeight(weight)).build());
    }

    private static void assertOnlyGoodCounted(Outcome o) {
        assertEquals(1, o.report().reported(), o.report().progressLine(1));
        assertArrayEquals(filled(0.5), o.model().values(), 0, "the rejected update must not move the model");
    }

    @Test
    void nanUpdate_rejectedNonFinite_modelFromHonestOnly() throws Exception {
        Outcome o = run(UpdatePolicy.withDefaults(), Duration.ofSeconds(20), f -> {
            Task t = f.pullTask();
            double[] d = filled(0.1);
            d[5] = Double.NaN;
            byte[] b = floats(d);
            f.upload(t.getMeta().getTaskId(), b);
            return push(f, t.getMeta(), ref(t, b), 1);
        });
        assertEquals(Map.of("non-finite", 1), o.report().rejections());
        assertEquals("non-finite", ((PushResultResponse) o.note()).getRejectionReason());
        assertTrue(((PushResultResponse) o.note()).getDetail().contains("tensor 'b' element 1"), o.note().toString());
        assertOnlyGoodCounted(o);
    }

    @Test
    void wrongShape_sameByteLength_rejectedWrongShape() throws Exception {
        Outcome o = run(UpdatePolicy.withDefaults(), Duration.ofSeconds(20), f -> {
            Task t = f.pullTask();
            byte[] b = floats(filled(0.1));
            f.upload(t.getMeta().getTaskId(), b);
            ObjectRef r = ref(t, b).toBuilder().setTensors(0, io.privkit.federated.transport.proto.TensorSpec.newBuilder()
                    .setName("w").addShape(4)).build();
            return push(f, t.getMeta(), r, 1);
        });
        assertEquals(Map.of("wrong-shape", 1), o.report().rejections());
        assertOnlyGoodCounted(o);
    }

    @Test
    void oversizedUpload_refusedBeforeAnyByte_countedOversized() throws Exception {
        Outcome o = run(UpdatePolicy.withDefaults(), Duration.ofSeconds(20), f -> {
            Task t = f.pullTask();
            byte[] b = floats(Arrays.copyOf(filled(0.1), D + 1000));
            return f.upload(t.getMeta().getTaskId(), b);
        });
        assertEquals(Map.of("oversized", 1), o.report().rejections());
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, Status.fromThrowable((Throwable) o.note()).getCode());
        assertOnlyGoodCounted(o);
    }

    @Test
    void uploadLongerThanDeclared_rejectedOversized() throws Exception {
        Outcome o = run(UpdatePolicy.withDefaults(), Duration.ofSeconds(20), f -> {
            Task t = f.pullTask();
            byte[] b = floats(Arrays.copyOf(filled(0.1), D + 4));
            return f.upload(t.getMeta().getTaskId(), b, 4L * D, Sha256.of(b).hex(), 8);
        });
        assertEquals(Map.of("oversized", 1), o.report().rejections());
        assertOnlyGoodCounted(o);
    }

    @Test
    void normExploding_rejectPolicy_rejectedNormBound() throws Exception {
        Outcome o = run(UpdatePolicy.withDefaults().with(UpdatePolicy.NormBound.reject(10)), Duration.ofSeconds(20), f -> {
            Task t = f.pullTask();
            byte[] b = floats(filled(1e6));
            f.upload(t.getMeta().getTaskId(), b);
            return push(f, t.getMeta(), ref(t, b), 1);
        });
        assertEquals(Map.of("norm-bound", 1), o.report().rejections());
        assertOnlyGoodCounted(o);
    }

    /** Clip policy: the huge update is scaled to norm 2 (every coordinate 2/sqrt(6)) and averaged in with weight 10 each. */
    @Test
    void normExploding_clipPolicy_clippedToBoundThenAveraged() throws Exception {
        Outcome o = run(UpdatePolicy.withDefaults().with(UpdatePolicy.NormBound.clip(2)), Duration.ofSeconds(20), f -> {
            Task t = f.pullTask();
            byte[] b = floats(filled(1e6));
            f.upload(t.getMeta().getTaskId(), b);
            return push(f, t.getMeta(), ref(t, b), 10);
        });
        assertEquals(0, o.report().rejected());
        assertEquals(2, o.report().reported());
        double clipped = 2 / Math.sqrt(D);
        assertArrayEquals(filled((0.5 + clipped) / 2), o.model().values(), 1e-7);
    }

    @Test
    void weightNotPositive_rejected_weightAboveCap_capped() throws Exception {
        Outcome o = run(UpdatePolicy.withDefaults(), Duration.ofSeconds(20), f -> {
            Task t = f.pullTask();
            byte[] b = floats(filled(0.1));
            f.upload(t.getMeta().getTaskId(), b);
            return push(f, t.getMeta(), ref(t, b), -3);
        });
        assertEquals(Map.of("weight-out-of-range", 1), o.report().rejections());
        assertOnlyGoodCounted(o);

        Outcome capped = run(UpdatePolicy.withDefaults().with(UpdatePolicy.WeightBound.byExamples(10, UpdatePolicy.BoundAction.CLIP)),
                Duration.ofSeconds(20), f -> {
                    Task t = f.pullTask();
                    byte[] b = floats(filled(1.5));
                    f.upload(t.getMeta().getTaskId(), b);
                    return push(f, t.getMeta(), ref(t, b), 1e9);
                });
        assertEquals(0, capped.report().rejected());
        assertArrayEquals(filled(1.0), capped.model().values(), 1e-7, "weight 1e9 capped to 10: (10*0.5 + 10*1.5) / 20");
    }

    /**
     * The replay may land before or after round 1 closes (it is counted in the round, or for the run
     * as a late rejection); either way it is counted once and accumulated never. Round 2 (honest only)
     * keeps the run open until the replay has been handled.
     */
    @Test
    void replayedResult_secondRejectedReplayed_countedOnce() throws Exception {
        Outcome o = run(2, UpdatePolicy.withDefaults(), Duration.ofSeconds(20), f -> {
            Task t = f.pullTask();
            byte[] b = floats(filled(1.5));
            f.upload(t.getMeta().getTaskId(), b);
            PushResultResponse first = push(f, t.getMeta(), ref(t, b), 10);
            assertTrue(first.getAccepted());
            return push(f, t.getMeta(), ref(t, b), 10);
        });
        assertEquals("replayed", ((PushResultResponse) o.note()).getRejectionReason());
        long replays = o.report().rejections().getOrDefault("replayed", 0) + o.run().history().lateRejections().getOrDefault("replayed", 0L);
        assertEquals(1, replays);
        assertEquals(2, o.report().reported());
        // round 1: (10*0.5 + 10*1.5)/20 = 1.0, the replay not accumulated twice; round 2: honest only, +0.5
        assertArrayEquals(filled(1.5), o.model().values(), 1e-7);
    }

    @Test
    void digestMismatch_rejected() throws Exception {
        Outcome o = run(UpdatePolicy.withDefaults(), Duration.ofSeconds(20), f -> {
            Task t = f.pullTask();
            byte[] b = floats(filled(0.1));
            return f.upload(t.getMeta().getTaskId(), b, b.length, Sha256.of(new byte[] {1}).hex(), 1 << 16);
        });
        assertEquals(Map.of("digest-mismatch", 1), o.report().rejections());
        assertOnlyGoodCounted(o);
    }

    @Test
    void unknownTask_rejectedAndCounted() throws Exception {
        Outcome o = run(UpdatePolicy.withDefaults(), Duration.ofSeconds(20), f -> {
            Task t = f.pullTask();
            TaskMeta forged = t.getMeta().toBuilder().setTaskId("00112233445566778899aabbccddeeff").build();
            PushResultResponse r = push(f, forged, ObjectRef.getDefaultInstance(), 1);
            byte[] b = floats(filled(1.5));
            f.upload(t.getMeta().getTaskId(), b);
            push(f, t.getMeta(), ref(t, b), 10);
            return r;
        });
        assertEquals("unknown-task", ((PushResultResponse) o.note()).getRejectionReason());
        assertEquals(Map.of("unknown-task", 1), o.report().rejections());
        assertEquals(2, o.report().reported());
    }

    @Test
    void resultForAnotherClientsTask_rejectedIdentityMismatch() throws Exception {
        // Both raw clients are allow-listed; "bad" answers the task given to "other".
        CoordinatorConfig config = CoordinatorConfig.builder().federationId("v").allowList(AllowList.of("bad", "other"))
                .security(FED.coordinator).rounds(1).minResults(1).minAvailable(2).roundTimeout(Duration.ofSeconds(20))
                .randomness(Randomness.insecureSeeded(3)).heartbeatInterval(Duration.ofMillis(200)).heartbeatPatience(10).build();
        try (Coordinator c = Coordinator.open(config, ModelWeights.zeros(SPEC));
             RawFleet other = new RawFleet(c.port(), FED.clients.get("other"), null);
             RawFleet bad = new RawFleet(c.port(), FED.clients.get("bad"), null)) {
            other.register();
            bad.register();
            Future<TrainingRun> run = POOL.submit(c::run);
            Task ot = other.pullTask();
            Task bt = bad.pullTask();
            byte[] b = floats(filled(0.25));
            assertNotNull(bad.upload(ot.getMeta().getTaskId(), b), "upload for another's task refused");
            PushResultResponse r = push(bad, ot.getMeta(), ref(ot, b), 1);
            assertFalse(r.getAccepted());
            assertEquals("identity-mismatch", r.getRejectionReason());
            for (RawFleet f : List.of(other, bad)) {
                Task t = f == other ? ot : bt;
                assertEquals(null, f.upload(t.getMeta().getTaskId(), b));
                assertTrue(push(f, t.getMeta(), ref(t, b), 1).getAccepted());
            }
            RoundReport rep = run.get().history().rounds().get(0);
            assertEquals(Map.of("identity-mismatch", 2), rep.rejections(), "the upload and the result");
            assertEquals(2, rep.reported());
        }
    }

    @Test
    void lateResult_afterRoundClosed_rejectedLate() throws Exception {
        Outcome o = run(2, UpdatePolicy.withDefaults(), Duration.ofSeconds(3), f -> {
            Task t = f.pullTask();
            byte[] b = floats(filled(0.1));
            f.upload(t.getMeta().getTaskId(), b);
            // Silent (no heartbeat) until well after the deadline: the round closes without us.
            try {
                Thread.sleep(t.getMeta().getExpiresAtUnixMs() - System.currentTimeMillis() + 500);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return push(f, t.getMeta(), ref(t, b), 1);
        });
        assertEquals("late", ((PushResultResponse) o.note()).getRejectionReason());
        assertEquals(1, o.report().dropped());
        assertEquals(Map.of(), o.report().rejections(), "round 1 had closed: the late result is counted for the run");
        assertEquals(Map.of("late", 1L), o.run().history().lateRejections());
        assertEquals(1, o.report().reported());
        assertArrayEquals(filled(1.0), o.model().values(), 0, "two rounds of the honest update only");
    }
}
