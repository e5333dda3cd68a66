package io.privkit.fairness;

import io.privkit.common.Checks;
import io.privkit.common.Problems;
import io.privkit.fairness.metrics.ScoreSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * In-memory columns for an assessment from Java: labels and predictions coded 0/1, optional
 * scores and a numeric target with its prediction, and one column of values per attribute. For
 * data too large for memory, feed a {@link FairnessAccumulator} in chunks instead (or use
 * {@code io.privkit.fairness.table.FairnessTableReader}).
 *
 * <pre>{@code
 * FairnessData data = FairnessData.builder()
 *         .labels(y).predictions(yhat)
 *         .attribute(Attribute.sensitive("sex", Characteristic.SEX), sex)
 *         .build();
 * }</pre>
 *
 * <p>Immutable (the arrays are copied) and thread-safe.
 */
public final class FairnessData {
    private final int[] labels;
    private final int[] predictions;
    private final double[] scores;
    private final double[] truth;
    private final double[] estimates;
    private final List<Attribute> attributes;
    private final List<String[]> columns;
    private final MissingValuePolicy missing;
    private final ScoreSettings scoreSettings;

    private FairnessData(Builder b) {
        this.labels = b.labels.clone();
        this.predictions = b.predictions.clone();
        this.scores = b.scores == null ? null : b.scores.clone();
        this.truth = b.truth == null ? null : b.truth.clone();
        this.estimates = b.estimates == null ? null : b.estimates.clone();
        this.attributes = List.copyOf(b.attributes);
        this.columns = b.columns.stream().map(String[]::clone).toList();
        this.missing = b.missing;
        this.scoreSettings = b.scoreSettings;
    }

    /** A builder; {@link Builder#build()} reports every problem at once. */
    public static Builder builder() {
        return new Builder();
    }

    /** Rows. */
    public int rows() {
        return labels.length;
    }

    /** The attributes. */
    public List<Attribute> attributes() {
        return attributes;
    }

    /**
     * Accumulates the rows into a new {@link FairnessAccumulator}.
     *
     * @throws IllegalArgumentException naming the row, if a value breaks the attribute's rules
     */
    public FairnessAccumulator accumulate() {
        FairnessAccumulator.Builder b = FairnessAccumulator.builder().attributes(attributes).missingValues(missing);
        if (scores != null) {
            b.scores(scoreSettings);
        }
        if (truth != null) {
            b.regression();
        }
        FairnessAccumulator acc = b.build();
        String[] values = new String[attributes.size()];
        for (int i = 0; i < labels.length; i++) {
            for (int a = 0; a < values.length; a++) {
                values[a] = columns.get(a)[i];
            }
            int cell;
            try {
                cell = acc.cell(values);
            } catch (IllegalArgumentException e) {
                throw Checks.argument("row " + i).mustBe("valid").got(java.util.Arrays.toString(values)).fix(e.getMessage()).exception();
            }
            if (cell < 0) {
                continue;
            }
            acc.addCounts(cell, labels[i] == 1, predictions[i] == 1);
            if (scores != null) {
                acc.addScore(cell, scores[i], labels[i] == 1);
            }
            if (truth != null) {
                acc.addRegression(cell, truth[i], estimates[i]);
            }
        }
        return acc;
    }

    /** Builds {@link FairnessData}; reports every problem at once. Not thread-safe. */
    public static final class Builder {
        private int[] labels;
        private int[] predictions;
        private double[] scores;
        private double[] truth;
        private double[] estimates;
        private final List<Attribute> attributes = new ArrayList<>();
        private final List<String[]> columns = new ArrayList<>();
        private MissingValuePolicy missing = MissingValuePolicy.REJECT;
        private ScoreSettings scoreSettings = ScoreSettings.DEFAULT;

        private Builder() {
        }

        /** The true labels, 0 or 1 (required). */
        public Builder labels(int[] values) {
            this.labels = values;
            return this;
        }

        /** The model's decisions, 0 or 1 (required). */
        public Builder predictions(int[] values) {
            this.predictions = values;
            return this;
        }

        /** The model's scores (optional; finite). */
        public Builder scores(double[] values) {
            this.scores = values;
            return this;
        }

        /** How scores are kept; exact with 10 calibration bins by default. */
        public Builder scoreSettings(ScoreSettings settings) {
            this.scoreSettings = settings;
            return this;
        }

        /** A numeric target and its prediction, for regression metrics (optional). */
        public Builder regression(double[] target, double[] prediction) {
            this.truth = target;
            this.estimates = prediction;
            return this;
        }

        /** An attribute and its values, one per row (null or empty for missing). */
        public Builder attribute(Attribute attribute, String[] values) {
            attributes.add(attribute);
            columns.add(values);
            return this;
        }

        /** A numeric attribute (binned by its {@link Binning}) and its values; NaN for missing. */
        public Builder attribute(Attribute attribute, double[] values) {
            String[] text = values == null ? null : new String[values.length];
            if (values != null) {
                for (int i = 0; i < values.length; i++) {
                    text[i] = Double.isNaN(values[i]) ? "" : Double.toString(values[i]);
                }
            }
            return attribute(attribute, text);
        }

        /** The missing-value policy; reject by default. */
        public Builder missingValues(MissingValuePolicy policy) {
            this.missing = policy;
            return this;
        }

        /** Validates and builds. */
        public FairnessData build() {
            Problems p = Problems.of("FairnessData");
            p.check(labels != null, () -> Checks.argument("labels").mustBe("given").got(null).fix("Pass the true labels, coded 0/1."));
            p.check(predictions != null, () -> Checks.argument("predictions").mustBe("given").got(null)
                    .fix("Pass the model's decisions, coded 0/1."));
            p.check(!attributes.isEmpty(), () -> Checks.argument("attribute").mustBe("at least one").got("none")
                    .fix("Add a sensitive attribute and its values."));
            p.check(missing != null, () -> Checks.argument("missingValues").mustBe("given").got(null).noFix());
            int n = labels == null ? -1 : labels.length;
            if (labels != null) {
                checkBinary(p, "labels", labels);
            }
            if (predictions != null) {
                checkBinary(p, "predictions", predictions);
                sameLength(p, "predictions", predictions.length, n);
            }
            if (scores != null) {
                sameLength(p, "scores", scores.length, n);
                for (int i = 0; i < scores.length; i++) {
                    if (!Double.isFinite(scores[i])) {
                        p.add(Checks.argument("scores[" + i + "]").mustBe("a finite number").got(scores[i])
                                .fix("Drop or impute the row's score before the assessment."));
                        break;
                    }
                }
            }
            if ((truth == null) != (estimates == null)) {
                p.add(Checks.argument("regression").mustBe("a target and a prediction").got("one of them").noFix());
            } else if (truth != null) {
                sameLength(p, "regression target", truth.length, n);
                sameLength(p, "regression prediction", estimates.length, n);
            }
            for (int a = 0; a < attributes.size(); a++) {
                Attribute attribute = attributes.get(a);
                String[] col = columns.get(a);
                String name = attribute == null ? "attribute[" + a + "]" : attribute.name();
                p.check(attribute != null, () -> Checks.argument(name).mustBe("given").got(null).noFix());
                p.check(col != null, () -> Checks.argument(name + " values").mustBe("given").got(null).noFix());
                if (col != null) {
                    sameLength(p, name + " values", col.length, n);
                }
            }
            p.throwIfAny();
            return new FairnessData(this);
        }

        private static void checkBinary(Problems p, String name, int[] values) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] != 0 && values[i] != 1) {
                    p.add(Checks.argument(name + "[" + i + "]").mustBe("0 or 1").got(values[i])
                            .fix("Code the positive class as 1 and the other as 0."));
                    return;
                }
            }
        }

        private static void sameLength(Problems p, String name, int length, int n) {
            if (n >= 0 && length != n) {
                p.add(Checks.argument(name).mustBe("of the labels' length " + n).got(length).fix("Give one value per row."));
            }
        }
    }
}
