package io.privkit.federated.strategy;

import io.privkit.common.Checks;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Block-wise reading of many updates at once, for the robust aggregation rules. Stateless. */
final class Blocks {
    private Blocks() {
    }

    static int requireUpdates(List<ClientUpdate> updates, int minimum, String rule) {
        Checks.requireNoNullElements(updates, "updates");
        if (updates.size() < minimum) {
            throw new IllegalStateException(rule + " needs at least " + minimum + " updates; got " + updates.size()
                    + ". Raise the minimum number of results per round, or lower the number of Byzantine clients tolerated.");
        }
        int d = updates.get(0).size();
        for (ClientUpdate u : updates) {
            if (u.size() != d) {
                throw Checks.argument("updates").mustBe("of one size (" + d + ")").got(u.clientId() + " has " + u.size()).noFix().exception();
            }
        }
        return d;
    }

    static void requireComplete(ClientUpdate u, int read, int d) {
        if (read != d) {
            throw new IllegalStateException("update of " + u.clientId() + " ended after " + read + " of " + d + " values");
        }
    }


    @FunctionalInterface
    interface BlockConsumer {
        void accept(double[][] block, int length);
    }

    @FunctionalInterface
    interface ColumnRule {
        double apply(double[] column);
    }

    static void forEachBlock(List<ClientUpdate> updates, int blockSize, BlockConsumer consumer) throws IOException {
        Checks.requirePositive(blockSize, "blockSize");
        int n = updates.size();
        int d = updates.get(0).size();
        int b = Math.min(blockSize, Math.max(1, d));
        double[][] block = new double[n][b];
        List<UpdateReader> readers = new ArrayList<>(n);
        try {
            for (ClientUpdate u : updates) {
                readers.add(u.open());
            }
            for (int start = 0; start < d; start += b) {
                int len = Math.min(b, d - start);
                for (int i = 0; i < n; i++) {
                    readers.get(i).readFully(block[i], 0, len);
                }
                consumer.accept(block, len);
            }
        } finally {
            IOException first = null;
            for (UpdateReader r : readers) {
                try {
                    r.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    static double[] coordinateWise(List<ClientUpdate> updates, int blockSize, String rule, ColumnRule columnRule) throws IOException {
        int d = requireUpdates(updates, 1, rule);
        int n = updates.size();
        double[] out = new double[d];
        double[] column = new double[n];
        int[] pos = {0};
        forEachBlock(updates, blockSize, (block, len) -> {
            for (int c = 0; c < len; c++) {
                for (int i = 0; i < n; i++) {
                    column[i] = block[i][c];
                }
                out[pos[0] + c] = columnRule.apply(column);
            }
            pos[0] += len;
        });
        return out;
    }
}
