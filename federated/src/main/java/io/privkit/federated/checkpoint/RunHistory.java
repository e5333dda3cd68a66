package io.privkit.federated.checkpoint;

import io.privkit.common.Checks;
import io.privkit.evidence.FederatedTrainingEvidence;
import io.privkit.federated.coordinator.RoundReport;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a run's evidence needs that accumulates over rounds, kept in every checkpoint so a
 * restarted coordinator's evidence still covers the whole run.
 *
 * @param startedAt       when the run's first round began
 * @param rounds          the reports of the rounds so far, in order
 * @param incidents       failed rounds, restarts and anomalies
 * @param lateRejections  results rejected after their round had closed, by reason code
 * @param siteMetrics     the metrics each client reported in its last accepted result
 */
public record RunHistory(Instant startedAt, List<RoundReport> rounds, List<FederatedTrainingEvidence.Incident> incidents,
                         Map<String, Long> lateRejections, Map<String, Map<String, Double>> siteMetrics) {

    public RunHistory {
        Checks.requireNonNull(startedAt, "startedAt");
        rounds = List.copyOf(Checks.requireNoNullElements(rounds, "rounds"));
        incidents = List.copyOf(Checks.requireNoNullElements(incidents, "incidents"));
        lateRejections = Collections.unmodifiableMap(new TreeMap<>(Checks.requireNoNullEntries(lateRejections, "lateRejections")));
        TreeMap<String, Map<String, Double>> sm = new TreeMap<>();
        Checks.requireNoNullEntries(siteMetrics, "siteMetrics").forEach((k, v) -> sm.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
        siteMetrics = Collections.unmodifiableMap(sm);
    }

    /** An empty history starting now. */
    public static RunHistory startingAt(Instant start) {
        return new RunHistory(start, List.of(), List.of(), Map.of(), Map.of());
    }
}
