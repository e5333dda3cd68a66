package io.privkit.fairness.oversight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privkit.common.DataFormatException;
import io.privkit.evidence.Estimate;
import io.privkit.evidence.HumanOversightEvidence;
import io.privkit.evidence.InputRef;
import io.privkit.evidence.Subject;
import io.privkit.evidence.Verdict;
import io.privkit.fairness.FavourableOutcome;
import io.privkit.fairness.report.OversightRecords;
import io.privkit.fairness.stats.ConfidenceLevel;
import io.privkit.fairness.stats.ProportionMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OversightReportTest {
    @TempDir
    Path tmp;

    /** Seven decisions whose every measure is counted by hand in the test below. */
    static final String LOG = "rec,final,reviewer,group,outcome,initial,seconds,reason,seeded,time\n"
            + "1,1,r1,A,1,1,30,ok,,2026-03-01T09:00:00Z\n"
            + "1,0,r1,A,0,0,60,income verified,,2026-03-01T10:00:00Z\n"
            + "0,0,r2,B,1,0,20,,,2026-03-02T09:00:00Z\n"
            + "0,1,r2,B,1,0,45,seems wrong,1,2026-03-02T11:00:00Z\n"
            + "1,1,,A,1,,,,,2026-03-03T09:00:00Z\n"
            + "0,0,r1,B,0,1,10,,,2026-03-03T10:00:00Z\n"
            + "1,1,r2,A,0,1,5,,1,2026-03-04T09:00:00Z\n";

    private OversightAccumulator read(String text) throws Exception {
        Path f = tmp.resolve("log.csv");
        Files.writeString(f, text);
        return reader().read(f);
    }

    private static DecisionLogReader reader() {
        return DecisionLogReader.builder().recommendation("rec").decision("final").favourable(FavourableOutcome.POSITIVE_CLASS)
                .column(DecisionLogReader.Column.REVIEWER, "reviewer").column(DecisionLogReader.Column.GROUP, "group")
                .column(DecisionLogReader.Column.OUTCOME, "outcome").column(DecisionLogReader.Column.INITIAL, "initial")
                .column(DecisionLogReader.Column.SECONDS, "seconds").column(DecisionLogReader.Column.RATIONALE, "reason")
                .column(DecisionLogReader.Column.SEEDED, "seeded").column(DecisionLogReader.Column.TIME, "time").build();
    }

    private static void rate(Estimate e, long k, long n) {
        assertEquals(k, e.numerator(), e.name());
        assertEquals(n, e.denominator(), e.name());
        assertEquals((double) k / n, e.value(), 1e-15, e.name());
        assertTrue(e.ci().contains(e.value()), e.name());
    }

    @Test
    void report_handCountedLog_everyMeasure() throws Exception {
        OversightReport r = OversightReport.of(read(LOG), ConfidenceLevel.NINETY_FIVE, ProportionMethod.WILSON, ReviewLogging.LOGGED);
        assertEquals(7, r.decisions());
        assertEquals(Instant.parse("2026-03-01T09:00:00Z"), r.period().from());
        rate(r.reviewCoverage(), 6, 7);
        rate(r.overrideRate(), 2, 6);
        assertEquals("favourable-to-unfavourable", r.byDirection().get(0).level());
        rate(r.byDirection().get(0).estimate(), 1, 3);
        rate(r.byDirection().get(1).estimate(), 1, 3);
        assertEquals(List.of("r1", "r2"), r.byReviewer().stream().map(HumanOversightEvidence.Breakdown::level).toList());
        rate(r.byGroup().get(0).estimate(), 1, 3);
        rate(r.commissionErrorRate(), 2, 4);
        rate(r.omissionErrorRate(), 1, 2);
        rate(r.modelErrorRate(), 4, 7);
        rate(r.finalErrorRate(), 2, 7);
        rate(r.rair(), 1, 1);
        rate(r.rsr(), 1, 1);
        rate(r.rationaleRate(), 3, 6);
        rate(r.seededCatchRate(), 1, 2);
        assertEquals(25.0, r.timeOnTask().medianSeconds(), 1e-12);
        assertEquals(7.5, r.timeOnTask().p10Seconds(), 1e-12);
        assertNull(r.contestations());
        assertTrue(r.interpretation().startsWith(HumanOversightEvidence.DEFAULT_INTERPRETATION));
        assertTrue(r.interpretation().contains("overrode 33.3% of reviewed recommendations while the model was wrong in 57.1%"),
                r.interpretation());
    }

    @Test
    void accumulator_mergedHalves_equalWhole() throws Exception {
        String[] lines = LOG.split("\n");
        String header = lines[0] + "\n";
        StringBuilder first = new StringBuilder(header);
        StringBuilder second = new StringBuilder(header);
        for (int i = 1; i < lines.length; i++) {
            (i % 2 == 0 ? first : second).append(lines[i]).append('\n');
        }
        OversightAccumulator a = read(first.toString());
        a.merge(read(second.toString()));
        OversightReport merged = OversightReport.of(a, ConfidenceLevel.NINETY_FIVE, ProportionMethod.WILSON, ReviewLogging.LOGGED);
        OversightReport whole = OversightReport.of(read(LOG), ConfidenceLevel.NINETY_FIVE, ProportionMethod.WILSON, ReviewLogging.LOGGED);
        assertEquals(whole, merged);
    }

    @Test
    void report_withoutOutcomesOrReviewers_saysNotMeasured() {
        OversightAccumulator acc = new OversightAccumulator(FavourableOutcome.POSITIVE_CLASS, null);
        for (int i = 0; i < 50; i++) {
            acc.add(Decision.of(1, i < 2 ? 0 : 1).withReviewer("(not logged)"));
        }
        OversightReport r = OversightReport.of(acc, ConfidenceLevel.NINETY_FIVE, ProportionMethod.WILSON, ReviewLogging.NOT_LOGGED);
        assertFalse(r.reviewCoverage().defined());
        assertTrue(r.reviewCoverage().undefinedReason().startsWith("not measured"));
        assertFalse(r.commissionErrorRate().defined());
        assertEquals("not measured: no outcomes logged", r.commissionErrorRate().undefinedReason());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("No outcomes logged")));
        rate(r.overrideRate(), 2, 50);
    }

    @Test
    void report_selectiveAdherence_testedAcrossGroups() {
        OversightAccumulator acc = new OversightAccumulator(FavourableOutcome.POSITIVE_CLASS, null);
        // Group A overridden 10 of 200, group B 60 of 200: chi-squared far beyond any threshold.
        for (int i = 0; i < 200; i++) {
            acc.add(Decision.of(1, i < 10 ? 0 : 1).withReviewer("r").withGroup("A"));
            acc.add(Decision.of(1, i < 60 ? 0 : 1).withReviewer("r").withGroup("B"));
        }
        OversightReport r = OversightReport.of(acc, ConfidenceLevel.NINETY_FIVE, ProportionMethod.WILSON, ReviewLogging.LOGGED);
        assertTrue(r.groupTest().pValue() < 1e-9, "p " + r.groupTest().pValue());
        // 2x2 table {{10,190},{60,140}}: X^2 = 400 (10*140 - 190*60)^2 / (200*200*70*330).
        assertEquals(400.0 * Math.pow(10 * 140 - 190 * 60, 2) / (200.0 * 200 * 70 * 330), r.groupTest().statistic(), 1e-9);
    }

    @Test
    void read_badValues_nameRowAndColumn() throws Exception {
        DataFormatException e = assertThrows(DataFormatException.class, () -> read(LOG.replace("\n0,1,r2,B,1,0,45", "\n0,1,r2,B,1,0,-4")));
        assertTrue(e.getMessage().contains("row 5, column 'seconds': the value must be a finite number >= 0; got \"-4\""), e.getMessage());
        DataFormatException t = assertThrows(DataFormatException.class, () -> read(LOG.replace("2026-03-04T09:00:00Z", "yesterday")));
        assertTrue(t.getMessage().contains("column 'time': the time must be ISO-8601"), t.getMessage());
        DataFormatException c = assertThrows(DataFormatException.class, () -> read(LOG.replace("\n1,1,,A", "\n1,2,,A")));
        assertTrue(c.getMessage().contains("column 'final': the value must be \"1\" or \"0\"; got \"2\""), c.getMessage());
    }

    @Test
    void evidence_informationalRecordWithCaveatAndDigest() throws Exception {
        Path f = tmp.resolve("log.csv");
        Files.writeString(f, LOG);
        OversightReport r = OversightReport.of(reader().read(f), ConfidenceLevel.NINETY_FIVE, ProportionMethod.WILSON, ReviewLogging.LOGGED);
        HumanOversightEvidence ev = OversightRecords.of(r, Subject.system("Loans"), InputRef.ofFile("decision-log", f, 7L),
                Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC));
        assertEquals(Verdict.INFORMATIONAL, ev.header().verdict());
        assertEquals(7, ev.decisionLog().n());
        assertEquals(r.overrideRate(), ev.overrideRate().overall());
        assertTrue(ev.interpretationNote().startsWith(HumanOversightEvidence.DEFAULT_INTERPRETATION));
        assertTrue(ev.header().claimsNotMade().contains("A low override rate is not evidence that review is meaningful."));
        assertEquals(r.modelErrorRate(), ev.modelErrorRate());
    }
}
