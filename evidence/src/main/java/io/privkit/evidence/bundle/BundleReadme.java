package io.privkit.evidence.bundle;

import io.privkit.common.BuildInfo;
import io.privkit.evidence.EvidenceRecord;
import io.privkit.evidence.json.JsonNames;
import io.privkit.evidence.measure.Measure;
import io.privkit.evidence.measure.MeasureCatalogue;
import io.privkit.evidence.render.MarkdownRenderer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The {@code README.md} of a bundle: what the folder is, its records, every catalogue measure with
 * the records that evidence it or "not measured" (so a missing test is never read as a pass), how
 * to check the files without Privkit, then each record in full.
 */
final class BundleReadme {
    private BundleReadme() {
    }

    static String render(UUID bundleId, Instant created, List<EvidenceRecord> records) {
        StringBuilder md = new StringBuilder(8192);
        md.append("# Privkit evidence bundle\n\n");
        md.append("Bundle `").append(bundleId).append("`, written ").append(created).append(" (UTC) by Privkit ")
                .append(BuildInfo.version()).append(".\n\n");
        md.append("This folder holds evidence for a data protection impact assessment (DPIA). Each record supports a "
                + "measure; whether the remaining risk is acceptable is a judgement for the people who own the DPIA.\n\n");
        md.append("## Records\n\n");
        if (records.isEmpty()) {
            md.append("No records.\n\n");
        } else {
            md.append("| Type | Verdict | Key figure | File |\n|---|---|---|---|\n");
            for (EvidenceRecord r : records) {
                md.append("| ").append(r.recordType().id()).append(" | ").append(JsonNames.of(r.header().verdict()))
                        .append(" | ").append(cell(r.headline())).append(" | `records/").append(r.recordType().id())
                        .append('-').append(r.header().recordId()).append(".json` |\n");
            }
            md.append('\n');
        }
        md.append("## DPIA measures\n\n| Measure | Status | Records |\n|---|---|---|\n");
        MeasureCatalogue catalogue = MeasureCatalogue.current();
        for (Measure m : catalogue.measures()) {
            List<EvidenceRecord> evidencing = records.stream()
                    .filter(r -> r.header().measureIds().contains(m.id())).toList();
            String status = evidencing.isEmpty() ? "not measured" : "evidenced";
            String ids = evidencing.isEmpty() ? "none" : String.join(", ",
                    evidencing.stream().map(r -> "`" + r.header().recordId() + "`").toList());
            md.append("| ").append(cell(m.title())).append(" (`").append(m.id().id()).append("`) | ").append(status)
                    .append(" | ").append(ids).append(" |\n");
        }
        md.append("\n\"Not measured\" means this bundle holds no evidence for the measure. It is not a pass.\n\n");
        md.append("## Checking this bundle\n\n");
        md.append("Every file except `manifest.json` is listed with its SHA-256 digest in `manifest.json` and in "
                + "`SHA256SUMS`. Without Privkit, from inside the folder:\n\n```\nsha256sum -c SHA256SUMS\n```\n\n"
                + "With Privkit, which also checks every record against its published schema and flags unlisted files:\n\n"
                + "```\nprivkit evidence validate <this folder>\n```\n\n");
        for (EvidenceRecord r : records) {
            md.append("---\n\n");
            md.append(MarkdownRenderer.render(r).replaceAll("(?m)^#", "##"));
        }
        return md.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
