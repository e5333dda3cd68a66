package io.privkit.federated.sim;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.federated.learn.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a dataset over simulated clients.
 *
 * <ul>
 *   <li>{@link #iid}: a random permutation cut into equal parts.</li>
 *   <li>{@link #labelShards}: the pathological non-IID split of McMahan et al. (AISTATS 2017,
 *       §3): sort by label, cut into {@code clients × shardsPerClient} equal shards, give each
 *       client {@code shardsPerClient} shards at random; with 2 shards per client most clients see
 *       only two classes (MNIST: 100 clients, 200 shards of 300).</li>
 * </ul>
 * Deterministic for a seeded source; every example goes to exactly one client.
 */
public final class Partitions {
    private Partitions() {
    }

    /** Equal random parts (the first {@code n mod clients} parts get one more). */
    public static List<int[]> iid(int n, int clients, Randomness randomness) {
        Checks.requirePositive(clients, "clients");
        int[] perm = permutation(n, randomness);
        List<int[]> out = new ArrayList<>();
        int start = 0;
        for (int c = 0; c < clients; c++) {
            int size = n / clients + (c < n % clients ? 1 : 0);
            out.add(Arrays.copyOfRange(perm, start, start + size));
            start += size;
        }
        return out;
    }

    /** McMahan et al.'s label shards. */
    public static List<int[]> labelShards(Dataset data, int clients, int shardsPerClient, Randomness randomness) {
        Checks.requirePositive(clients, "clients");
        Checks.requirePositive(shardsPerClient, "shardsPerClient");
        int n = data.size();
        int shards = clients * shardsPerClient;
        if (shards > n) {
            throw Checks.argument("clients × shardsPerClient").mustBe("at most the number of examples " + n).got(shards).noFix().exception();
        }
        Integer[] byLabel = new Integer[n];
        for (int i = 0; i < n; i++) {
            byLabel[i] = i;
        }
        Arrays.sort(byLabel, (a, b) -> a.equals(b) ? 0 : data.label(a) != data.label(b)
                ? Integer.compare(data.label(a), data.label(b)) : Integer.compare(a, b));
        int shardSize = n / shards;
        int[] shardOrder = permutation(shards, randomness);
        List<int[]> out = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int[] idx = new int[shardsPerClient * shardSize];
            for (int s = 0; s < shardsPerClient; s++) {
                int shard = shardOrder[c * shardsPerClient + s];
                for (int j = 0; j < shardSize; j++) {
                    idx[s * shardSize + j] = byLabel[shard * shardSize + j];
                }
            }
            out.add(idx);
        }
        return out;
    }

    private static int[] permutation(int n, Randomness r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
