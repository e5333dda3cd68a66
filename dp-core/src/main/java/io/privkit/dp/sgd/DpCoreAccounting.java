package io.privkit.dp.sgd;

import io.privkit.common.Checks;
import io.privkit.dp.accounting.DpEvent;
import java.util.function.DoubleFunction;

/** {@link DpSgdAccounting} over dp-core's accountants. */
final class DpCoreAccounting implements DpSgdAccounting {
    private final DpSgdConfig.Accountant kind;

    private DpCoreAccounting(DpSgdConfig.Accountant kind) {
        this.kind = kind;
    }

    static DpCoreAccounting of(DpSgdConfig.Accountant kind) {
        return new DpCoreAccounting(Checks.requireNonNull(kind, "kind"));
    }

    @Override
    public double epsilon(DpEvent event, double delta) {
        throw new UnsupportedOperationException("dp-core's " + kind + " accountant is not wired yet");
    }

    @Override
    public double calibrateNoiseMultiplier(DoubleFunction<DpEvent> runEvent, double targetEpsilon, double delta) {
        throw new UnsupportedOperationException("dp-core's " + kind + " accountant is not wired yet");
    }

    @Override
    public DpSgdConfig.Accountant kind() {
        return kind;
    }
}
