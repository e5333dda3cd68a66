package io.privkit.federated.secagg;

import com.google.protobuf.ByteString;
import io.privkit.common.Sha256;
import io.privkit.federated.ModelWeights;
import io.privkit.federated.client.LocalUpdate;
import io.privkit.federated.transport.proto.AdvertiseKeysResult;
import io.privkit.federated.transport.proto.AdvertiseKeysTask;
import io.privkit.federated.transport.proto.DType;
import io.privkit.federated.transport.proto.EncryptedShare;
import io.privkit.federated.transport.proto.MaskedInputResult;
import io.privkit.federated.transport.proto.MaskedInputTask;
import io.privkit.federated.transport.proto.ObjectRef;
import io.privkit.federated.transport.proto.PublicKeys;
import io.privkit.federated.transport.proto.PushResultRequest;
import io.privkit.federated.transport.proto.RevealedShare;
import io.privkit.federated.transport.proto.ShareKeysResult;
import io.privkit.federated.transport.proto.ShareKeysTask;
import io.privkit.federated.transport.proto.Task;
import io.privkit.federated.transport.proto.TaskFailure;
import io.privkit.federated.transport.proto.TaskMeta;
import io.privkit.federated.transport.proto.TensorSpec;
import io.privkit.federated.transport.proto.TrainTask;
import io.privkit.federated.transport.proto.UnmaskResult;
import io.privkit.federated.transport.proto.UnmaskTask;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The client side of secure aggregation ({@link SecAggProtocol}): one state per round, driven by the
 * coordinator's four tasks. Every check the paper asks of an honest client is made, and a failed
 * check aborts the client's part in the round (it answers with a failure and reveals nothing):
 * <ul>
 *   <li>round 1: its own advertised keys are in the list, the list is within the sampled set and
 *       at least the threshold;</li>
 *   <li>round 2: the share holders are a subset of round 1's participants, at least the threshold,
 *       and it holds a share from every one of them (authenticated by AES-GCM);</li>
 *   <li>round 3: survivors and dropped clients partition the share holders, survivors are at least
 *       the threshold and include itself; it reveals self-mask shares of survivors only and
 *       mask-key shares of dropped clients only, and answers only one unmasking request per
 *       round, so the coordinator never obtains both secrets of any client.</li>
 * </ul>
 * Not thread-safe: a client handles one task at a time.
 */
public final class SecAggClient {

    /** What the client needs from its transport. */
    public interface Io {
        /** Downloads and verifies the global model. */
        ModelWeights fetchModel(ObjectRef ref);

        /** Runs local training on the task's model. */
        LocalUpdate train(TrainTask task) throws Exception;

        /** Uploads an object for a task. */
        void pushObject(String taskId, byte[] bytes);

        /** Sends a result; returns whether it was accepted. */
        boolean pushResult(PushResultRequest request);

        /** A progress line. */
        void log(String line);
    }

    private static final class RoundState {
        final SecAggCrypto.Context ctx;
        final KeyPair cipherKeys;
        final KeyPair maskKeys;
        final byte[] selfSeed = new byte[32];
        int threshold;
        List<String> participants = List.of();     // sampled, sorted
        Map<String, PublicKeys> advertised = Map.of();  // U1
        List<String> u1 = List.of();
        List<String> shareHolders = List.of();     // U2
        final Map<String, byte[][]> heldShares = new HashMap<>();   // from -> {mask-key share, self-seed share}
        boolean unmasked;

        RoundState(SecAggCrypto.Context ctx, SecureRandom random) {
            this.ctx = ctx;
            this.cipherKeys = SecAggCrypto.newKeyPair(random);
            this.maskKeys = SecAggCrypto.newKeyPair(random);
            random.nextBytes(selfSeed);
        }
    }

    private final String identity;
    private final SecureRandom random = new SecureRandom();
    private RoundState state;

    /** A client-side protocol state machine for the client {@code identity}. */
    public SecAggClient(String identity) {
        this.identity = identity;
    }

    /** Handles one secure-aggregation task. */
    public void handle(Task task, Io io) throws InterruptedException {
        TaskMeta meta = task.getMeta();
        try {
            switch (task.getKindCase()) {
                case ADVERTISE_KEYS -> advertise(meta, task.getAdvertiseKeys(), io);
                case SHARE_KEYS -> shareKeys(meta, task.getShareKeys(), io);
                case MASKED_INPUT -> maskedInput(meta, task.getMaskedInput(), io);
                case UNMASK -> unmask(meta, task.getUnmask(), io);
                default -> throw new IllegalStateException("not a secure-aggregation task: " + task.getKindCase());
            }
        } catch (AbortException e) {
            io.log("round " + meta.getRound() + ": secure aggregation aborted: " + e.getMessage());
            io.pushResult(PushResultRequest.newBuilder().setMeta(meta).setFailure(TaskFailure.newBuilder().setReason("secagg-abort: "
                    + e.getMessage())).build());
            state = null;
        }
    }

    /** A protocol check failed: this client stops taking part in the round. */
    private static final class AbortException extends Exception {
        AbortException(String message) {
            super(message, null, false, false);
        }
    }

    private RoundState current(TaskMeta meta) throws AbortException {
        RoundState s = state;
        if (s == null || !s.ctx.runId().equals(meta.getRunId()) || s.ctx.round() != meta.getRound()) {
            throw new AbortException("no key advertisement for run " + meta.getRunId() + " round " + meta.getRound());
        }
        return s;
    }

    private void advertise(TaskMeta meta, AdvertiseKeysTask t, Io io) throws AbortException {
        List<String> participants = new ArrayList<>(new TreeSet<>(t.getParticipantsList()));
        if (!participants.contains(identity)) {
            throw new AbortException("this client is not among the round's participants");
        }
        if (t.getThreshold() < 2 || t.getThreshold() > participants.size()) {
            throw new AbortException("threshold " + t.getThreshold() + " is not between 2 and " + participants.size());
        }
        RoundState s = new RoundState(new SecAggCrypto.Context(meta.getRunId(), meta.getRound()), random);
        s.threshold = t.getThreshold();
        s.participants = List.copyOf(participants);
        state = s;
        io.pushResult(PushResultRequest.newBuilder().setMeta(meta).setAdvertiseKeys(AdvertiseKeysResult.newBuilder()
                .setKeys(PublicKeys.newBuilder().setClientId(identity)
                        .setCipherPublicKey(ByteString.copyFrom(s.cipherKeys.getPublic().getEncoded()))
                        .setMaskPublicKey(ByteString.copyFrom(s.maskKeys.getPublic().getEncoded())))).build());
    }

    private void shareKeys(TaskMeta meta, ShareKeysTask t, Io io) throws AbortException {
        RoundState s = current(meta);
        if (t.getThreshold() != s.threshold) {
            throw new AbortException("threshold changed from " + s.threshold + " to " + t.getThreshold());
        }
        Map<String, PublicKeys> keys = new HashMap<>();
        for (PublicKeys k : t.getKeysList()) {
            if (!s.participants.contains(k.getClientId()) || keys.put(k.getClientId(), k) != null) {
                throw new AbortException("key list names '" + k.getClientId() + "' twice or outside the participants");
            }
        }
        PublicKeys mine = keys.get(identity);
        if (mine == null || !mine.getCipherPublicKey().equals(ByteString.copyFrom(s.cipherKeys.getPublic().getEncoded()))
                || !mine.getMaskPublicKey().equals(ByteString.copyFrom(s.maskKeys.getPublic().getEncoded()))) {
            throw new AbortException("the key list does not hold this client's advertised keys");
        }
        if (keys.size() < s.threshold) {
            throw new AbortException(keys.size() + " clients advertised keys, fewer than the threshold " + s.threshold);
        }
        s.advertised = keys;
        s.u1 = new ArrayList<>(new TreeSet<>(keys.keySet()));
        int n = s.u1.size();
        List<Shamir.Share> maskKeyShares = Shamir.split(SecAggCrypto.scalar(s.maskKeys.getPrivate()), s.threshold, n, random);
        List<Shamir.Share> selfShares = Shamir.split(s.selfSeed, s.threshold, n, random);
        ShareKeysResult.Builder out = ShareKeysResult.newBuilder();
        for (int i = 0; i < n; i++) {
            String v = s.u1.get(i);
            byte[] sShare = maskKeyShares.get(i).encode();
            byte[] bShare = selfShares.get(i).encode();
            if (v.equals(identity)) {
                s.heldShares.put(identity, new byte[][] {sShare, bShare});
                continue;
            }
            PublicKey theirs = SecAggCrypto.publicKey(keys.get(v).getCipherPublicKey().toByteArray());
            byte[] key = SecAggCrypto.shareKey(s.ctx, identity, v, SecAggCrypto.agree(s.cipherKeys.getPrivate(), theirs));
            byte[] plain = new byte[2 * Shamir.SHARE_BYTES];
            System.arraycopy(sShare, 0, plain, 0, Shamir.SHARE_BYTES);
            System.arraycopy(bShare, 0, plain, Shamir.SHARE_BYTES, Shamir.SHARE_BYTES);
            byte[][] sealed = SecAggCrypto.seal(key, aad(s.ctx, identity, v), plain, random);
            out.addShares(EncryptedShare.newBuilder().setFromClientId(identity).setToClientId(v)
                    .setNonce(ByteString.copyFrom(sealed[0])).setCiphertext(ByteString.copyFrom(sealed[1])));
        }
        io.pushResult(PushResultRequest.newBuilder().setMeta(meta).setShareKeys(out).build());
    }

    static byte[] aad(SecAggCrypto.Context ctx, String from, String to) {
        return SecAggCrypto.frame("privkit-secagg-v1/share", ctx.runId(), Integer.toString(ctx.round()), from, to);
    }

    private void maskedInput(TaskMeta meta, MaskedInputTask t, Io io) throws AbortException, InterruptedException {
        RoundState s = current(meta);
        List<String> u2 = new ArrayList<>(new TreeSet<>(t.getShareHoldersList()));
        if (!s.u1.containsAll(u2) || !u2.contains(identity) || u2.size() < s.threshold) {
            throw new AbortException("share holders are not a subset of the key holders of size at least " + s.threshold
                    + " containing this client");
        }
        for (EncryptedShare e : t.getSharesList()) {
            String from = e.getFromClientId();
            if (!e.getToClientId().equals(identity) || !u2.contains(from) || from.equals(identity)) {
                throw new AbortException("a share addressed to '" + e.getToClientId() + "' from '" + from + "' does not belong here");
            }
            PublicKey theirs = SecAggCrypto.publicKey(s.advertised.get(from).getCipherPublicKey().toByteArray());
            byte[] key = SecAggCrypto.shareKey(s.ctx, identity, from, SecAggCrypto.agree(s.cipherKeys.getPrivate(), theirs));
            byte[] plain;
            try {
                plain = SecAggCrypto.open(key, aad(s.ctx, from, identity), e.getNonce().toByteArray(), e.getCiphertext().toByteArray());
            } catch (IllegalArgumentException ex) {
                throw new AbortException("the share from '" + from + "' failed authentication");
            }
            if (plain.length != 2 * Shamir.SHARE_BYTES) {
                throw new AbortException("the share from '" + from + "' has the wrong length");
            }
            byte[] sShare = java.util.Arrays.copyOfRange(plain, 0, Shamir.SHARE_BYTES);
            byte[] bShare = java.util.Arrays.copyOfRange(plain, Shamir.SHARE_BYTES, plain.length);
            s.heldShares.put(from, new byte[][] {sShare, bShare});
        }
        for (String v : u2) {
            if (!s.heldShares.containsKey(v)) {
                throw new AbortException("no share from '" + v + "'");
            }
        }
        s.shareHolders = List.copyOf(u2);
        LocalUpdate update;
        try {
            update = io.train(t.getTrain());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new AbortException("local training failed: " + e.getMessage());
        }
        int f = t.getFractionBits();
        FixedPoint fp = new FixedPoint(t.getRingBits(), f);
        double[] delta = update.delta();
        double c = t.getClipRange();
        double norm = 0;
        for (double v : delta) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        double scale = norm > c ? c / norm : 1;
        long w = t.getMaxWeight() <= 1 ? 1 : Math.max(1, Math.min(t.getMaxWeight(), update.examples()));
        long[] y = new long[delta.length + 1];
        for (int i = 0; i < delta.length; i++) {
            double v = Math.max(-c, Math.min(c, delta[i] * scale));
            y[i] = fp.encode(v * w);
        }
        y[delta.length] = Math.multiplyExact(w, 1L << f);
        SecAggCrypto.applyMask(y, SecAggCrypto.selfSeed(s.ctx, identity, s.selfSeed), 1, t.getRingBits());
        for (String v : u2) {
            if (v.equals(identity)) {
                continue;
            }
            PublicKey theirs = SecAggCrypto.publicKey(s.advertised.get(v).getMaskPublicKey().toByteArray());
            byte[] seed = SecAggCrypto.pairSeed(s.ctx, identity, v, SecAggCrypto.agree(s.maskKeys.getPrivate(), theirs));
            SecAggCrypto.applyMask(y, seed, identity.compareTo(v) < 0 ? 1 : -1, t.getRingBits());
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = fp.reduce(y[i]);
        }
        byte[] bytes = fp.toBytes(y);
        io.pushObject(meta.getTaskId(), bytes);
        List<TensorSpec> tensors = new ArrayList<>(t.getTrain().getModel().getTensorsList());
        tensors.add(TensorSpec.newBuilder().setName(SecAggProtocol.WEIGHT_TENSOR).addShape(1).build());
        ObjectRef ref = ObjectRef.newBuilder().setSha256(Sha256.of(bytes).hex()).setByteLength(bytes.length)
                .setDtype(t.getRingBits() == 64 ? DType.RING_UINT64_LE : DType.RING_UINT32_LE).addAllTensors(tensors).build();
        if (io.pushResult(PushResultRequest.newBuilder().setMeta(meta).setMaskedInput(MaskedInputResult.newBuilder()
                .setMaskedUpdate(ref).putAllMetrics(update.metrics())).build())) {
            io.log("round " + meta.getRound() + ": trained on " + update.examples() + " examples, sent masked " + bytes.length + "-byte update");
        }
    }

    private void unmask(TaskMeta meta, UnmaskTask t, Io io) throws AbortException {
        RoundState s = current(meta);
        if (s.unmasked) {
            throw new AbortException("a second unmasking request in one round");
        }
        Set<String> survivors = new TreeSet<>(t.getSurvivorsList());
        Set<String> dropped = new TreeSet<>(t.getDroppedList());
        Set<String> union = new HashSet<>(survivors);
        union.addAll(dropped);
        if (survivors.size() + dropped.size() != union.size() || !union.equals(new HashSet<>(s.shareHolders))) {
            throw new AbortException("survivors and dropped clients do not partition the share holders");
        }
        if (!survivors.contains(identity) || survivors.size() < s.threshold) {
            throw new AbortException(survivors.size() + " survivors, fewer than the threshold " + s.threshold + " or without this client");
        }
        s.unmasked = true;
        UnmaskResult.Builder out = UnmaskResult.newBuilder();
        for (String v : survivors) {
            out.addSelfMaskShares(RevealedShare.newBuilder().setOwnerClientId(v).setShare(ByteString.copyFrom(s.heldShares.get(v)[1])));
        }
        for (String v : dropped) {
            out.addMaskKeyShares(RevealedShare.newBuilder().setOwnerClientId(v).setShare(ByteString.copyFrom(s.heldShares.get(v)[0])));
        }
        io.pushResult(PushResultRequest.newBuilder().setMeta(meta).setUnmask(out).build());
        state = null;
    }
}
