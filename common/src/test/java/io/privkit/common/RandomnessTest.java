package io.privkit.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class RandomnessTest {

    /**
     * Golden outputs of xoshiro256** seeded by SplitMix64, from an independent Python
     * implementation of the algorithms as specified in Blackman and Vigna, "Scrambled Linear
     * Pseudorandom Number Generators" (ACM TOMS 2021): state words are SplitMix64 outputs for
     * x = seed + k * 0x9E3779B97F4A7C15, k = 1..4. They pin the seeded stream forever, so a replay
     * from a recorded seed reproduces on any JVM.
     */
    @Test
    void insecureSeeded_knownSeeds_matchReferenceStream() {
        assertStream(0L, -7355399402456485196L, -4652746763540216534L, 1900383378846508768L, 7684712102626143532L);
        assertStream(42L, 1546998764402558742L, 6990951692964543102L, -5902157311460992607L, -1389169964527427423L);
        assertStream(-1L, -8118546653352383224L, -4290065566684577747L, -9088772293754075490L, -4655159067405239249L);
    }

    private static void assertStream(long seed, long... expected) {
        Randomness r = Randomness.insecureSeeded(seed);
        long[] got = new long[expected.length];
        for (int i = 0; i < got.length; i++) {
            got[i] = r.nextLong();
        }
        assertArrayEquals(expected, got, "seed " + seed);
    }

    @Test
    void insecureSeeded_marksItself() {
        Randomness r = Randomness.insecureSeeded(7);
        assertTrue(r.isInsecure());
        assertEquals(Randomness.Kind.INSECURE_SEEDED, r.kind());
        assertEquals(7L, r.seed().getAsLong());
        assertEquals(7L, r.describe().seed().getAsLong());
        assertTrue(r.toString().contains("seed=7"));
    }

    @Test
    void secure_isSecureAndHasNoSeed() {
        Randomness r = Randomness.secure();
        assertFalse(r.isInsecure());
        assertTrue(r.seed().isEmpty());
        assertTrue(r.describe().algorithm().startsWith("SecureRandom/"));
        assertTrue(r.asRandom() instanceof SecureRandom);
    }

    @Test
    void derive_sameLabel_sameStream_differentLabel_differentStream() {
        Randomness a = Randomness.insecureSeeded(99);
        a.nextLong(); // consuming the parent must not change the child
        Randomness b = Randomness.insecureSeeded(99);
        assertEquals(a.derive("fold-1").nextLong(), b.derive("fold-1").nextLong());
        assertNotEquals(b.derive("fold-1").nextLong(), b.derive("fold-2").nextLong());
        assertTrue(a.derive("x").isInsecure());
        assertFalse(Randomness.secure().derive("x").isInsecure());
    }

    /**
     * nextInt(bound) must be exactly uniform. Chi-square goodness of fit over 7 cells (bound 7 is
     * not a power of two, so the rejection path is exercised) with n = 70000 draws: the statistic
     * has 6 degrees of freedom; P(chi2_6 > 22.46) = 0.001, so this test fails falsely once in a
     * thousand seeds, and never for this fixed seed.
     */
    @Test
    void nextInt_nonPowerOfTwoBound_uniformByChiSquare() {
        Randomness r = Randomness.insecureSeeded(2024);
        int k = 7;
        int n = 70_000;
        long[] counts = new long[k];
        for (int i = 0; i < n; i++) {
            counts[r.nextInt(k)]++;
        }
        assertTrue(chiSquare(counts, n) < 22.46, "chi-square " + chiSquare(counts, n));
    }

    /** The same statistic rejects a generator biased by 2% towards cell 0 (sibling of the test above). */
    @Test
    void chiSquare_biasedDraws_rejected() {
        Randomness r = Randomness.insecureSeeded(2024);
        int k = 7;
        int n = 70_000;
        long[] counts = new long[k];
        for (int i = 0; i < n; i++) {
            int v = r.nextInt(k);
            counts[r.nextDouble() < 0.02 ? 0 : v]++;
        }
        assertTrue(chiSquare(counts, n) > 22.46, "chi-square " + chiSquare(counts, n));
    }

    private static double chiSquare(long[] counts, int n) {
        double expected = (double) n / counts.length;
        double s = 0;
        for (long c : counts) {
            s += (c - expected) * (c - expected) / expected;
        }
        return s;
    }

    @Test
    void nextDouble_inUnitIntervalOnGrid() {
        Randomness r = Randomness.insecureSeeded(5);
        for (int i = 0; i < 10_000; i++) {
            double d = r.nextDouble();
            assertTrue(d >= 0 && d < 1);
            assertEquals(d, Math.scalb(Math.rint(Math.scalb(d, 53)), -53));
        }
    }

    @Test
    void nextLong_badBound_rejected() {
        assertThrows(IllegalArgumentException.class, () -> Randomness.secure().nextLong(0));
    }

    @Test
    void nextBytes_seeded_reproducible() {
        byte[] a = new byte[13];
        byte[] b = new byte[13];
        Randomness.insecureSeeded(3).nextBytes(a);
        Randomness.insecureSeeded(3).nextBytes(b);
        assertArrayEquals(a, b);
    }

    @Test
    void asRandom_seeded_followsStreamAndRefusesReseed() {
        java.util.Random view = Randomness.insecureSeeded(11).asRandom();
        assertEquals(Randomness.insecureSeeded(11).nextLong(), view.nextLong());
        assertThrows(UnsupportedOperationException.class, () -> view.setSeed(1));
    }
}
