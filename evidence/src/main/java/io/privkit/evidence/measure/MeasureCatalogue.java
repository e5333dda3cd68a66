package io.privkit.evidence.measure;

import io.privkit.common.Checks;
import io.privkit.evidence.json.CanonicalJson;
import io.privkit.evidence.schema.Doc;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The versioned catalogue of DPIA measures Privkit can evidence, the risks they address, and the
 * crosswalk of each measure to GDPR, CNIL, ICO, EU AI Act, NIST AI RMF and W3C DPV vocabularies.
 *
 * <p>The catalogue ships as {@code io/privkit/evidence/measure/measure-catalogue.json}; records
 * cite its {@link #catalogueVersion()} so a reader years later knows which crosswalk applied. The
 * catalogue maps evidence to measures; it never says a measure is sufficient, and it never scores
 * a risk: those are judgements for the DPIA's owners.
 *
 * <p>Immutable and thread-safe.
 *
 * @param catalogueVersion the catalogue's version; bumped whenever a mapping changes
 * @param risks            every risk the measures address
 * @param measures         one entry per {@link MeasureId}
 */
@Doc("The catalogue of DPIA measures Privkit can evidence, with their risks and crosswalk.")
public record MeasureCatalogue(
        @Doc("The catalogue's version; bumped whenever a mapping changes.") String catalogueVersion,
        @Doc("Every risk the measures address.") List<Risk> risks,
        @Doc("One entry per measure.") List<Measure> measures) {

    private static final String RESOURCE = "/io/privkit/evidence/measure/measure-catalogue.json";
    private static volatile MeasureCatalogue current;

    public MeasureCatalogue {
        Checks.requireNonBlank(catalogueVersion, "catalogueVersion");
        risks = List.copyOf(Checks.requireNonEmpty(risks, "risks"));
        measures = List.copyOf(Checks.requireNonEmpty(measures, "measures"));
        Set<String> riskIds = new HashSet<>();
        for (Risk r : risks) {
            if (!riskIds.add(r.id())) {
                throw Checks.argument("risks").mustBe("free of duplicate ids").got(r.id()).noFix().exception();
            }
        }
        Map<MeasureId, Measure> seen = new EnumMap<>(MeasureId.class);
        for (Measure m : measures) {
            if (seen.put(m.id(), m) != null) {
                throw Checks.argument("measures").mustBe("free of duplicate ids").got(m.id().id()).noFix().exception();
            }
            for (String r : m.riskIds()) {
                if (!riskIds.contains(r)) {
                    throw Checks.argument("measure " + m.id().id() + " riskIds").mustBe("ids of catalogue risks")
                            .got(r).noFix().exception();
                }
            }
        }
        for (MeasureId id : MeasureId.values()) {
            if (!seen.containsKey(id)) {
                throw Checks.argument("measures").mustBe("one entry per measure id").got("no entry for " + id.id())
                        .noFix().exception();
            }
        }
    }

    /** The catalogue shipped with this Privkit. */
    public static MeasureCatalogue current() {
        MeasureCatalogue c = current;
        if (c == null) {
            c = load();
            current = c;
        }
        return c;
    }

    /** The entry for a measure. */
    public Measure measure(MeasureId id) {
        Checks.requireNonNull(id, "measureId");
        return measures.stream().filter(m -> m.id() == id).findFirst().orElseThrow();
    }

    /** The risk with the given id, if the catalogue has it. */
    public Optional<Risk> risk(String id) {
        return risks.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** Measures by id, in catalogue order. */
    public Map<MeasureId, Measure> byId() {
        Map<MeasureId, Measure> map = new LinkedHashMap<>();
        measures.forEach(m -> map.put(m.id(), m));
        return map;
    }

    private static MeasureCatalogue load() {
        try (InputStream in = MeasureCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The measure catalogue " + RESOURCE + " is missing from the classpath");
            }
            return CanonicalJson.mapper().readValue(in, MeasureCatalogue.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the measure catalogue " + RESOURCE, e);
        }
    }
}
