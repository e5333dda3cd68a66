package io.privkit.fairness.synthetic;

import io.privkit.common.AtomicFiles;
import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A generated population of loan applicants with a known disparity, for demonstrations, examples
 * and tests: each applicant has a sex (F or M), an age band (four levels), a repayment outcome
 * whose rate depends on the age band only, and a model score that is the outcome's probability
 * plus noise, shifted down by {@code scorePenalty} for women. Decisions approve when the score is
 * at least 0.5 (1 = approved, the favourable outcome). The score penalty is the planted
 * disparity: with a penalty of 0, women and men with the same outcome probability get the same
 * score distribution.
 *
 * <p>Also writes a matching human-review log: reviewers see the model's recommendation, sometimes
 * override it (more often for one group, the planted selective adherence), log their time and
 * reasons; some recommendations are deliberately wrong test cases; some applicants contest.
 *
 * <p>Deterministic for a seeded {@link Randomness}. Immutable and thread-safe.
 *
 * @param rows         applicants
 * @param scorePenalty how much lower women's scores are, in [0, 0.5]
 */
public record SyntheticLoans(int rows, double scorePenalty) {
    /** The age bands, in order. */
    public static final String[] AGE_BANDS = {"18-24", "25-44", "45-64", "65+"};
    private static final double[] AGE_SHARE = {0.15, 0.45, 0.3, 0.1};
    private static final double[] REPAY_RATE = {0.55, 0.7, 0.75, 0.65};

    public SyntheticLoans {
        Checks.requirePositive(rows, "rows");
        Checks.requireIn(scorePenalty, "scorePenalty", io.privkit.common.Interval.closed(0, 0.5));
    }

    /** The population's columns. */
    public record Columns(String[] sex, String[] ageBand, int[] repaid, double[] score, int[] approved) {
    }

    /** Generates the population. */
    public Columns generate(Randomness randomness) {
        Checks.requireNonNull(randomness, "randomness");
        String[] sex = new String[rows];
        String[] age = new String[rows];
        int[] repaid = new int[rows];
        double[] score = new double[rows];
        int[] approved = new int[rows];
        for (int i = 0; i < rows; i++) {
            sex[i] = randomness.nextBoolean() ? "F" : "M";
            double u = randomness.nextDouble();
            int a = u < AGE_SHARE[0] ? 0 : u < AGE_SHARE[0] + AGE_SHARE[1] ? 1 : u < 1 - AGE_SHARE[3] ? 2 : 3;
            age[i] = AGE_BANDS[a];
            // Latent repayment probability: the age band's rate, spread by an individual factor.
            double p = clamp(REPAY_RATE[a] + 0.25 * (randomness.nextDouble() - 0.5));
            repaid[i] = randomness.nextDouble() < p ? 1 : 0;
            double s = p + 0.15 * (randomness.nextDouble() - 0.5) - (sex[i].equals("F") ? scorePenalty : 0);
            score[i] = Math.round(clamp(s) * 10000) / 10000.0;
            approved[i] = score[i] >= 0.5 ? 1 : 0;
        }
        return new Columns(sex, age, repaid, score, approved);
    }

    /** Writes the population as CSV ({@code sex,age_band,repaid,score,approved}), atomically. */
    public static void writeCsv(Columns c, Path file) throws IOException {
        AtomicFiles.writeStream(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write("sex,age_band,repaid,score,approved\n");
            for (int i = 0; i < c.sex().length; i++) {
                w.write(c.sex()[i] + "," + c.ageBand()[i] + "," + c.repaid()[i] + "," + c.score()[i] + "," + c.approved()[i] + "\n");
            }
            w.flush();
        });
    }

    /**
     * Writes a review log for the first {@code reviewed} applicants of {@code c}
     * ({@code model,final,reviewer,sex,repaid,initial,seconds,reason,seeded,contested,contest_changed,contest_days,time}),
     * with reviewers overriding approvals for women twice as often as for men.
     */
    public static void writeReviewLog(Columns c, int reviewed, Randomness randomness, Path file) throws IOException {
        Checks.requireNonNull(randomness, "randomness");
        int n = Math.min(reviewed, c.sex().length);
        AtomicFiles.writeStream(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write("model,final,reviewer,sex,repaid,initial,seconds,reason,seeded,contested,contest_changed,contest_days,time\n");
            long start = java.time.Instant.parse("2026-02-02T08:00:00Z").getEpochSecond();
            for (int i = 0; i < n; i++) {
                boolean seeded = randomness.nextDouble() < 0.02;
                int model = seeded ? 1 - c.approved()[i] : c.approved()[i];
                boolean reviewedByHuman = randomness.nextDouble() < 0.9;
                int initial = randomness.nextDouble() < 0.7 ? c.repaid()[i] : 1 - c.repaid()[i];
                double overrideChance = model == 1 ? (c.sex()[i].equals("F") ? 0.08 : 0.04) : 0.03;
                if (seeded) {
                    overrideChance = 0.6;
                }
                int fin = reviewedByHuman && randomness.nextDouble() < overrideChance ? 1 - model : model;
                String reviewer = reviewedByHuman ? "reviewer-" + (1 + randomness.nextInt(5)) : "";
                double seconds = reviewedByHuman ? Math.round(5 + 120 * randomness.nextDouble() * randomness.nextDouble()) : Double.NaN;
                boolean reason = reviewedByHuman && (fin != model || randomness.nextDouble() < 0.3);
                boolean contested = fin == 0 && randomness.nextDouble() < 0.1;
                w.write(model + "," + fin + "," + reviewer + "," + c.sex()[i] + "," + (randomness.nextDouble() < 0.8 ? c.repaid()[i] : "") + ","
                        + (reviewedByHuman ? initial : "") + "," + (reviewedByHuman ? String.format(Locale.ROOT, "%.0f", seconds) : "") + ","
                        + (reason ? "\"noted, see file\"" : "") + "," + (seeded ? 1 : 0) + "," + (contested ? 1 : 0) + ","
                        + (contested ? (randomness.nextDouble() < 0.25 ? 1 : 0) : "") + ","
                        + (contested ? Integer.toString(1 + randomness.nextInt(20)) : "") + ","
                        + java.time.Instant.ofEpochSecond(start + 600L * i) + "\n");
            }
            w.flush();
        });
    }

    private static double clamp(double x) {
        return Math.max(0, Math.min(1, x));
    }
}
