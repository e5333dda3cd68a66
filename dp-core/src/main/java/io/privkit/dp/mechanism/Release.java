package io.privkit.dp.mechanism;

import io.privkit.common.Checks;
import io.privkit.dp.accounting.DpEvent;

/**
 * A differentially private result and the privacy event it cost. Record the event in a
 * {@link io.privkit.dp.ledger.PrivacyLedger} before releasing the value.
 *
 * @param value the noisy value
 * @param event what releasing it costs
 * @param <T>   the value's type
 */
public record Release<T>(T value, DpEvent event) {
    public Release {
        Checks.requireNonNull(value, "value");
        Checks.requireNonNull(event, "event");
    }
}
