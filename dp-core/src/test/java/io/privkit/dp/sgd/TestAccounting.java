package io.privkit.dp.sgd;

import io.privkit.dp.accounting.DpEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A test accountant: epsilon = steps / sigma^2 (any increasing function of steps and decreasing
 * in sigma serves to test the engine's mechanics; the real accountants are tested in
 * dp-core's accounting package).
 */
public final class TestAccounting implements DpSgdAccounting {
    public final List<String> log = new ArrayList<>();

    @Override
    public double epsilon(DpEvent event, double delta) {
        DpEvent.SelfComposed sc = (DpEvent.SelfComposed) event;
        double sigma = sigmaOf(sc.event());
        return sc.count() / (sigma * sigma);
    }

    static double sigmaOf(DpEvent e) {
        if (e instanceof DpEvent.SamplerSlack s) {
            return sigmaOf(s.event());
        }
        if (e instanceof DpEvent.PoissonSampled p) {
            return sigmaOf(p.event());
        }
        return ((DpEvent.Gaussian) e).noiseMultiplier();
    }

    @Override
    public double calibrateNoiseMultiplier(DoubleFunction<DpEvent> runEvent, double targetEpsilon, double delta) {
        log.add("calibrate " + targetEpsilon);
        DpEvent.SelfComposed sc = (DpEvent.SelfComposed) runEvent.apply(1.0);
        double sigma = Math.nextUp(Math.sqrt(sc.count() / targetEpsilon));
        return sigma > 100 ? Double.NaN : sigma;
    }

    @Override
    public DpSgdConfig.Accountant kind() {
        return DpSgdConfig.Accountant.PLD;
    }
}
