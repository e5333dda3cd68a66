package io.privkit.fairness.mitigation;

import io.privkit.common.Checks;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reweighing (pre-processing) of F. Kamiran and T. Calders, "Data preprocessing techniques for
 * classification without discrimination", Knowledge and Information Systems 33(1), 2012: each
 * training example of group s and label y gets the weight
 * {@code W(s, y) = P(s) P(y) / P(s, y) = n_s n_y / (n n_{s,y})}, so that in the weighted training
 * data the label is independent of the group (every group's weighted positive rate equals the
 * overall rate) while each group keeps its total weight. A learner that honours example weights
 * then trains on the reweighed data; the model and its decisions must be assessed again, on the
 * same evaluation data, for the before and after figures ({@link BeforeAfter}).
 *
 * <p>A (group, label) cell with no example has no weight (it is never needed); a group with only
 * one label cannot be made independent and keeps weight 1 with the reason recorded in
 * {@link #notes()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param weights per group, {@code {weight of label 0, weight of label 1}}
 * @param notes   groups that could not be reweighed, and why
 */
public record Reweighing(Map<String, double[]> weights, Map<String, String> notes) {

    public Reweighing {
        Map<String, double[]> copy = new TreeMap<>();
        Checks.requireNoNullEntries(weights, "weights").forEach((k, v) -> copy.put(k, v.clone()));
        weights = Collections.unmodifiableMap(copy);
        notes = Collections.unmodifiableMap(new TreeMap<>(Checks.requireNoNullEntries(notes, "notes")));
    }

    /**
     * The weights for training data with the given groups and 0/1 labels.
     *
     * @throws IllegalArgumentException if the arrays differ in length, are empty, or a label is not 0 or 1
     */
    public static Reweighing fit(String[] groups, int[] labels) {
        Checks.requireNonNull(groups, "groups");
        Checks.requireNonNull(labels, "labels");
        if (groups.length != labels.length || groups.length == 0) {
            throw Checks.argument("groups").mustBe("as long as labels (" + labels.length + ") and non-empty").got(groups.length).noFix()
                    .exception();
        }
        Map<String, long[]> counts = new TreeMap<>();
        long[] byLabel = new long[2];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw Checks.argument("labels[" + i + "]").mustBe("0 or 1").got(labels[i]).noFix().exception();
            }
            Checks.requireNonNull(groups[i], "groups[" + i + "]");
            counts.computeIfAbsent(groups[i], g -> new long[2])[labels[i]]++;
            byLabel[labels[i]]++;
        }
        double n = labels.length;
        Map<String, double[]> weights = new TreeMap<>();
        Map<String, String> notes = new TreeMap<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            long[] c = e.getValue();
            double ns = c[0] + c[1];
            if (c[0] == 0 || c[1] == 0) {
                weights.put(e.getKey(), new double[] {1, 1});
                notes.put(e.getKey(), "only label " + (c[0] == 0 ? 1 : 0) + " in the training data: weight 1 kept");
                continue;
            }
            weights.put(e.getKey(), new double[] {ns * byLabel[0] / (n * c[0]), ns * byLabel[1] / (n * c[1])});
        }
        return new Reweighing(weights, notes);
    }

    /** The weight of an example of {@code group} with {@code label}. */
    public double weight(String group, int label) {
        double[] w = weights.get(group);
        if (w == null) {
            throw Checks.argument("group").mustBe("a group of the training data " + weights.keySet()).got(group).noFix().exception();
        }
        return w[label == 1 ? 1 : 0];
    }

    /** The weights of a dataset, in row order. */
    public double[] weights(String[] groups, int[] labels) {
        double[] out = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = weight(groups[i], labels[i]);
        }
        return out;
    }

    /** The weights as text parameters for the evidence, e.g. {@code weight[F|1] = 1.2}. */
    public Map<String, String> parameters() {
        Map<String, String> p = new TreeMap<>();
        weights.forEach((g, w) -> {
            p.put("weight[" + g + "|0]", Double.toString(w[0]));
            p.put("weight[" + g + "|1]", Double.toString(w[1]));
        });
        return p;
    }
}
