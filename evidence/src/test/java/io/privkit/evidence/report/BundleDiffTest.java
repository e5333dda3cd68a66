package io.privkit.evidence.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.EvidenceRecord;
import io.privkit.evidence.SampleRecords;
import io.privkit.evidence.report.DpiaEvidenceBundle.Change;
import io.privkit.evidence.report.DpiaEvidenceBundle.ChangeKind;
import io.privkit.evidence.sign.Ed25519Signer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changes between bundles: epsilon spent, fairness with interval overlap, new drift events, statuses. */
class BundleDiffTest {
    @TempDir
    Path tmp;

    private static EvidenceRecord edit(EvidenceRecord r, Consumer<ObjectNode> change) {
        ObjectNode tree = EvidenceJson.toTree(r);
        change.accept(tree);
        ((ObjectNode) tree.get("header")).put("recordId", java.util.UUID.randomUUID().toString());
        return EvidenceJson.read(tree, null);
    }

    private ReportView view(String name, List<EvidenceRecord> records) throws Exception {
        return ReportBundle.builder().records(records).policy(SamplePolicy.file()).signer(Ed25519Signer.generate(new SecureRandom()))
                .clock(Clock.fixed(SamplePolicy.BUILD, ZoneOffset.UTC)).write(tmp.resolve(name)).view();
    }

    private static ObjectNode disparity(ObjectNode fairness) {
        return (ObjectNode) fairness.get("disparities").get(0);
    }

    @Test
    void fairness_overlappingIntervals_saidToBeNoShownChange_disjointSaidToBeReal() throws Exception {
        ReportView before = view("a", List.of(SampleRecords.fairness()));   // -0.05 [-0.08, -0.02]
        EvidenceRecord overlapping = edit(SampleRecords.fairness(), t -> {
            disparity(t).put("difference", -0.06);
            ((ObjectNode) disparity(t).get("differenceCi")).put("lower", -0.09).put("upper", -0.03);
        });
        EvidenceRecord disjoint = edit(SampleRecords.fairness(), t -> {
            disparity(t).put("difference", -0.15);
            ((ObjectNode) disparity(t).get("differenceCi")).put("lower", -0.18).put("upper", -0.12);
        });
        Change c1 = only(BundleDiff.between(before, view("b", List.of(overlapping))), ChangeKind.FAIRNESS);
        assertTrue(c1.note().startsWith("intervals overlap"), c1.note());
        assertEquals("-0.05 [-0.08, -0.02]", c1.before());
        Change c2 = only(BundleDiff.between(before, view("c", List.of(disjoint))), ChangeKind.FAIRNESS);
        assertTrue(c2.note().startsWith("intervals do not overlap"), c2.note());
    }

    @Test
    void epsilonSpent_andNewDriftEvent_listed() throws Exception {
        ReportView before = view("a", List.of(SampleRecords.privacyBudget(), SampleRecords.drift()));
        EvidenceRecord moreSpent = edit(SampleRecords.privacyBudget(), t -> ((ObjectNode) t.get("ledger")).put("spentBefore", 4.0));
        EvidenceRecord newFeature = edit(SampleRecords.drift(), t -> {
            ObjectNode f = ((ObjectNode) t.get("perFeature").get(0)).deepCopy();
            f.put("feature", "income");
            ((com.fasterxml.jackson.databind.node.ArrayNode) t.get("perFeature")).add(f);
        });
        List<Change> changes = BundleDiff.between(before, view("b", List.of(moreSpent, newFeature)));
        Change eps = only(changes, ChangeKind.EPSILON_SPENT);
        assertEquals("5.9137", eps.before());   // ledger: 3 spent before + 2.9137
        assertEquals("6.9137", eps.after());
        Change drift = only(changes, ChangeKind.DRIFT_EVENT);
        assertEquals("feature income", drift.subject());
    }

    @Test
    void identicalEvidence_noChange() throws Exception {
        assertEquals(List.of(), BundleDiff.between(view("a", SampleRecords.all()), view("b", SampleRecords.all())));
    }

    private static Change only(List<Change> changes, ChangeKind kind) {
        List<Change> of = changes.stream().filter(c -> c.kind() == kind).toList();
        assertEquals(1, of.size(), changes.toString());
        return of.get(0);
    }
}
