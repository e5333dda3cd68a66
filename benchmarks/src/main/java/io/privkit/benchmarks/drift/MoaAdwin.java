package io.privkit.benchmarks.drift;

import io.privkit.drift.stream.ChangeDetector;
import java.util.Map;

/**
 * MOA's ADWIN ({@code moa.classifiers.core.driftdetection.ADWIN}, GPL-3.0) behind Privkit's
 * {@link ChangeDetector}, so a {@link io.privkit.drift.stream.DelayStudy} can feed it the same streams.
 * Reached by method handles only when the opt-in {@code -Pmoa-peer} profile put MOA on the class path;
 * no MOA code is part of Privkit. Not thread-safe.
 */
final class MoaAdwin implements ChangeDetector {
    private final double delta;
    private Object adwin;
    private long seen;

    MoaAdwin(double delta) {
        this.delta = delta;
        reset();
    }

    /** Whether MOA is on the class path. */
    static boolean available() {
        return AdwinBenchmark.Moa.SET_INPUT != null;
    }

    @Override
    public Signal update(double x) {
        try {
            seen++;
            return (boolean) AdwinBenchmark.Moa.SET_INPUT.invokeExact(adwin, x) ? Signal.DRIFT : Signal.STABLE;
        } catch (Throwable e) {
            throw new IllegalStateException("MOA's ADWIN failed", e);
        }
    }

    @Override
    public void reset() {
        if (!available()) {
            throw new IllegalStateException("MOA is not on the class path: build the benchmarks with -Pmoa-peer (GPL, opt-in)");
        }
        try {
            adwin = (Object) AdwinBenchmark.Moa.NEW.invokeExact(delta);
        } catch (Throwable e) {
            throw new IllegalStateException("MOA's ADWIN could not be built", e);
        }
        seen = 0;
    }

    @Override
    public String name() {
        return "moa-adwin";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("delta", Double.toString(delta));
    }

    @Override
    public long observations() {
        return seen;
    }
}
