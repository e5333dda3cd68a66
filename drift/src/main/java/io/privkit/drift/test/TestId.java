package io.privkit.drift.test;

import io.privkit.common.Checks;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tests and distances a drift check can compute, with the short names the CLI's
 * {@code --tests} option and the JSON report use.
 */
public enum TestId {
    /** Two-sample Kolmogorov-Smirnov. */
    KS("ks", Kind.NUMERIC),
    /** Anderson-Darling k-sample (Scholz and Stephens 1987). */
    AD("ad", Kind.NUMERIC),
    /** Cramer-von Mises two-sample. */
    CVM("cvm", Kind.NUMERIC),
    /** Mann-Whitney U. */
    MW("mw", Kind.NUMERIC),
    /** Epps-Singleton characteristic-function test. */
    ES("es", Kind.NUMERIC),
    /** Pearson chi-square on the 2 x K table of categories (or reference bins). */
    CHI2("chi2", Kind.ANY),
    /** G-test (log-likelihood ratio) on the same table. */
    G("g", Kind.ANY),
    /** Fisher's exact test on a 2 x 2 table (binary columns). */
    FISHER("fisher", Kind.BINARY),
    /** Two-proportion z-test (binary columns). */
    Z("z", Kind.BINARY),
    /** Wasserstein-1 distance, raw and divided by the reference standard deviation. */
    WASSERSTEIN("wasserstein", Kind.NUMERIC),
    /** Energy distance. */
    ENERGY("energy", Kind.NUMERIC),
    /** Population stability index on reference bins. */
    PSI("psi", Kind.ANY),
    /** Kullback-Leibler divergence KL(reference || current) on reference bins. */
    KL("kl", Kind.ANY),
    /** Jensen-Shannon distance (natural log) on reference bins. */
    JS("js", Kind.ANY),
    /** Hellinger distance on reference bins. */
    HELLINGER("hellinger", Kind.ANY),
    /** Two-proportion z-test on the missing rates (always computed when a side has missing values; reported, not deciding). */
    MISSING_RATE("missing-rate", Kind.ANY),
    /** Maximum mean discrepancy on several columns at once (multivariate; see {@code io.privkit.drift.multivariate.Mmd}). */
    MMD("mmd", Kind.NUMERIC);

    /** Which column types a test applies to. */
    public enum Kind {
        /** Numeric columns only. */
        NUMERIC,
        /** Binary columns (numeric or categorical with two values). */
        BINARY,
        /** Any column: numeric columns are binned on reference quantiles. */
        ANY
    }

    private final String key;
    private final Kind kind;

    TestId(String key, Kind kind) {
        this.key = key;
        this.kind = kind;
    }

    /** The short name, e.g. {@code ks}. */
    public String key() {
        return key;
    }

    /** Which columns the test applies to. */
    public Kind kind() {
        return kind;
    }

    /** Parses a short name. */
    public static TestId of(String key) {
        Checks.requireNonNull(key, "test");
        String k = key.trim().toLowerCase(Locale.ROOT);
        for (TestId t : values()) {
            if (t.key.equals(k)) {
                return t;
            }
        }
        throw Checks.argument("test").mustBe("one of " + allKeys()).got(key)
                .fix("Use e.g. --tests ks,psi or --tests all.").exception();
    }

    /** Parses a comma-separated list, or {@code all}. */
    public static Set<TestId> parseList(String list) {
        Checks.requireNonBlank(list, "tests");
        if (list.trim().equalsIgnoreCase("all")) {
            return EnumSet.complementOf(EnumSet.of(MMD)); // every per-column test
        }
        EnumSet<TestId> out = EnumSet.noneOf(TestId.class);
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                out.add(of(part));
            }
        }
        if (out.isEmpty()) {
            throw Checks.argument("tests").mustBe("a non-empty list").got(list).fix("Use e.g. --tests ks,psi or --tests all.").exception();
        }
        return out;
    }

    private static String allKeys() {
        return Arrays.stream(values()).map(TestId::key).collect(Collectors.joining(","));
    }
}
