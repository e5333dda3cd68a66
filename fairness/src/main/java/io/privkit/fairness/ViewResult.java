package io.privkit.fairness;

import io.privkit.common.Checks;
import io.privkit.evidence.Estimate;
import io.privkit.fairness.metrics.Aggregate;
import io.privkit.fairness.metrics.AifComparison;
import io.privkit.fairness.metrics.Metric;
import io.privkit.fairness.stats.ChiSquareIndependence;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The assessment of one grouping: one sensitive attribute, or the intersection of all of them,
 * optionally within one level of the control attributes (the stratum).
 *
 * <p>Immutable and thread-safe.
 *
 * @param name         e.g. {@code race} or {@code race x sex}
 * @param attributes   the sensitive attributes grouped by
 * @param stratum      the control levels compared within, or {@link GroupKey#OVERALL} for none
 * @param reference    the reference group of this view
 * @param overall      everyone in the stratum
 * @param groups       every group, declared-but-empty ones included
 * @param comparisons  each group against the reference and against everyone, for every metric
 * @param summaries    per metric, Fairlearn's aggregates over groups
 * @param named        the named criteria's values, e.g. {@code demographic-parity-difference/between-groups}
 * @param aif          AIF360's view of each group (and of everyone else together) against the reference
 * @param indices      generalised entropy indices and smoothed differential fairness over the groups
 * @param omnibus      chi-squared test of favourable decisions across groups; null when not computable
 * @param omnibusNote  why the omnibus test is missing or questionable; null when it is neither
 * @param fourFifths   favourable-rate impact ratios per group
 */
public record ViewResult(String name, List<String> attributes, GroupKey stratum, GroupKey reference, GroupResult overall,
                         List<GroupResult> groups, List<PairComparison> comparisons, List<MetricSummary> summaries,
                         Map<String, Aggregate> named, List<AifComparison> aif, List<Estimate> indices, ChiSquareIndependence omnibus,
                         String omnibusNote, List<FourFifthsRow> fourFifths) {

    public ViewResult {
        Checks.requireNonBlank(name, "name");
        attributes = List.copyOf(Checks.requireNonEmpty(attributes, "attributes"));
        Checks.requireNonNull(stratum, "stratum");
        Checks.requireNonNull(reference, "reference");
        Checks.requireNonNull(overall, "overall");
        groups = List.copyOf(Checks.requireNoNullElements(groups, "groups"));
        comparisons = List.copyOf(Checks.requireNoNullElements(comparisons, "comparisons"));
        summaries = List.copyOf(Checks.requireNoNullElements(summaries, "summaries"));
        named = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.requireNoNullEntries(named, "named")));
        aif = List.copyOf(Checks.requireNoNullElements(aif, "aif"));
        indices = List.copyOf(Checks.requireNoNullElements(indices, "indices"));
        fourFifths = List.copyOf(Checks.requireNoNullElements(fourFifths, "fourFifths"));
    }

    /** The view's full name with its stratum, e.g. {@code race [age_cat=25 - 45]}. */
    public String qualifiedName() {
        return stratum.overall() ? name : name + " [" + stratum.label() + "]";
    }

    /** The group with the given key ({@code Caucasian|Male}) or label. */
    public GroupResult group(String keyOrLabel) {
        return groups.stream().filter(g -> g.key().key().equals(keyOrLabel) || g.key().label().equals(keyOrLabel)).findFirst()
                .orElseThrow(() -> Checks.argument("group").mustBe("one of " + groups.stream().map(g -> g.key().key()).toList())
                        .got(keyOrLabel).noFix().exception());
    }

    /** The reference group's result. */
    public GroupResult referenceGroup() {
        return group(reference.key());
    }

    /** The comparison of {@code group} with the reference on {@code metric}. */
    public PairComparison vsReference(Metric metric, String group) {
        return comparisons.stream().filter(c -> c.metric() == metric && !c.toOverall()
                && (c.group().key().equals(group) || c.group().label().equals(group))).findFirst()
                .orElseThrow(() -> Checks.argument("group").mustBe("a non-reference group of " + name).got(group).noFix().exception());
    }

    /** The summary of {@code metric}. */
    public MetricSummary summary(Metric metric) {
        return summaries.stream().filter(s -> s.metric() == metric).findFirst().orElseThrow(() -> Checks.argument("metric")
                .mustBe("a metric of this view").got(metric.id()).noFix().exception());
    }

    /** The index or differential-fairness estimate named {@code name}. */
    public Estimate index(String indexName) {
        return indices.stream().filter(e -> e.name().equals(indexName)).findFirst().orElseThrow(() -> Checks.argument("index")
                .mustBe("one of " + indices.stream().map(Estimate::name).toList()).got(indexName).noFix().exception());
    }
}
