package io.privkit.drift.stream;

import io.privkit.common.Checks;
import io.privkit.common.Interval;
import io.privkit.common.Randomness;
import io.privkit.drift.test.KolmogorovSmirnov;
import io.privkit.drift.test.Outcome;
import io.privkit.drift.test.SortedSample;
import java.util.Map;
import java.util.TreeMap;

/**
 * KSWIN, the Kolmogorov-Smirnov windowing detector of C. Raab, M. Heusinger and F.-M. Schleif,
 * "Reactive Soft Prototype Computing for Concept Drift Streams", Neurocomputing 416, 2020: a sliding
 * window of the last {@code window} observations; its newest {@code statSize} values are compared by
 * the two-sample KS test with {@code statSize} values drawn uniformly without replacement from the
 * older part; DRIFT when the p-value is at most alpha (the exact p-value here, see
 * {@link KolmogorovSmirnov}). After a DRIFT the window keeps only the newest {@code statSize} values.
 * Sampling uses the injected {@link Randomness}, so a run can be replayed from its seed.
 * {@link Calibration} sets alpha to a target ERT (consecutive tests on overlapping windows are
 * dependent, so alpha alone does not give the false-alarm rate). Not thread-safe.
 */
public final class Kswin implements ChangeDetector {
    private final double alpha;
    private final int window;
    private final int statSize;
    private final Randomness random;
    private final double[] buf;
    private int size;
    private int head; // index of the oldest value
    private long n;

    private Kswin(double alpha, int window, int statSize, Randomness random) {
        this.alpha = alpha;
        this.window = window;
        this.statSize = statSize;
        this.random = random;
        this.buf = new double[window];
    }

    /** alpha = 0.005, window 100, 30 newest values (the paper's defaults). */
    public static Kswin withDefaults(Randomness random) {
        return new Kswin(0.005, 100, 30, Checks.requireNonNull(random, "random"));
    }

    /** A copy with another alpha. */
    public Kswin withAlpha(double a) {
        Checks.requireIn(a, "alpha", Interval.open(0, 1), "Use e.g. 0.005, or calibrate it.");
        return new Kswin(a, window, statSize, random);
    }

    /** A copy with another window and statistic size (window &gt;= 2 statSize). */
    public Kswin withWindow(WindowSize w) {
        Checks.requireNonNull(w, "window");
        return new Kswin(alpha, w.window(), w.statSize(), random);
    }

    /** Window and statistic sizes. */
    public record WindowSize(int window, int statSize) {
        public WindowSize {
            Checks.requireAtLeast(statSize, "statSize", 5);
            if (window < 2 * statSize) {
                throw Checks.argument("window").mustBe("at least 2 x statSize (" + 2 * statSize + ")").got(window).noFix().exception();
            }
        }
    }

    @Override
    public Signal update(double x) {
        Detectors.finite(x, "kswin");
        n++;
        if (size < window) {
            buf[(head + size) % window] = x;
            size++;
        } else {
            buf[head] = x;
            head = (head + 1) % window;
        }
        if (size < window) {
            return Signal.STABLE;
        }
        int older = window - statSize;
        double[] recent = new double[statSize];
        for (int i = 0; i < statSize; i++) {
            recent[i] = buf[(head + older + i) % window];
        }
        // statSize draws without replacement from the older part (partial Fisher-Yates on indices)
        int[] idx = new int[older];
        for (int i = 0; i < older; i++) {
            idx[i] = i;
        }
        double[] sample = new double[statSize];
        for (int i = 0; i < statSize; i++) {
            int j = i + random.nextInt(older - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            sample[i] = buf[(head + idx[i]) % window];
        }
        Outcome o = KolmogorovSmirnov.test(SortedSample.of(sample), SortedSample.of(recent));
        if (o.pValue() <= alpha) {
            // keep the newest statSize values as the start of the new concept
            for (int i = 0; i < statSize; i++) {
                buf[i] = recent[i];
            }
            head = 0;
            size = statSize;
            n = statSize;
            return Signal.DRIFT;
        }
        return Signal.STABLE;
    }

    @Override
    public void reset() {
        size = 0;
        head = 0;
        n = 0;
    }

    @Override
    public String name() {
        return "kswin";
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> m = new TreeMap<>();
        m.put("alpha", Detectors.num(alpha));
        m.put("window", Integer.toString(window));
        m.put("statSize", Integer.toString(statSize));
        return m;
    }

    @Override
    public long observations() {
        return n;
    }
}
