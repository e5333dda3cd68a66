package io.privkit.federated.coordinator;

import io.privkit.common.Checks;
import io.privkit.federated.TensorEncoding;
import io.privkit.federated.strategy.ClientUpdate;
import io.privkit.federated.strategy.UpdateReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A validated update held in the coordinator's spool folder until its round closes, read back a
 * block at a time (scaled by its clipping factor). Immutable; {@link #open()} may be called many
 * times.
 */
final class SpooledUpdate implements ClientUpdate {
    static final int READ_BYTES = 64 * 1024;

    private final String clientId;
    private final double weight;
    private final double receivedNorm;
    private final double scale;
    private final Path file;
    private final TensorEncoding encoding;
    private final int size;

    SpooledUpdate(String clientId, double weight, double receivedNorm, double scale, Path file, TensorEncoding encoding, int size) {
        this.clientId = clientId;
        this.weight = weight;
        this.receivedNorm = receivedNorm;
        this.scale = scale;
        this.file = file;
        this.encoding = encoding;
        this.size = size;
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public double weight() {
        return weight;
    }

    @Override
    public double receivedNorm() {
        return receivedNorm;
    }

    /** The clipping factor applied on read (1 when not clipped). */
    double scale() {
        return scale;
    }

    Path file() {
        return file;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public UpdateReader open() throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        return new UpdateReader() {
            private final ByteBuffer buf = ByteBuffer.allocate(READ_BYTES - READ_BYTES % encoding.bytesPerElement())
                    .order(ByteOrder.LITTLE_ENDIAN).flip();
            private int done;

            @Override
            public int read(double[] target, int offset, int length) throws IOException {
                if (done >= size) {
                    return -1;
                }
                int bpe = encoding.bytesPerElement();
                fill(bpe);
                int n = Math.min(Math.min(length, buf.remaining() / bpe), size - done);
                encoding.decode(buf, target, offset, n);
                if (scale != 1.0) {
                    for (int i = 0; i < n; i++) {
                        target[offset + i] *= scale;
                    }
                }
                done += n;
                return n;
            }

            @Override
            public int addTo(double[] acc, int offset, int length, double weight) throws IOException {
                if (done >= size) {
                    return -1;
                }
                int bpe = encoding.bytesPerElement();
                fill(bpe);
                int n = Math.min(Math.min(length, buf.remaining() / bpe), size - done);
                // Clipping folds into the weight: w · (s · x) = (w · s) · x.
                encoding.addScaled(buf, acc, offset, n, weight * scale);
                done += n;
                return n;
            }

            private void fill(int bpe) throws IOException {
                if (buf.remaining() < bpe) {
                    buf.compact();
                    while (buf.position() < bpe) {
                        if (ch.read(buf) < 0) {
                            break;
                        }
                    }
                    buf.flip();
                    if (buf.remaining() < bpe) {
                        throw new java.io.EOFException("spooled update of " + clientId + " ended after " + done + " of " + size + " values");
                    }
                }
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }

    /** The result of scanning a spooled object: the first non-finite index (or -1) and the L2 norm. */
    record Scan(long firstNonFinite, double norm) {
    }

    /** Reads a spooled object once: finiteness and L2 norm (accumulated in double). */
    static Scan scan(Path file, TensorEncoding encoding, int size) throws IOException {
        Checks.requireNonNull(file, "file");
        double sum = 0;
        long index = 0;
        double[] block = new double[READ_BYTES / encoding.bytesPerElement()];
        try (UpdateReader r = new SpooledUpdate("scan", 1, 0, 1, file, encoding, size).open()) {
            int n;
            while ((n = r.read(block, 0, block.length)) > 0) {
                for (int i = 0; i < n; i++) {
                    double v = block[i];
                    if (!Double.isFinite(v)) {
                        return new Scan(index + i, Double.NaN);
                    }
                    sum += v * v;
                }
                index += n;
            }
        }
        return new Scan(-1, Math.sqrt(sum));
    }
}
