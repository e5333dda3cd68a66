package io.privkit.evidence;

import io.privkit.common.Checks;
import io.privkit.evidence.schema.Doc;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A privacy event as an accountant-neutral tree: enough for an auditor to re-account a release
 * with an independent tool. dp-core's {@code DpEvent} family maps onto it, e.g.
 * {@code self-composed {count: 10000}} over {@code poisson-sampled {samplingProbability: 0.01}}
 * over {@code gaussian {noiseMultiplier: 1.1}}.
 *
 * @param kind       the event kind, e.g. {@code gaussian}, {@code laplace}, {@code poisson-sampled},
 *                   {@code self-composed}, {@code composed}
 * @param parameters its numeric parameters by name, sorted
 * @param children   the events it wraps or composes
 */
@Doc("A privacy event as an accountant-neutral tree, so an auditor can re-account the release with another tool.")
public record DpEventDescription(
        @Doc("The event kind, e.g. gaussian, laplace, discrete-gaussian, poisson-sampled, sampled-without-replacement, self-composed, composed.")
        String kind,
        @Doc("The event's numeric parameters by name (e.g. noiseMultiplier, samplingProbability, count).") Map<String, Double> parameters,
        @Doc("The events this one wraps (sampling, self-composition) or composes.") List<DpEventDescription> children) {

    public DpEventDescription {
        Checks.requireNonBlank(kind, "dpEvent.kind");
        Checks.requireNoNullEntries(parameters, "dpEvent.parameters");
        parameters.forEach((k, v) -> Checks.requireFinite(v, "dpEvent." + kind + "." + k));
        parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
        children = List.copyOf(Checks.requireNoNullElements(children, "dpEvent.children"));
    }

    /** A leaf event. */
    public static DpEventDescription leaf(String kind, Map<String, Double> parameters) {
        return new DpEventDescription(kind, parameters, List.of());
    }
}
