package io.privkit.federated.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.federated.learn.Dataset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartitionsTest {

    /** McMahan et al.: 60000 examples, 100 clients, 200 shards of 300, 2 shards (600 examples) per client. */
    @Test
    void labelShards_mcMahanSetup_twoShardsOf300PerClient_mostClientsTwoLabels() {
        int n = 60_000;
        double[][] x = new double[n][1];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = (i * 7) % 10;
        }
        Dataset d = Dataset.of(x, y, 10);
        List<int[]> parts = Partitions.labelShards(d, 100, 2, Randomness.insecureSeeded(1));
        Set<Integer> seen = new HashSet<>();
        int twoOrFewer = 0;
        for (int[] p : parts) {
            assertEquals(600, p.length);
            Set<Integer> labels = new HashSet<>();
            for (int i : p) {
                assertTrue(seen.add(i), "example " + i + " given twice");
                labels.add(y[i]);
            }
            if (labels.size() <= 2) {
                twoOrFewer++;
            }
        }
        assertEquals(n, seen.size());
        // Each shard of 300 lies within one label (6000 per label), so a client sees at most 2 labels.
        assertEquals(100, twoOrFewer);
    }

    @Test
    void iid_coversEveryExampleOnce() {
        List<int[]> parts = Partitions.iid(103, 10, Randomness.insecureSeeded(2));
        Set<Integer> seen = new HashSet<>();
        for (int[] p : parts) {
            assertTrue(p.length == 10 || p.length == 11);
            for (int i : p) {
                assertTrue(seen.add(i));
            }
        }
        assertEquals(103, seen.size());
    }
}
