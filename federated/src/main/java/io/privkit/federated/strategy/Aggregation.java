package io.privkit.federated.strategy;

import io.privkit.common.Checks;
import io.privkit.common.Interval;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a round's accepted updates are combined into one update.
 *
 * <ul>
 *   <li>{@link WeightedMean}: {@code Σ_k w_k Δ_k / Σ_k w_k} with the validated, bounded weights
 *       (FedAvg; McMahan et al., AISTATS 2017). Linear, so it also works on a secure-aggregation
 *       sum. Streams each update once: O(model size) memory.</li>
 *   <li>{@link CoordinateMedian}: per coordinate, the median of the updates (mean of the two middle
 *       values for an even count); {@link TrimmedMean}: per coordinate, drop the
 *       {@code ⌊β n⌋} largest and {@code ⌊β n⌋} smallest values and average the rest. Both from
 *       Yin, Chen, Ramchandran, Bartlett, "Byzantine-Robust Distributed Learning: Towards Optimal
 *       Statistical Rates", ICML 2018. Unweighted. A trimmed mean with {@code ⌊β n⌋ ≥ f} bounds
 *       each coordinate of the result within the range of the honest updates' values.</li>
 *   <li>{@link Krum}: Blanchard, El Mhamdi, Guerraoui, Stainer, "Machine Learning with
 *       Adversaries: Byzantine Tolerant Gradient Descent", NeurIPS 2017. With {@code n} updates of
 *       which at most {@code f} are Byzantine ({@code n ≥ 2f + 3}), the score of update {@code i} is
 *       {@code s(i) = Σ_{j ∈ N_i} ||Δ_i - Δ_j||²} over its {@code n - f - 2} nearest neighbours;
 *       Krum returns the update of lowest score, Multi-Krum the unweighted mean of the {@code m}
 *       lowest-scoring updates. Ties go to the lower client id.</li>
 * </ul>
 *
 * <p>The robust rules read the updates a block of coordinates at a time from every update, so
 * memory is O(n × block + model size) (plus n² distances for Krum), never O(n × model size).
 * Results are independent of the block size (a test compares against whole-array reference
 * implementations).
 */
public sealed interface Aggregation {

    /** The number of coordinates read from each update at a time by the robust rules. */
    int DEFAULT_BLOCK = 8192;

    /** A short name for evidence, e.g. {@code weighted-mean}. */
    String name();

    /** Whether the rule is a weighted mean (usable on a secure-aggregation or noised sum). */
    boolean linear();

    /** The fewest updates the rule can combine. */
    default int minimumUpdates() {
        return 1;
    }

    /** Combines the updates (all of the same size, at least {@link #minimumUpdates()}). */
    double[] combine(List<ClientUpdate> updates, int blockSize) throws IOException;

    /** Combines with the default block size. */
    default double[] combine(List<ClientUpdate> updates) throws IOException {
        return combine(updates, DEFAULT_BLOCK);
    }

    /** FedAvg's weighted mean. */
    record WeightedMean() implements Aggregation {
        @Override
        public String name() {
            return "weighted-mean";
        }

        @Override
        public boolean linear() {
            return true;
        }

        @Override
        public double[] combine(List<ClientUpdate> updates, int blockSize) throws IOException {
            int d = Blocks.requireUpdates(updates, 1, name());
            double[] acc = new double[d];
            int block = Math.min(blockSize, d);
            double total = 0;
            for (ClientUpdate u : updates) {
                double w = u.weight();
                total += w;
                try (UpdateReader r = u.open()) {
                    int pos = 0;
                    int n;
                    while (pos < d && (n = r.addTo(acc, pos, Math.min(block, d - pos), w)) > 0) {
                        pos += n;
                    }
                    Blocks.requireComplete(u, pos, d);
                }
            }
            for (int i = 0; i < d; i++) {
                acc[i] /= total;
            }
            return acc;
        }
    }

    /** The coordinate-wise median. */
    record CoordinateMedian() implements Aggregation {
        @Override
        public String name() {
            return "coordinate-median";
        }

        @Override
        public boolean linear() {
            return false;
        }

        @Override
        public double[] combine(List<ClientUpdate> updates, int blockSize) throws IOException {
            return Blocks.coordinateWise(updates, blockSize, name(), column -> {
                Arrays.sort(column);
                int n = column.length;
                return n % 2 == 1 ? column[n / 2] : (column[n / 2 - 1] + column[n / 2]) / 2;
            });
        }
    }

    /**
     * The coordinate-wise β-trimmed mean.
     *
     * @param beta the fraction trimmed from each end, in [0, 0.5)
     */
    record TrimmedMean(double beta) implements Aggregation {
        public TrimmedMean {
            Checks.requireIn(beta, "beta", Interval.closedOpen(0, 0.5),
                    "Trim at least the fraction of clients you expect to be Byzantine, e.g. 0.2.");
        }

        @Override
        public String name() {
            return "trimmed-mean(beta=" + beta + ")";
        }

        @Override
        public boolean linear() {
            return false;
        }

        @Override
        public double[] combine(List<ClientUpdate> updates, int blockSize) throws IOException {
            int n = updates.size();
            int k = (int) Math.floor(beta * n);
            return Blocks.coordinateWise(updates, blockSize, name(), column -> {
                Arrays.sort(column);
                double s = 0;
                for (int i = k; i < n - k; i++) {
                    s += column[i];
                }
                return s / (n - 2 * k);
            });
        }
    }

    /**
     * Krum ({@code selected = 1}) and Multi-Krum ({@code selected > 1}).
     *
     * @param byzantine the number of Byzantine updates tolerated, f ≥ 0
     * @param selected  how many lowest-scoring updates to average, m ≥ 1
     */
    record Krum(int byzantine, int selected) implements Aggregation {
        public Krum {
            Checks.requireNonNegative(byzantine, "byzantine");
            Checks.requirePositive(selected, "selected");
        }

        @Override
        public String name() {
            return selected == 1 ? "krum(f=" + byzantine + ")" : "multi-krum(f=" + byzantine + ",m=" + selected + ")";
        }

        @Override
        public boolean linear() {
            return false;
        }

        @Override
        public int minimumUpdates() {
            return Math.max(2 * byzantine + 3, selected);
        }

        @Override
        public double[] combine(List<ClientUpdate> updates, int blockSize) throws IOException {
            int d = Blocks.requireUpdates(updates, minimumUpdates(), name());
            int n = updates.size();
            double[][] dist = new double[n][n];
            Blocks.forEachBlock(updates, blockSize, (block, len) -> {
                for (int i = 0; i < n; i++) {
                    for (int j = i + 1; j < n; j++) {
                        double s = 0;
                        double[] a = block[i];
                        double[] b = block[j];
                        for (int c = 0; c < len; c++) {
                            double t = a[c] - b[c];
                            s += t * t;
                        }
                        dist[i][j] += s;
                    }
                }
            });
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    dist[j][i] = dist[i][j];
                }
            }
            int[] chosen = select(dist, n, byzantine, selected);
            List<ClientUpdate> picked = new ArrayList<>();
            for (int i : chosen) {
                picked.add(updates.get(i));
            }
            double[] acc = new double[d];
            double[] buf = new double[Math.min(blockSize, d)];
            for (ClientUpdate u : picked) {
                try (UpdateReader r = u.open()) {
                    int pos = 0;
                    int got;
                    while (pos < d && (got = r.read(buf, 0, Math.min(buf.length, d - pos))) > 0) {
                        for (int i = 0; i < got; i++) {
                            acc[pos + i] += buf[i];
                        }
                        pos += got;
                    }
                    Blocks.requireComplete(u, pos, d);
                }
            }
            for (int i = 0; i < d; i++) {
                acc[i] /= picked.size();
            }
            return acc;
        }

        /** Krum scores from squared distances: the sum of the {@code n - f - 2} smallest distances to others. */
        static double[] scores(double[][] dist, int n, int f) {
            int k = n - f - 2;
            double[] score = new double[n];
            double[] row = new double[n - 1];
            for (int i = 0; i < n; i++) {
                int c = 0;
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        row[c++] = dist[i][j];
                    }
                }
                Arrays.sort(row);
                double s = 0;
                for (int j = 0; j < k; j++) {
                    s += row[j];
                }
                score[i] = s;
            }
            return score;
        }

        /** The indices of the {@code m} lowest scores, ties to the lower index. */
        static int[] select(double[][] dist, int n, int f, int m) {
            double[] score = scores(dist, n, f);
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> {
                int c = Double.compare(score[a], score[b]);
                return c != 0 ? c : Integer.compare(a, b);
            });
            int[] out = new int[m];
            for (int i = 0; i < m; i++) {
                out[i] = order[i];
            }
            Arrays.sort(out);
            return out;
        }
    }

}
