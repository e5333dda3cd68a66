package io.privkit.drift.profile;

import io.privkit.common.Checks;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A mergeable count of labels: exact for up to {@code cap} distinct labels; labels beyond the cap
 * are pooled in one "other" count (and the comparison says so). Merging adds counts. Not thread-safe.
 */
public final class CategoricalProfile {
    /** The default distinct-label cap. */
    public static final int DEFAULT_CAP = 10_000;

    private final int cap;
    private final TreeMap<String, Long> counts = new TreeMap<>();
    private long other;
    private long missing;

    /** An empty profile with a label cap. */
    public CategoricalProfile(int cap) {
        this.cap = Checks.requirePositive(cap, "cap");
    }

    /** Counts a label. */
    public void add(String label) {
        Checks.requireNonNull(label, "label");
        Long c = counts.get(label);
        if (c != null) {
            counts.put(label, c + 1);
        } else if (counts.size() < cap) {
            counts.put(label, 1L);
        } else {
            other++;
        }
    }

    /** Counts a label n times. */
    public void add(String label, long times) {
        Checks.requireNonNegative(times, "times");
        Long c = counts.get(label);
        if (c != null || counts.size() < cap) {
            counts.put(label, (c == null ? 0 : c) + times);
        } else {
            other += times;
        }
    }

    /** Counts a missing value. */
    public void addMissing() {
        missing++;
    }

    /** Adds another profile's counts. */
    public void merge(CategoricalProfile o) {
        Checks.requireNonNull(o, "other");
        for (Map.Entry<String, Long> e : o.counts.entrySet()) {
            add(e.getKey(), e.getValue());
        }
        other += o.other;
        missing += o.missing;
    }

    /** An empty profile with the same cap. */
    public CategoricalProfile emptyLike() {
        return new CategoricalProfile(cap);
    }

    /** The label counts, by label. */
    public Map<String, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    /** Values of labels beyond the cap. */
    public long other() {
        return other;
    }

    /** Missing values. */
    public long missing() {
        return missing;
    }

    /** The cap. */
    public int cap() {
        return cap;
    }

    /** Values counted (labels and other). */
    public long count() {
        long s = other;
        for (long c : counts.values()) {
            s += c;
        }
        return s;
    }

    static CategoricalProfile restore(int cap, Map<String, Long> counts, long other, long missing) {
        CategoricalProfile p = new CategoricalProfile(cap);
        p.counts.putAll(counts);
        p.other = Checks.requireNonNegative(other, "other");
        p.missing = Checks.requireNonNegative(missing, "missing");
        return p;
    }
}
