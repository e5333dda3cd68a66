package io.privkit.fairness;

import io.privkit.common.Checks;
import io.privkit.evidence.RandomnessStamp;
import io.privkit.evidence.Verdict;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a {@link FairnessAssessment}: the settings, what the data held (rows, missing
 * values, drops), every view (each sensitive attribute, their intersection, within each control
 * level) with its groups, comparisons and aggregates, each criterion's verdict, the overall
 * verdict, and notes naming every undefined value and every group too small to judge.
 *
 * <p>It holds the unsuppressed figures: keep it (and the evidence made from it) under access
 * control, and publish {@link Disclosure#publish(FairnessReport) the suppressed version}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param settings   the settings
 * @param data       what the data held
 * @param views      every view
 * @param criteria   each criterion's verdict
 * @param verdict    fail if any criterion fails, pass if all pass, inconclusive otherwise, informational without criteria
 * @param notes      undefined values, small groups, empty groups and dropped rows, in words
 * @param randomness the bootstrap's randomness; null without a bootstrap
 * @param suppressed groups withheld by the disclosure floor (empty in the unsuppressed report)
 * @param publication whether this is the unsuppressed or the published version
 */
public record FairnessReport(AssessmentSettings settings, DataSummary data, List<ViewResult> views, List<CriterionResult> criteria,
                             Verdict verdict, List<String> notes, RandomnessStamp randomness, List<Suppression> suppressed,
                             Publication publication) {

    /** Whether a report holds every figure or is the suppressed version for publication. */
    public enum Publication {
        /** Every figure: for access-controlled evidence. */
        UNSUPPRESSED,
        /** Groups below the disclosure floor (and those that would reveal them) withheld. */
        PUBLISHED
    }

    /**
     * What the data held.
     *
     * @param attributes    the attributes (sensitive and control)
     * @param missingPolicy the missing-value policy
     * @param rows          rows read
     * @param rowsAssessed  rows in the groups
     * @param missing       rows with a missing value, per attribute
     * @param dropped       rows dropped, by reason
     * @param scores        whether scores were given
     * @param regression    whether a numeric target was given
     */
    public record DataSummary(List<Attribute> attributes, MissingValuePolicy missingPolicy, long rows, long rowsAssessed,
                              Map<String, Long> missing, Map<String, Long> dropped, boolean scores, boolean regression) {
        public DataSummary {
            attributes = List.copyOf(Checks.requireNonEmpty(attributes, "attributes"));
            Checks.requireNonNull(missingPolicy, "missingPolicy");
            missing = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.requireNoNullEntries(missing, "missing")));
            dropped = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.requireNoNullEntries(dropped, "dropped")));
        }
    }

    /**
     * A group withheld from a published report.
     *
     * @param view   the view's qualified name
     * @param group  the group's label
     * @param reason why (fewer people than the disclosure floor, or withheld so that a small group
     *               cannot be recovered by subtraction)
     */
    public record Suppression(String view, String group, String reason) {
        public Suppression {
            Checks.requireNonBlank(view, "view");
            Checks.requireNonBlank(group, "group");
            Checks.requireNonBlank(reason, "reason");
        }
    }

    public FairnessReport {
        Checks.requireNonNull(settings, "settings");
        Checks.requireNonNull(data, "data");
        views = List.copyOf(Checks.requireNonEmpty(views, "views"));
        criteria = List.copyOf(Checks.requireNoNullElements(criteria, "criteria"));
        Checks.requireNonNull(verdict, "verdict");
        notes = List.copyOf(Checks.requireNoNullElements(notes, "notes"));
        suppressed = List.copyOf(Checks.requireNoNullElements(suppressed, "suppressed"));
        Checks.requireNonNull(publication, "publication");
    }

    /** The unstratified view with the given name ({@code race}, {@code race x sex}). */
    public ViewResult view(String name) {
        return views.stream().filter(v -> v.name().equals(name) && v.stratum().overall()).findFirst()
                .orElseThrow(() -> Checks.argument("view").mustBe("one of " + views.stream().map(ViewResult::qualifiedName).toList())
                        .got(name).noFix().exception());
    }

    /** The view with the given qualified name ({@code race [age_cat=25 - 45]}). */
    public ViewResult viewQualified(String qualifiedName) {
        return views.stream().filter(v -> v.qualifiedName().equals(qualifiedName)).findFirst()
                .orElseThrow(() -> Checks.argument("view").mustBe("one of " + views.stream().map(ViewResult::qualifiedName).toList())
                        .got(qualifiedName).noFix().exception());
    }

    /** The result of the criterion named {@code name}. */
    public CriterionResult criterion(String name) {
        return criteria.stream().filter(c -> c.criterion().name().equals(name)).findFirst()
                .orElseThrow(() -> Checks.argument("criterion").mustBe("one of " + criteria.stream().map(c -> c.criterion().name()).toList())
                        .got(name).noFix().exception());
    }
}
