package io.privkit.fairness.oversight;

import io.privkit.common.Checks;
import io.privkit.fairness.Binning;
import io.privkit.fairness.FavourableOutcome;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accumulates a decision log into the counts behind every human-oversight measure (see
 * {@link OversightReport}). Mergeable: accumulators over disjoint parts of a log {@link #merge
 * merge} into the accumulator over the whole. Memory grows with reviewers, groups and bands, plus
 * one number per reviewed case with a logged review time and per contestation (for the medians).
 *
 * <p>Not thread-safe: give each thread its own accumulator and merge.
 */
public final class OversightAccumulator {
    private final FavourableOutcome favourable;
    private final Binning bands;
    long total;
    long reviewed;
    long overridden;
    final long[] directionN = new long[2];         // 0: recommendation favourable, 1: unfavourable
    final long[] directionOverridden = new long[2];
    final Map<String, long[]> reviewers = new TreeMap<>();
    final Map<String, long[]> groups = new TreeMap<>();
    final Map<String, long[]> confidence = new TreeMap<>();
    long wrongRecommendations;
    long followedWrong;
    long missedByModel;
    long missedByBoth;
    long outcomeKnown;
    long modelWrong;
    long finalWrong;
    long rairDenominator;
    long rairNumerator;
    long rsrDenominator;
    long rsrNumerator;
    long rationaleLogged;
    long withRationale;
    long seeded;
    long seededCaught;
    long contested;
    long contestOutcomeLogged;
    long contestChanged;
    double[] contestDays = new double[16];
    int contestDaysCount;
    double[] seconds = new double[64];
    int secondsCount;
    Instant first;
    Instant last;

    /**
     * An empty accumulator.
     *
     * @param favourable which class is favourable to the person (names the override directions)
     * @param bands      how the model's confidence is banded; null when confidence is not logged
     */
    public OversightAccumulator(FavourableOutcome favourable, Binning bands) {
        this.favourable = Checks.requireNonNull(favourable, "favourable");
        this.bands = bands;
    }

    /** The favourable outcome. */
    public FavourableOutcome favourable() {
        return favourable;
    }

    /** The confidence bands, or null. */
    public Binning bands() {
        return bands;
    }

    /** Adds one decision. */
    public void add(Decision d) {
        Checks.requireNonNull(d, "decision");
        total++;
        if (d.time() != null) {
            first = first == null || d.time().isBefore(first) ? d.time() : first;
            last = last == null || d.time().isAfter(last) ? d.time() : last;
        }
        if (d.outcome() != null) {
            outcomeKnown++;
            modelWrong += d.recommendation() != d.outcome() ? 1 : 0;
            finalWrong += d.decision() != d.outcome() ? 1 : 0;
        }
        if (d.contested() != null && d.contested()) {
            contested++;
            if (d.contestChanged() != null) {
                contestOutcomeLogged++;
                contestChanged += d.contestChanged() ? 1 : 0;
            }
            if (d.contestDays() != null) {
                contestDays = push(contestDays, contestDaysCount++, d.contestDays());
            }
        }
        if (!d.reviewed()) {
            return;
        }
        reviewed++;
        int over = d.overridden() ? 1 : 0;
        overridden += over;
        int favourableCode = favourable == FavourableOutcome.POSITIVE_CLASS ? 1 : 0;
        int dir = d.recommendation() == favourableCode ? 0 : 1;
        directionN[dir]++;
        directionOverridden[dir] += over;
        bump(reviewers, d.reviewer(), over);
        if (d.group() != null && !d.group().isBlank()) {
            bump(groups, d.group(), over);
        }
        if (d.confidence() != null && bands != null) {
            bump(confidence, bands.labelOf(d.confidence()), over);
        }
        if (d.outcome() != null) {
            if (d.recommendation() != d.outcome()) {
                wrongRecommendations++;
                followedWrong += d.decision() == d.recommendation() ? 1 : 0;
            }
            if (d.outcome() == 1 && d.recommendation() == 0) {
                missedByModel++;
                missedByBoth += d.decision() == 0 ? 1 : 0;
            }
            if (d.initial() != null) {
                boolean humanRight = d.initial().equals(d.outcome());
                boolean aiRight = d.recommendation() == d.outcome();
                if (!humanRight && aiRight) {
                    rairDenominator++;
                    rairNumerator += d.decision() == d.recommendation() ? 1 : 0;
                } else if (humanRight && !aiRight) {
                    rsrDenominator++;
                    rsrNumerator += d.decision() == d.initial() ? 1 : 0;
                }
            }
        }
        if (d.rationale() != null) {
            rationaleLogged++;
            withRationale += d.rationale() ? 1 : 0;
        }
        if (d.seeded() != null && d.seeded()) {
            seeded++;
            seededCaught += over;
        }
        if (d.seconds() != null) {
            seconds = push(seconds, secondsCount++, d.seconds());
        }
    }

    /**
     * Adds another accumulator's decisions to this one.
     *
     * @throws IllegalArgumentException if the favourable outcome or the bands differ
     */
    public void merge(OversightAccumulator o) {
        Checks.requireNonNull(o, "other");
        if (o.favourable != favourable || !java.util.Objects.equals(o.bands, bands)) {
            throw Checks.argument("other").mustBe("built with the same favourable outcome and bands").got("a different accumulator")
                    .noFix().exception();
        }
        total += o.total;
        reviewed += o.reviewed;
        overridden += o.overridden;
        for (int i = 0; i < 2; i++) {
            directionN[i] += o.directionN[i];
            directionOverridden[i] += o.directionOverridden[i];
        }
        o.reviewers.forEach((k, v) -> merge(reviewers, k, v));
        o.groups.forEach((k, v) -> merge(groups, k, v));
        o.confidence.forEach((k, v) -> merge(confidence, k, v));
        wrongRecommendations += o.wrongRecommendations;
        followedWrong += o.followedWrong;
        missedByModel += o.missedByModel;
        missedByBoth += o.missedByBoth;
        outcomeKnown += o.outcomeKnown;
        modelWrong += o.modelWrong;
        finalWrong += o.finalWrong;
        rairDenominator += o.rairDenominator;
        rairNumerator += o.rairNumerator;
        rsrDenominator += o.rsrDenominator;
        rsrNumerator += o.rsrNumerator;
        rationaleLogged += o.rationaleLogged;
        withRationale += o.withRationale;
        seeded += o.seeded;
        seededCaught += o.seededCaught;
        contested += o.contested;
        contestOutcomeLogged += o.contestOutcomeLogged;
        contestChanged += o.contestChanged;
        for (int i = 0; i < o.contestDaysCount; i++) {
            contestDays = push(contestDays, contestDaysCount++, o.contestDays[i]);
        }
        for (int i = 0; i < o.secondsCount; i++) {
            seconds = push(seconds, secondsCount++, o.seconds[i]);
        }
        if (o.first != null) {
            first = first == null || o.first.isBefore(first) ? o.first : first;
            last = last == null || o.last.isAfter(last) ? o.last : last;
        }
    }

    /** Decisions added. */
    public long total() {
        return total;
    }

    double[] sortedSeconds() {
        double[] s = Arrays.copyOf(seconds, secondsCount);
        Arrays.sort(s);
        return s;
    }

    double[] sortedContestDays() {
        double[] s = Arrays.copyOf(contestDays, contestDaysCount);
        Arrays.sort(s);
        return s;
    }

    private static double[] push(double[] a, int i, double v) {
        double[] out = i < a.length ? a : Arrays.copyOf(a, a.length * 2);
        out[i] = v;
        return out;
    }

    private static void bump(Map<String, long[]> m, String key, int over) {
        long[] c = m.computeIfAbsent(key, k -> new long[2]);
        c[0]++;
        c[1] += over;
    }

    private static void merge(Map<String, long[]> m, String key, long[] v) {
        long[] c = m.computeIfAbsent(key, k -> new long[2]);
        c[0] += v[0];
        c[1] += v[1];
    }
}
