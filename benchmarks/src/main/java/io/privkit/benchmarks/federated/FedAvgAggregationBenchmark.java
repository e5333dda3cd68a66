package io.privkit.benchmarks.federated;

import io.privkit.federated.TensorEncoding;
import io.privkit.federated.strategy.Aggregation;
import io.privkit.federated.strategy.ClientUpdate;
import io.privkit.federated.strategy.UpdateReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: does FedAvg's streaming weighted mean run near memory bandwidth on one core?
 *
 * <p>Peer, in the same run: a plain loop {@code acc[i] += w · x[i]} over the same updates held as
 * {@code float[]} (what a hand-written aggregator does, with no decoding, no blocks and no
 * validation). Ours: {@link Aggregation.WeightedMean} over the updates as little-endian binary32
 * bytes (as they arrive on the wire and sit in the coordinator's spool), decoded block by block
 * through {@link UpdateReader#addTo} (the same fused decode-and-add the coordinator's spool reader
 * uses), in O(model size) memory. Both read {@code n · d · 4} bytes of
 * updates; report GB/s per core = that byte count divided by the time, and ours as a ratio of the
 * peer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FedAvgAggregationBenchmark {

    @Param({"20"})
    int clients;

    @Param({"1000000"})
    int parameters;

    private float[][] plain;
    private double[] weights;
    private List<ClientUpdate> encoded;

    @Setup
    public void setup() {
        Random r = new Random(1);
        plain = new float[clients][parameters];
        weights = new double[clients];
        encoded = new ArrayList<>();
        for (int k = 0; k < clients; k++) {
            double[] v = new double[parameters];
            for (int i = 0; i < parameters; i++) {
                plain[k][i] = (float) r.nextGaussian();
                v[i] = plain[k][i];
            }
            weights[k] = 1 + r.nextInt(100);
            encoded.add(new EncodedUpdate("c" + k, weights[k], TensorEncoding.FLOAT32_LE.encode(v), parameters));
        }
    }

    /** The peer: a plain weighted sum over float arrays. */
    @Benchmark
    public double[] plainLoop() {
        double[] acc = new double[parameters];
        double total = 0;
        for (int k = 0; k < clients; k++) {
            float[] x = plain[k];
            double w = weights[k];
            total += w;
            for (int i = 0; i < parameters; i++) {
                acc[i] += w * x[i];
            }
        }
        for (int i = 0; i < parameters; i++) {
            acc[i] /= total;
        }
        return acc;
    }

    /** Ours: the weighted mean over encoded updates, decoded block by block. */
    @Benchmark
    public double[] weightedMean() throws Exception {
        return new Aggregation.WeightedMean().combine(encoded);
    }

    /** An update held as little-endian bytes, read like the coordinator's spool. */
    static final class EncodedUpdate implements ClientUpdate {
        private final String id;
        private final double weight;
        private final byte[] bytes;
        private final int size;

        EncodedUpdate(String id, double weight, byte[] bytes, int size) {
            this.id = id;
            this.weight = weight;
            this.bytes = bytes;
            this.size = size;
        }

        @Override
        public String clientId() {
            return id;
        }

        @Override
        public double weight() {
            return weight;
        }

        @Override
        public double receivedNorm() {
            return 0;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public UpdateReader open() {
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            return new UpdateReader() {
                private int done;

                @Override
                public int read(double[] target, int offset, int length) {
                    if (done >= size) {
                        return -1;
                    }
                    int n = Math.min(length, size - done);
                    TensorEncoding.FLOAT32_LE.decode(buf, target, offset, n);
                    done += n;
                    return n;
                }

                @Override
                public int addTo(double[] acc, int offset, int length, double weight) {
                    if (done >= size) {
                        return -1;
                    }
                    int n = Math.min(length, size - done);
                    TensorEncoding.FLOAT32_LE.addScaled(buf, acc, offset, n, weight);
                    done += n;
                    return n;
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
