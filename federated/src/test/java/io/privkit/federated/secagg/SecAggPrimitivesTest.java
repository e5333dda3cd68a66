package io.privkit.federated.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shamir sharing, X25519 masks and fixed-point encoding against closed forms. */
class SecAggPrimitivesTest {
    private final SecureRandom rnd = new SecureRandom();

    /** f(x) = 5 + 3x: f(1) = 8, f(2) = 11, f(3) = 14; any two points give f(0) = 5. */
    @Test
    void combine_handMadeLinearPolynomial_recoversConstantTerm() {
        List<Shamir.Share> s = List.of(new Shamir.Share(1, BigInteger.valueOf(8)), new Shamir.Share(2, BigInteger.valueOf(11)),
                new Shamir.Share(3, BigInteger.valueOf(14)));
        assertArrayEquals(new byte[] {5}, Shamir.combine(List.of(s.get(0), s.get(2)), 2, 1));
        assertArrayEquals(new byte[] {5}, Shamir.combine(List.of(s.get(2), s.get(1)), 2, 1));
        // Lagrange at zero for points 1, 2: λ = (2/(2-1), 1/(1-2)) = (2, -1 mod p)
        BigInteger[] l = Shamir.lagrangeAtZero(new int[] {1, 2});
        assertEquals(BigInteger.TWO, l[0]);
        assertEquals(Shamir.P.subtract(BigInteger.ONE), l[1]);
    }

    @Test
    void split_anyThresholdSubset_recoversSecret_fewerDoNot() {
        byte[] secret = new byte[32];
        rnd.nextBytes(secret);
        List<Shamir.Share> shares = new ArrayList<>(Shamir.split(secret, 4, 7, rnd));
        for (int trial = 0; trial < 10; trial++) {
            Collections.shuffle(shares);
            assertArrayEquals(secret, Shamir.combine(shares.subList(0, 4), 4, 32));
        }
        assertThrows(IllegalArgumentException.class, () -> Shamir.combine(shares.subList(0, 3), 4, 32));
        // Three shares and a fourth shifted by 2^300: the result moves by λ·2^300 mod p (λ ≠ 0), far
        // beyond 256 bits whatever the Lagrange coefficient, so the inconsistency is detected.
        List<Shamir.Share> forged = new ArrayList<>(shares.subList(0, 3));
        Shamir.Share last = shares.get(3);
        forged.add(new Shamir.Share(last.x(), last.y().add(BigInteger.ONE.shiftLeft(300)).mod(Shamir.P)));
        assertThrows(IllegalArgumentException.class, () -> Shamir.combine(forged, 4, 32));
    }

    @Test
    void share_encodeDecode_roundTrips() {
        Shamir.Share s = Shamir.split(new byte[] {1, 2, 3}, 2, 3, rnd).get(1);
        assertEquals(s, Shamir.Share.decode(s.x(), s.encode()));
        assertEquals(Shamir.SHARE_BYTES, s.encode().length);
    }

    @Test
    void pairSeeds_bothSidesAgree_masksCancel() {
        SecAggCrypto.Context ctx = new SecAggCrypto.Context("run-1", 3);
        KeyPair a = SecAggCrypto.newKeyPair(rnd);
        KeyPair b = SecAggCrypto.newKeyPair(rnd);
        byte[] ab = SecAggCrypto.pairSeed(ctx, "a", "b", SecAggCrypto.agree(a.getPrivate(), b.getPublic()));
        byte[] ba = SecAggCrypto.pairSeed(ctx, "b", "a", SecAggCrypto.agree(b.getPrivate(), a.getPublic()));
        assertArrayEquals(ab, ba);
        assertFalse(java.util.Arrays.equals(ab, SecAggCrypto.pairSeed(new SecAggCrypto.Context("run-1", 4), "a", "b",
                SecAggCrypto.agree(a.getPrivate(), b.getPublic()))), "bound to the round");
        for (int bits : new int[] {32, 64}) {
            long[] v = new long[100_001];
            SecAggCrypto.applyMask(v, ab, 1, bits);
            assertNotEquals(0, v[12345]);
            SecAggCrypto.applyMask(v, ba, -1, bits);
            FixedPoint fp = new FixedPoint(bits, 16);
            for (long x : v) {
                assertEquals(0, fp.reduce(x));
            }
        }
    }

    @Test
    void scalarMatches_ownPublicKeyOnly() {
        KeyPair a = SecAggCrypto.newKeyPair(rnd);
        KeyPair b = SecAggCrypto.newKeyPair(rnd);
        byte[] scalar = SecAggCrypto.scalar(a.getPrivate());
        assertTrue(SecAggCrypto.matches(scalar, a.getPublic()));
        assertFalse(SecAggCrypto.matches(scalar, b.getPublic()));
        // Rebuilt from its scalar, the key agrees like the original.
        assertArrayEquals(SecAggCrypto.agree(a.getPrivate(), b.getPublic()),
                SecAggCrypto.agree(SecAggCrypto.privateKey(scalar), b.getPublic()));
    }

    @Test
    void sealOpen_roundTrip_tamperedCiphertextRejected() {
        byte[] key = new byte[32];
        rnd.nextBytes(key);
        byte[][] sealed = SecAggCrypto.seal(key, new byte[] {1}, new byte[] {9, 8, 7}, rnd);
        assertArrayEquals(new byte[] {9, 8, 7}, SecAggCrypto.open(key, new byte[] {1}, sealed[0], sealed[1]));
        assertThrows(IllegalArgumentException.class, () -> SecAggCrypto.open(key, new byte[] {2}, sealed[0], sealed[1]));
        sealed[1][0] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> SecAggCrypto.open(key, new byte[] {1}, sealed[0], sealed[1]));
    }

    /** Sums of encodings in Z/2^32 decode to the sum of the rounded values, negatives included. */
    @Test
    void fixedPoint_sumsWrapAndDecode_errorAtMostHalfStepPerValue() {
        FixedPoint fp = new FixedPoint(32, 20);
        double[] xs = {-1.75, 0.3, -0.0000004, 2.5, -0.999};
        long acc = 0;
        double exact = 0;
        for (double x : xs) {
            long e = fp.encode(x);
            assertEquals(x, fp.decode(fp.reduce(e)), Math.scalb(0.5, -20));
            acc = fp.reduce(acc + fp.reduce(e));
            exact += x;
        }
        assertEquals(exact, fp.decode(acc), xs.length * Math.scalb(0.5, -20));
        assertEquals(-1.0, new FixedPoint(64, 10).decode(new FixedPoint(64, 10).encode(-1.0)));
    }

    @Test
    void config_thresholdAndFractionBits() {
        SecureAggregationConfig c = SecureAggregationConfig.withClipRange(1.0);
        assertEquals(4, c.threshold(6));
        assertEquals(67, c.threshold(100));
        assertEquals(2, c.threshold(2));
        // 64-bit ring, 100 clients, weight 1, range 1: floor(62 - log2(100)) = 55, capped at 52.
        assertEquals(52, c.fractionBits(100));
        // 32-bit ring: floor(30 - log2(100)) = 23
        assertEquals(23, c.withRingBits(32).fractionBits(100));
        assertThrows(IllegalArgumentException.class, () -> c.withRingBits(32).withMaxWeight(1_000_000).fractionBits(1000));
    }
}
