package io.privkit.evidence.measure;

import io.privkit.common.Checks;
import io.privkit.evidence.schema.Doc;
import java.util.List;

/**
 * A DPIA measure Privkit can evidence: what it is, which record types evidence it, which risks it
 * addresses, and its crosswalk.
 *
 * @param id          the measure's identifier
 * @param title       short title for the measures table
 * @param description what the measure does for the people whose data is processed
 * @param recordTypes the evidence record types that evidence it (JSON names, e.g. {@code privacy-budget})
 * @param riskIds     the catalogue risks it addresses
 * @param crosswalk   its place in external vocabularies
 */
@Doc("A DPIA measure Privkit can evidence.")
public record Measure(
        @Doc("The measure's stable identifier.") MeasureId id,
        @Doc("Short title for the measures table.") String title,
        @Doc("What the measure does for the people whose data is processed.") String description,
        @Doc("Record types that evidence this measure.") List<String> recordTypes,
        @Doc("Risks (catalogue ids) the measure addresses.") List<String> riskIds,
        @Doc("The measure's place in external vocabularies.") Crosswalk crosswalk) {

    public Measure {
        Checks.requireNonNull(id, "measure.id");
        Checks.requireNonBlank(title, "measure.title");
        Checks.requireNonBlank(description, "measure.description");
        recordTypes = List.copyOf(Checks.requireNoNullElements(recordTypes, "measure.recordTypes"));
        riskIds = List.copyOf(Checks.requireNonEmpty(riskIds, "measure.riskIds"));
        Checks.requireNonNull(crosswalk, "measure.crosswalk");
    }
}
