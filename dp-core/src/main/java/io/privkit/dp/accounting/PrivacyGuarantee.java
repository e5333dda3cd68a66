package io.privkit.dp.accounting;

import io.privkit.common.Checks;
import io.privkit.common.Interval;
import io.privkit.evidence.PrivacyBudgetEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an accountant proved about an event: an upper bound on its privacy profile, with the
 * summaries a DPIA needs.
 *
 * <ul>
 *   <li>{@link #epsilon(double)} and {@link #delta(double)}: the release is (ε, δ)-DP; both are
 *       upper bounds, rounded up;</li>
 *   <li>{@link #profile(List)}: ε at several δ, which avoids comparing at one arbitrary δ;</li>
 *   <li>{@link #gaussianDp()}: the smallest μ whose μ-GDP profile (Dong, Roth and Su, "Gaussian
 *       Differential Privacy", JRSS-B 2022) lies above this one on an ε grid up to ε(10<sup>−12</sup>),
 *       with the fit error in ε at the standard deltas, as Gomez et al. ("(ε, δ) Considered Harmful",
 *       2025) recommend reporting;</li>
 *   <li>{@link #maxTruePositiveRate(double)} and {@link #maxAdvantage()}: the hypothesis-testing
 *       view (Kairouz, Oh and Viswanath, ICML 2015): any membership-inference attack with
 *       false-positive rate α has true-positive rate at most
 *       min<sub>ε</sub> min{e<sup>ε</sup>α + δ(ε), 1 − e<sup>−ε</sup>(1 − δ(ε) − α)}, and advantage
 *       TPR − FPR at most δ(0).</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class PrivacyGuarantee {
    /** The deltas of a standard privacy profile. */
    public static final List<Double> STANDARD_DELTAS = List.of(1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10);
    /** The false-positive rates of a standard attack bound. */
    public static final List<Double> STANDARD_FALSE_POSITIVE_RATES = List.of(0.001, 0.01, 0.1);

    private static final int GRID = 400;

    private final DpEvent event;
    private final NeighboringRelation relation;
    private final PrivacyBudgetEvidence.AccountantKind accountant;
    private final Map<String, String> parameters;
    private final String conversion;
    private final Curve curve;
    private volatile double[] epsilonGrid;

    PrivacyGuarantee(DpEvent event, NeighboringRelation relation, PrivacyBudgetEvidence.AccountantKind accountant,
                     Map<String, String> parameters, String conversion, Curve curve) {
        this.event = event;
        this.relation = relation;
        this.accountant = accountant;
        this.parameters = java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
        this.conversion = conversion;
        this.curve = curve;
    }

    /** The event accounted. */
    public DpEvent event() {
        return event;
    }

    /** The neighbouring relation. */
    public NeighboringRelation relation() {
        return relation;
    }

    /** The accountant family. */
    public PrivacyBudgetEvidence.AccountantKind accountant() {
        return accountant;
    }

    /** The accountant's parameters, as text. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** How the accountant's quantity was turned into (ε, δ), with its reference. */
    public String conversion() {
        return conversion;
    }

    /**
     * The smallest ε (an upper bound, rounded up) such that the release is (ε, δ)-DP;
     * {@code +Infinity} when no finite ε is known at this δ.
     */
    public double epsilon(double delta) {
        Checks.requireIn(delta, "delta", Interval.closedOpen(0, 1), "Give a delta in [0, 1), e.g. 1e-5 (well below 1/n).");
        double e = curve.epsilon(delta);
        return Double.isNaN(e) ? Double.POSITIVE_INFINITY : Math.max(0, e);
    }

    /** The δ (an upper bound, rounded up) such that the release is (ε, δ)-DP. */
    public double delta(double epsilon) {
        Checks.requireNonNegative(epsilon, "epsilon");
        double d = curve.delta(epsilon);
        return Double.isNaN(d) ? 1 : Math.min(1, Math.max(0, d));
    }

    /** ε at each δ. */
    public List<PrivacyBudgetEvidence.ProfilePoint> profile(List<Double> deltas) {
        Checks.requireNonEmpty(deltas, "deltas");
        List<PrivacyBudgetEvidence.ProfilePoint> out = new ArrayList<>();
        for (double d : deltas) {
            out.add(new PrivacyBudgetEvidence.ProfilePoint(epsilon(d), d));
        }
        return out;
    }

    /** The standard privacy profile (δ from 1e-3 to 1e-10). */
    public List<PrivacyBudgetEvidence.ProfilePoint> profile() {
        return profile(STANDARD_DELTAS);
    }

    private double[] grid() {
        double[] g = epsilonGrid;
        if (g == null) {
            double max = 0;
            for (double d : new double[] {1e-12, 1e-10, 1e-8, 1e-6, 1e-4}) {
                double e = curve.epsilon(d);
                if (Double.isFinite(e)) {
                    max = e;
                    break;
                }
            }
            g = new double[GRID + 1];
            for (int i = 0; i <= GRID; i++) {
                g[i] = max * i / GRID;
            }
            epsilonGrid = g;
        }
        return g;
    }

    /**
     * The highest true-positive rate any membership-inference attack can reach at the given
     * false-positive rate, over both directions of the neighbouring relation.
     */
    public double maxTruePositiveRate(double falsePositiveRate) {
        Checks.requireProbability(falsePositiveRate, "falsePositiveRate");
        double best = 1;
        for (double e : grid()) {
            double d = curve.delta(e);
            double bound = Math.min(Math.exp(e) * falsePositiveRate + d, 1 - Math.exp(-e) * (1 - d - falsePositiveRate));
            best = Math.min(best, bound);
        }
        best = Math.max(best, falsePositiveRate);
        return Math.min(1, Math.nextUp(best));
    }

    /** The highest advantage (TPR − FPR) of any membership-inference attack: δ(0). */
    public double maxAdvantage() {
        return Math.min(1, curve.delta(0));
    }

    /** The attack bound at the standard false-positive rates, for evidence records. */
    public PrivacyBudgetEvidence.AttackBounds attackBounds() {
        List<PrivacyBudgetEvidence.TprAtFpr> points = new ArrayList<>();
        for (double fpr : STANDARD_FALSE_POSITIVE_RATES) {
            points.add(new PrivacyBudgetEvidence.TprAtFpr(fpr, maxTruePositiveRate(fpr)));
        }
        return new PrivacyBudgetEvidence.AttackBounds(points, maxAdvantage());
    }

    /**
     * A sentence a DPIA can quote, e.g. "An attacker trying to tell whether a given record was used
     * can succeed with at most a 3.1% true-positive rate at a 1% false-positive rate (0.18% at 0.1%),
     * and the best attacker's advantage (true-positive minus false-positive rate) is at most 12%."
     *
     * @param unitPhrase who is protected, e.g. "record" or "person's records"
     */
    public String attackStatement(String unitPhrase) {
        Checks.requireNonBlank(unitPhrase, "unitPhrase");
        return String.format(Locale.ROOT, "An attacker trying to tell whether a given %s was used can succeed with at most "
                        + "a %s true-positive rate at a 1%% false-positive rate (%s at 0.1%%), and the best attacker's "
                        + "advantage (true-positive minus false-positive rate) is at most %s.",
                unitPhrase, percent(maxTruePositiveRate(0.01)), percent(maxTruePositiveRate(0.001)), percent(maxAdvantage()));
    }

    private static String percent(double p) {
        double v = p * 100;
        // Round up, never down: the statement is an upper bound.
        double shown = v >= 10 ? Math.ceil(v) : v >= 1 ? Math.ceil(v * 10) / 10 : Math.ceil(v * 100) / 100;
        String s = shown == Math.rint(shown) ? String.format(Locale.ROOT, "%.0f", shown)
                : String.format(Locale.ROOT, v >= 1 ? "%.1f" : "%.2f", shown);
        return s + "%";
    }

    /**
     * The smallest μ whose μ-GDP privacy profile lies at or above this one at every ε on a grid up
     * to ε(10<sup>−12</sup>) (or ε(10<sup>−10</sup>), ε(10<sup>−8</sup>) when the profile has a floor
     * there, e.g. from sampler slack), and the largest gap in ε between the two at the standard
     * deltas in that range; empty when no μ ≤ 1000 fits.
     */
    public Optional<PrivacyBudgetEvidence.GaussianDp> gaussianDp() {
        // Fit on epsilons up to epsilon(1e-12); when the profile has a floor there (sampler slack),
        // up to epsilon(1e-10) or epsilon(1e-8) instead.
        for (double floor : new double[] {1e-12, 1e-10, 1e-8}) {
            Optional<PrivacyBudgetEvidence.GaussianDp> fit = fit(floor);
            if (fit.isPresent()) {
                return fit;
            }
        }
        return Optional.empty();
    }

    private Optional<PrivacyBudgetEvidence.GaussianDp> fit(double floor) {
        double max = curve.epsilon(floor);
        if (!Double.isFinite(max)) {
            return Optional.empty();
        }
        double[] eps = new double[201];
        double[] target = new double[201];
        for (int i = 0; i <= 200; i++) {
            eps[i] = max * i / 200;
            target[i] = curve.delta(eps[i]);
        }
        double hi = 0.25;
        while (!dominates(hi, eps, target)) {
            hi *= 2;
            if (hi > 1000) {
                return Optional.empty();
            }
        }
        double lo = 0;
        for (int it = 0; it < 60; it++) {
            double mid = (lo + hi) / 2;
            if (dominates(mid, eps, target)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        double fit = 0;
        for (double d : STANDARD_DELTAS) {
            double mine = curve.epsilon(d);
            if (d >= floor && Double.isFinite(mine)) {
                fit = Math.max(fit, Gdp.epsilon(hi, d) - mine);
            }
        }
        return Optional.of(new PrivacyBudgetEvidence.GaussianDp(hi, Math.max(0, fit)));
    }

    private static boolean dominates(double mu, double[] eps, double[] target) {
        for (int i = 0; i < eps.length; i++) {
            if (Gdp.delta(mu, eps[i]) < target[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "PrivacyGuarantee[" + accountant + ", " + relation + ", epsilon(1e-5)=" + epsilon(1e-5) + "]";
    }
}
