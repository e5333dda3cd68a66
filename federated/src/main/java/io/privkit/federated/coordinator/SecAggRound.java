package io.privkit.federated.coordinator;

import io.privkit.federated.ModelWeights;
import io.privkit.federated.secagg.FixedPoint;
import io.privkit.federated.secagg.SecAggCrypto;
import io.privkit.federated.secagg.SecAggProtocol;
import io.privkit.federated.secagg.SecAggServer;
import io.privkit.federated.transport.proto.AdvertiseKeysTask;
import io.privkit.federated.transport.proto.DType;
import io.privkit.federated.transport.proto.EncryptedShare;
import io.privkit.federated.transport.proto.MaskedInputTask;
import io.privkit.federated.transport.proto.ObjectRef;
import io.privkit.federated.transport.proto.PublicKeys;
import io.privkit.federated.transport.proto.PushResultRequest;
import io.privkit.federated.transport.proto.ShareKeysTask;
import io.privkit.federated.transport.proto.Task;
import io.privkit.federated.transport.proto.TensorSpec;
import io.privkit.federated.transport.proto.TrainTask;
import io.privkit.federated.transport.proto.UnmaskResult;
import io.privkit.federated.transport.proto.UnmaskTask;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One secure-aggregation round on the coordinator: the four stages of {@link SecAggProtocol} as
 * four {@link Engine} stages, each with its own deadline, each requiring at least the threshold of
 * clients. The coordinator sums masked inputs from the spool in client order and unmasks the sum;
 * it never decodes an individual input. Used by {@link Coordinator}; not thread-safe.
 */
final class SecAggRound {

    /** The unmasked sum, who contributed, and the metrics they reported. */
    record Outcome(SecAggServer.Sum sum, List<String> survivors, Map<String, Map<String, Double>> metrics) {
    }

    private final Engine engine;
    private final CoordinatorConfig config;

    SecAggRound(Engine engine, CoordinatorConfig config) {
        this.engine = engine;
        this.config = config;
    }

    /**
     * Runs the four stages for the sampled clients.
     *
     * @throws SecAggServer.FailedException when fewer than the threshold remain at some stage
     */
    Outcome run(int round, List<String> sampled, ModelWeights global, TrainTask train) throws InterruptedException, IOException {
        SecAggServer srv = new SecAggServer(new SecAggCrypto.Context(engine.runId(), round), config.secureAggregation(), sampled,
                global.size());
        int t = srv.threshold();
        long timeout = config.roundTimeout().toMillis();

        // Step 0: advertise keys.
        Engine.Stage s0 = engine.openStage(Engine.StageKind.ADVERTISE_KEYS, round, srv.sampled(), timeout, Integer.MAX_VALUE, 0,
                c -> Task.newBuilder().setAdvertiseKeys(AdvertiseKeysTask.newBuilder().setThreshold(t).addAllParticipants(srv.sampled())),
                (task, req) -> {
                    if (!req.hasAdvertiseKeys()) {
                        throw new Engine.Rejected(RejectionReason.MALFORMED, "expected advertised keys");
                    }
                    try {
                        SecAggServer.checkKeys(task.clientId, req.getAdvertiseKeys().getKeys());
                    } catch (IllegalArgumentException e) {
                        throw new Engine.Rejected(RejectionReason.MALFORMED, e.getMessage());
                    }
                    return req.getAdvertiseKeys().getKeys();
                });
        Map<String, PublicKeys> keys = new TreeMap<>();
        for (Map.Entry<String, Object> e : await(s0).entrySet()) {
            keys.put(e.getKey(), (PublicKeys) e.getValue());
        }
        srv.keysAdvertised(keys);

        // Step 1: share keys.
        List<PublicKeys> advertised = srv.advertisedKeys();
        Engine.Stage s1 = engine.openStage(Engine.StageKind.SHARE_KEYS, round, new ArrayList<>(keys.keySet()), timeout, Integer.MAX_VALUE, 0,
                c -> Task.newBuilder().setShareKeys(ShareKeysTask.newBuilder().setThreshold(t).addAllKeys(advertised)),
                (task, req) -> {
                    if (!req.hasShareKeys()) {
                        throw new Engine.Rejected(RejectionReason.MALFORMED, "expected encrypted shares");
                    }
                    try {
                        srv.checkShares(task.clientId, req.getShareKeys().getSharesList());
                    } catch (IllegalArgumentException e) {
                        throw new Engine.Rejected(RejectionReason.MALFORMED, e.getMessage());
                    }
                    return req.getShareKeys().getSharesList();
                });
        Map<String, List<EncryptedShare>> shares = new TreeMap<>();
        for (Map.Entry<String, Object> e : await(s1).entrySet()) {
            @SuppressWarnings("unchecked")
            List<EncryptedShare> l = (List<EncryptedShare>) e.getValue();
            shares.put(e.getKey(), l);
        }
        srv.sharesReceived(shares);

        // Step 2: masked inputs.
        List<String> u2 = srv.shareHolders();
        FixedPoint fp = srv.fixedPoint();
        DType ring = fp.ringBits() == 64 ? DType.RING_UINT64_LE : DType.RING_UINT32_LE;
        List<TensorSpec> tensors = new ArrayList<>(train.getModel().getTensorsList());
        tensors.add(TensorSpec.newBuilder().setName(SecAggProtocol.WEIGHT_TENSOR).addShape(1).build());
        long bytes = srv.maskedInputBytes();
        Map<String, Map<String, Double>> metrics = new TreeMap<>();
        Engine.Stage s2 = engine.openStage(Engine.StageKind.MASKED_INPUT, round, u2, timeout,
                Integer.MAX_VALUE, bytes,
                c -> Task.newBuilder().setMaskedInput(MaskedInputTask.newBuilder().setTrain(train).addAllShareHolders(u2)
                        .addAllShares(srv.sharesFor(c)).setRingBits(fp.ringBits()).setFractionBits(fp.fractionBits())
                        .setClipRange(config.secureAggregation().clipRange()).setMaxWeight(config.secureAggregation().maxWeight())),
                (task, req) -> checkMasked(task, req, ring, tensors, bytes));
        Map<String, Object> masked = await(s2);
        List<String> survivors = new ArrayList<>(masked.keySet());
        if (survivors.size() < Math.max(t, config.minResults())) {
            throw new SecAggServer.FailedException("only " + survivors.size() + " masked inputs arrived; at least "
                    + Math.max(t, config.minResults()) + " are needed (threshold " + t + ", minResults " + config.minResults() + ")");
        }
        long[] sum = new long[global.size() + 1];
        for (String c : survivors) {
            Accepted a = (Accepted) masked.get(c);
            fp.addBytes(Files.readAllBytes(a.upload().file()), sum);
            if (!a.metrics().isEmpty()) {
                metrics.put(c, a.metrics());
            }
        }
        List<String> dropped = new ArrayList<>(u2);
        dropped.removeAll(survivors);

        // Step 3: unmask.
        Engine.Stage s3 = engine.openStage(Engine.StageKind.UNMASK, round, survivors, timeout, Integer.MAX_VALUE, 0,
                c -> Task.newBuilder().setUnmask(UnmaskTask.newBuilder().addAllSurvivors(survivors).addAllDropped(dropped)),
                (task, req) -> {
                    if (!req.hasUnmask()) {
                        throw new Engine.Rejected(RejectionReason.MALFORMED, "expected revealed shares");
                    }
                    try {
                        SecAggServer.checkUnmask(req.getUnmask(), survivors, dropped);
                    } catch (IllegalArgumentException e) {
                        throw new Engine.Rejected(RejectionReason.MALFORMED, e.getMessage());
                    }
                    return req.getUnmask();
                });
        Map<String, UnmaskResult> reveals = new TreeMap<>();
        for (Map.Entry<String, Object> e : await(s3).entrySet()) {
            reveals.put(e.getKey(), (UnmaskResult) e.getValue());
        }
        return new Outcome(srv.unmask(sum, survivors, reveals), survivors, metrics);
    }

    /** An accepted masked input. */
    record Accepted(Engine.Upload upload, Map<String, Double> metrics) {
    }

    private static Object checkMasked(Engine.TaskRecord task, PushResultRequest req, DType ring, List<TensorSpec> tensors, long bytes)
            throws Engine.Rejected {
        if (!req.hasMaskedInput()) {
            throw new Engine.Rejected(RejectionReason.MALFORMED, "expected a masked input");
        }
        ObjectRef ref = req.getMaskedInput().getMaskedUpdate();
        if (!ref.getTensorsList().equals(tensors)) {
            throw new Engine.Rejected(RejectionReason.WRONG_SHAPE, "masked input tensors differ from the model's plus the weight");
        }
        if (ref.getDtype() != ring) {
            throw new Engine.Rejected(RejectionReason.WRONG_DTYPE, "masked input is " + ref.getDtype() + "; expected " + ring);
        }
        if (ref.getByteLength() != bytes) {
            throw new Engine.Rejected(RejectionReason.WRONG_BYTE_LENGTH, "masked input declares " + ref.getByteLength() + " bytes; expected " + bytes);
        }
        if (task.upload == null) {
            throw new Engine.Rejected(RejectionReason.MISSING_OBJECT, "no masked input was uploaded for task " + task.id);
        }
        if (!task.upload.sha256().equals(ref.getSha256())) {
            throw new Engine.Rejected(RejectionReason.DIGEST_MISMATCH, "the result references another object than the upload");
        }
        Map<String, Double> metrics = new TreeMap<>();
        req.getMaskedInput().getMetricsMap().forEach((k, v) -> {
            if (Double.isFinite(v) && k.length() <= 64) {
                metrics.put(k, v);
            }
        });
        return new Accepted(task.upload, metrics);
    }

    private Map<String, Object> await(Engine.Stage s) throws InterruptedException {
        engine.awaitStage(s);
        engine.closeStage(s);
        synchronized (engine) {
            return new TreeMap<>(s.accepted);
        }
    }
}
