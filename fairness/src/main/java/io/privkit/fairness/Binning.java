package io.privkit.fairness;

import io.privkit.common.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a numeric attribute (age, say) becomes groups: ascending cut points
 * {@code e1 < e2 < ... < ek} give the half-open bins {@code < e1}, {@code [e1, e2)}, ...,
 * {@code >= ek}. The cut points are recorded in the evidence, so a reader sees which groups were
 * compared and a second assessment can use the same ones.
 *
 * <p>Immutable and thread-safe.
 *
 * @param cutPoints the ascending, finite cut points; at least one
 */
public record Binning(List<Double> cutPoints) {

    public Binning {
        cutPoints = List.copyOf(Checks.requireNonEmpty(cutPoints, "binning.cutPoints"));
        for (int i = 0; i < cutPoints.size(); i++) {
            Checks.requireFinite(cutPoints.get(i), "binning.cutPoints[" + i + "]");
            if (i > 0 && !(cutPoints.get(i) > cutPoints.get(i - 1))) {
                throw Checks.argument("binning.cutPoints").mustBe("strictly ascending").got(cutPoints.toString())
                        .fix("List the cut points from smallest to largest, without repeats.").exception();
            }
        }
    }

    /** Bins cut at the given points, e.g. {@code Binning.at(25, 45)} for {@code <25, [25,45), >=45}. */
    public static Binning at(double... cutPoints) {
        List<Double> list = new ArrayList<>();
        for (double c : cutPoints) {
            list.add(c);
        }
        return new Binning(list);
    }

    /** The bin labels, in order. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        labels.add("<" + format(cutPoints.get(0)));
        for (int i = 1; i < cutPoints.size(); i++) {
            labels.add("[" + format(cutPoints.get(i - 1)) + ", " + format(cutPoints.get(i)) + ")");
        }
        labels.add(">=" + format(cutPoints.get(cutPoints.size() - 1)));
        return labels;
    }

    /** The index of the bin holding {@code value} (finite). */
    public int binOf(double value) {
        int lo = 0;
        int hi = cutPoints.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (value >= cutPoints.get(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The label of the bin holding {@code value}. */
    public String labelOf(double value) {
        return labels().get(binOf(value));
    }

    /** A description for the evidence, e.g. {@code "bins <25, [25, 45), >=45"}. */
    public String describe() {
        return "bins " + String.join(", ", labels());
    }

    private static String format(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) x);
        }
        return Double.toString(x);
    }
}
