package io.privkit.examples.datascientist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.Randomness;
import io.privkit.evidence.EvidenceJson;
import io.privkit.evidence.PrivacyBudgetEvidence;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the data scientist's DP-SGD quick starts at small size: on the real data when it is
 * installed (Debian packages dataset-fashion-mnist and python3-sklearn), on generated stand-in
 * data otherwise. The full Fashion-MNIST figure is produced by running the quick start's main.
 */
class DpSgdQuickstartsTest {
    @TempDir
    Path tmp;

    @Test
    void fashionMnist_smallRun_bothModelsLearnAndTheRecordCarriesTheBudget() throws Exception {
        Path folder = FashionMnist.present(FashionMnist.DEBIAN_FOLDER) ? FashionMnist.DEBIAN_FOLDER : null;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        FashionMnistQuickstart.Outcome o = FashionMnistQuickstart.run(FashionMnistQuickstart.Settings.small(folder, 5),
                tmp.resolve("budget.db"), new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        // 10 classes: chance is 10%. A few hundred noisy steps on 2 000 images must beat it clearly.
        assertTrue(o.baselineAccuracy() > 0.5, out);
        assertTrue(o.privateAccuracy() > 0.3, out);
        PrivacyBudgetEvidence e = o.evidence();
        assertTrue(e.epsilon() <= 3.0, out);
        assertEquals(o.privateAccuracy(), e.utility().dpValue(), 0.0);
        assertEquals(o.baselineAccuracy(), e.utility().nonPrivateBaseline(), 0.0);
        assertTrue(e.implementationHygiene().fixedSeed(), "the test run is seeded and the record says so");
        assertTrue(out.contains("non-private baseline: ") && out.contains("DP-SGD: ") && out.contains("test accuracy at epsilon = "), out);
        Path json = tmp.resolve("record.json");
        EvidenceJson.write(e, json);
        assertEquals(e, EvidenceJson.read(json));
        assertEquals(5.0, e.ledger().budgetEpsilon(), 0.0);
        assertEquals(0.0, e.ledger().spentBefore(), 0.0);
        assertTrue(out.contains("ledger " + tmp.resolve("budget.db")), out);

        // The same run again against the same ledger: refused before any private step, ledger unchanged.
        long entries;
        try (var ledger = FashionMnistQuickstart.ledger(tmp.resolve("budget.db"), 5.0)) {
            entries = ledger.history().size();
            assertEquals(o.result().stepsReserved(), entries, "one ledger entry per step");
        }
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> FashionMnistQuickstart.run(
                FashionMnistQuickstart.Settings.small(folder, 6), tmp.resolve("budget.db"), new PrintStream(new ByteArrayOutputStream(),
                        true, StandardCharsets.UTF_8)));
        assertTrue(refused.getMessage().contains("must be able to pay for the"), refused.getMessage());
        try (var ledger = FashionMnistQuickstart.ledger(tmp.resolve("budget.db"), 5.0)) {
            assertEquals(entries, ledger.history().size());
        }
    }

    @Test
    void fashionMnist_missingFolder_saysWhatToInstall() {
        NoSuchFileException ex = assertThrows(NoSuchFileException.class,
                () -> FashionMnistQuickstart.run(FashionMnistQuickstart.Settings.small(tmp.resolve("nothing"), 1), tmp.resolve("budget.db"),
                        System.out));
        assertTrue(ex.getReason().contains("apt-get install dataset-fashion-mnist"), ex.getReason());
    }

    @Test
    void tabularLogistic_run_privateModelNearTheBaseline() throws Exception {
        Path csv = Files.isRegularFile(TabularLogisticQuickstart.DEBIAN_CSV) ? TabularLogisticQuickstart.DEBIAN_CSV : null;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        TabularLogisticQuickstart.Outcome o = TabularLogisticQuickstart.run(csv, 1.0, Randomness.insecureSeeded(3),
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(o.baselineAccuracy() > 0.9, out);
        // 114 test rows; the majority class alone scores 0.63.
        assertTrue(o.privateAccuracy() > 0.8, out);
        assertTrue(o.evidence().epsilon() <= 1.0, out);
        assertTrue(o.evidence().accessesNotCovered().stream().anyMatch(a -> a.startsWith("feature ranges")),
                o.evidence().accessesNotCovered().toString());
    }
}
