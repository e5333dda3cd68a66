package io.privkit.drift.profile;

import io.privkit.common.Checks;
import io.privkit.drift.ColumnResult;
import io.privkit.drift.ColumnRule;
import io.privkit.drift.ColumnVerdict;
import io.privkit.drift.DriftCheck;
import io.privkit.drift.DriftPolicy;
import io.privkit.drift.DriftReport;
import io.privkit.drift.EffectMeasure;
import io.privkit.drift.test.Alternative;
import io.privkit.drift.test.Binned;
import io.privkit.drift.test.Contingency;
import io.privkit.drift.test.KolmogorovSmirnov;
import io.privkit.drift.test.Method;
import io.privkit.drift.test.Outcome;
import io.privkit.drift.test.TestId;
import io.privkit.evidence.DriftEvidence.FeatureType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The drift check on profiles: a stored reference profile against the profile of a new table (built
 * on the reference's edges).
 *
 * <p>Numeric columns: binned statistics (PSI, KL, JS, Hellinger, chi-square, G) are exact for the
 * reference bins. The KS statistic, Wasserstein-1 and energy distance are bounded deterministically
 * from the fine edges ({@link NumericProfile#bounds}); the KS p-value is reported as the interval
 * [p(D_hi), p(D_lo)] under the asymptotic law (p decreases in D), and when both profiles carry KLL
 * sketches the sketch estimate with its probabilistic bound ({@link SketchKs}) is reported beside it.
 * A bound that straddles a threshold gives the verdict INCONCLUSIVE, never a guess. Tests that need
 * every value (Anderson-Darling, Cramer-von Mises, Mann-Whitney, Epps-Singleton) are not available
 * from profiles and are listed as such. Categorical columns compare exact counts (labels beyond a
 * profile's cap pooled as "(other)"). Stateless and thread-safe.
 */
public final class ProfileComparison {
    private static final NormalDistribution STD_NORMAL = NormalDistribution.of(0, 1);

    private ProfileComparison() {
    }

    /** Compares a current profile with the reference profile under a policy, computing also the extra tests where possible. */
    public static DriftReport compare(TableProfile reference, TableProfile current, DriftPolicy policy, Set<TestId> extraTests) {
        Checks.requireNonNull(reference, "reference");
        Checks.requireNonNull(current, "current");
        Checks.requireNonNull(policy, "policy");
        Set<TestId> extra = extraTests.isEmpty() ? EnumSet.noneOf(TestId.class) : EnumSet.copyOf(extraTests);
        DriftCheck check = DriftCheck.withDefaults().with(policy).withTests(extra);
        List<ColumnResult> prelim = new ArrayList<>();
        for (Map.Entry<String, TableProfile.ColumnProfile> e : reference.columns().entrySet()) {
            TableProfile.ColumnProfile r = e.getValue();
            TableProfile.ColumnProfile c = current.columns().get(e.getKey());
            if (c == null) {
                throw Checks.argument("current profile").mustBe("a profile of every reference column").got("no column " + e.getKey())
                        .fix("Profile the current data against this reference profile.").exception();
            }
            prelim.add(r.numeric() != null ? numeric(e.getKey(), r.numeric(), c.numeric(), policy, extra, reference.rows())
                    : categorical(check, r, c, reference.rows()));
        }
        DriftReport.DataDescription rd = new DriftReport.DataDescription(reference.source(), reference.sha256(), reference.sizeBytes(),
                reference.rows());
        DriftReport.DataDescription cd = new DriftReport.DataDescription(current.source(), current.sha256(), current.sizeBytes(),
                current.rows());
        Map<String, String> excluded = new LinkedHashMap<>(reference.excluded());
        Map<String, io.privkit.evidence.DriftEvidence.FeatureRole> roles = new LinkedHashMap<>();
        reference.columns().forEach((name, col) -> roles.put(name, col.spec().role()));
        return check.decide(prelim, excluded, rd, cd, roles);
    }

    private static ColumnResult categorical(DriftCheck check, TableProfile.ColumnProfile r, TableProfile.ColumnProfile c, long refRows) {
        String name = r.spec().name();
        if (r.present() == 0 || c.present() == 0) {
            return error(name, r.spec().type(), r.present() == 0 ? "reference" : "current", check.policy(), r, c, refRows);
        }
        Map<String, Long> rc = new LinkedHashMap<>(r.categorical().counts());
        Map<String, Long> cc = new LinkedHashMap<>(c.categorical().counts());
        if (r.categorical().other() > 0 || c.categorical().other() > 0) {
            rc.merge("(other)", r.categorical().other(), Long::sum);
            cc.merge("(other)", c.categorical().other(), Long::sum);
        }
        return check.categorical(name, r.spec().type(), rc, cc, r.missing(), c.missing(), refRows);
    }

    private static ColumnResult error(String name, FeatureType type, String side, DriftPolicy policy, TableProfile.ColumnProfile r,
                                      TableProfile.ColumnProfile c, long refRows) {
        ColumnRule rule = policy.ruleFor(type, refRows);
        return new ColumnResult(name, type, ColumnVerdict.ERROR, "every value is missing in the " + side
                + " data; fill the column or skip it in the schema", List.of(), rule.describe(policy.alpha()), null, null, null,
                rule.effect(), null, null, r.present(), c.present(), r.missing(), c.missing(), List.of(), List.of(), null, null, null,
                List.of());
    }

    private static ColumnResult numeric(String name, NumericProfile r, NumericProfile c, DriftPolicy policy, Set<TestId> extra,
                                        long refRows) {
        ColumnRule rule = policy.ruleFor(FeatureType.NUMERIC, refRows);
        if (r.count() == 0 || c.count() == 0) {
            ColumnRule rr = rule;
            return new ColumnResult(name, FeatureType.NUMERIC, ColumnVerdict.ERROR, "every value is missing in the "
                    + (r.count() == 0 ? "reference" : "current") + " data; fill the column or skip it in the schema", List.of(),
                    rr.describe(policy.alpha()), null, null, null, rr.effect(), null, null, r.count(), c.count(), r.missing(), c.missing(),
                    List.of(), List.of(), null, null, null, List.of());
        }
        EnumSet<TestId> want = EnumSet.noneOf(TestId.class);
        want.addAll(extra);
        if (rule.test() != null) {
            want.add(rule.test());
        }
        switch (rule.effect()) {
            case KS_D -> want.add(TestId.KS);
            case WASSERSTEIN_NORMALISED -> want.add(TestId.WASSERSTEIN);
            case PSI -> want.add(TestId.PSI);
            case JS_DISTANCE -> want.add(TestId.JS);
            case HELLINGER -> want.add(TestId.HELLINGER);
            default -> { }
        }
        long n = r.count();
        long m = c.count();
        double[] b = r.bounds(c);
        double dLo = b[0];
        double dHi = b[1];
        double pMax = KolmogorovSmirnov.asymptoticPValue(n, m, dLo, Alternative.TWO_SIDED);
        double pMin = KolmogorovSmirnov.asymptoticPValue(n, m, dHi, Alternative.TWO_SIDED);
        double sd = Math.max(r.stdPopulation(), 0.001);
        long[] rcnt = r.coarseCounts();
        long[] ccnt = c.coarseCounts();
        List<Outcome> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (TestId t : want) {
            switch (t) {
                case KS -> {
                    out.add(new Outcome(TestId.KS, "D", (dLo + dHi) / 2, pMax, Method.BOUNDED, String.format(Locale.ROOT,
                            "deterministic bound from %d fine reference edges: D in [%.6g, %.6g], p in [%.6g, %.6g] (asymptotic)",
                            r.fineEdges().length, dLo, dHi, pMin, pMax)));
                    if (r.sketch() != null && c.sketch() != null && !r.sketch().isEmpty() && !c.sketch().isEmpty()) {
                        SketchKs.Estimate k = SketchKs.estimate(r.sketch(), c.sketch());
                        double pk = KolmogorovSmirnov.asymptoticPValue(n, m, k.lower(), Alternative.TWO_SIDED);
                        double pkLow = KolmogorovSmirnov.asymptoticPValue(n, m, k.upper(), Alternative.TWO_SIDED);
                        out.add(new Outcome(TestId.KS, "D-kll", k.dHat(), pk, Method.BOUNDED, String.format(Locale.ROOT,
                                "KLL sketches (k=%d): D in [%.6g, %.6g] with probability >= 0.98, p in [%.6g, %.6g]",
                                r.sketch().getK(), k.lower(), k.upper(), pkLow, pk)));
                    }
                }
                case WASSERSTEIN -> {
                    out.add(new Outcome(TestId.WASSERSTEIN, "W1", (b[2] + b[3]) / 2, null, Method.BOUNDED,
                            String.format(Locale.ROOT, "W1 in [%.6g, %.6g]", b[2], b[3])));
                    out.add(new Outcome(TestId.WASSERSTEIN, "W1/std_ref", (b[2] + b[3]) / 2 / sd, null, Method.BOUNDED,
                            String.format(Locale.ROOT, "in [%.6g, %.6g]", b[2] / sd, b[3] / sd)));
                }
                case ENERGY -> out.add(new Outcome(TestId.ENERGY, "energy", (b[4] + b[5]) / 2, null, Method.BOUNDED,
                        String.format(Locale.ROOT, "in [%.6g, %.6g]", b[4], b[5])));
                case CHI2 -> out.add(Contingency.chiSquare(rcnt, ccnt).withNote("on reference-quantile bins"));
                case G -> out.add(Contingency.gTest(rcnt, ccnt).withNote("on reference-quantile bins"));
                case PSI -> out.add(Outcome.distance(TestId.PSI, "psi", Binned.psi(rcnt, ccnt), Method.BINNED));
                case KL -> out.add(Outcome.distance(TestId.KL, "kl(ref||cur)", Binned.kl(rcnt, ccnt), Method.BINNED));
                case JS -> out.add(Outcome.distance(TestId.JS, "js-distance", Binned.jsDistance(rcnt, ccnt), Method.BINNED));
                case HELLINGER -> out.add(Outcome.distance(TestId.HELLINGER, "hellinger", Binned.hellinger(rcnt, ccnt), Method.BINNED));
                case AD, CVM, MW, ES -> notes.add(t.key() + ": needs every value; not available from profiles (compare the files instead)");
                case FISHER, Z -> notes.add(t.key() + ": applies to binary columns only");
                case MISSING_RATE -> { }
            }
        }
        if (r.missing() + c.missing() > 0) {
            out.add(io.privkit.drift.test.TwoProportionZ.test(new io.privkit.drift.test.TwoProportionZ.Counts(r.missing(), n + r.missing()),
                    new io.privkit.drift.test.TwoProportionZ.Counts(c.missing(), m + c.missing()))
                    .withNote("missing-rate comparison (reported, not deciding)").retag(TestId.MISSING_RATE));
        }
        Double pValue = null;
        Double pLower = null;
        if (rule.test() == TestId.KS) {
            pValue = pMax;
            pLower = pMin;
        } else if (rule.test() != null) {
            pValue = out.stream().filter(o -> o.test() == rule.test() && o.hasPValue()).map(Outcome::pValue).findFirst().orElse(null);
        }
        Double effect = null;
        Double err = null;
        switch (rule.effect()) {
            case KS_D -> {
                effect = (dLo + dHi) / 2;
                err = (dHi - dLo) / 2;
            }
            case WASSERSTEIN_NORMALISED -> {
                effect = (b[2] + b[3]) / 2 / sd;
                err = (b[3] - b[2]) / 2 / sd;
            }
            case PSI -> effect = Binned.psi(rcnt, ccnt);
            case JS_DISTANCE -> effect = Binned.jsDistance(rcnt, ccnt);
            case HELLINGER -> effect = Binned.hellinger(rcnt, ccnt);
            default -> { }
        }
        double z = STD_NORMAL.inverseSurvivalProbability(policy.alpha() / 2) + STD_NORMAL.inverseCumulativeProbability(DriftCheck.POWER);
        double mde = z * Math.sqrt(1.0 / n + 1.0 / m);
        String binning = r.coarse().describe() + "; KS and Wasserstein bounded on " + r.fineEdges().length
                + " fine reference-quantile edges; " + Binned.smoothingRule();
        return new ColumnResult(name, FeatureType.NUMERIC, ColumnVerdict.NO_DRIFT, null, out, rule.describe(policy.alpha()), pValue, pLower,
                null, rule.effect(), effect, rule.effect() == EffectMeasure.NONE ? null : rule.effectThreshold(), n, m, r.missing(),
                c.missing(), List.of(), List.of(), binning, err, mde, notes);
    }
}
