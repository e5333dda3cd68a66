package io.privkit.federated.coordinator;

import io.privkit.common.Checks;
import io.privkit.common.Sha256;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What happened in one round: who was sampled, who reported, who dropped, what was rejected and
 * why, and the resulting model.
 *
 * <p>{@code sampled = reported + dropped + (clients whose result was rejected)}; {@code rejected}
 * counts rejected results and uploads (a client may be rejected for an upload and again for a
 * replay), and {@code rejections} splits it by {@link RejectionReason#code()}.
 *
 * @param round         the round, from 1
 * @param outcome       whether the round produced a new model
 * @param sampled       clients sampled
 * @param reported      results accepted into the aggregate
 * @param dropped       sampled clients with no result by the deadline (or that reported a failure)
 * @param rejected      results or uploads rejected
 * @param rejections    rejections by reason code
 * @param modelSha256   the global model after the round ({@link io.privkit.federated.ModelWeights#sha256()})
 * @param duration      wall-clock duration
 * @param bytesReceived bytes of updates received
 * @param detail        why the round failed, or an empty string
 * @param metrics       the coordinator's evaluation of the new model (may be empty)
 * @param clipNorm      the client-level DP clipping norm used, or null without DP
 * @param epsilon       the client-level epsilon spent so far, or null without DP
 */
public record RoundReport(int round, Outcome outcome, int sampled, int reported, int dropped, int rejected,
                          Map<String, Integer> rejections, Sha256 modelSha256, Duration duration, long bytesReceived,
                          String detail, Map<String, Double> metrics, Double clipNorm, Double epsilon) {

    /** Whether a round produced a new model. */
    public enum Outcome {
        /** Aggregated; the global model moved. */
        COMPLETED,
        /** Too few results, an unrecoverable secure-aggregation dropout, or an aggregation error; the model is unchanged. */
        FAILED
    }

    public RoundReport {
        Checks.requirePositive(round, "round");
        Checks.requireNonNull(outcome, "outcome");
        Checks.requireNonNegative(sampled, "sampled");
        Checks.requireNonNegative(reported, "reported");
        Checks.requireNonNegative(dropped, "dropped");
        Checks.requireNonNegative(rejected, "rejected");
        rejections = Collections.unmodifiableMap(new TreeMap<>(Checks.requireNoNullEntries(rejections, "rejections")));
        int sum = rejections.values().stream().mapToInt(Integer::intValue).sum();
        if (sum != rejected) {
            throw Checks.argument("rejections").mustBe("summing to rejected (" + rejected + ")").got(sum).noFix().exception();
        }
        Checks.requireNonNull(modelSha256, "modelSha256");
        Checks.requireNonNull(duration, "duration");
        Checks.requireNonNegative(bytesReceived, "bytesReceived");
        Checks.requireNonNull(detail, "detail");
        metrics = Collections.unmodifiableMap(new TreeMap<>(Checks.requireNoNullEntries(metrics, "metrics")));
    }

    /** One progress line, e.g. {@code round 3/10 completed: sampled 7, reported 6, dropped 1, rejected 0 ...}. */
    public String progressLine(int totalRounds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "round %d/%d %s: sampled %d, reported %d, dropped %d, rejected %d",
                round, totalRounds, outcome == Outcome.COMPLETED ? "completed" : "FAILED", sampled, reported, dropped, rejected));
        if (!rejections.isEmpty()) {
            sb.append(' ').append(rejections);
        }
        metrics.forEach((k, v) -> sb.append(String.format(Locale.ROOT, ", %s %.4f", k, v)));
        if (clipNorm != null) {
            sb.append(String.format(Locale.ROOT, ", clip %.4g", clipNorm));
        }
        if (epsilon != null) {
            sb.append(String.format(Locale.ROOT, ", epsilon %.4g", epsilon));
        }
        sb.append(String.format(Locale.ROOT, "; model %s; %.1f s", modelSha256.hex().substring(0, 12), duration.toMillis() / 1000.0));
        if (!detail.isEmpty()) {
            sb.append(" (").append(detail).append(')');
        }
        return sb.toString();
    }
}
