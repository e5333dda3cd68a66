package io.privkit.federated.coordinator;

/**
 * Receives each round's report as soon as the round is checkpointed (e.g. to print a progress
 * line). Called from the coordinator's round thread; must not block for long.
 */
@FunctionalInterface
public interface RoundListener {
    /** A round ended. */
    void roundEnded(RoundReport report, int totalRounds);

    /** A listener that prints {@link RoundReport#progressLine} to {@code out}. */
    static RoundListener printingTo(java.io.PrintWriter out) {
        return (r, total) -> {
            out.println(r.progressLine(total));
            out.flush();
        };
    }

    /** A listener that does nothing. */
    static RoundListener none() {
        return (r, total) -> {
        };
    }
}
