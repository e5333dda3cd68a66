package io.privkit.evidence.measure;

import io.privkit.common.Checks;
import io.privkit.evidence.schema.Doc;
import io.privkit.evidence.schema.Nullable;
import java.util.List;

/**
 * Where a Privkit measure sits in the vocabularies a DPIA author works with, so the evidence can
 * be filed under the heading each reader expects. Each list may be empty where a vocabulary has no
 * matching entry; the catalogue never invents one.
 *
 * @param gdpr        GDPR articles the measure supports
 * @param cnilPia     CNIL PIA tool knowledge-base entries (their identifiers)
 * @param cnilAi      the CNIL AI how-to sheets' wording for the measure
 * @param ico         the UK ICO guidance wording for the measure
 * @param euAiAct     EU AI Act (Regulation (EU) 2024/1689) articles
 * @param nistAiRmf   NIST AI RMF 1.0 subcategories
 * @param dpv         W3C Data Privacy Vocabulary concepts
 */
@Doc("The measure's place in the vocabularies DPIA authors use: GDPR, CNIL PIA and AI guidance, ICO guidance, EU AI Act, NIST AI RMF and W3C DPV. Empty where a vocabulary has no matching entry.")
public record Crosswalk(
        @Doc("GDPR articles the measure supports, e.g. 'Art. 25(1)'.") List<String> gdpr,
        @Doc("CNIL PIA tool knowledge-base entries, by identifier.") List<String> cnilPia,
        @Doc("The CNIL AI how-to sheets' wording for this measure; null where they have none.") @Nullable String cnilAi,
        @Doc("The UK ICO guidance wording for this measure; null where it has none.") @Nullable String ico,
        @Doc("EU AI Act (Regulation (EU) 2024/1689) articles, e.g. 'Art. 10(2)(f)'.") List<String> euAiAct,
        @Doc("NIST AI RMF 1.0 subcategories, e.g. 'MEASURE 2.11'.") List<String> nistAiRmf,
        @Doc("W3C Data Privacy Vocabulary concepts, e.g. 'dpv:DifferentialPrivacy'.") List<String> dpv) {

    public Crosswalk {
        gdpr = List.copyOf(Checks.requireNoNullElements(gdpr, "crosswalk.gdpr"));
        cnilPia = List.copyOf(Checks.requireNoNullElements(cnilPia, "crosswalk.cnilPia"));
        euAiAct = List.copyOf(Checks.requireNoNullElements(euAiAct, "crosswalk.euAiAct"));
        nistAiRmf = List.copyOf(Checks.requireNoNullElements(nistAiRmf, "crosswalk.nistAiRmf"));
        dpv = List.copyOf(Checks.requireNoNullElements(dpv, "crosswalk.dpv"));
    }
}
