package io.privkit.dp.mechanism;

/** How an aggregation knows which privacy unit a row belongs to. */
public enum UnitKeying {
    /**
     * Every row names its unit ({@code add(unit, value)}), and at most
     * {@code maxContributionsPerUnit} rows per unit are used; the rest are dropped (the default).
     */
    BY_KEY,
    /** Every row is its own unit (record-level privacy); {@code add(value)} is allowed. */
    EACH_ROW
}
