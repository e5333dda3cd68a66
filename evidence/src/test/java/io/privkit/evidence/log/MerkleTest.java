package io.privkit.evidence.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 6962 hashing against the Certificate Transparency reference vectors (the eight leaves and
 * tree heads used by the CT and Go transparency-log test suites, and their inclusion and
 * consistency proofs), and the one-pass root against the recursive definition.
 */
class MerkleTest {
    static final HexFormat HEX = HexFormat.of();
    static final String[] LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
    static final String[] ROOTS = {
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    static List<byte[]> leaves(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Merkle.leafHash(HEX.parseHex(LEAVES[i])));
        }
        return out;
    }

    static List<byte[]> hashes(String... hex) {
        List<byte[]> out = new ArrayList<>();
        for (String h : hex) {
            out.add(HEX.parseHex(h));
        }
        return out;
    }

    @Test
    void emptyTree_isSha256OfNothing() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", HEX.formatHex(Merkle.root(List.of())));
    }

    @Test
    void root_referenceVectors_bothPaths() {
        for (int n = 1; n <= 8; n++) {
            assertEquals(ROOTS[n - 1], HEX.formatHex(Merkle.root(leaves(n))), "fast root, size " + n);
            assertEquals(ROOTS[n - 1], HEX.formatHex(Merkle.rootByDefinition(leaves(n))), "reference root, size " + n);
        }
    }

    @Test
    void root_fastEqualsReference_upTo300Leaves() {
        List<byte[]> l = new ArrayList<>();
        for (int n = 0; n <= 300; n++) {
            assertArrayEquals(Merkle.rootByDefinition(l), Merkle.root(l), "size " + n);
            l.add(Merkle.leafHash(new byte[] {(byte) n, (byte) (n >> 8)}));
        }
    }

    @Test
    void inclusion_referenceVector_andWrongIndexRejected() {
        List<byte[]> proof = hashes("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        byte[] leaf5 = leaves(6).get(5);
        assertTrue(Merkle.verifyInclusion(5, 8, leaf5, proof, HEX.parseHex(ROOTS[7])));
        assertFalse(Merkle.verifyInclusion(4, 8, leaf5, proof, HEX.parseHex(ROOTS[7])));
        for (int i = 0; i < proof.size(); i++) {
            assertEquals(HEX.formatHex(proof.get(i)), HEX.formatHex(Merkle.inclusionProof(5, leaves(8)).get(i)), "generated proof element " + i);
        }
        assertTrue(Merkle.verifyInclusion(2, 3, leaves(3).get(2), hashes(ROOTS[1]), HEX.parseHex(ROOTS[2])));
    }

    @Test
    void consistency_referenceVectors_andWrongRootRejected() {
        List<byte[]> p68 = hashes("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertTrue(Merkle.verifyConsistency(6, 8, p68, HEX.parseHex(ROOTS[5]), HEX.parseHex(ROOTS[7])));
        assertFalse(Merkle.verifyConsistency(6, 8, p68, HEX.parseHex(ROOTS[4]), HEX.parseHex(ROOTS[7])));
        List<byte[]> p25 = hashes("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
        assertTrue(Merkle.verifyConsistency(2, 5, p25, HEX.parseHex(ROOTS[1]), HEX.parseHex(ROOTS[4])));
        List<byte[]> generated = Merkle.consistencyProof(6, leaves(8));
        assertEquals(p68.size(), generated.size());
        for (int i = 0; i < generated.size(); i++) {
            assertArrayEquals(p68.get(i), generated.get(i), "generated consistency proof element " + i);
        }
    }

    /** Every proof generated for trees up to 33 leaves verifies, and any one-bit change to it is rejected. */
    @Test
    void generatedProofs_allVerify_andMutationsRejected() {
        List<byte[]> all = new ArrayList<>();
        for (int i = 0; i < 33; i++) {
            all.add(Merkle.leafHash(new byte[] {(byte) i}));
        }
        for (int n = 1; n <= 33; n++) {
            List<byte[]> l = all.subList(0, n);
            byte[] root = Merkle.root(l);
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = Merkle.inclusionProof(m, l);
                assertTrue(Merkle.verifyInclusion(m, n, l.get(m), proof, root), "inclusion " + m + " of " + n);
                for (int k = 0; k < proof.size(); k++) {
                    List<byte[]> bad = new ArrayList<>(proof);
                    byte[] x = bad.get(k).clone();
                    x[0] ^= 1;
                    bad.set(k, x);
                    assertFalse(Merkle.verifyInclusion(m, n, l.get(m), bad, root));
                }
                if (m + 1 <= n) {
                    List<byte[]> c = Merkle.consistencyProof(m + 1, l);
                    assertTrue(Merkle.verifyConsistency(m + 1, n, c, Merkle.root(l.subList(0, m + 1)), root), "consistency " + (m + 1) + "->" + n);
                    if (!c.isEmpty()) {
                        List<byte[]> bad = new ArrayList<>(c);
                        byte[] x = bad.get(0).clone();
                        x[31] ^= 1;
                        bad.set(0, x);
                        assertFalse(Merkle.verifyConsistency(m + 1, n, bad, Merkle.root(l.subList(0, m + 1)), root));
                    }
                }
            }
        }
    }
}
