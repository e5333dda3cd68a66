package io.privkit.drift;

import io.privkit.common.Checks;
import io.privkit.drift.table.Column;
import io.privkit.drift.table.ColumnSpec;
import io.privkit.drift.table.Table;
import io.privkit.drift.test.AndersonDarling;
import io.privkit.drift.test.Alternative;
import io.privkit.drift.test.Binned;
import io.privkit.drift.test.Binning;
import io.privkit.drift.test.Contingency;
import io.privkit.drift.test.CramerVonMises;
import io.privkit.drift.test.Distances;
import io.privkit.drift.test.EppsSingleton;
import io.privkit.drift.test.FisherExact;
import io.privkit.drift.test.KolmogorovSmirnov;
import io.privkit.drift.test.MannWhitney;
import io.privkit.drift.test.Method;
import io.privkit.drift.test.Outcome;
import io.privkit.drift.test.SortedSample;
import io.privkit.drift.test.TestId;
import io.privkit.drift.test.TwoProportionZ;
import io.privkit.evidence.DriftEvidence.DatasetRuleKind;
import io.privkit.evidence.DriftEvidence.FeatureType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The batch drift check: compares every checked column of a current table with the reference under
 * a {@link DriftPolicy}, computing the policy's deciding test and effect size plus any further tests
 * asked for, then corrects the deciding p-values across columns and applies the dataset rule.
 *
 * <p>Columns are computed in parallel (one task per column); the result does not depend on the
 * order. A column that cannot be checked (all values missing on a side) gets verdict
 * {@link ColumnVerdict#ERROR} with the reason and the run goes on; a test that cannot be computed
 * on a column (e.g. Epps-Singleton on a constant column) is left out with a note.
 *
 * <p>Power: for numeric columns the report gives the smallest standardised mean difference the
 * two-sample z approximation detects with 80% power at the column's level,
 * (z_{1-alpha/2} + z_{0.8}) sqrt(1/n + 1/m) (J. Cohen, Statistical Power Analysis for the Behavioral
 * Sciences, 2nd ed., 1988, ch. 2); for binary columns the smallest proportion difference,
 * (z_{1-alpha/2} + z_{0.8}) sqrt(p(1-p)(1/n + 1/m)) with p the reference proportion. Immutable and thread-safe.
 */
public final class DriftCheck {
    private static final NormalDistribution STD_NORMAL = NormalDistribution.of(0, 1);
    /** The power for which minimum detectable effects are reported. */
    public static final double POWER = 0.8;

    private final DriftPolicy policy;
    private final Set<TestId> extraTests;

    private DriftCheck(DriftPolicy policy, Set<TestId> extraTests) {
        this.policy = policy;
        this.extraTests = extraTests;
    }

    /** The default policy, computing only what it needs. */
    public static DriftCheck withDefaults() {
        return new DriftCheck(DriftPolicy.privkitDefault(), EnumSet.noneOf(TestId.class));
    }

    /** A copy with another policy. */
    public DriftCheck with(DriftPolicy p) {
        return new DriftCheck(Checks.requireNonNull(p, "policy"), extraTests);
    }

    /** A copy that also computes these tests wherever they apply. */
    public DriftCheck withTests(Set<TestId> tests) {
        Checks.requireNonNull(tests, "tests");
        return new DriftCheck(policy, tests.isEmpty() ? EnumSet.noneOf(TestId.class) : EnumSet.copyOf(tests));
    }

    /** The policy. */
    public DriftPolicy policy() {
        return policy;
    }

    /** Compares two tables. */
    public DriftReport run(Table reference, Table current) {
        Checks.requireNonNull(reference, "reference");
        Checks.requireNonNull(current, "current");
        Map<String, String> excluded = new LinkedHashMap<>();
        for (ColumnSpec s : reference.header()) {
            if (!reference.columns().containsKey(s.name())) {
                excluded.put(s.name(), s.reason() == null ? "not checked" : s.reason());
            }
        }
        for (ColumnSpec s : current.header()) {
            if (!reference.columns().containsKey(s.name()) && !excluded.containsKey(s.name())) {
                excluded.put(s.name(), s.reason() == null ? "not in the reference data" : s.reason());
            }
        }
        List<Column> refCols = new ArrayList<>(reference.columns().values());
        List<ColumnResult> results = refCols.parallelStream().map(rc -> {
            Column cc = current.columns().get(rc.spec().name());
            return compare(rc, cc, reference.rows());
        }).toList();
        Map<String, io.privkit.evidence.DriftEvidence.FeatureRole> roles = new LinkedHashMap<>();
        reference.columns().forEach((name, col) -> roles.put(name, col.spec().role()));
        return decide(results, excluded, describe(reference), describe(current), roles);
    }

    private static DriftReport.DataDescription describe(Table t) {
        return new DriftReport.DataDescription(t.source(), t.fingerprint() == null ? null : t.fingerprint().sha256().hex(),
                t.fingerprint() == null ? -1 : t.fingerprint().sizeBytes(), t.rows());
    }

    private ColumnResult compare(Column rc, Column cc, long referenceRows) {
        String name = rc.spec().name();
        if (cc == null) {
            return errorResult(name, rc.spec().type(), "the column is missing from the current data", rc, null);
        }
        if (rc instanceof Column.Numeric rn && cc instanceof Column.Numeric cn) {
            if (rn.sample() == null || cn.sample() == null) {
                String side = rn.sample() == null ? "reference" : "current";
                return errorResult(name, FeatureType.NUMERIC, "every value is missing in the " + side
                        + " data; fill the column or skip it in the schema", rc, cc);
            }
            return numeric(name, rn.sample(), cn.sample(), rn.missing(), cn.missing(), referenceRows);
        }
        if (rc instanceof Column.Categorical rk && cc instanceof Column.Categorical ck) {
            if (rk.present() == 0 || ck.present() == 0) {
                String side = rk.present() == 0 ? "reference" : "current";
                return errorResult(name, rk.spec().type(), "every value is missing in the " + side
                        + " data; fill the column or skip it in the schema", rc, cc);
            }
            return categorical(name, rk.spec().type(), rk.counts(), ck.counts(), rk.missing(), ck.missing(), referenceRows);
        }
        return errorResult(name, rc.spec().type(), "the column has different types in the two tables", rc, cc);
    }

    private ColumnResult errorResult(String name, FeatureType type, String error, Column rc, Column cc) {
        ColumnRule rule = policy.ruleFor(type, rc == null ? 0 : rc.rows());
        return new ColumnResult(name, type, ColumnVerdict.ERROR, error, List.of(), rule.describe(policy.alpha()), null, null, null,
                rule.effect(), null, null, rc == null ? 0 : rc.present(), cc == null ? 0 : cc.present(),
                rc == null ? 0 : rc.missing(), cc == null ? 0 : cc.missing(), List.of(), List.of(), null, null, null, List.of());
    }

    /**
     * Compares one numeric column (the values already without missing ones).
     *
     * @param referenceRows rows of the reference, for the policy's size switch
     */
    public ColumnResult numeric(String name, SortedSample ref, SortedSample cur, long missingRef, long missingCur, long referenceRows) {
        ColumnRule rule = policy.ruleFor(FeatureType.NUMERIC, referenceRows);
        Set<TestId> want = wanted(rule);
        List<Outcome> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Binning bins = Binning.referenceQuantiles(ref, policy.bins());
        long[] rcnt = bins.count(ref);
        long[] ccnt = bins.count(cur);
        Double pValue = null;
        Double effect = null;
        for (TestId t : want) {
            try {
                switch (t) {
                    case KS -> out.add(KolmogorovSmirnov.test(ref, cur));
                    case AD -> out.add(AndersonDarling.test(ref, cur));
                    case CVM -> out.add(CramerVonMises.test(ref, cur));
                    case MW -> out.add(MannWhitney.test(ref, cur));
                    case ES -> out.add(EppsSingleton.test(ref, cur));
                    case CHI2 -> out.add(Contingency.chiSquare(rcnt, ccnt).withNote("on reference-quantile bins"));
                    case G -> out.add(Contingency.gTest(rcnt, ccnt).withNote("on reference-quantile bins"));
                    case WASSERSTEIN -> out.addAll(List.of(Distances.wasserstein(ref, cur)));
                    case ENERGY -> out.add(Distances.energy(ref, cur));
                    case PSI -> out.add(Outcome.distance(TestId.PSI, "psi", Binned.psi(rcnt, ccnt), Method.BINNED));
                    case KL -> out.add(Outcome.distance(TestId.KL, "kl(ref||cur)", Binned.kl(rcnt, ccnt), Method.BINNED));
                    case JS -> out.add(Outcome.distance(TestId.JS, "js-distance", Binned.jsDistance(rcnt, ccnt), Method.BINNED));
                    case HELLINGER -> out.add(Outcome.distance(TestId.HELLINGER, "hellinger", Binned.hellinger(rcnt, ccnt), Method.BINNED));
                    case FISHER, Z -> notes.add(t.key() + ": applies to binary columns only");
                    case MISSING_RATE -> { }
                }
            } catch (IllegalArgumentException e) {
                notes.add(t.key() + ": not computed: " + e.getMessage());
            }
        }
        addMissingRate(out, ref.size(), cur.size(), missingRef, missingCur);
        if ((double) ref.size() / bins.bins() < 10) {
            notes.add("fewer than 10 reference values per bin: binned statistics (psi, kl, js, hellinger, binned chi2) are unstable");
        }
        if (rule.test() != null) {
            pValue = find(out, rule.test(), null).map(Outcome::pValue).orElse(null);
        }
        effect = switch (rule.effect()) {
            case NONE -> null;
            case KS_D -> find(out, TestId.KS, null).map(Outcome::statistic).orElse(null);
            case WASSERSTEIN_NORMALISED -> find(out, TestId.WASSERSTEIN, "W1/std_ref").map(Outcome::statistic).orElse(null);
            case PSI -> Binned.psi(rcnt, ccnt);
            case JS_DISTANCE -> Binned.jsDistance(rcnt, ccnt);
            case HELLINGER -> Binned.hellinger(rcnt, ccnt);
            case PROPORTION_DIFFERENCE -> null;
        };
        double z = STD_NORMAL.inverseSurvivalProbability(policy.alpha() / 2) + STD_NORMAL.inverseCumulativeProbability(POWER);
        double mde = z * Math.sqrt(1.0 / ref.size() + 1.0 / cur.size());
        String binning = bins.describe() + "; " + Binned.smoothingRule();
        return new ColumnResult(name, FeatureType.NUMERIC, ColumnVerdict.NO_DRIFT, null, out, rule.describe(policy.alpha()), pValue, null, null,
                rule.effect(), effect, rule.effect() == EffectMeasure.NONE ? null : rule.effectThreshold(), ref.size(), cur.size(),
                missingRef, missingCur, List.of(), List.of(), binning, null, mde, notes);
    }

    /** Compares one categorical or binary column given its counts (missing values excluded). */
    public ColumnResult categorical(String name, FeatureType type, Map<String, Long> ref, Map<String, Long> cur, long missingRef,
                                    long missingCur, long referenceRows) {
        TreeSet<String> union = new TreeSet<>(ref.keySet());
        union.addAll(cur.keySet());
        List<String> labels = new ArrayList<>(union);
        long[] rc = new long[labels.size()];
        long[] cc = new long[labels.size()];
        List<String> unseenInRef = new ArrayList<>();
        List<String> unseenInCur = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            rc[i] = ref.getOrDefault(labels.get(i), 0L);
            cc[i] = cur.getOrDefault(labels.get(i), 0L);
            if (rc[i] == 0 && cc[i] > 0) {
                unseenInRef.add(labels.get(i));
            }
            if (cc[i] == 0 && rc[i] > 0) {
                unseenInCur.add(labels.get(i));
            }
        }
        boolean binary = labels.size() <= 2;
        FeatureType t = type == FeatureType.BINARY && !binary ? FeatureType.CATEGORICAL : type;
        ColumnRule rule = policy.ruleFor(t, referenceRows);
        List<String> notes = new ArrayList<>();
        if (type == FeatureType.BINARY && !binary) {
            notes.add("binary in the reference but " + labels.size() + " levels overall: judged as categorical");
        }
        long nRef = sum(rc);
        long nCur = sum(cc);
        TestId deciding = rule.test();
        // binary: Fisher's exact test replaces the z-test when an expected count is below 5 (Cochran's rule)
        if (deciding == TestId.Z && binary && labels.size() == 2) {
            double[][] e = Contingency.expected(rc, cc);
            double min = Math.min(Math.min(e[0][0], e[0][1]), Math.min(e[1][0], e[1][1]));
            if (min < 5) {
                deciding = TestId.FISHER;
                notes.add("an expected count below 5: Fisher's exact test decides instead of the z-test");
            }
        }
        Set<TestId> want = wanted(rule);
        if (deciding != null) {
            want.add(deciding);
        }
        List<Outcome> out = new ArrayList<>();
        for (TestId test : want) {
            try {
                switch (test) {
                    case CHI2 -> out.add(Contingency.chiSquare(rc, cc));
                    case G -> out.add(Contingency.gTest(rc, cc));
                    case PSI -> out.add(Outcome.distance(TestId.PSI, "psi", Binned.psi(rc, cc), Method.BINNED));
                    case KL -> out.add(Outcome.distance(TestId.KL, "kl(ref||cur)", Binned.kl(rc, cc), Method.BINNED));
                    case JS -> out.add(Outcome.distance(TestId.JS, "js-distance", Binned.jsDistance(rc, cc), Method.BINNED));
                    case HELLINGER -> out.add(Outcome.distance(TestId.HELLINGER, "hellinger", Binned.hellinger(rc, cc), Method.BINNED));
                    case Z -> {
                        if (labels.size() == 2) {
                            out.add(TwoProportionZ.test(new TwoProportionZ.Counts(rc[1], nRef), new TwoProportionZ.Counts(cc[1], nCur))
                                    .withNote("proportion of '" + labels.get(1) + "'"));
                        } else if (explicit(test)) {
                            notes.add("z: applies to columns with two levels");
                        }
                    }
                    case FISHER -> {
                        if (labels.size() == 2) {
                            out.add(FisherExact.test(new long[][] {{rc[0], rc[1]}, {cc[0], cc[1]}}, Alternative.TWO_SIDED));
                        } else if (explicit(test)) {
                            notes.add("fisher: applies to columns with two levels");
                        }
                    }
                    case KS, AD, CVM, MW, ES, WASSERSTEIN, ENERGY -> {
                        if (explicit(test)) {
                            notes.add(test.key() + ": applies to numeric columns only");
                        }
                    }
                    case MISSING_RATE -> { }
                }
            } catch (IllegalArgumentException e) {
                notes.add(test.key() + ": not computed: " + e.getMessage());
            }
        }
        addMissingRate(out, nRef, nCur, missingRef, missingCur);
        Double pValue = null;
        if (deciding != null) {
            TestId d = deciding;
            pValue = find(out, d, null).map(Outcome::pValue).orElse(null);
        }
        Double effect = switch (rule.effect()) {
            case NONE -> null;
            case PSI -> Binned.psi(rc, cc);
            case JS_DISTANCE -> Binned.jsDistance(rc, cc);
            case HELLINGER -> Binned.hellinger(rc, cc);
            case PROPORTION_DIFFERENCE -> labels.size() == 2 ? Math.abs((double) cc[1] / nCur - (double) rc[1] / nRef)
                    : Binned.totalVariation(rc, cc);
            case KS_D, WASSERSTEIN_NORMALISED -> null;
        };
        Double mde = null;
        if (labels.size() == 2) {
            double p = (double) rc[1] / nRef;
            double z = STD_NORMAL.inverseSurvivalProbability(policy.alpha() / 2) + STD_NORMAL.inverseCumulativeProbability(POWER);
            mde = z * Math.sqrt(p * (1 - p) * (1.0 / nRef + 1.0 / nCur));
        }
        if (!unseenInRef.isEmpty()) {
            notes.add("categories not in the reference: " + String.join(", ", unseenInRef.subList(0, Math.min(20, unseenInRef.size())))
                    + (unseenInRef.size() > 20 ? ", ..." : "") + " (current share "
                    + String.format(java.util.Locale.ROOT, "%.4f", shareOf(unseenInRef, cur, nCur)) + ")");
        }
        String decided = rule.describe(policy.alpha());
        if (deciding != rule.test()) {
            decided = decided.replace(rule.test().key() + " p-value", deciding.key() + " p-value");
        }
        String binning = "one bin per category in the union of both samples (" + labels.size() + "); " + Binned.smoothingRule();
        return new ColumnResult(name, t, ColumnVerdict.NO_DRIFT, null, out, decided, pValue, null, null, rule.effect(), effect,
                rule.effect() == EffectMeasure.NONE ? null : rule.effectThreshold(), nRef, nCur, missingRef, missingCur, unseenInRef,
                unseenInCur, binning, null, mde, notes);
    }

    private static double shareOf(List<String> labels, Map<String, Long> counts, long n) {
        long s = 0;
        for (String l : labels) {
            s += counts.getOrDefault(l, 0L);
        }
        return (double) s / n;
    }

    private boolean explicit(TestId t) {
        return extraTests.contains(t);
    }

    private Set<TestId> wanted(ColumnRule rule) {
        EnumSet<TestId> s = EnumSet.noneOf(TestId.class);
        s.addAll(extraTests);
        if (rule.test() != null) {
            s.add(rule.test());
        }
        switch (rule.effect()) {
            case KS_D -> s.add(TestId.KS);
            case WASSERSTEIN_NORMALISED -> s.add(TestId.WASSERSTEIN);
            case PSI -> s.add(TestId.PSI);
            case JS_DISTANCE -> s.add(TestId.JS);
            case HELLINGER -> s.add(TestId.HELLINGER);
            default -> { }
        }
        return s;
    }

    private static void addMissingRate(List<Outcome> out, long nRef, long nCur, long missRef, long missCur) {
        if (missRef + missCur > 0) {
            out.add(TwoProportionZ.test(new TwoProportionZ.Counts(missRef, nRef + missRef), new TwoProportionZ.Counts(missCur, nCur + missCur))
                    .withNote("missing-rate comparison (reported, not deciding)").retag(TestId.MISSING_RATE));
        }
    }

    private static java.util.Optional<Outcome> find(List<Outcome> out, TestId t, String name) {
        return out.stream().filter(o -> o.test() == t && (name == null || o.name().equals(name))).findFirst();
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long v : a) {
            s += v;
        }
        return s;
    }

    /**
     * Applies the correction and the dataset rule to preliminary column results.
     */
    public DriftReport decide(List<ColumnResult> prelim, Map<String, String> excluded, DriftReport.DataDescription reference,
                              DriftReport.DataDescription current, Map<String, io.privkit.evidence.DriftEvidence.FeatureRole> roles) {
        List<Integer> family = new ArrayList<>();
        for (int i = 0; i < prelim.size(); i++) {
            if (prelim.get(i).verdict() != ColumnVerdict.ERROR && prelim.get(i).pValue() != null) {
                family.add(i);
            }
        }
        double[] p = new double[family.size()];
        for (int k = 0; k < p.length; k++) {
            p[k] = prelim.get(family.get(k)).pValue();
        }
        double[] adj = Corrections.adjust(p, policy.correction());
        Double[] adjusted = new Double[prelim.size()];
        for (int k = 0; k < p.length; k++) {
            adjusted[family.get(k)] = adj[k];
        }
        List<ColumnResult> out = new ArrayList<>();
        int checked = 0;
        int drifted = 0;
        for (int i = 0; i < prelim.size(); i++) {
            ColumnResult c = prelim.get(i);
            if (c.verdict() == ColumnVerdict.ERROR) {
                out.add(c);
                continue;
            }
            checked++;
            // Each condition is PASS, FAIL or UNSURE (a bounded statistic whose interval straddles the threshold).
            int test = 1; // 1 pass, 0 unsure, -1 fail
            if (c.decidedBy().contains("p-value")) {
                if (adjusted[i] == null) {
                    test = -1;
                } else if (adjusted[i] < policy.alpha()) {
                    test = 1;
                } else if (c.pValueLower() != null && adjustedLower(c, adjusted[i]) < policy.alpha()) {
                    test = 0;
                } else {
                    test = -1;
                }
            }
            int eff = 1;
            if (c.effect() != EffectMeasure.NONE) {
                double err = c.sketchError() == null ? 0.0 : c.sketchError();
                if (c.effectValue() == null) {
                    eff = -1;
                } else if (c.effectValue() - err >= c.effectThreshold()) {
                    eff = 1;
                } else if (c.effectValue() + err >= c.effectThreshold()) {
                    eff = 0;
                } else {
                    eff = -1;
                }
            }
            ColumnVerdict v = test < 0 || eff < 0 ? ColumnVerdict.NO_DRIFT
                    : test > 0 && eff > 0 ? ColumnVerdict.DRIFT : ColumnVerdict.INCONCLUSIVE;
            if (v == ColumnVerdict.DRIFT) {
                drifted++;
            }
            out.add(c.decided(adjusted[i], v));
        }
        double share = checked == 0 ? 0.0 : (double) drifted / checked;
        boolean dataset = policy.datasetRule().kind() == DatasetRuleKind.SHARE_OF_DRIFTED_FEATURES
                ? checked > 0 && share >= policy.datasetRule().shareThreshold()
                : drifted > 0;
        return new DriftReport(policy, reference, current, out, excluded, family.size(), dataset, share, roles);
    }

    /**
     * The corrected value of a bounded column's smallest p-value: the correction is monotone in each
     * p-value, so scaling by the same factor as the largest one gives the corrected lower end.
     */
    private static double adjustedLower(ColumnResult c, double adjustedUpper) {
        if (c.pValue() == null || c.pValue() == 0) {
            return adjustedUpper;
        }
        return Math.min(1.0, c.pValueLower() * adjustedUpper / c.pValue());
    }

    /** Unmodifiable view of the extra tests. */
    public Set<TestId> extraTests() {
        return Collections.unmodifiableSet(extraTests);
    }
}
