package io.privkit.federated.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientSamplingTest {
    private static final List<String> ROSTER = new ArrayList<>();

    static {
        for (int i = 0; i < 200; i++) {
            ROSTER.add(String.format("c%03d", i));
        }
    }

    /** Total inclusions over {@code rounds} rounds. */
    private static long inclusions(ClientSampling s, int rounds, long seed) {
        long n = 0;
        for (int r = 1; r <= rounds; r++) {
            n += s.sample(ROSTER, r, Randomness.insecureSeeded(seed)).size();
        }
        return n;
    }

    /**
     * 200 clients × 200 rounds = 40000 independent Bernoulli(p) draws: the count has standard
     * deviation sqrt(40000 p (1 - p)) (91.7 at p = 0.3). Accepting within 5 standard deviations
     * rejects a correct sampler with probability below 6e-7.
     */
    static boolean countMatches(long count, int draws, double p) {
        double sd = Math.sqrt(draws * p * (1 - p));
        return Math.abs(count - draws * p) <= 5 * sd;
    }

    @Test
    void poisson_inclusionCountMatchesRate_andTheCheckRejectsAnotherRate() {
        long n = inclusions(ClientSampling.poisson(0.3), 200, 42);
        assertTrue(countMatches(n, 40_000, 0.3), "count " + n);
        assertFalse(countMatches(n, 40_000, 0.33), "the same check rejects a sampler at rate 0.33");
    }

    @Test
    void overSelection_includesAtRateTimesOnePlusO_targetIsCeilRateN() {
        ClientSampling s = ClientSampling.poisson(0.2).withOverSelection(0.5);
        assertEquals(0.3, s.inclusionProbability(), 1e-15);
        assertTrue(countMatches(inclusions(s, 200, 7), 40_000, 0.3));
        assertEquals(40, s.targetResults(200));
        assertEquals(Integer.MAX_VALUE, ClientSampling.poisson(0.2).targetResults(200), "no early close without over-selection");
    }

    @Test
    void sample_sameSeedAndRound_sameClients_rosterOrderIrrelevant_roundsDiffer() {
        ClientSampling s = ClientSampling.poisson(0.5);
        List<String> shuffled = new ArrayList<>(ROSTER);
        Collections.shuffle(shuffled, new java.util.Random(3));
        assertEquals(s.sample(ROSTER, 5, Randomness.insecureSeeded(1)), s.sample(shuffled, 5, Randomness.insecureSeeded(1)));
        assertNotEquals(s.sample(ROSTER, 5, Randomness.insecureSeeded(1)), s.sample(ROSTER, 6, Randomness.insecureSeeded(1)));
        assertEquals(ROSTER, ClientSampling.all().sample(ROSTER, 1, Randomness.secure()));
    }
}
