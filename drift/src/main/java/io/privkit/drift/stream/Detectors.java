package io.privkit.drift.stream;

import io.privkit.common.Checks;

/** Shared input checks of the detectors (package-private). */
final class Detectors {
    private Detectors() {
    }

    static double finite(double x, String detector) {
        if (!Double.isFinite(x)) {
            throw Checks.argument(detector + " observation").mustBe("finite").got(x)
                    .fix("Drop missing values before the detector and monitor the missing rate separately.").exception();
        }
        return x;
    }

    static double bit(double x, String detector) {
        if (x != 0.0 && x != 1.0) {
            throw Checks.argument(detector + " observation").mustBe("0 (correct) or 1 (error)").got(x)
                    .fix("Feed the model's per-prediction error indicator.").exception();
        }
        return x;
    }

    static String num(double v) {
        return Double.toString(v);
    }
}
