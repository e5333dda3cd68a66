package io.privkit.drift;

import io.privkit.common.Checks;
import io.privkit.common.Interval;
import io.privkit.common.Problems;
import io.privkit.drift.test.Binning;
import io.privkit.drift.test.TestId;
import io.privkit.evidence.DriftEvidence.DatasetRule;
import io.privkit.evidence.DriftEvidence.DatasetRuleKind;
import io.privkit.evidence.DriftEvidence.FeatureType;
import io.privkit.evidence.MultipleTesting.Correction;
import java.util.Locale;

/**
 * The detection policy, stated in every report: which rule judges each column type (optionally
 * switching rules above a reference size, as Evidently does), the test level, the multiple-testing
 * correction across columns, and how column verdicts become the dataset decision.
 *
 * <p>Presets:
 * <ul>
 *   <li>{@link #privkitDefault()}: numeric columns drift when the KS p-value (exact up to 10,000
 *       values) is below alpha AND the Wasserstein distance is at least 0.1 reference standard
 *       deviations; categorical columns when the chi-square p-value is below alpha AND the
 *       Jensen-Shannon distance is at least 0.1; binary columns when the two-proportion z-test (Fisher's
 *       exact test when an expected count is below 5) is below alpha AND the proportions differ by at
 *       least 0.05. P-values are Holm-corrected across columns (family-wise error 0.05) and the dataset
 *       drifts when any column drifts.</li>
 *   <li>{@link #evidently()}: Evidently 0.7's defaults: with at most 1000 reference rows, KS
 *       (numeric), chi-square (categorical) and z-test (binary) at p &lt; 0.05; above, Wasserstein/std
 *       &gt;= 0.1 (numeric) and Jensen-Shannon &gt;= 0.1 (categorical, binary); no correction; the dataset
 *       drifts when at least half the columns do. Evidently's chi-square is a goodness-of-fit test
 *       against the rescaled reference, which fails on categories the reference lacks; this preset uses
 *       the test of homogeneity on the union of categories instead.</li>
 *   <li>{@link #alibi()}: Alibi Detect's TabularDrift: KS (numeric), chi-square (categorical and
 *       binary) with Bonferroni correction; any drifted column means dataset drift.</li>
 * </ul>
 *
 * @param name              the preset or policy name
 * @param numeric           rule for numeric columns (small references, or all when no switch)
 * @param numericLarge      rule for numeric columns above the size switch
 * @param categorical       rule for categorical columns
 * @param categoricalLarge  rule for categorical columns above the size switch
 * @param binary            rule for binary columns
 * @param binaryLarge       rule for binary columns above the size switch
 * @param sizeSwitch        reference rows above which the "large" rules apply ({@code Long.MAX_VALUE}: never)
 * @param alpha             the test level (family-wise error or FDR after correction)
 * @param correction        the multiple-testing correction across columns
 * @param datasetRule       how column verdicts become the dataset decision
 * @param bins              reference-quantile bins for binned statistics on numeric columns
 */
public record DriftPolicy(String name, ColumnRule numeric, ColumnRule numericLarge, ColumnRule categorical,
                          ColumnRule categoricalLarge, ColumnRule binary, ColumnRule binaryLarge, long sizeSwitch,
                          double alpha, Correction correction, DatasetRule datasetRule, int bins) {
    public DriftPolicy {
        Problems p = Problems.of("DriftPolicy");
        p.capture(() -> Checks.requireNonBlank(name, "name"));
        p.capture(() -> Checks.requireNonNull(numeric, "numeric"));
        p.capture(() -> Checks.requireNonNull(numericLarge, "numericLarge"));
        p.capture(() -> Checks.requireNonNull(categorical, "categorical"));
        p.capture(() -> Checks.requireNonNull(categoricalLarge, "categoricalLarge"));
        p.capture(() -> Checks.requireNonNull(binary, "binary"));
        p.capture(() -> Checks.requireNonNull(binaryLarge, "binaryLarge"));
        p.capture(() -> Checks.requirePositive(sizeSwitch, "sizeSwitch"));
        p.capture(() -> Checks.requireIn(alpha, "alpha", Interval.open(0, 1), "Use e.g. 0.05."));
        p.capture(() -> Checks.requireNonNull(correction, "correction"));
        p.capture(() -> Checks.requireNonNull(datasetRule, "datasetRule"));
        p.capture(() -> Checks.requireIn(bins, "bins", Interval.closed(2, 100_000), "Use e.g. 10."));
        p.throwIfAny();
    }

    /** Privkit's default (see the class description). */
    public static DriftPolicy privkitDefault() {
        ColumnRule num = ColumnRule.testAndEffect(TestId.KS, EffectMeasure.WASSERSTEIN_NORMALISED, 0.1);
        ColumnRule cat = ColumnRule.testAndEffect(TestId.CHI2, EffectMeasure.JS_DISTANCE, 0.1);
        ColumnRule bin = ColumnRule.testAndEffect(TestId.Z, EffectMeasure.PROPORTION_DIFFERENCE, 0.05);
        return new DriftPolicy("privkit-default", num, num, cat, cat, bin, bin, Long.MAX_VALUE, 0.05, Correction.HOLM,
                new DatasetRule(DatasetRuleKind.ANY_AFTER_CORRECTION, null), Binning.DEFAULT_BINS);
    }

    /** Evidently 0.7's defaults (see the class description). */
    public static DriftPolicy evidently() {
        return new DriftPolicy("evidently", ColumnRule.test(TestId.KS), ColumnRule.effect(EffectMeasure.WASSERSTEIN_NORMALISED, 0.1),
                ColumnRule.test(TestId.CHI2), ColumnRule.effect(EffectMeasure.JS_DISTANCE, 0.1),
                ColumnRule.test(TestId.Z), ColumnRule.effect(EffectMeasure.JS_DISTANCE, 0.1), 1000, 0.05, Correction.NONE,
                new DatasetRule(DatasetRuleKind.SHARE_OF_DRIFTED_FEATURES, 0.5), Binning.DEFAULT_BINS);
    }

    /** Alibi Detect's TabularDrift defaults (see the class description). */
    public static DriftPolicy alibi() {
        ColumnRule num = ColumnRule.test(TestId.KS);
        ColumnRule cat = ColumnRule.test(TestId.CHI2);
        return new DriftPolicy("alibi-tabular", num, num, cat, cat, cat, cat, Long.MAX_VALUE, 0.05, Correction.BONFERRONI,
                new DatasetRule(DatasetRuleKind.ANY_AFTER_CORRECTION, null), Binning.DEFAULT_BINS);
    }

    /** A preset by name: privkit-default (or default), evidently, alibi. */
    public static DriftPolicy preset(String presetName) {
        Checks.requireNonBlank(presetName, "preset");
        return switch (presetName.trim().toLowerCase(Locale.ROOT)) {
            case "default", "privkit", "privkit-default" -> privkitDefault();
            case "evidently" -> evidently();
            case "alibi", "alibi-tabular" -> alibi();
            default -> throw Checks.argument("preset").mustBe("one of privkit-default, evidently, alibi").got(presetName)
                    .fix("Use --preset evidently to compare with Evidently's defaults.").exception();
        };
    }

    /** A copy with another correction. */
    public DriftPolicy with(Correction c) {
        return new DriftPolicy(name, numeric, numericLarge, categorical, categoricalLarge, binary, binaryLarge, sizeSwitch, alpha, c,
                datasetRule, bins);
    }

    /** A copy with another dataset rule. */
    public DriftPolicy with(DatasetRule rule) {
        return new DriftPolicy(name, numeric, numericLarge, categorical, categoricalLarge, binary, binaryLarge, sizeSwitch, alpha,
                correction, rule, bins);
    }

    /** A copy with another level. */
    public DriftPolicy withAlpha(double a) {
        return new DriftPolicy(name, numeric, numericLarge, categorical, categoricalLarge, binary, binaryLarge, sizeSwitch, a,
                correction, datasetRule, bins);
    }

    /** The rule for a column type and reference size. */
    public ColumnRule ruleFor(FeatureType type, long referenceRows) {
        boolean large = referenceRows > sizeSwitch;
        return switch (type) {
            case NUMERIC -> large ? numericLarge : numeric;
            case BINARY -> large ? binaryLarge : binary;
            default -> large ? categoricalLarge : categorical;
        };
    }

    /** The policy in words, for every report. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (sizeSwitch == Long.MAX_VALUE) {
            sb.append("numeric: ").append(numeric.describe(alpha)).append("; categorical: ").append(categorical.describe(alpha))
                    .append("; binary: ").append(binary.describe(alpha))
                    .append(binary.test() == TestId.Z ? " (Fisher exact when an expected count < 5)" : "");
        } else {
            sb.append("reference <= ").append(sizeSwitch).append(" rows: numeric ").append(numeric.describe(alpha))
                    .append(", categorical ").append(categorical.describe(alpha)).append(", binary ").append(binary.describe(alpha))
                    .append("; above: numeric ").append(numericLarge.describe(alpha)).append(", categorical ")
                    .append(categoricalLarge.describe(alpha)).append(", binary ").append(binaryLarge.describe(alpha));
        }
        sb.append("; p-values corrected by ").append(correction.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .append(" across columns; dataset drift when ");
        if (datasetRule.kind() == DatasetRuleKind.SHARE_OF_DRIFTED_FEATURES) {
            sb.append("at least ").append(datasetRule.shareThreshold()).append(" of checked columns drift");
        } else {
            sb.append("any column drifts after the correction");
        }
        sb.append("; numeric binning: ").append(bins).append(" reference-quantile bins; missing values dropped and counted, "
                + "missing rates compared by a two-proportion z-test (reported, not deciding)");
        return sb.toString();
    }
}
