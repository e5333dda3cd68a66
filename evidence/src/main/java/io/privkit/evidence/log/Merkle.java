package io.privkit.evidence.log;

import io.privkit.common.Checks;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Merkle tree hashing of RFC 6962 (Laurie, Langley and Kasper, "Certificate Transparency", 2013,
 * section 2.1; carried over unchanged into RFC 9162):
 *
 * <pre>
 * leaf hash  = SHA-256(0x00 || entry)
 * node hash  = SHA-256(0x01 || left || right)
 * MTH({})    = SHA-256()
 * MTH(D[n])  = node(MTH(D[0:k]), MTH(D[k:n]))   with k the largest power of two below n
 * </pre>
 *
 * <p>The domain-separation bytes make a leaf and an inner node impossible to confuse (the
 * second-preimage attack on plain Merkle trees). An <b>inclusion proof</b> shows that an entry is
 * at index m of a tree of size n with a given root; a <b>consistency proof</b> shows that the tree
 * of size m is a prefix of the tree of size n, so a log that rewrote, dropped or reordered an
 * entry before m cannot produce one. Verification follows RFC 9162 sections 2.1.3.2 and 2.1.4.2.
 *
 * <p>{@link #root(List)} computes the head in one pass with a stack of completed subtrees;
 * {@link #rootByDefinition(List)} is the recursive definition above, kept as the obviously
 * correct reference the tests compare it with. Proof generation follows the recursive PATH and
 * PROOF definitions of RFC 6962 sections 2.1.1 and 2.1.2 directly.
 *
 * <p>Hashes are 32-byte arrays. Stateless and thread-safe.
 */
public final class Merkle {
    private Merkle() {
    }

    /** SHA-256(0x00 || entry). */
    public static byte[] leafHash(byte[] entry) {
        MessageDigest d = sha256();
        d.update((byte) 0x00);
        d.update(entry);
        return d.digest();
    }

    /** SHA-256(0x01 || left || right). */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest d = sha256();
        d.update((byte) 0x01);
        d.update(left);
        d.update(right);
        return d.digest();
    }

    /** The tree head over leaf hashes, in one pass (a stack of perfect subtrees, merged right to left). */
    public static byte[] root(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return sha256().digest();
        }
        List<byte[]> stack = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (byte[] leaf : leafHashes) {
            byte[] h = leaf;
            long size = 1;
            while (!sizes.isEmpty() && sizes.get(sizes.size() - 1) == size) {
                h = nodeHash(stack.remove(stack.size() - 1), h);
                size += sizes.remove(sizes.size() - 1);
            }
            stack.add(h);
            sizes.add(size);
        }
        // The perfect subtrees, largest first, form the right spine: fold from the right.
        byte[] acc = stack.get(stack.size() - 1);
        for (int i = stack.size() - 2; i >= 0; i--) {
            acc = nodeHash(stack.get(i), acc);
        }
        return acc;
    }

    /** The tree head by the recursive definition of RFC 6962 section 2.1 (the reference path). */
    public static byte[] rootByDefinition(List<byte[]> leafHashes) {
        int n = leafHashes.size();
        if (n == 0) {
            return sha256().digest();
        }
        if (n == 1) {
            return leafHashes.get(0);
        }
        int k = largestPowerOfTwoBelow(n);
        return nodeHash(rootByDefinition(leafHashes.subList(0, k)), rootByDefinition(leafHashes.subList(k, n)));
    }

    /** PATH(m, D[n]): the inclusion proof of leaf {@code index} (RFC 6962 section 2.1.1). */
    public static List<byte[]> inclusionProof(int index, List<byte[]> leafHashes) {
        int n = leafHashes.size();
        if (index < 0 || index >= n) {
            throw Checks.argument("index").mustBe("in [0, " + n + ")").got(index).noFix().exception();
        }
        List<byte[]> proof = new ArrayList<>();
        path(index, leafHashes, proof);
        return proof;
    }

    private static void path(int m, List<byte[]> d, List<byte[]> out) {
        int n = d.size();
        if (n <= 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, d.subList(0, k), out);
            out.add(rootByDefinition(d.subList(k, n)));
        } else {
            path(m - k, d.subList(k, n), out);
            out.add(rootByDefinition(d.subList(0, k)));
        }
    }

    /** PROOF(m, D[n]): the consistency proof from size {@code oldSize} (RFC 6962 section 2.1.2). */
    public static List<byte[]> consistencyProof(int oldSize, List<byte[]> leafHashes) {
        int n = leafHashes.size();
        if (oldSize < 1 || oldSize > n) {
            throw Checks.argument("oldSize").mustBe("in [1, " + n + "]").got(oldSize).noFix().exception();
        }
        List<byte[]> proof = new ArrayList<>();
        subproof(oldSize, leafHashes, true, proof);
        return proof;
    }

    private static void subproof(int m, List<byte[]> d, boolean complete, List<byte[]> out) {
        int n = d.size();
        if (m == n) {
            if (!complete) {
                out.add(rootByDefinition(d));
            }
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, d.subList(0, k), complete, out);
            out.add(rootByDefinition(d.subList(k, n)));
        } else {
            subproof(m - k, d.subList(k, n), false, out);
            out.add(rootByDefinition(d.subList(0, k)));
        }
    }

    /**
     * Whether {@code proof} shows the leaf at {@code index} in a tree of {@code size} with
     * {@code root} (RFC 9162 section 2.1.3.2).
     */
    public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /**
     * Whether {@code proof} shows the tree of {@code oldSize} with {@code oldRoot} is a prefix of
     * the tree of {@code newSize} with {@code newRoot} (RFC 9162 section 2.1.4.2).
     */
    public static boolean verifyConsistency(long oldSize, long newSize, List<byte[]> proof, byte[] oldRoot, byte[] newRoot) {
        if (oldSize < 1 || oldSize > newSize) {
            return false;
        }
        if (oldSize == newSize) {
            return proof.isEmpty() && Arrays.equals(oldRoot, newRoot);
        }
        List<byte[]> p = new ArrayList<>(proof);
        if (Long.bitCount(oldSize) == 1) {
            p.add(0, oldRoot);
        }
        if (p.isEmpty()) {
            return false;
        }
        long fn = oldSize - 1;
        long sn = newSize - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = p.get(0);
        byte[] sr = p.get(0);
        for (int i = 1; i < p.size(); i++) {
            byte[] c = p.get(i);
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, oldRoot) && Arrays.equals(sr, newRoot);
    }

    static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static MessageDigest sha256() {
        return io.privkit.common.Sha256.newDigest();
    }
}
