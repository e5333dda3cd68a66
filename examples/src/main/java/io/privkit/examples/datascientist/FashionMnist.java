package io.privkit.examples.datascientist;

import io.privkit.common.Checks;
import io.privkit.common.DataFormatException;
import io.privkit.common.Randomness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf, arXiv:1708.07747, 2017) as DL4J data sets: 60 000
 * training and 10 000 test images of 28 x 28 grey pixels in 10 classes, read from the four IDX
 * files ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-...}, each
 * optionally {@code .gz}). On Debian: {@code apt-get install dataset-fashion-mnist} puts them in
 * {@link #DEBIAN_FOLDER}.
 *
 * <p>Features are shaped [n, 1, 28, 28] (NCHW) and scaled to [0, 1] by the fixed constant 1/255,
 * which uses no statistic of the data, so it costs no privacy. Labels are one-hot [n, 10].
 *
 * @param train the training set
 * @param test  the test set
 */
public record FashionMnist(DataSet train, DataSet test) {
    /** Where Debian's {@code dataset-fashion-mnist} package puts the files. */
    public static final Path DEBIAN_FOLDER = Path.of("/usr/share/datasets/fashion-mnist");
    /** The class names, by label. */
    public static final java.util.List<String> CLASSES = java.util.List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    public FashionMnist {
        Checks.requireNonNull(train, "train");
        Checks.requireNonNull(test, "test");
    }

    /** Whether {@code folder} holds the four files (plain or gzipped). */
    public static boolean present(Path folder) {
        for (String name : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte"}) {
            if (find(folder, name) == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the four files from {@code folder}, keeping at most {@code trainLimit} and
     * {@code testLimit} examples (the first ones).
     *
     * @throws NoSuchFileException  when a file is missing, with what to install
     * @throws DataFormatException  when a file is not the expected IDX file
     */
    public static FashionMnist load(Path folder, int trainLimit, int testLimit) throws IOException {
        Checks.requireNonNull(folder, "folder");
        Checks.requirePositive(trainLimit, "trainLimit");
        Checks.requirePositive(testLimit, "testLimit");
        return new FashionMnist(
                read(folder, "train-images-idx3-ubyte", "train-labels-idx1-ubyte", trainLimit),
                read(folder, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", testLimit));
    }

    private static Path find(Path folder, String name) {
        for (String candidate : new String[] {name + ".gz", name}) {
            Path p = folder.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static Path require(Path folder, String name) throws NoSuchFileException {
        Path p = find(folder, name);
        if (p == null) {
            throw new NoSuchFileException(folder.resolve(name + ".gz").toString(), null,
                    "Fashion-MNIST is not in " + folder + ": expected " + name + ".gz (or " + name + "). Install it with "
                            + "'apt-get install dataset-fashion-mnist' (Debian, files in " + DEBIAN_FOLDER
                            + ") or pass the folder that holds the four IDX files");
        }
        return p;
    }

    private static DataSet read(Path folder, String imagesName, String labelsName, int limit) throws IOException {
        Path imagesFile = require(folder, imagesName);
        Path labelsFile = require(folder, labelsName);
        IdxFile images = IdxFile.read(imagesFile);
        IdxFile labels = IdxFile.read(labelsFile);
        if (images.dimensions().length != 3 || images.dimensions()[1] != 28 || images.dimensions()[2] != 28) {
            throw new DataFormatException(imagesFile, 0, null, "the images must have dimensions [n, 28, 28]; got "
                    + java.util.Arrays.toString(images.dimensions()) + ". Pass the Fashion-MNIST image file.");
        }
        if (labels.dimensions().length != 1 || labels.dimensions()[0] != images.dimensions()[0]) {
            throw new DataFormatException(labelsFile, 0, null, "the labels must be one per image (" + images.dimensions()[0]
                    + "); got dimensions " + java.util.Arrays.toString(labels.dimensions()) + ". Pass the matching label file.");
        }
        int n = Math.min(limit, images.dimensions()[0]);
        float[] x = new float[n * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = images.unsigned(i) / 255f;
        }
        float[] y = new float[n * 10];
        for (int i = 0; i < n; i++) {
            int label = labels.unsigned(i);
            if (label > 9) {
                throw new DataFormatException(labelsFile, i + 1, null, "the label must be 0 to 9; got " + label + ".");
            }
            y[i * 10 + label] = 1f;
        }
        return new DataSet(Nd4j.create(x, new long[] {n, 1, 28, 28}, 'c'), Nd4j.create(y, new long[] {n, 10}, 'c'));
    }

    /**
     * Generated stand-in data of the same shape, for tests and demos where the real files are
     * absent: each class is a fixed random pattern of strokes, each image that pattern shifted by
     * up to 2 pixels with pixel noise. It is learnable, but says nothing about Fashion-MNIST accuracy.
     */
    public static FashionMnist generated(int trainSize, int testSize, Randomness randomness) {
        Checks.requirePositive(trainSize, "trainSize");
        Checks.requirePositive(testSize, "testSize");
        java.util.Random r = randomness.asRandom();
        float[][] patterns = new float[10][784];
        for (int c = 0; c < 10; c++) {
            for (int s = 0; s < 4; s++) {
                int row = 4 + r.nextInt(20);
                int col = 4 + r.nextInt(20);
                boolean horizontal = r.nextBoolean();
                for (int k = -4; k <= 4; k++) {
                    int rr = horizontal ? row : row + k;
                    int cc = horizontal ? col + k : col;
                    patterns[c][rr * 28 + cc] = 1f;
                }
            }
        }
        return new FashionMnist(generate(trainSize, patterns, r), generate(testSize, patterns, r));
    }

    private static DataSet generate(int n, float[][] patterns, java.util.Random r) {
        INDArray x = Nd4j.create(DataType.FLOAT, n, 1, 28, 28);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
        float[] buf = new float[784];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(10);
            int dr = r.nextInt(5) - 2;
            int dc = r.nextInt(5) - 2;
            for (int p = 0; p < 784; p++) {
                int rr = p / 28 - dr;
                int cc = p % 28 - dc;
                float v = rr >= 0 && rr < 28 && cc >= 0 && cc < 28 ? patterns[c][rr * 28 + cc] : 0f;
                buf[p] = Math.min(1f, Math.max(0f, v + 0.2f * (float) r.nextGaussian()));
            }
            x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).assign(Nd4j.create(buf, new long[] {1, 28, 28}, 'c'));
            y.putScalar(i, c, 1f);
        }
        return new DataSet(x, y);
    }
}
