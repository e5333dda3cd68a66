package io.privkit.federated.coordinator;

import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree hash of RFC 6962 (Certificate Transparency, §2.1) over a list of leaves:
 * {@code MTH({}) = SHA-256()}, {@code MTH({d}) = SHA-256(0x00 || d)}, and for {@code n > 1},
 * with {@code k} the largest power of two below {@code n},
 * {@code MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n]))}. Evidence records use it to
 * commit to the set of pseudonymous client ids without listing them. Stateless and thread-safe.
 */
public final class MerkleTree {
    private MerkleTree() {
    }

    /** The root over UTF-8 leaves, in the given order. */
    public static Sha256 root(List<String> leaves) {
        Checks.requireNoNullElements(leaves, "leaves");
        List<byte[]> bytes = new ArrayList<>();
        for (String l : leaves) {
            bytes.add(l.getBytes(StandardCharsets.UTF_8));
        }
        return Sha256.fromBytes(mth(bytes, 0, bytes.size()));
    }

    /** The pseudonym of a client in a federation: {@code SHA-256("privkit-client-pseudonym-v1" 0x00 federation 0x00 id)} in hex. */
    public static String pseudonym(String federationId, String clientId) {
        MessageDigest md = Sha256.newDigest();
        md.update(("privkit-client-pseudonym-v1\0" + federationId + "\0" + clientId).getBytes(StandardCharsets.UTF_8));
        return Sha256.fromBytes(md.digest()).hex();
    }

    private static byte[] mth(List<byte[]> d, int from, int to) {
        MessageDigest md = Sha256.newDigest();
        int n = to - from;
        if (n == 0) {
            return md.digest();
        }
        if (n == 1) {
            md.update((byte) 0);
            md.update(d.get(from));
            return md.digest();
        }
        int k = Integer.highestOneBit(n - 1);
        byte[] left = mth(d, from, from + k);
        byte[] right = mth(d, from + k, to);
        md.update((byte) 1);
        md.update(left);
        md.update(right);
        return md.digest();
    }
}
