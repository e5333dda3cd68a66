package io.privkit.fairness.oversight;

import io.privkit.common.Checks;
import io.privkit.common.DataFormatException;
import io.privkit.common.Problems;
import io.privkit.common.table.RowHandler;
import io.privkit.common.table.TableFiles;
import io.privkit.common.table.TableLayout;
import io.privkit.fairness.Binning;
import io.privkit.fairness.FavourableOutcome;
import io.privkit.fairness.table.ColumnBinder;
import io.privkit.fairness.table.LabelCoding;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a decision log (CSV or Parquet, through the shared streaming reader {@link TableFiles}) into
 * an {@link OversightAccumulator}, one row at a time. Required
 * columns: the model's recommendation and the final decision (coded with a {@link LabelCoding}).
 * Optional columns: reviewer pseudonym (empty when nobody reviewed), time (ISO-8601 instant, date
 * and time with offset, or date), review seconds, protected group, later outcome (empty when
 * unknown), model confidence, rationale (non-empty text means a reason was written), seeded test
 * flag, the reviewer's initial decision, contested flag, whether the contestation changed the
 * decision, and days to answer it. Flags are 1/0, true/false or yes/no; empty means not logged.
 *
 * <p>Errors name the file, line and column. Build with {@link #builder()}. Not thread-safe.
 */
public final class DecisionLogReader {
    /** The optional roles a column can play. */
    public enum Column {
        /** Reviewer pseudonym. */
        REVIEWER,
        /** When the decision was made. */
        TIME,
        /** Review seconds. */
        SECONDS,
        /** Protected group. */
        GROUP,
        /** Later true outcome. */
        OUTCOME,
        /** Model confidence or score. */
        CONFIDENCE,
        /** Written reason. */
        RATIONALE,
        /** Seeded test case flag. */
        SEEDED,
        /** The reviewer's initial decision. */
        INITIAL,
        /** Contested flag. */
        CONTESTED,
        /** Whether the contestation changed the decision. */
        CONTEST_CHANGED,
        /** Days to answer the contestation. */
        CONTEST_DAYS
    }

    private static final java.util.Set<Column> NUMERIC = java.util.EnumSet.of(Column.SECONDS, Column.CONFIDENCE, Column.CONTEST_DAYS);

    private final String recommendation;
    private final String decision;
    private final Map<Column, String> columns;
    private final LabelCoding coding;
    private final FavourableOutcome favourable;
    private final Binning bands;

    private DecisionLogReader(Builder b) {
        this.recommendation = b.recommendation;
        this.decision = b.decision;
        this.columns = Map.copyOf(b.columns);
        this.coding = b.coding;
        this.favourable = b.favourable;
        this.bands = b.bands;
    }

    /** A builder; {@link Builder#build()} reports every problem at once. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether the log names reviewers (so coverage can be measured). */
    public ReviewLogging reviewLogging() {
        return columns.containsKey(Column.REVIEWER) ? ReviewLogging.LOGGED : ReviewLogging.NOT_LOGGED;
    }

    /**
     * Reads the log.
     *
     * @throws DataFormatException naming the file, line and column of the first bad value
     */
    public OversightAccumulator read(Path file) throws IOException {
        OversightAccumulator acc = new OversightAccumulator(favourable, bands);
        TableFiles.readRows(file, new RowHandler() {
            private int ri;
            private int di;
            private final Map<Column, Integer> at = new LinkedHashMap<>();

            @Override
            public void start(TableLayout layout) {
                ColumnBinder c = new ColumnBinder(file, layout);
                ri = c.binary(recommendation, "--recommendation", coding);
                di = c.binary(decision, "--decision", coding);
                columns.forEach((col, name) -> {
                    String option = "--" + col.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
                    at.put(col, NUMERIC.contains(col) ? c.numeric(name, option) : c.any(name, option));
                });
                c.throwIfAny();
            }

            @Override
            public void row(String[] row, long line) {
                Decision d = Decision.of(coding.decode(file, line, recommendation, row[ri]), coding.decode(file, line, decision, row[di]));
                String reviewer = text(row, at.get(Column.REVIEWER));
                if (!columns.containsKey(Column.REVIEWER)) {
                    reviewer = "(not logged)";
                }
                d = d.withReviewer(reviewer)
                        .withTiming(time(file, line, row, at.get(Column.TIME)), number(file, line, row, at.get(Column.SECONDS), Column.SECONDS))
                        .withGroup(text(row, at.get(Column.GROUP)))
                        .withOutcome(optionalBinary(file, line, row, at.get(Column.OUTCOME), Column.OUTCOME))
                        .withConfidence(number(file, line, row, at.get(Column.CONFIDENCE), Column.CONFIDENCE))
                        .withReview(at.containsKey(Column.RATIONALE) ? (Boolean) !row[at.get(Column.RATIONALE)].isBlank() : null,
                                flag(file, line, row, at.get(Column.SEEDED), Column.SEEDED))
                        .withInitial(optionalBinary(file, line, row, at.get(Column.INITIAL), Column.INITIAL))
                        .withContestation(flag(file, line, row, at.get(Column.CONTESTED), Column.CONTESTED),
                                flag(file, line, row, at.get(Column.CONTEST_CHANGED), Column.CONTEST_CHANGED),
                                number(file, line, row, at.get(Column.CONTEST_DAYS), Column.CONTEST_DAYS));
                try {
                    acc.add(d);
                } catch (IllegalArgumentException e) {
                    throw new DataFormatException(file, line, null, e.getMessage(), e);
                }
            }
        });
        return acc;
    }

    private Integer optionalBinary(Path file, long line, String[] row, Integer i, Column c) {
        if (i == null || row[i].isBlank()) {
            return null;
        }
        return coding.decode(file, line, columns.get(c), row[i]);
    }

    private static String text(String[] row, Integer i) {
        return i == null || row[i].isBlank() ? null : row[i].trim();
    }

    private Double number(Path file, long line, String[] row, Integer i, Column c) {
        if (i == null || row[i].isBlank()) {
            return null;
        }
        try {
            double v = Double.parseDouble(row[i].trim());
            if (!Double.isFinite(v) || (c != Column.CONFIDENCE && v < 0)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, line, columns.get(c), "the value must be a finite number"
                    + (c == Column.CONFIDENCE ? "" : " >= 0") + "; got \"" + row[i] + "\". Fix it or leave it empty.");
        }
    }

    private Boolean flag(Path file, long line, String[] row, Integer i, Column c) {
        if (i == null || row[i].isBlank()) {
            return null;
        }
        return switch (row[i].trim().toLowerCase(java.util.Locale.ROOT)) {
            case "1", "true", "yes" -> true;
            case "0", "false", "no" -> false;
            default -> throw new DataFormatException(file, line, columns.get(c), "the value must be 1/0, true/false or yes/no; got \""
                    + row[i] + "\". Fix it or leave it empty.");
        };
    }

    private Instant time(Path file, long line, String[] row, Integer i) {
        if (i == null || row[i].isBlank()) {
            return null;
        }
        String t = row[i].trim();
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    throw new DataFormatException(file, line, columns.get(Column.TIME), "the time must be ISO-8601 (e.g. "
                            + "2026-03-01T09:30:00Z or 2026-03-01); got \"" + t + "\".");
                }
            }
        }
    }

    /** Builds a {@link DecisionLogReader}; reports every problem at once. Not thread-safe. */
    public static final class Builder {
        private String recommendation;
        private String decision;
        private final Map<Column, String> columns = new LinkedHashMap<>();
        private LabelCoding coding = LabelCoding.ONE_ZERO;
        private FavourableOutcome favourable;
        private Binning bands = Binning.at(0.6, 0.7, 0.8, 0.9);

        private Builder() {
        }

        /** The model-recommendation column (required). */
        public Builder recommendation(String column) {
            this.recommendation = column;
            return this;
        }

        /** The final-decision column (required). */
        public Builder decision(String column) {
            this.decision = column;
            return this;
        }

        /** An optional column. */
        public Builder column(Column role, String name) {
            columns.put(Checks.requireNonNull(role, "role"), Checks.requireNonBlank(name, "column"));
            return this;
        }

        /** How decision values map to 1 and 0; "1"/"0" by default. */
        public Builder coding(LabelCoding c) {
            this.coding = c;
            return this;
        }

        /** Which class is favourable to the person (required: names the override directions). */
        public Builder favourable(FavourableOutcome f) {
            this.favourable = f;
            return this;
        }

        /** Confidence bands; cut at 0.6, 0.7, 0.8 and 0.9 by default. */
        public Builder bands(Binning b) {
            this.bands = b;
            return this;
        }

        /** Validates and builds. */
        public DecisionLogReader build() {
            Problems p = Problems.of("DecisionLogReader");
            p.check(recommendation != null && !recommendation.isBlank(), () -> Checks.argument("--recommendation").mustBe("a column name")
                    .got(recommendation).fix("Name the column with the model's recommendation."));
            p.check(decision != null && !decision.isBlank(), () -> Checks.argument("--decision").mustBe("a column name").got(decision)
                    .fix("Name the column with the final human decision."));
            p.check(favourable != null, () -> Checks.argument("--favourable").mustBe("given").got(null)
                    .fix("Say which decision value is favourable to the person."));
            p.check(coding != null && bands != null, () -> Checks.argument("options").mustBe("given").got(null).noFix());
            p.throwIfAny();
            return new DecisionLogReader(this);
        }
    }
}
