package io.privkit.federated.secagg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.federated.ModelSpec;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.TensorSpec;
import io.privkit.federated.client.LocalUpdate;
import io.privkit.federated.transport.proto.AdvertiseKeysTask;
import io.privkit.federated.transport.proto.DType;
import io.privkit.federated.transport.proto.EncryptedShare;
import io.privkit.federated.transport.proto.MaskedInputTask;
import io.privkit.federated.transport.proto.ObjectRef;
import io.privkit.federated.transport.proto.PublicKeys;
import io.privkit.federated.transport.proto.PushResultRequest;
import io.privkit.federated.transport.proto.ShareKeysTask;
import io.privkit.federated.transport.proto.Task;
import io.privkit.federated.transport.proto.TaskMeta;
import io.privkit.federated.transport.proto.TrainTask;
import io.privkit.federated.transport.proto.UnmaskResult;
import io.privkit.federated.transport.proto.UnmaskTask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The four steps of secure aggregation between in-memory clients and the server logic (no network):
 * the unmasked sum equals the plain sum up to fixed-point rounding; dropouts up to n - t survive;
 * beyond the threshold the round fails cleanly.
 */
class SecAggProtocolTest {
    private static final int D = 257;
    private static final ModelSpec SPEC = ModelSpec.of(TensorSpec.of("w", D));

    /** A simulated client: its SecAggClient and what it sent. */
    private static final class Sim implements SecAggClient.Io {
        final String id;
        final SecAggClient client;
        final double[] update;
        PushResultRequest last;
        byte[] object;

        Sim(String id, double[] update) {
            this.id = id;
            this.client = new SecAggClient(id);
            this.update = update;
        }

        @Override
        public ModelWeights fetchModel(ObjectRef ref) {
            return ModelWeights.zeros(SPEC);
        }

        @Override
        public LocalUpdate train(TrainTask task) {
            return LocalUpdate.ofDelta(update, 1);
        }

        @Override
        public void pushObject(String taskId, byte[] bytes) {
            object = bytes;
        }

        @Override
        public boolean pushResult(PushResultRequest request) {
            last = request;
            return true;
        }

        @Override
        public void log(String line) {
        }
    }

    private static Task task(int round, Task.Builder body) {
        return body.setMeta(TaskMeta.newBuilder().setRunId("run-x").setRound(round).setTaskId("t").setExpiresAtUnixMs(Long.MAX_VALUE)).build();
    }

    /**
     * Runs one round with {@code n} clients; {@code dropAfterSharing} clients vanish before sending
     * their masked input, {@code dropBeforeUnmask} survivors vanish before unmasking.
     */
    private static SecAggServer.Sum round(int n, int ringBits, int dropAfterSharing, int dropBeforeUnmask, double[] expectedSum)
            throws Exception {
        Random r = new Random(n * 31L + ringBits);
        List<String> ids = IntStream.range(0, n).mapToObj(i -> "c" + (char) ('a' + i)).toList();
        Map<String, Sim> sims = new TreeMap<>();
        java.util.Arrays.fill(expectedSum, 0);
        SecureAggregationConfig cfg = SecureAggregationConfig.withClipRange(1.0).withRingBits(ringBits);
        SecAggServer srv = new SecAggServer(new SecAggCrypto.Context("run-x", 1), cfg, ids, D);
        for (String id : ids) {
            double[] u = new double[D];
            for (int i = 0; i < D; i++) {
                u[i] = (r.nextDouble() - 0.5) * 0.1;
            }
            sims.put(id, new Sim(id, u));
        }
        int t = srv.threshold();
        Map<String, PublicKeys> keys = new TreeMap<>();
        for (Sim s : sims.values()) {
            s.client.handle(task(1, Task.newBuilder().setAdvertiseKeys(AdvertiseKeysTask.newBuilder().setThreshold(t).addAllParticipants(ids))), s);
            PublicKeys k = s.last.getAdvertiseKeys().getKeys();
            SecAggServer.checkKeys(s.id, k);
            keys.put(s.id, k);
        }
        srv.keysAdvertised(keys);
        Map<String, List<EncryptedShare>> shares = new TreeMap<>();
        for (Sim s : sims.values()) {
            s.client.handle(task(1, Task.newBuilder().setShareKeys(ShareKeysTask.newBuilder().setThreshold(t).addAllKeys(srv.advertisedKeys()))), s);
            srv.checkShares(s.id, s.last.getShareKeys().getSharesList());
            shares.put(s.id, s.last.getShareKeys().getSharesList());
        }
        srv.sharesReceived(shares);
        FixedPoint fp = srv.fixedPoint();
        long[] sum = new long[D + 1];
        List<String> survivors = new ArrayList<>();
        int dropped = 0;
        for (Sim s : sims.values()) {
            if (dropped < dropAfterSharing) {
                dropped++;
                continue;
            }
            TrainTask train = TrainTask.newBuilder().setModel(ObjectRef.newBuilder().setDtype(DType.FLOAT32_LE)
                    .addTensors(io.privkit.federated.transport.proto.TensorSpec.newBuilder().setName("w").addShape(D))).build();
            s.client.handle(task(1, Task.newBuilder().setMaskedInput(MaskedInputTask.newBuilder().setTrain(train)
                    .addAllShareHolders(srv.shareHolders()).addAllShares(srv.sharesFor(s.id)).setRingBits(ringBits)
                    .setFractionBits(fp.fractionBits()).setClipRange(1.0).setMaxWeight(1))), s);
            assertTrue(s.last.hasMaskedInput(), () -> "client " + s.id + " aborted: " + s.last);
            fp.addBytes(s.object, sum);
            survivors.add(s.id);
            for (int i = 0; i < D; i++) {
                expectedSum[i] += s.update[i];
            }
            // The coordinator's view of one masked input says nothing about the input.
            long[] one = new long[D + 1];
            fp.addBytes(s.object, one);
            assertTrue(Math.abs(fp.decode(one[0]) - s.update[0]) > 1e-3 || Math.abs(fp.decode(one[1]) - s.update[1]) > 1e-3);
        }
        List<String> droppedIds = new ArrayList<>(srv.shareHolders());
        droppedIds.removeAll(survivors);
        Map<String, UnmaskResult> reveals = new HashMap<>();
        int gone = 0;
        for (String id : survivors) {
            if (gone < dropBeforeUnmask) {
                gone++;
                continue;
            }
            Sim s = sims.get(id);
            s.client.handle(task(1, Task.newBuilder().setUnmask(UnmaskTask.newBuilder().addAllSurvivors(survivors).addAllDropped(droppedIds))), s);
            if (s.last.hasUnmask()) {
                SecAggServer.checkUnmask(s.last.getUnmask(), survivors, droppedIds);
                reveals.put(id, s.last.getUnmask());
            }
        }
        return srv.unmask(sum, survivors, reveals);
    }

    @Test
    void unmaskedSum_noDropouts_equalsPlainSum_bothRings() throws Exception {
        for (int bits : new int[] {32, 64}) {
            double[] expected = new double[D];
            SecAggServer.Sum s = round(7, bits, 0, 0, expected);
            assertEquals(7.0, s.totalWeight());
            double step = Math.scalb(0.5, -SecureAggregationConfig.withClipRange(1).withRingBits(bits).fractionBits(7));
            for (int i = 0; i < D; i++) {
                assertEquals(expected[i], s.weightedSum()[i], 7 * step, "element " + i + " ring " + bits);
            }
        }
    }

    @Test
    void unmaskedSum_dropoutsUpToThreshold_survived() throws Exception {
        // n = 9, t = 6: 2 drop after sharing keys, 1 more before unmasking: 6 answer the unmasking.
        double[] expected = new double[D];
        SecAggServer.Sum s = round(9, 64, 2, 1, expected);
        assertEquals(7.0, s.totalWeight(), "the 7 masked inputs are in the sum");
        for (int i = 0; i < D; i++) {
            assertEquals(expected[i], s.weightedSum()[i], 1e-12);
        }
    }

    @Test
    void unmask_beyondThreshold_failsCleanly() {
        // n = 9, t = 6: 4 drop after sharing, so 5 masked inputs < t.
        SecAggServer.FailedException e = assertThrows(SecAggServer.FailedException.class, () -> round(9, 64, 4, 0, new double[D]));
        assertTrue(e.getMessage().contains("needs at least 6"), e.getMessage());
        // 6 survive masking but only 5 answer the unmasking.
        e = assertThrows(SecAggServer.FailedException.class, () -> round(9, 64, 3, 1, new double[D]));
        assertTrue(e.getMessage().contains("answered the unmasking request"), e.getMessage());
    }

    @Test
    void client_unmaskRequestNotPartitioningShareHolders_abortsRevealingNothing() throws Exception {
        // A curious coordinator names a client both survivor and dropped to learn both its secrets.
        double[] expected = new double[D];
        round(4, 64, 0, 0, expected); // warm-up: a normal round works
        List<String> ids = List.of("ca", "cb", "cc");
        Map<String, Sim> sims = new TreeMap<>();
        SecAggServer srv = new SecAggServer(new SecAggCrypto.Context("run-x", 1), SecureAggregationConfig.withClipRange(1), ids, D);
        for (String id : ids) {
            sims.put(id, new Sim(id, new double[D]));
        }
        Map<String, PublicKeys> keys = new TreeMap<>();
        for (Sim s : sims.values()) {
            s.client.handle(task(1, Task.newBuilder().setAdvertiseKeys(AdvertiseKeysTask.newBuilder().setThreshold(2).addAllParticipants(ids))), s);
            keys.put(s.id, s.last.getAdvertiseKeys().getKeys());
        }
        srv.keysAdvertised(keys);
        Map<String, List<EncryptedShare>> shares = new TreeMap<>();
        for (Sim s : sims.values()) {
            s.client.handle(task(1, Task.newBuilder().setShareKeys(ShareKeysTask.newBuilder().setThreshold(2).addAllKeys(srv.advertisedKeys()))), s);
            shares.put(s.id, s.last.getShareKeys().getSharesList());
        }
        srv.sharesReceived(shares);
        Sim a = sims.get("ca");
        a.client.handle(task(1, Task.newBuilder().setMaskedInput(MaskedInputTask.newBuilder().setTrain(TrainTask.newBuilder()
                .setModel(ObjectRef.newBuilder().addTensors(io.privkit.federated.transport.proto.TensorSpec.newBuilder().setName("w").addShape(D))))
                .addAllShareHolders(ids).addAllShares(srv.sharesFor("ca")).setRingBits(64).setFractionBits(20).setClipRange(1).setMaxWeight(1))), a);
        a.client.handle(task(1, Task.newBuilder().setUnmask(UnmaskTask.newBuilder().addAllSurvivors(List.of("ca", "cb", "cc"))
                .addDropped("cb"))), a);
        assertTrue(a.last.hasFailure(), "the client refuses");
        assertTrue(a.last.getFailure().getReason().contains("do not partition"), a.last.getFailure().getReason());
    }
}
