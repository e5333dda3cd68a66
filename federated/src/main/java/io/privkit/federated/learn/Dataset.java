package io.privkit.federated.learn;

import io.privkit.common.Checks;
import io.privkit.common.DataFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A labelled dataset held by one party: a dense feature matrix and integer class labels
 * {@code 0 .. classes - 1}. Immutable (the constructor copies); rows are shared by {@link #subset}
 * views. Thread-safe.
 */
public final class Dataset {
    private final double[][] features;
    private final int[] labels;
    private final int classes;

    private Dataset(double[][] features, int[] labels, int classes, boolean copy) {
        Checks.requireNonNull(features, "features");
        Checks.requireNonNull(labels, "labels");
        if (features.length != labels.length) {
            throw Checks.argument("labels").mustBe("one per row (" + features.length + ")").got(labels.length).noFix().exception();
        }
        Checks.requirePositive(classes, "classes");
        int dims = features.length == 0 ? 0 : features[0].length;
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != dims) {
                throw Checks.argument("row " + i).mustBe("of " + dims + " features").got(features[i].length).noFix().exception();
            }
            if (labels[i] < 0 || labels[i] >= classes) {
                throw Checks.argument("label of row " + i).mustBe("in 0.." + (classes - 1)).got(labels[i]).noFix().exception();
            }
        }
        this.features = copy ? Arrays.stream(features).map(double[]::clone).toArray(double[][]::new) : features;
        this.labels = copy ? labels.clone() : labels;
        this.classes = classes;
    }

    /** A dataset of the given rows and labels (copied). */
    public static Dataset of(double[][] features, int[] labels, int classes) {
        return new Dataset(features, labels, classes, true);
    }

    /**
     * A dataset that takes ownership of the arrays without copying them (for large data read once):
     * the caller must not modify them afterwards.
     */
    public static Dataset adopt(double[][] features, int[] labels, int classes) {
        return new Dataset(features, labels, classes, false);
    }

    /** Rows. */
    public int size() {
        return labels.length;
    }

    /** Features per row. */
    public int dims() {
        return features.length == 0 ? 0 : features[0].length;
    }

    /** The number of classes. */
    public int classes() {
        return classes;
    }

    /** Row {@code i} (not copied: do not modify). */
    double[] row(int i) {
        return features[i];
    }

    /** The label of row {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** The rows at {@code indices}, sharing the underlying arrays. */
    public Dataset subset(int[] indices) {
        double[][] f = new double[indices.length][];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            f[i] = features[indices[i]];
            l[i] = labels[indices[i]];
        }
        return new Dataset(f, l, classes, false);
    }

    /** The label counts. */
    public int[] labelCounts() {
        int[] c = new int[classes];
        for (int l : labels) {
            c[l]++;
        }
        return c;
    }

    /**
     * Reads a CSV file with a header row: every column but {@code labelColumn} is a numeric feature;
     * the label column holds integers {@code 0 .. classes - 1} (the same coding at every site).
     * Empty, NaN or non-numeric cells are rejected with their row and column.
     */
    public static Dataset readCsv(Path file, String labelColumn, int classes) throws IOException {
        Checks.requireNonBlank(labelColumn, "labelColumn");
        Checks.requirePositive(classes, "classes");
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new DataFormatException(file, 1, null, "the file is empty; it needs a header row naming the columns");
            }
            String[] names = header.split(",", -1);
            int labelIdx = -1;
            for (int i = 0; i < names.length; i++) {
                if (names[i].strip().equals(labelColumn)) {
                    labelIdx = i;
                }
            }
            if (labelIdx < 0) {
                throw new DataFormatException(file, 1, labelColumn, "the label column '" + labelColumn + "' is not in the header "
                        + Arrays.toString(names) + "; pass the right --label");
            }
            List<double[]> rows = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            String line;
            long rowNo = 1;
            while ((line = r.readLine()) != null) {
                rowNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != names.length) {
                    throw new DataFormatException(file, rowNo, null, "row has " + cells.length + " cells; the header has " + names.length);
                }
                double[] x = new double[names.length - 1];
                int k = 0;
                for (int i = 0; i < cells.length; i++) {
                    String c = cells[i].strip();
                    if (i == labelIdx) {
                        int y;
                        try {
                            y = Integer.parseInt(c);
                        } catch (NumberFormatException e) {
                            throw new DataFormatException(file, rowNo, names[i].strip(), "label must be an integer class 0.." + (classes - 1)
                                    + "; got '" + c + "'. Code the classes the same way at every site");
                        }
                        if (y < 0 || y >= classes) {
                            throw new DataFormatException(file, rowNo, names[i].strip(), "label must be in 0.." + (classes - 1) + "; got " + y
                                    + ". Check --classes");
                        }
                        labels.add(y);
                    } else {
                        double v;
                        try {
                            v = Double.parseDouble(c);
                        } catch (NumberFormatException e) {
                            v = Double.NaN;
                        }
                        if (!Double.isFinite(v)) {
                            throw new DataFormatException(file, rowNo, names[i].strip(), "feature must be a finite number; got '" + c
                                    + "'. Impute or drop missing values before training");
                        }
                        x[k++] = v;
                    }
                }
                rows.add(x);
            }
            if (rows.isEmpty()) {
                throw new DataFormatException(file, 2, null, "no data rows; a site needs at least one example");
            }
            return adopt(rows.toArray(double[][]::new), labels.stream().mapToInt(Integer::intValue).toArray(), classes);
        }
    }

    /** Writes the dataset as CSV with columns {@code x0 .. x(d-1)} and {@code label}, atomically. */
    public void writeCsv(Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < dims(); j++) {
            sb.append('x').append(j).append(',');
        }
        sb.append("label\n");
        for (int i = 0; i < size(); i++) {
            for (double v : features[i]) {
                sb.append(String.format(Locale.ROOT, "%.6g", v)).append(',');
            }
            sb.append(labels[i]).append('\n');
        }
        io.privkit.common.AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
