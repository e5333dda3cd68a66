package io.privkit.benchmarks.federated;

import io.privkit.federated.ModelSpec;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.TensorSpec;
import io.privkit.federated.client.LocalUpdate;
import io.privkit.federated.secagg.FixedPoint;
import io.privkit.federated.secagg.SecAggClient;
import io.privkit.federated.secagg.SecAggCrypto;
import io.privkit.federated.secagg.SecAggServer;
import io.privkit.federated.secagg.SecureAggregationConfig;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what does secure aggregation (Bonawitz et al., CCS 2017) cost per client and for the
 * coordinator with {@code n = 100} clients and {@code m = 100 000} parameters, with no dropout and
 * with 10% of the clients dropping after sharing their keys?
 *
 * <p>Client: {@link #clientKeysAndShares} (two X25519 key pairs, two Shamir splits into n shares,
 * n - 1 key agreements and AES-GCM encryptions) and {@link #clientMaskedInput} (n - 1 share
 * decryptions, n - 1 key agreements and n mask expansions of m ring elements, AES-256-CTR).
 * Coordinator: {@link #serverUnmask} (sum of the masked inputs, t-of-n Shamir reconstruction of every
 * self-mask seed and of each dropped client's key, and the mask expansions to remove: n for no
 * dropout, plus |dropped| · |survivors| pair masks).
 *
 * <p>Peer, in the same run: {@link #plainSum}, the coordinator summing the same number of updates
 * in the clear (binary32), i.e. what the protocol adds to. Compare with the paper's asymptotics:
 * client O(n² + m n) computation, server O(m n²) with dropouts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
public class SecureAggregationBenchmark {

    @Param({"100"})
    int clients;

    @Param({"100000"})
    int parameters;

    @Param({"0", "10"})
    int droppedPercent;

    private static final String RUN = "bench";

    private List<String> ids;
    private ModelSpec spec;
    private SecAggServer server;
    private Map<String, Sim> sims;
    private Map<String, byte[]> masked;
    private Map<String, UnmaskResult> reveals;
    private List<String> survivors;
    private float[][] plain;
    private List<PublicKeys> advertised;
    private String measured;

    /** A client without a network: its protocol state and what it sent last. */
    static final class Sim implements SecAggClient.Io {
        final SecAggClient client;
        final LocalUpdate update;
        PushResultRequest last;
        byte[] object;

        Sim(String id, LocalUpdate update) {
            this.client = new SecAggClient(id);
            this.update = update;
        }

        @Override
        public ModelWeights fetchModel(ObjectRef ref) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LocalUpdate train(TrainTask task) {
            return update;
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

    static Task task(Task.Builder b) {
        return b.setMeta(TaskMeta.newBuilder().setRunId(RUN).setRound(1).setTaskId("t").setExpiresAtUnixMs(Long.MAX_VALUE)).build();
    }

    private MaskedInputTask maskedTask(String id) {
        FixedPoint fp = server.fixedPoint();
        TrainTask train = TrainTask.newBuilder().setModel(ObjectRef.newBuilder().setDtype(DType.FLOAT32_LE)
                .addTensors(io.privkit.federated.transport.proto.TensorSpec.newBuilder().setName("w").addShape(parameters))).build();
        return MaskedInputTask.newBuilder().setTrain(train).addAllShareHolders(server.shareHolders()).addAllShares(server.sharesFor(id))
                .setRingBits(fp.ringBits()).setFractionBits(fp.fractionBits()).setClipRange(1.0).setMaxWeight(1).build();
    }

    @Setup
    public void setup() throws Exception {
        Random r = new Random(1);
        ids = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            ids.add(String.format("c%03d", i));
        }
        spec = ModelSpec.of(TensorSpec.of("w", parameters));
        server = new SecAggServer(new SecAggCrypto.Context(RUN, 1), SecureAggregationConfig.withClipRange(1.0), ids, parameters);
        sims = new TreeMap<>();
        plain = new float[clients][parameters];
        for (int k = 0; k < clients; k++) {
            double[] d = new double[parameters];
            for (int i = 0; i < parameters; i++) {
                d[i] = (r.nextDouble() - 0.5) * 0.001;
                plain[k][i] = (float) d[i];
            }
            sims.put(ids.get(k), new Sim(ids.get(k), LocalUpdate.ofDelta(d, 1)));
        }
        int t = server.threshold();
        Map<String, PublicKeys> keys = new TreeMap<>();
        for (Sim s : sims.values()) {
            s.client.handle(task(Task.newBuilder().setAdvertiseKeys(AdvertiseKeysTask.newBuilder().setThreshold(t).addAllParticipants(ids))), s);
            keys.put(s.last.getAdvertiseKeys().getKeys().getClientId(), s.last.getAdvertiseKeys().getKeys());
        }
        server.keysAdvertised(keys);
        advertised = server.advertisedKeys();
        Map<String, List<EncryptedShare>> shares = new TreeMap<>();
        for (Map.Entry<String, Sim> e : sims.entrySet()) {
            Sim s = e.getValue();
            s.client.handle(task(Task.newBuilder().setShareKeys(ShareKeysTask.newBuilder().setThreshold(t).addAllKeys(advertised))), s);
            shares.put(e.getKey(), s.last.getShareKeys().getSharesList());
        }
        server.sharesReceived(shares);
        int drop = clients * droppedPercent / 100;
        masked = new TreeMap<>();
        survivors = new ArrayList<>();
        for (int k = drop; k < clients; k++) {
            Sim s = sims.get(ids.get(k));
            s.client.handle(task(Task.newBuilder().setMaskedInput(maskedTask(ids.get(k)))), s);
            masked.put(ids.get(k), s.object);
            survivors.add(ids.get(k));
        }
        List<String> dropped = ids.subList(0, drop);
        reveals = new TreeMap<>();
        measured = survivors.get(survivors.size() - 1);
        for (String id : survivors) {
            if (id.equals(measured)) {
                continue;   // keeps its step-2 state for clientMaskedInput; the others' answers suffice (t < n)
            }
            Sim s = sims.get(id);
            s.client.handle(task(Task.newBuilder().setUnmask(UnmaskTask.newBuilder().addAllSurvivors(survivors).addAllDropped(dropped))), s);
            reveals.put(id, s.last.getUnmask());
        }
    }

    /** Client, steps 0 and 1: keys, Shamir shares, encrypted for each other client. */
    @Benchmark
    public Object clientKeysAndShares() throws Exception {
        String id = ids.get(0);
        Sim s = new Sim(id, sims.get(id).update);
        int t = server.threshold();
        s.client.handle(task(Task.newBuilder().setAdvertiseKeys(AdvertiseKeysTask.newBuilder().setThreshold(t).addAllParticipants(ids))), s);
        PublicKeys mine = s.last.getAdvertiseKeys().getKeys();
        List<PublicKeys> keys = new ArrayList<>(advertised);
        keys.set(0, mine);
        s.client.handle(task(Task.newBuilder().setShareKeys(ShareKeysTask.newBuilder().setThreshold(t).addAllKeys(keys))), s);
        return s.last;
    }

    /** Client, step 2: decrypt shares, derive pair seeds, mask the update (the paper's dominant client cost). */
    @Benchmark
    public Object clientMaskedInput() throws Exception {
        Sim s = sims.get(measured);
        s.client.handle(task(Task.newBuilder().setMaskedInput(maskedTask(measured))), s);
        if (!s.last.hasMaskedInput()) {
            throw new IllegalStateException("the measured client aborted: " + s.last);
        }
        return s.object;
    }

    /** Coordinator: sum the masked inputs and remove the masks. */
    @Benchmark
    public SecAggServer.Sum serverUnmask() {
        long[] sum = new long[parameters + 1];
        for (byte[] b : masked.values()) {
            server.fixedPoint().addBytes(b, sum);
        }
        return server.unmask(sum, survivors, reveals);
    }

    /** The peer: the coordinator summing the same updates in the clear. */
    @Benchmark
    public double[] plainSum() {
        double[] acc = new double[parameters];
        for (int k = clients * droppedPercent / 100; k < clients; k++) {
            float[] x = plain[k];
            for (int i = 0; i < parameters; i++) {
                acc[i] += x[i];
            }
        }
        return acc;
    }
}
