package io.privkit.drift;

import io.privkit.common.Checks;
import io.privkit.common.Interval;
import io.privkit.drift.test.TestId;

/**
 * How one column type is judged: a test whose (corrected) p-value must fall below the policy's
 * alpha, and/or an effect size that must reach a threshold. With both, drift needs both (a
 * significant AND material change).
 *
 * @param test            the deciding test, or null when only the effect size decides
 * @param effect          the effect measure ({@link EffectMeasure#NONE} for none)
 * @param effectThreshold the smallest effect treated as drift (ignored for NONE)
 */
public record ColumnRule(TestId test, EffectMeasure effect, double effectThreshold) {
    public ColumnRule {
        Checks.requireNonNull(effect, "effect");
        if (test == null && effect == EffectMeasure.NONE) {
            throw Checks.argument("column rule").mustBe("a test, an effect size, or both").got("neither")
                    .fix("Give e.g. ColumnRule.testAndEffect(TestId.KS, EffectMeasure.WASSERSTEIN_NORMALISED, 0.1).").exception();
        }
        if (effect != EffectMeasure.NONE) {
            Checks.requireIn(effectThreshold, "effectThreshold", Interval.atLeast(0));
        }
    }

    /** A p-value rule. */
    public static ColumnRule test(TestId test) {
        return new ColumnRule(Checks.requireNonNull(test, "test"), EffectMeasure.NONE, 0);
    }

    /** An effect-size rule. */
    public static ColumnRule effect(EffectMeasure effect, double threshold) {
        return new ColumnRule(null, effect, threshold);
    }

    /** A rule needing both. */
    public static ColumnRule testAndEffect(TestId test, EffectMeasure effect, double threshold) {
        return new ColumnRule(Checks.requireNonNull(test, "test"), effect, threshold);
    }

    /** The rule in words. */
    public String describe(double alpha) {
        String t = test == null ? null : test.key() + " p-value < " + alpha + (test == TestId.KS ? " (exact when n <= 10000)" : "");
        String e = effect == EffectMeasure.NONE ? null : effect.key() + " >= " + effectThreshold;
        if (t != null && e != null) {
            return t + " and " + e;
        }
        return t != null ? t : e;
    }
}
