package io.privkit.fairness.table;

import io.privkit.common.Checks;
import io.privkit.common.DataFormatException;
import io.privkit.common.Problems;
import io.privkit.fairness.Attribute;
import io.privkit.fairness.FairnessAccumulator;
import io.privkit.fairness.MissingValuePolicy;
import io.privkit.fairness.metrics.ScoreSettings;
import java.io.IOException;
import java.nio.file.Path;
import io.privkit.common.table.RowHandler;
import io.privkit.common.table.TableFiles;
import io.privkit.common.table.TableLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a table of decisions, CSV or Parquet, into a {@link FairnessAccumulator}, one row at a
 * time through the shared streaming reader ({@link TableFiles}): a label
 * column and a prediction column (binary, with a {@link LabelCoding}), an optional score column,
 * optional regression target and prediction columns, and the attribute columns. Memory does not
 * grow with the rows (only with groups and, for exact scores, distinct scores): CSV is parsed in a
 * fixed buffer and Parquet one row group at a time.
 *
 * <p>Both formats are read the same way: every cell is taken as text (a Parquet value in the form
 * {@link io.privkit.common.table.ValueType} states, a Parquet null as an empty cell, i.e. missing),
 * so the same data gives the same results in either format. The columns' stored types are checked
 * against their roles before any row is read ({@link #describe} lists them): a score, target or
 * binned attribute must be stored as numbers, a label or prediction stored as booleans must use the
 * 1/0 (true = 1) or true/false coding.
 *
 * <p>Problems are refused with the file, the row (CSV: the line; Parquet: the 1-based row) and the
 * column: an unknown column (listing the
 * file's columns), a label or prediction outside the coding, a missing attribute under the reject
 * policy, a value outside an attribute's declared levels, a score that is not a finite number
 * under the reject policy. Every column problem is reported at once, before any row is read.
 *
 * <p>Build with {@link #builder()}. Not thread-safe.
 */
public final class FairnessTableReader {
    private final String label;
    private final String prediction;
    private final String score;
    private final String target;
    private final String estimate;
    private final LabelCoding coding;
    private final List<Attribute> attributes;
    private final MissingValuePolicy missing;
    private final InvalidScorePolicy invalidScores;
    private final ScoreSettings scoreSettings;
    private final java.util.Map<String, String> where;

    private FairnessTableReader(Builder b) {
        this.label = b.label;
        this.prediction = b.prediction;
        this.score = b.score;
        this.target = b.target;
        this.estimate = b.estimate;
        this.coding = b.coding;
        this.attributes = List.copyOf(b.attributes);
        this.missing = b.missing;
        this.invalidScores = b.invalidScores;
        this.scoreSettings = b.scoreSettings;
        this.where = java.util.Map.copyOf(b.where);
    }

    /** A builder; {@link Builder#build()} reports every problem at once. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The columns the reader would use in a file, with their stored types, read from the CSV header
     * or the Parquet footer alone (no row is read).
     *
     * @throws DataFormatException listing every unknown column and every column whose stored type
     *                             cannot hold its role (e.g. a score stored as strings)
     * @throws IOException         if the file cannot be read
     */
    public InputSchema describe(Path file) throws IOException {
        return bind(file, TableFiles.layout(file)).schema;
    }

    /**
     * Reads the whole file into a new accumulator, one row at a time.
     *
     * @throws DataFormatException naming the file, row and column of the first bad value, or every
     *                             column problem at once before any row is read
     * @throws IOException         if the file cannot be read
     */
    public FairnessAccumulator read(Path file) throws IOException {
        FairnessAccumulator.Builder ab = FairnessAccumulator.builder().attributes(attributes).missingValues(missing);
        if (score != null) {
            ab.scores(scoreSettings);
        }
        if (target != null) {
            ab.regression();
        }
        FairnessAccumulator acc = ab.build();
        TableFiles.readRows(file, new RowHandler() {
            private Binding b;
            private final String[] values = new String[attributes.size()];

            @Override
            public void start(TableLayout layout) {
                b = bind(file, layout);
            }

            @Override
            public void row(String[] row, long line) {
                for (int w = 0; w < b.where.length; w++) {
                    if (!row[b.where[w]].trim().equals(b.whereValues[w])) {
                        acc.countDropped("outside the row filter " + b.whereColumns[w] + "=" + b.whereValues[w]);
                        return;
                    }
                }
                int y = coding.decode(file, line, label, row[b.label]);
                int yhat = coding.decode(file, line, prediction, row[b.prediction]);
                double s = Double.NaN;
                if (b.score >= 0) {
                    s = number(row[b.score]);
                    if (!Double.isFinite(s)) {
                        if (invalidScores == InvalidScorePolicy.REJECT) {
                            throw new DataFormatException(file, line, score, "the score must be a finite number; got " + quote(row[b.score])
                                    + ". Fix the value, or drop such rows with the drop-row score policy.");
                        }
                        acc.countDropped("score not a finite number");
                        return;
                    }
                }
                double t = Double.NaN;
                double e = Double.NaN;
                if (b.target >= 0) {
                    t = number(row[b.target]);
                    e = number(row[b.estimate]);
                    if (!Double.isFinite(t) || !Double.isFinite(e)) {
                        String col = !Double.isFinite(t) ? target : estimate;
                        throw new DataFormatException(file, line, col, "the value must be a finite number; got "
                                + quote(!Double.isFinite(t) ? row[b.target] : row[b.estimate]) + ". Fix the value.");
                    }
                }
                for (int a = 0; a < values.length; a++) {
                    values[a] = row[b.attributes[a]];
                }
                int cell;
                try {
                    cell = acc.cell(values);
                } catch (IllegalArgumentException ex) {
                    String col = attributes.stream().map(Attribute::name).filter(n -> ex.getMessage().startsWith(n + " "))
                            .findFirst().orElse(null);
                    throw new DataFormatException(file, line, col, ex.getMessage(), ex);
                }
                if (cell < 0) {
                    return;
                }
                acc.addCounts(cell, y == 1, yhat == 1);
                if (b.score >= 0) {
                    acc.addScore(cell, s, y == 1);
                }
                if (b.target >= 0) {
                    acc.addRegression(cell, t, e);
                }
            }
        });
        return acc;
    }

    /** Where each needed column is in a file, and what was read. */
    private static final class Binding {
        int label;
        int prediction;
        int score = -1;
        int target = -1;
        int estimate = -1;
        int[] attributes;
        int[] where;
        String[] whereColumns;
        String[] whereValues;
        InputSchema schema;
    }

    private Binding bind(Path file, TableLayout layout) {
        ColumnBinder c = new ColumnBinder(file, layout);
        Binding b = new Binding();
        List<InputSchema.UsedColumn> used = new ArrayList<>();
        b.label = use(c, used, InputSchema.Role.LABEL, c.binary(label, "--label", coding));
        b.prediction = use(c, used, InputSchema.Role.PREDICTION, c.binary(prediction, "--prediction", coding));
        if (score != null) {
            b.score = use(c, used, InputSchema.Role.SCORE, c.numeric(score, "--score"));
        }
        if (target != null) {
            b.target = use(c, used, InputSchema.Role.TARGET, c.numeric(target, "--target"));
            b.estimate = use(c, used, InputSchema.Role.ESTIMATE, c.numeric(estimate, "--estimate"));
        }
        b.attributes = new int[attributes.size()];
        for (int a = 0; a < b.attributes.length; a++) {
            Attribute at = attributes.get(a);
            boolean sensitive = at.role() == Attribute.Role.SENSITIVE;
            String option = sensitive ? "--sensitive" : "--control";
            int i = at.binning() != null ? c.numeric(at.name(), option + " (binned)") : c.any(at.name(), option);
            b.attributes[a] = use(c, used, sensitive ? InputSchema.Role.SENSITIVE : InputSchema.Role.CONTROL, i);
        }
        b.whereColumns = where.keySet().toArray(new String[0]);
        b.whereValues = new String[b.whereColumns.length];
        b.where = new int[b.whereColumns.length];
        for (int w = 0; w < b.where.length; w++) {
            b.whereValues[w] = where.get(b.whereColumns[w]);
            b.where[w] = use(c, used, InputSchema.Role.FILTER, c.any(b.whereColumns[w], "--where"));
        }
        c.throwIfAny();
        b.schema = new InputSchema(file.getFileName().toString(), layout.format(), used);
        return b;
    }

    private static int use(ColumnBinder c, List<InputSchema.UsedColumn> used, InputSchema.Role role, int index) {
        if (index >= 0) {
            used.add(new InputSchema.UsedColumn(role, c.column(index).name(), c.type(index)));
        }
        return index;
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    /** Builds a {@link FairnessTableReader}; reports every problem at once. Not thread-safe. */
    public static final class Builder {
        private String label;
        private String prediction;
        private String score;
        private String target;
        private String estimate;
        private LabelCoding coding = LabelCoding.ONE_ZERO;
        private final List<Attribute> attributes = new ArrayList<>();
        private MissingValuePolicy missing = MissingValuePolicy.REJECT;
        private InvalidScorePolicy invalidScores = InvalidScorePolicy.REJECT;
        private ScoreSettings scoreSettings = ScoreSettings.DEFAULT;
        private final java.util.Map<String, String> where = new java.util.LinkedHashMap<>();

        private Builder() {
        }

        /** Reads only rows whose {@code column} equals {@code value} (after trimming); others are counted as outside the filter. */
        public Builder where(String column, String value) {
            where.put(Checks.requireNonBlank(column, "where column"), Checks.requireNonNull(value, "where value").trim());
            return this;
        }

        /** The label column (required). */
        public Builder label(String column) {
            this.label = column;
            return this;
        }

        /** The prediction (decision) column (required). */
        public Builder prediction(String column) {
            this.prediction = column;
            return this;
        }

        /** The score column (optional). */
        public Builder score(String column) {
            this.score = column;
            return this;
        }

        /** Regression target and prediction columns (optional). */
        public Builder regression(String targetColumn, String predictionColumn) {
            this.target = targetColumn;
            this.estimate = predictionColumn;
            return this;
        }

        /** How label and prediction values map to 1 and 0; "1"/"0" by default. */
        public Builder coding(LabelCoding c) {
            this.coding = c;
            return this;
        }

        /** Adds an attribute column (sensitive or control), read in the order added. */
        public Builder attribute(Attribute a) {
            attributes.add(a);
            return this;
        }

        /** The missing-value policy for attributes; reject by default. */
        public Builder missingValues(MissingValuePolicy policy) {
            this.missing = policy;
            return this;
        }

        /** What to do with a score that is not a finite number; reject by default. */
        public Builder invalidScores(InvalidScorePolicy policy) {
            this.invalidScores = policy;
            return this;
        }

        /** How scores are kept. */
        public Builder scoreSettings(ScoreSettings settings) {
            this.scoreSettings = settings;
            return this;
        }

        /** Validates and builds. */
        public FairnessTableReader build() {
            Problems p = Problems.of("FairnessTableReader");
            p.check(label != null && !label.isBlank(), () -> Checks.argument("--label").mustBe("a column name").got(label)
                    .fix("Name the column with the true outcome."));
            p.check(prediction != null && !prediction.isBlank(), () -> Checks.argument("--prediction").mustBe("a column name")
                    .got(prediction).fix("Name the column with the model's decision."));
            p.check(!attributes.isEmpty(), () -> Checks.argument("--sensitive").mustBe("at least one column").got("none")
                    .fix("Name the protected-characteristic columns, e.g. --sensitive sex,race."));
            p.check((target == null) == (estimate == null), () -> Checks.argument("regression").mustBe("both a target and a prediction column")
                    .got(target == null ? estimate : target).noFix());
            p.check(coding != null && missing != null && invalidScores != null && scoreSettings != null,
                    () -> Checks.argument("options").mustBe("given").got(null).noFix());
            p.throwIfAny();
            return new FairnessTableReader(this);
        }
    }
}
