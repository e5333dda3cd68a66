package io.privkit.federated.strategy;

import io.privkit.common.Checks;

/**
 * A sampled client whose update is not in the aggregate, and why. Strategies receive the round's
 * failures beside its results (Flower's {@code aggregate_fit(results, failures)}), e.g. to fail a
 * round when too many clients misbehaved.
 *
 * @param clientId the client
 * @param kind     dropped, rejected or failed
 * @param reason   a stable reason code, e.g. {@code non-finite}, {@code deadline}
 */
public record ClientFailure(String clientId, Kind kind, String reason) {

    /** Why an update is missing. */
    public enum Kind {
        /** The client did not answer before the deadline (crashed, disconnected, too slow). */
        DROPPED,
        /** The coordinator rejected the update (validation). */
        REJECTED,
        /** The client reported that it could not do the task. */
        FAILED
    }

    public ClientFailure {
        Checks.requireNonBlank(clientId, "clientId");
        Checks.requireNonNull(kind, "kind");
        Checks.requireNonBlank(reason, "reason");
    }
}
