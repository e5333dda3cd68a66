package io.privkit.drift.test;

/** How a p-value (or a distance) was computed. */
public enum Method {
    /** The exact null distribution (finite-sample, no approximation). */
    EXACT("exact"),
    /** A large-sample (asymptotic) approximation of the null distribution. */
    ASYMPTOTIC("asymptotic"),
    /** Interpolated in a published table of critical values (Anderson-Darling). */
    INTERPOLATED("interpolated"),
    /** A permutation test with p = (1 + k) / (1 + B). */
    PERMUTATION("permutation"),
    /** Bounded from a sketch or fixed-edge profile; the error bound is reported beside the value. */
    BOUNDED("bounded"),
    /** A distance or divergence computed from the empirical distributions (no p-value). */
    EMPIRICAL("empirical"),
    /** A distance or divergence computed on bins (the binning rule is reported). */
    BINNED("binned");

    private final String key;

    Method(String key) {
        this.key = key;
    }

    /** The lower-case name used in reports. */
    public String key() {
        return key;
    }
}
