package io.privkit.dp.sgd.dl4j;

import io.privkit.common.Checks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training data held in memory for Poisson sampling, which needs random access to examples: one or
 * more feature arrays and label arrays (a graph may have several), each flattened to
 * [n, values per example] so any set of rows is gathered with one call.
 */
final class InMemoryData {
    private final INDArray[] flatFeatures;
    private final long[][] featureShapes;
    private final INDArray[] flatLabels;
    private final long[][] labelShapes;
    private final int size;

    InMemoryData(INDArray[] features, INDArray[] labels, DataType type) {
        Checks.requireNonEmpty(java.util.List.of(features), "features");
        Checks.requireNonEmpty(java.util.List.of(labels), "labels");
        long n = features[0].size(0);
        for (INDArray a : features) {
            checkRows(a, n, "features");
        }
        for (INDArray a : labels) {
            checkRows(a, n, "labels");
        }
        if (n > Integer.MAX_VALUE) {
            throw Checks.argument("data").mustBe("at most " + Integer.MAX_VALUE + " examples").got(n).noFix().exception();
        }
        this.size = (int) n;
        this.flatFeatures = new INDArray[features.length];
        this.featureShapes = new long[features.length][];
        for (int i = 0; i < features.length; i++) {
            featureShapes[i] = features[i].shape();
            flatFeatures[i] = flatten(features[i].castTo(type));
        }
        this.flatLabels = new INDArray[labels.length];
        this.labelShapes = new long[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            labelShapes[i] = labels[i].shape();
            flatLabels[i] = flatten(labels[i].castTo(type));
        }
    }

    private static void checkRows(INDArray a, long n, String what) {
        if (a == null || a.size(0) != n) {
            throw Checks.argument(what).mustBe("arrays with one row per example (" + n + ")")
                    .got(a == null ? "null" : a.size(0) + " rows").fix("Pass features and labels of the same examples.").exception();
        }
    }

    private static INDArray flatten(INDArray x) {
        INDArray c = x.ordering() == 'c' && !x.isView() ? x : x.dup('c');
        return c.reshape('c', c.size(0), c.length() / c.size(0));
    }

    int size() {
        return size;
    }

    INDArray[] features(int[] examples) {
        return gather(flatFeatures, featureShapes, examples);
    }

    INDArray[] labels(int[] examples) {
        return gather(flatLabels, labelShapes, examples);
    }

    private static INDArray[] gather(INDArray[] flat, long[][] shapes, int[] examples) {
        INDArray[] out = new INDArray[flat.length];
        for (int i = 0; i < flat.length; i++) {
            INDArray r = Nd4j.pullRows(flat[i], 1, examples);
            long[] s = shapes[i].clone();
            s[0] = examples.length;
            out[i] = r.reshape('c', s);
        }
        return out;
    }
}
