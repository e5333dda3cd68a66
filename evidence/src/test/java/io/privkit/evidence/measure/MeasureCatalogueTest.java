package io.privkit.evidence.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.evidence.RecordType;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MeasureCatalogueTest {
    private final MeasureCatalogue catalogue = MeasureCatalogue.current();

    @Test
    void everyMeasureId_hasExactlyOneEntry_inEnumOrder() {
        assertEquals(MeasureId.values().length, catalogue.measures().size());
        for (int i = 0; i < MeasureId.values().length; i++) {
            assertEquals(MeasureId.values()[i], catalogue.measures().get(i).id());
        }
    }

    @Test
    void everyRecordType_evidencesSomeMeasure_andNamesAreValid() {
        Set<String> used = new HashSet<>();
        for (Measure m : catalogue.measures()) {
            for (String t : m.recordTypes()) {
                RecordType.parse(t);
                used.add(t);
            }
        }
        for (RecordType t : RecordType.values()) {
            assertTrue(used.contains(t.id()), t.id() + " evidences no measure");
        }
    }

    @Test
    void everyRisk_isAddressedByAMeasure() {
        Set<String> addressed = new HashSet<>();
        catalogue.measures().forEach(m -> addressed.addAll(m.riskIds()));
        for (Risk r : catalogue.risks()) {
            assertTrue(addressed.contains(r.id()), r.id() + " is addressed by no measure");
            assertFalse(r.sources().isEmpty(), r.id() + " has no source");
        }
    }

    /** Identifiers follow each vocabulary's own form, so a typo cannot slip into a DPIA. */
    @Test
    void crosswalkIdentifiers_wellFormed() {
        Pattern gdpr = Pattern.compile("Art\\. [0-9]+(\\([0-9]+\\))?(\\([a-z]\\))?");
        Pattern aiAct = gdpr;
        Pattern cnil = Pattern.compile("PIA_[A-Z]+_[A-Z0-9]+");
        Pattern nist = Pattern.compile("(GOVERN|MAP|MEASURE|MANAGE) [0-9]+\\.[0-9]+");
        Pattern dpv = Pattern.compile("dpv:[A-Z][A-Za-z]+");
        for (Measure m : catalogue.measures()) {
            Crosswalk c = m.crosswalk();
            assertFalse(c.gdpr().isEmpty(), m.id().id() + " has no GDPR anchor");
            c.gdpr().forEach(v -> assertTrue(gdpr.matcher(v).matches(), v));
            c.euAiAct().forEach(v -> assertTrue(aiAct.matcher(v).matches(), v));
            c.cnilPia().forEach(v -> assertTrue(cnil.matcher(v).matches(), v));
            c.nistAiRmf().forEach(v -> assertTrue(nist.matcher(v).matches(), v));
            c.dpv().forEach(v -> assertTrue(dpv.matcher(v).matches(), v));
        }
    }

    @Test
    void catalogueText_neverClaimsCompliance() {
        for (Measure m : catalogue.measures()) {
            assertFalse(m.description().toLowerCase().matches("(?s).*\\bcomplian(t|ce)\\b.*"), m.id().id());
        }
    }
}
