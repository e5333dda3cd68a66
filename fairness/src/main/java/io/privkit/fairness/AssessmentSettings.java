package io.privkit.fairness;

import io.privkit.common.Checks;
import io.privkit.fairness.stats.ConfidenceLevel;
import io.privkit.fairness.stats.PValueAdjustment;
import io.privkit.fairness.stats.ProportionMethod;
import java.util.List;

/**
 * Every setting of a {@link FairnessAssessment}, echoed into its report and evidence. Build with
 * {@link FairnessAssessment#builder()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param favourable          which class is favourable to the person
 * @param reference           the reference group: one value per sensitive attribute
 * @param referenceRationale  why that group is the reference
 * @param intervalMethod      the interval for per-group rates
 * @param level               the coverage of every interval, and {@code 1 - alpha} of every verdict
 * @param floor               the reliability floor
 * @param minCellSize         the disclosure floor: published reports suppress smaller groups
 * @param criteria            the pre-registered criteria
 * @param bootstrap           the bootstrap for aggregates; null for none
 * @param test                the test of equal rates per comparison
 * @param screening           the adjustment of per-metric p-values across groups (screening)
 * @param verdictAdjustment   the adjustment of criterion comparisons (verdicts)
 * @param views               which groupings are assessed
 */
public record AssessmentSettings(FavourableOutcome favourable, GroupKey reference, String referenceRationale,
                                 ProportionMethod intervalMethod, ConfidenceLevel level, ReliabilityFloor floor, int minCellSize,
                                 List<Criterion> criteria, BootstrapSettings bootstrap, TestChoice test, PValueAdjustment screening,
                                 PValueAdjustment verdictAdjustment, Views views) {

    /** Which groupings an assessment reports. */
    public enum Views {
        /** Each sensitive attribute alone and, with two or more, their intersection (the default). */
        EACH_AND_INTERSECTION,
        /** Each sensitive attribute alone. */
        EACH,
        /** Only the intersection of every sensitive attribute. */
        INTERSECTION
    }

    public AssessmentSettings {
        Checks.requireNonNull(favourable, "favourable");
        Checks.requireNonNull(reference, "reference");
        if (reference.overall()) {
            throw Checks.argument("reference").mustBe("a group (one value per sensitive attribute)").got("overall")
                    .fix("Name the reference group, e.g. reference(\"sex\", \"Male\").").exception();
        }
        Checks.requireNonBlank(referenceRationale, "referenceRationale");
        Checks.requireNonNull(intervalMethod, "intervalMethod");
        Checks.requireNonNull(level, "level");
        Checks.requireNonNull(floor, "floor");
        Checks.requireNonNegative(minCellSize, "minCellSize");
        criteria = List.copyOf(Checks.requireNoNullElements(criteria, "criteria"));
        Checks.requireNonNull(test, "test");
        Checks.requireNonNull(screening, "screening");
        Checks.requireNonNull(verdictAdjustment, "verdictAdjustment");
        Checks.requireNonNull(views, "views");
        for (Criterion c : criteria) {
            if (c.comparison() == Criterion.Comparison.BETWEEN_GROUPS && bootstrap == null) {
                throw Checks.argument("criterion " + c.name()).mustBe("compared vs the reference, or given a bootstrap")
                        .got("between-groups without a bootstrap").fix("Add bootstrap(BootstrapSettings.of(1000, seed)).").exception();
            }
        }
        if (criteria.stream().map(Criterion::name).distinct().count() != criteria.size()) {
            throw Checks.argument("criteria").mustBe("uniquely named").got(criteria.stream().map(Criterion::name).toList())
                    .fix("Give each criterion its own name.").exception();
        }
    }
}
