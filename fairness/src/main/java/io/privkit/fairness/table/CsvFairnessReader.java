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
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV file of decisions into a {@link FairnessAccumulator}, one row at a time: a label
 * column and a prediction column (binary, with a {@link LabelCoding}), an optional score column,
 * optional regression target and prediction columns, and the attribute columns. Memory does not
 * grow with the rows (only with groups and, for exact scores, distinct scores).
 *
 * <p>Problems are refused with the file, the line and the column: an unknown column (listing the
 * file's columns), a label or prediction outside the coding, a missing attribute under the reject
 * policy, a value outside an attribute's declared levels, a score that is not a finite number
 * under the reject policy. Every column problem is reported at once, before any row is read.
 *
 * <p>Build with {@link #builder()}. Not thread-safe.
 */
public final class CsvFairnessReader {
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

    private CsvFairnessReader(Builder b) {
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
     * Reads the whole file into a new accumulator.
     *
     * @throws DataFormatException naming the file, line and column of the first bad value
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
        try (CsvReader csv = CsvReader.open(file)) {
            List<String> header = csv.header();
            Problems p = Problems.of(file.toString());
            int li = index(p, header, label, "--label");
            int pi = index(p, header, prediction, "--prediction");
            int si = score == null ? -1 : index(p, header, score, "--score");
            int ti = target == null ? -1 : index(p, header, target, "--target");
            int ei = estimate == null ? -1 : index(p, header, estimate, "--estimate");
            int[] ai = new int[attributes.size()];
            for (int a = 0; a < ai.length; a++) {
                ai[a] = index(p, header, attributes.get(a).name(), attributes.get(a).role() == Attribute.Role.SENSITIVE ? "--sensitive"
                        : "--control");
            }
            List<String> whereColumns = new ArrayList<>(where.keySet());
            int[] wi = new int[whereColumns.size()];
            for (int w = 0; w < wi.length; w++) {
                wi[w] = index(p, header, whereColumns.get(w), "--where");
            }
            if (!p.isEmpty()) {
                throw new DataFormatException(file, 1, null, String.join(" ", p.list().stream().map(x -> x.message()).toList()));
            }
            String[] values = new String[ai.length];
            String[] row;
            rows:
            while ((row = csv.next()) != null) {
                long line = csv.recordLine();
                for (int w = 0; w < wi.length; w++) {
                    if (!row[wi[w]].trim().equals(where.get(whereColumns.get(w)))) {
                        acc.countDropped("outside the row filter " + whereColumns.get(w) + "=" + where.get(whereColumns.get(w)));
                        continue rows;
                    }
                }
                int y = binary(file, line, label, row[li]);
                int yhat = binary(file, line, prediction, row[pi]);
                double s = Double.NaN;
                if (si >= 0) {
                    s = number(row[si]);
                    if (!Double.isFinite(s)) {
                        if (invalidScores == InvalidScorePolicy.REJECT) {
                            throw new DataFormatException(file, line, score, "the score must be a finite number; got " + quote(row[si])
                                    + ". Fix the value, or drop such rows with the drop-row score policy.");
                        }
                        acc.countDropped("score not a finite number");
                        continue;
                    }
                }
                double t = Double.NaN;
                double e = Double.NaN;
                if (ti >= 0) {
                    t = number(row[ti]);
                    e = number(row[ei]);
                    if (!Double.isFinite(t) || !Double.isFinite(e)) {
                        String col = !Double.isFinite(t) ? target : estimate;
                        throw new DataFormatException(file, line, col, "the value must be a finite number; got "
                                + quote(!Double.isFinite(t) ? row[ti] : row[ei]) + ". Fix the value.");
                    }
                }
                for (int a = 0; a < ai.length; a++) {
                    values[a] = row[ai[a]];
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
                    continue;
                }
                acc.addCounts(cell, y == 1, yhat == 1);
                if (si >= 0) {
                    acc.addScore(cell, s, y == 1);
                }
                if (ti >= 0) {
                    acc.addRegression(cell, t, e);
                }
            }
        }
        return acc;
    }

    private int binary(Path file, long line, String column, String text) {
        int c = coding.code(text);
        if (c < 0) {
            throw new DataFormatException(file, line, column, "the value must be " + quote(coding.positive()) + " or "
                    + quote(coding.negative()) + "; got " + quote(text) + ". Map the column's values with --positive and --negative.");
        }
        return c;
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

    private static int index(Problems p, List<String> header, String column, String option) {
        int i = header.indexOf(column);
        if (i < 0) {
            p.add(Checks.argument(option).mustBe("a column of the file " + header).got(column)
                    .fix("Check the spelling (column names are case-sensitive)."));
        }
        return i;
    }

    /** Builds a {@link CsvFairnessReader}; reports every problem at once. Not thread-safe. */
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
        public CsvFairnessReader build() {
            Problems p = Problems.of("CsvFairnessReader");
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
            return new CsvFairnessReader(this);
        }
    }
}
