package io.privkit.federated.secagg;

import io.privkit.common.Checks;
import io.privkit.federated.transport.proto.EncryptedShare;
import io.privkit.federated.transport.proto.PublicKeys;
import io.privkit.federated.transport.proto.RevealedShare;
import io.privkit.federated.transport.proto.UnmaskResult;
import java.math.BigInteger;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The coordinator side of secure aggregation for one round ({@link SecAggProtocol}): it checks
 * and keeps what clients send at each step, routes encrypted shares, sums masked inputs and, in the
 * end, removes the masks. It never holds an unmasked individual input. Not thread-safe: the
 * coordinator's round thread drives it; the validation methods are pure and may run on gRPC
 * threads.
 */
public final class SecAggServer {

    /** The unmasked result: the weighted sum and the total weight. */
    public record Sum(double[] weightedSum, double totalWeight, int contributors) {
    }

    /** Secure aggregation could not finish the round (too few clients, inconsistent shares). */
    public static final class FailedException extends IllegalStateException {
        public FailedException(String message) {
            super(message);
        }
    }

    private final SecAggCrypto.Context ctx;
    private final List<String> sampled;
    private final int threshold;
    private final FixedPoint fixedPoint;
    private final int modelSize;
    private final Map<String, PublicKeys> keys = new TreeMap<>();
    private List<String> u1 = List.of();
    private final Map<String, List<EncryptedShare>> inbox = new HashMap<>();
    private List<String> u2 = List.of();

    /** A round over the sampled clients, for a model of {@code modelSize} parameters. */
    public SecAggServer(SecAggCrypto.Context ctx, SecureAggregationConfig config, List<String> sampled, int modelSize) {
        this.ctx = Checks.requireNonNull(ctx, "ctx");
        this.sampled = List.copyOf(new TreeSet<>(Checks.requireNonEmpty(sampled, "sampled")));
        this.threshold = config.threshold(this.sampled.size());
        this.fixedPoint = new FixedPoint(config.ringBits(), config.fractionBits(this.sampled.size()));
        this.modelSize = Checks.requirePositive(modelSize, "modelSize");
    }

    /** The threshold t. */
    public int threshold() {
        return threshold;
    }

    /** The fixed-point encoding clients use. */
    public FixedPoint fixedPoint() {
        return fixedPoint;
    }

    /** The sampled clients, sorted. */
    public List<String> sampled() {
        return sampled;
    }

    /** The byte length of a masked input: {@code (modelSize + 1)} ring elements. */
    public long maskedInputBytes() {
        return (long) (modelSize + 1) * fixedPoint.bytesPerElement();
    }

    // ------------------------------------------------------------------ step 0

    /** Checks an advertisement (pure): the keys parse and belong to the sender. */
    public static void checkKeys(String client, PublicKeys k) {
        if (!k.getClientId().equals(client)) {
            throw Checks.argument("advertised keys").mustBe("the sender's own").got(k.getClientId()).noFix().exception();
        }
        SecAggCrypto.publicKey(k.getCipherPublicKey().toByteArray());
        SecAggCrypto.publicKey(k.getMaskPublicKey().toByteArray());
        if (k.getCipherPublicKey().equals(k.getMaskPublicKey())) {
            throw Checks.argument("advertised keys").mustBe("two different keys").got("the same key twice").noFix().exception();
        }
    }

    /** Fixes U1 from the accepted advertisements. */
    public void keysAdvertised(Map<String, PublicKeys> accepted) {
        keys.clear();
        keys.putAll(accepted);
        u1 = List.copyOf(new TreeSet<>(accepted.keySet()));
        require(u1.size(), "advertised keys");
    }

    /** The advertised keys of U1, in client order. */
    public List<PublicKeys> advertisedKeys() {
        return u1.stream().map(keys::get).toList();
    }

    // ------------------------------------------------------------------ step 1

    /** Checks a client's encrypted shares (pure): one to every other member of U1, from the sender. */
    public void checkShares(String client, List<EncryptedShare> shares) {
        TreeSet<String> to = new TreeSet<>();
        for (EncryptedShare s : shares) {
            if (!s.getFromClientId().equals(client) || !u1.contains(s.getToClientId()) || s.getToClientId().equals(client)
                    || !to.add(s.getToClientId()) || s.getNonce().size() != 12) {
                throw Checks.argument("encrypted shares of " + client).mustBe("one from the sender to each other key holder")
                        .got(s.getFromClientId() + " -> " + s.getToClientId()).noFix().exception();
            }
        }
        if (to.size() != u1.size() - 1) {
            throw Checks.argument("encrypted shares of " + client).mustBe((u1.size() - 1) + " shares").got(to.size()).noFix().exception();
        }
    }

    /** Fixes U2 from the accepted share lists and files each ciphertext under its recipient. */
    public void sharesReceived(Map<String, List<EncryptedShare>> accepted) {
        u2 = List.copyOf(new TreeSet<>(accepted.keySet()));
        require(u2.size(), "shared their keys");
        inbox.clear();
        for (String from : u2) {
            for (EncryptedShare s : accepted.get(from)) {
                if (u2.contains(s.getToClientId())) {
                    inbox.computeIfAbsent(s.getToClientId(), k -> new ArrayList<>()).add(s);
                }
            }
        }
    }

    /** U2, sorted. */
    public List<String> shareHolders() {
        return u2;
    }

    /** The ciphertexts addressed to {@code client} from the other members of U2. */
    public List<EncryptedShare> sharesFor(String client) {
        return List.copyOf(inbox.getOrDefault(client, List.of()));
    }

    // ------------------------------------------------------------------ steps 2 and 3

    /** Checks an unmasking answer (pure): survivors' self-mask shares and dropped clients' key shares only. */
    public static void checkUnmask(UnmaskResult r, List<String> survivors, List<String> dropped) {
        TreeSet<String> b = new TreeSet<>();
        for (RevealedShare s : r.getSelfMaskSharesList()) {
            if (!survivors.contains(s.getOwnerClientId()) || !b.add(s.getOwnerClientId()) || s.getShare().size() != Shamir.SHARE_BYTES) {
                throw Checks.argument("self-mask shares").mustBe("one per survivor").got(s.getOwnerClientId()).noFix().exception();
            }
        }
        TreeSet<String> sk = new TreeSet<>();
        for (RevealedShare s : r.getMaskKeySharesList()) {
            if (!dropped.contains(s.getOwnerClientId()) || !sk.add(s.getOwnerClientId()) || s.getShare().size() != Shamir.SHARE_BYTES) {
                throw Checks.argument("mask-key shares").mustBe("one per dropped client").got(s.getOwnerClientId()).noFix().exception();
            }
        }
        if (b.size() != survivors.size() || sk.size() != dropped.size()) {
            throw Checks.argument("unmasking answer").mustBe("complete").got(b.size() + " + " + sk.size() + " shares").noFix().exception();
        }
    }

    /**
     * Removes the masks from the sum of the survivors' masked inputs and decodes it.
     *
     * @param maskedSum the element-wise sum (mod 2^64) of the survivors' masked inputs, length {@code modelSize + 1}
     * @param survivors U3: the clients whose masked input is in the sum
     * @param reveals   the unmasking answers, by revealing client (at least {@code t})
     * @throws FailedException when fewer than {@code t} survivors or answers remain, or shares are inconsistent
     */
    public Sum unmask(long[] maskedSum, List<String> survivors, Map<String, UnmaskResult> reveals) {
        Checks.requireNonNull(maskedSum, "maskedSum");
        if (maskedSum.length != modelSize + 1) {
            throw Checks.argument("maskedSum").mustBe("of length " + (modelSize + 1)).got(maskedSum.length).noFix().exception();
        }
        List<String> u3 = List.copyOf(new TreeSet<>(survivors));
        require(u3.size(), "sent masked inputs");
        require(reveals.size(), "answered the unmasking request");
        List<String> dropped = new ArrayList<>(u2);
        dropped.removeAll(u3);
        long[] sum = maskedSum.clone();
        Map<String, Integer> point = new HashMap<>();
        for (int i = 0; i < u1.size(); i++) {
            point.put(u1.get(i), i + 1);
        }
        Map<String, BigInteger[]> lagrange = new HashMap<>();
        for (String u : u3) {
            byte[] b = reconstruct(u, reveals, true, point, lagrange);
            SecAggCrypto.applyMask(sum, SecAggCrypto.selfSeed(ctx, u, b), -1, fixedPoint.ringBits());
        }
        for (String v : dropped) {
            byte[] scalar = reconstruct(v, reveals, false, point, lagrange);
            PublicKey vMask = SecAggCrypto.publicKey(keys.get(v).getMaskPublicKey().toByteArray());
            if (!SecAggCrypto.matches(scalar, vMask)) {
                throw new FailedException("the shares of " + v + "'s mask key do not match its advertised key; a client sent a bad share");
            }
            java.security.PrivateKey vKey = SecAggCrypto.privateKey(scalar);
            for (String u : u3) {
                PublicKey uMask = SecAggCrypto.publicKey(keys.get(u).getMaskPublicKey().toByteArray());
                byte[] seed = SecAggCrypto.pairSeed(ctx, u, v, SecAggCrypto.agree(vKey, uMask));
                // u added +PRG when u < v, -PRG otherwise: remove it.
                SecAggCrypto.applyMask(sum, seed, u.compareTo(v) < 0 ? -1 : 1, fixedPoint.ringBits());
            }
        }
        double[] decoded = new double[modelSize];
        for (int i = 0; i < modelSize; i++) {
            decoded[i] = fixedPoint.decode(fixedPoint.reduce(sum[i]));
        }
        double weight = fixedPoint.decode(fixedPoint.reduce(sum[modelSize]));
        if (!(weight > 0)) {
            throw new FailedException("the unmasked total weight is " + weight + "; the masked inputs were inconsistent");
        }
        return new Sum(decoded, weight, u3.size());
    }

    private byte[] reconstruct(String owner, Map<String, UnmaskResult> reveals, boolean selfMask, Map<String, Integer> point,
                               Map<String, BigInteger[]> lagrangeCache) {
        List<Shamir.Share> shares = new ArrayList<>();
        for (Map.Entry<String, UnmaskResult> e : new TreeMap<>(reveals).entrySet()) {
            List<RevealedShare> list = selfMask ? e.getValue().getSelfMaskSharesList() : e.getValue().getMaskKeySharesList();
            for (RevealedShare s : list) {
                if (s.getOwnerClientId().equals(owner)) {
                    shares.add(Shamir.Share.decode(point.get(e.getKey()), s.getShare().toByteArray()));
                }
            }
            if (shares.size() == threshold) {
                break;
            }
        }
        if (shares.size() < threshold) {
            throw new FailedException("only " + shares.size() + " shares of " + owner + "'s " + (selfMask ? "self-mask seed" : "mask key")
                    + " were revealed; " + threshold + " are needed");
        }
        int[] xs = shares.stream().mapToInt(Shamir.Share::x).toArray();
        BigInteger[] lambda = lagrangeCache.computeIfAbsent(Arrays.toString(xs), k -> Shamir.lagrangeAtZero(xs));
        BigInteger s = BigInteger.ZERO;
        for (int j = 0; j < shares.size(); j++) {
            s = s.add(shares.get(j).y().multiply(lambda[j])).mod(Shamir.P);
        }
        if (s.bitLength() > 256) {
            throw new FailedException("the shares of " + owner + "'s secret are inconsistent");
        }
        byte[] raw = s.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    private void require(int count, String what) {
        if (count < threshold) {
            throw new FailedException("only " + count + " of the " + sampled.size() + " sampled clients " + what
                    + "; secure aggregation needs at least " + threshold);
        }
    }
}
