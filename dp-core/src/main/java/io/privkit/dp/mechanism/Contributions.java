package io.privkit.dp.mechanism;

import io.privkit.common.Checks;
import java.util.HashMap;
import java.util.Map;

/**
 * Contribution bounding and the single-use lifecycle shared by the bounded aggregations: at most
 * {@code maxContributionsPerUnit} rows per unit are passed on, values are clamped to the bounds, NaN
 * values follow the {@link NanPolicy}; once the result is computed no more rows are accepted.
 * Check, then commit: a rejected row changes nothing. Not thread-safe.
 */
final class Contributions {
    /** Receives an accepted, clamped value. */
    interface Sink {
        void accept(double clamped);
    }

    private final AggregationParameters parameters;
    private final String name;
    private final Map<Object, Integer> perUnit = new HashMap<>();
    private long added;
    private long used;
    private long overCap;
    private long nanDropped;
    private long clamped;
    private long rowUnits;
    private boolean computed;

    Contributions(AggregationParameters parameters, String name, boolean needsBounds) {
        this.parameters = Checks.requireNonNull(parameters, "parameters");
        this.name = name;
        if (needsBounds && !parameters.hasBounds()) {
            throw Checks.argument("bounds").mustBe("given for " + name).got("none")
                    .fix("Give public bounds with AggregationParameters.builder().bounds(lower, upper).").exception();
        }
    }

    void add(Object unit, double value, Sink sink) {
        requireOpen();
        Checks.requireNonNull(unit, "unit");
        if (parameters.units() == UnitKeying.EACH_ROW) {
            throw new IllegalStateException(name + " was built with units EACH_ROW: call add(value), or build it with BY_KEY "
                    + "to bound contributions per unit.");
        }
        if (!checkValue(value)) {
            return;
        }
        int count = perUnit.getOrDefault(unit, 0);
        added++;
        if (count >= parameters.maxContributionsPerUnit()) {
            overCap++;
            return;
        }
        perUnit.put(unit, count + 1);
        pass(value, sink);
    }

    void add(double value, Sink sink) {
        requireOpen();
        if (parameters.units() != UnitKeying.EACH_ROW) {
            throw new IllegalStateException(name + " bounds contributions per unit: call add(unit, value), or build it with "
                    + "units EACH_ROW when every row is its own unit.");
        }
        if (!checkValue(value)) {
            return;
        }
        added++;
        rowUnits++;
        pass(value, sink);
    }

    private boolean checkValue(double value) {
        if (Double.isNaN(value)) {
            if (parameters.nanPolicy() == NanPolicy.REJECT) {
                throw Checks.argument("value").mustBe("a number, not NaN").got(value)
                        .fix("Clean the data, or build the aggregation with nanPolicy(DROP) to drop such rows.").exception();
            }
            added++;
            nanDropped++;
            return false;
        }
        return true;
    }

    private void pass(double value, Sink sink) {
        used++;
        double v = value;
        if (parameters.hasBounds()) {
            double c = Math.max(parameters.lower(), Math.min(parameters.upper(), value));
            if (c != value) {
                clamped++;
            }
            v = c;
        }
        sink.accept(v);
    }

    void requireOpen() {
        if (computed) {
            throw new IllegalStateException(name + " has already released its result; an aggregation is single-use. "
                    + "Create a new one (and spend budget for it) to release again.");
        }
    }

    /** Marks the result released; throws if it already was. */
    void close() {
        requireOpen();
        computed = true;
    }

    long used() {
        return used;
    }

    ContributionReport report() {
        return new ContributionReport(added, used, overCap, nanDropped, clamped,
                parameters.units() == UnitKeying.EACH_ROW ? rowUnits : perUnit.size());
    }
}
