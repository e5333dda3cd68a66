package io.privkit.dp.sgd;

import io.privkit.common.Checks;
import io.privkit.dp.accounting.Calibration;
import io.privkit.dp.accounting.DpEvent;
import io.privkit.dp.accounting.PrivacyAccountant;
import io.privkit.dp.accounting.PrivacyTarget;
import java.util.function.DoubleFunction;

/**
 * {@link DpSgdAccounting} over dp-core's accountants ({@link PrivacyAccountant#pld()},
 * {@link PrivacyAccountant#rdp()}) and {@link Calibration}, which round towards more privacy loss.
 * Immutable and thread-safe.
 */
final class DpCoreAccounting implements DpSgdAccounting {
    private final DpSgdConfig.Accountant kind;
    private final PrivacyAccountant accountant;

    private DpCoreAccounting(DpSgdConfig.Accountant kind, PrivacyAccountant accountant) {
        this.kind = kind;
        this.accountant = accountant;
    }

    static DpCoreAccounting of(DpSgdConfig.Accountant kind) {
        Checks.requireNonNull(kind, "kind");
        return new DpCoreAccounting(kind, accountant(kind));
    }

    /** dp-core's accountant of this kind (add-or-remove-one, default parameters). */
    static PrivacyAccountant accountant(DpSgdConfig.Accountant kind) {
        return switch (kind) {
            case PLD -> PrivacyAccountant.pld();
            case RDP -> PrivacyAccountant.rdp();
        };
    }

    @Override
    public double epsilon(DpEvent event, double delta) {
        return accountant.account(event).epsilon(delta);
    }

    @Override
    public double calibrateNoiseMultiplier(DoubleFunction<DpEvent> runEvent, double targetEpsilon, double delta) {
        try {
            return Calibration.noiseMultiplier(accountant, runEvent, new PrivacyTarget(targetEpsilon, delta)).value();
        } catch (IllegalArgumentException unreachable) {
            return Double.NaN;
        }
    }

    @Override
    public DpSgdConfig.Accountant kind() {
        return kind;
    }
}
