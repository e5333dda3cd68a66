package io.privkit.evidence.measure;

import io.privkit.common.Checks;
import io.privkit.evidence.schema.Doc;
import java.util.List;

/**
 * A risk to people that a measure addresses, as named in the catalogue. Privkit never scores a
 * risk's likelihood or severity: that judgement belongs to the people who own the DPIA.
 *
 * @param id          stable kebab-case identifier
 * @param title       one-line title
 * @param description what could happen to people
 * @param sources     where regulators or standards name this risk
 */
@Doc("A risk to people that a measure addresses. Privkit never scores likelihood or severity: people make that judgement.")
public record Risk(
        @Doc("Stable identifier, kebab-case.") String id,
        @Doc("One-line title.") String title,
        @Doc("What could happen to people.") String description,
        @Doc("Where regulators or standards name this risk.") List<String> sources) {

    public Risk {
        Checks.requireNonBlank(id, "risk.id");
        Checks.requireNonBlank(title, "risk.title");
        Checks.requireNonBlank(description, "risk.description");
        sources = List.copyOf(Checks.requireNoNullElements(sources, "risk.sources"));
    }
}
