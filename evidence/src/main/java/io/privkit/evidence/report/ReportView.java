package io.privkit.evidence.report;

import io.privkit.common.Checks;
import io.privkit.evidence.EvidenceRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What every rendering is made from: the bundle document and the records it indexes (both JSON
 * sources of truth), and the verification appendix.
 *
 * @param document       the dpia-evidence-bundle document
 * @param records        the records, in the document's order
 * @param verifyMarkdown the verification appendix
 */
public record ReportView(DpiaEvidenceBundle document, List<EvidenceRecord> records, String verifyMarkdown) {
    public ReportView {
        Checks.requireNonNull(document, "document");
        records = List.copyOf(records);
        Checks.requireNonNull(verifyMarkdown, "verifyMarkdown");
    }

    /** The record with the given id. */
    public Optional<EvidenceRecord> record(UUID id) {
        return records.stream().filter(r -> r.header().recordId().equals(id)).findFirst();
    }
}
