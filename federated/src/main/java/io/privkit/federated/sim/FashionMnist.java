package io.privkit.federated.sim;

import io.privkit.common.DataFormatException;
import io.privkit.federated.learn.Dataset;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads Fashion-MNIST (Xiao, Rasul, Vollgraf, "Fashion-MNIST: a Novel Image Dataset for
 * Benchmarking Machine Learning Algorithms", arXiv 1708.07747, 2017) from its IDX files: 60000
 * training and 10000 test images of 28×28 grey levels in 10 classes. Pixels are scaled to [0, 1].
 *
 * <p>Nothing is downloaded: the files come from Debian's {@code dataset-fashion-mnist} package
 * ({@value #DEBIAN_FOLDER}) or a folder named by the {@code privkit.fashionMnist} system property.
 */
public final class FashionMnist {
    /** Where Debian's package installs the files. */
    public static final String DEBIAN_FOLDER = "/usr/share/datasets/fashion-mnist";

    private FashionMnist() {
    }

    /** The folder holding the four IDX files, if installed. */
    public static Optional<Path> locate() {
        String prop = System.getProperty("privkit.fashionMnist");
        Path dir = Path.of(prop != null ? prop : DEBIAN_FOLDER);
        return Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz")) ? Optional.of(dir) : Optional.empty();
    }

    /** The training set (first {@code limit} examples). */
    public static Dataset train(Path dir, int limit) throws IOException {
        return read(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"), limit);
    }

    /** The test set (first {@code limit} examples). */
    public static Dataset test(Path dir, int limit) throws IOException {
        return read(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"), limit);
    }

    private static Dataset read(Path images, Path labels, int limit) throws IOException {
        try (DataInputStream im = open(images); DataInputStream lb = open(labels)) {
            if (im.readInt() != 2051) {
                throw new DataFormatException(images, 1, null, "not an IDX image file (magic 2051)");
            }
            int n = im.readInt();
            int rows = im.readInt();
            int cols = im.readInt();
            if (lb.readInt() != 2049 || lb.readInt() != n) {
                throw new DataFormatException(labels, 1, null, "not the IDX label file of " + images.getFileName());
            }
            int m = Math.min(n, limit);
            int d = rows * cols;
            double[][] x = new double[m][d];
            int[] y = new int[m];
            byte[] buf = new byte[d];
            for (int i = 0; i < m; i++) {
                im.readFully(buf);
                for (int j = 0; j < d; j++) {
                    x[i][j] = (buf[j] & 0xFF) / 255.0;
                }
                y[i] = lb.readUnsignedByte();
            }
            return Dataset.adopt(x, y, 10);
        }
    }

    private static DataInputStream open(Path p) throws IOException {
        InputStream in = Files.newInputStream(p);
        return new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16));
    }
}
