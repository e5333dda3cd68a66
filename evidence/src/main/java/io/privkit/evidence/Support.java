package io.privkit.evidence;

import io.privkit.common.Checks;
import io.privkit.evidence.measure.Crosswalk;
import io.privkit.evidence.measure.MeasureCatalogue;
import io.privkit.evidence.measure.MeasureId;
import io.privkit.evidence.schema.Doc;
import java.util.List;

/**
 * A DPIA measure a record supports, and the risks it addresses. The crosswalk is copied from the
 * catalogue into the record so the record reads correctly on its own, years later.
 *
 * @param measureId the measure
 * @param riskIds   the catalogue risks this evidence bears on
 * @param crosswalk the measure's crosswalk at the time the record was made
 */
@Doc("A DPIA measure this record supports ('supports', never 'complies with'), the risks it bears on, and the measure's crosswalk.")
public record Support(
        @Doc("The measure this record supports.") MeasureId measureId,
        @Doc("Catalogue risk ids this evidence bears on.") List<String> riskIds,
        @Doc("The measure's crosswalk to external vocabularies, copied from the catalogue.") Crosswalk crosswalk) {

    public Support {
        Checks.requireNonNull(measureId, "supports.measureId");
        riskIds = List.copyOf(Checks.requireNonEmpty(riskIds, "supports.riskIds"));
        Checks.requireNonNull(crosswalk, "supports.crosswalk");
    }

    /**
     * Support for a measure from the current catalogue. With no risk ids, all the risks the
     * catalogue lists for the measure.
     *
     * @throws IllegalArgumentException if a risk id is not in the catalogue
     */
    public static Support of(MeasureId measureId, String... riskIds) {
        MeasureCatalogue catalogue = MeasureCatalogue.current();
        var measure = catalogue.measure(measureId);
        List<String> risks = riskIds.length == 0 ? measure.riskIds() : List.of(riskIds);
        for (String r : risks) {
            if (catalogue.risk(r).isEmpty()) {
                throw Checks.argument("riskId").mustBe("a risk of the measure catalogue").got(r)
                        .fix("Use one of " + catalogue.risks().stream().map(x -> x.id()).toList() + ".").exception();
            }
        }
        return new Support(measureId, risks, measure.crosswalk());
    }
}
